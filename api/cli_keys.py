"""`rapport keys create|list|revoke`: API keys, stored hashed in PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from api.auth.keys import KeyStore
from api.auth.roles import Role

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@contextmanager
def open_keys() -> Iterator[KeyStore]:
    from graph.evidence import open_evidence
    from graph.settings import get_settings

    evidence = open_evidence(get_settings())
    try:
        yield KeyStore(evidence)
    finally:
        evidence.close()


def _member_id(member: str | None) -> str | None:
    """A member given by email is resolved to its id in the graph."""
    if member is None or "@" not in member:
        return member
    from api.cli import open_configured_store
    from intel.intros.resolve import resolve_member

    with open_configured_store() as store:
        return str(resolve_member(store, member)["id"])


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    keys_app = typer.Typer(no_args_is_help=True, help="API keys: create, list, revoke.")

    @keys_app.command("create")
    def create(
        role: Annotated[Role, typer.Option(help="viewer, seller, admin or agent.")],
        member: Annotated[str | None, typer.Option(
            help="The member (email or id) the key acts for.")] = None,
        label: Annotated[str, typer.Option(help="What the key is for.")] = "",
        as_json: JsonFlag = False,
    ) -> None:
        """Issue a key; its token is printed once and only its SHA-256 is stored."""
        member_id = _member_id(member)
        with open_keys() as keys:
            issued = keys.create(role, member_id=member_id, label=label, created_by="cli")
        if as_json:
            json_echo(issued.model_dump(mode="json"))
            return
        typer.echo(f"Created {issued.role.value} key {issued.id}"
                   + (f" for {member_id}" if member_id else "") + ". Its token (shown once):")
        typer.echo(issued.token)

    @keys_app.command("list")
    def list_keys(all_keys: Annotated[bool, typer.Option(
            "--all", help="Include revoked keys.")] = False, as_json: JsonFlag = False) -> None:
        """Keys with their role, member and last use (never their tokens)."""
        with open_keys() as keys:
            found = keys.list(include_revoked=all_keys)
        if as_json:
            json_echo([k.model_dump(mode="json") for k in found])
            return
        for key in found:
            used = key.last_used_at.isoformat(timespec="seconds") if key.last_used_at else "never"
            state = " REVOKED" if key.revoked_at else ""
            typer.echo(f"{key.id}  {key.role.value:<7} {key.member_id or '-':<12} "
                       f"last used {used}{state}  {key.label}")
        if not found:
            typer.echo("No keys (rapport keys create --role viewer).")

    @keys_app.command("revoke")
    def revoke(key_id: Annotated[str, typer.Argument(help="The key id (key_...).")],
               as_json: JsonFlag = False) -> None:
        """Refuse the key from now on."""
        with open_keys() as keys:
            revoked = keys.revoke(key_id)
        if as_json:
            json_echo(revoked.model_dump(mode="json"))
            return
        typer.echo(f"Revoked {revoked.id}.")

    app.add_typer(keys_app, name="keys")
