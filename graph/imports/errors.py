"""Import errors: a whole file is refused with one line that names the row or the field."""

from __future__ import annotations

from graph.errors import InvalidInput, RapportError
from graph.evidence.store import BatchStateError


class ImportFormatError(InvalidInput):
    """The file cannot be read as the chosen export (binary, empty, wrong profile ...)."""

    type = "import-format"
    title = "Unreadable import file"


class StalePlan(RapportError):
    """The graph changed under a staged plan while approve was committing it (another
    writer): what it committed is reverted and the batch resolved again."""


class ReaderProcessError(RapportError):
    """The process reading a large file ahead of the resolver failed or stopped."""


__all__ = ["BatchStateError", "ImportFormatError", "ReaderProcessError", "StalePlan"]
