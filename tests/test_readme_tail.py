"""The README's commands from `rapport reset --yes` on, in order, on a data folder of their
own (see test_readme.py: in a file apart so it runs beside the first part)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.test_readme import readme_parts, run_in_order

pytestmark = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")),
                                reason="README runs on the embedded default")


def test_the_readme_splits_where_it_resets() -> None:
    before_reset, from_reset = readme_parts()
    assert before_reset[0] == "rapport demo" and from_reset[0] == "rapport reset --yes"


@pytest.mark.slow
@pytest.mark.longest
@pytest.mark.timeout(600)
def test_readme_commands_from_reset_run(tmp_path: Path) -> None:
    _, from_reset = readme_parts()
    run_in_order(from_reset, tmp_path)
