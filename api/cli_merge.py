"""`rapport merge contact|account KEEP OTHER`: one record survives with both histories."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

Keep = Annotated[str, typer.Argument(help="Id of the record that survives.")]
Other = Annotated[str, typer.Argument(help="Id of the record merged into it (removed).")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _merge(label: str, keep: str, other: str, as_json: bool,
           json_echo: Callable[[Any], None]) -> None:
    from api.cli import open_configured_store
    from graph.evidence import open_evidence
    from graph.imports.merge import merge_nodes
    from graph.settings import get_settings

    with open_configured_store() as store:
        evidence = open_evidence(get_settings())
        try:
            result = merge_nodes(store, evidence, label, keep, other)  # type: ignore[arg-type]
        finally:
            evidence.close()
    if as_json:
        json_echo(result.model_dump(mode="json"))
        return
    moved = ", ".join(f"{n} {t}" for t, n in sorted(result.moved.items())) or "nothing"
    typer.echo(f"Merged {label.lower()} {other} into {keep}: moved {moved}; filled "
               f"{', '.join(result.filled_fields) or 'no fields'}; {other} is gone.")


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    merge_app = typer.Typer(no_args_is_help=True, help="Merge two records that are the same.")

    @merge_app.command("contact")
    def merge_contact(keep: Keep, other: Other, as_json: JsonFlag = False) -> None:
        """Merge contact OTHER into KEEP."""
        _merge("Contact", keep, other, as_json, json_echo)

    @merge_app.command("account")
    def merge_account(keep: Keep, other: Other, as_json: JsonFlag = False) -> None:
        """Merge account OTHER into KEEP."""
        _merge("Account", keep, other, as_json, json_echo)

    app.add_typer(merge_app, name="merge")
