"""Import pipeline: profiles (readers of real exports), mapping, validation, identity
resolution, staging in the evidence store, commit to the graph and undo."""

from graph.imports.errors import BatchStateError, ImportFormatError
from graph.imports.mapping import Mapping, load_manifest, parse_manifest
from graph.imports.models import (
    DuplicateDecisionRequest,
    DuplicateDecisionResult,
    EntityCounts,
    Preview,
    ProbableDuplicate,
    UndoResult,
)
from graph.imports.profiles import PROFILES, detect, get_profile
from graph.imports.service import ImportService

__all__ = ["PROFILES", "BatchStateError", "DuplicateDecisionRequest",
           "DuplicateDecisionResult", "EntityCounts", "ImportFormatError", "ImportService",
           "Mapping", "Preview", "ProbableDuplicate", "UndoResult", "detect", "get_profile",
           "load_manifest", "parse_manifest"]
