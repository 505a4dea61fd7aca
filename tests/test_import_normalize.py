"""The folded forms identity resolution compares names and companies by."""

from __future__ import annotations

import unicodedata

import pytest

from graph.imports.normalize import company_key, fold, name_key


@pytest.mark.parametrize(("text", "folded"), [
    ("João  Müller", "joao muller"),
    ("Ana Lima", "ana lima"),
    ("O'Brien-Smith, Jr.", "o brien smith jr"),
    ("ŁUKASZ Żółć", "łukasz zołc"),
    ("ﬁnance", "finance"),
    ("Straße", "strasse"),
    ("tab\tname\n", "tab name"),
    ("  ", ""),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_ascii_and_decomposed_forms_fold_alike() -> None:
    # ASCII text skips the Unicode decomposition: the same name typed with an accent,
    # precomposed or decomposed, folds to what its plain spelling does.
    for name in ("Jose Muller", "José Müller", unicodedata.normalize("NFD", "José Müller")):
        assert fold(name) == "jose muller"


def test_keys() -> None:
    assert name_key("  ") is None and name_key(None) is None
    assert name_key("Zoë Øster") == fold("Zoë Øster")
    assert company_key("Acme, Inc.") == company_key("ACME") == "acme"
