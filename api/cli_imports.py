"""`rapport import ...` and `rapport member add`: stage, preview, approve and undo imports.

    rapport import PROFILE FILE [--dry-run] [--as MEMBER] [--mapping manifest.yaml] [--json]
    rapport import status|preview|approve|undo BATCH [--json]
    rapport import resolve BATCH N --merge|--split [--json]
    rapport import profiles
    rapport import suggest FILE [--out manifest.yaml]
    rapport member add NAME EMAIL [--title T] [--bu B]

`import` is a Python keyword, so the sub-app is built here and registered under that name;
`rapport import PROFILE FILE` is routed to a hidden `run` command by the group class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from graph.errors import InvalidInput
from graph.imports import ImportService, Preview, ProbableDuplicate, UndoResult
from graph.imports.models import Progress

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


class _ImportGroup(TyperGroup):
    """Sends `import PROFILE FILE ...` to the hidden `run` command; subcommands win."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@contextmanager
def _open_service() -> Iterator[ImportService]:
    from api.cli import open_configured_store
    from graph.evidence import open_evidence
    from graph.settings import get_settings

    with open_configured_store() as store:
        evidence = open_evidence(get_settings())
        try:
            yield ImportService(store, evidence)
        finally:
            evidence.close()


@contextmanager
def rows_progress() -> Iterator[Progress]:
    """A bar on stderr (when it is a terminal) fed by the import's per-chunk progress:
    a row counter while staging (the total is not known until the file is read), a bar
    with the rows left while committing."""
    import sys

    from tqdm import tqdm

    with tqdm(unit=" rows", unit_scale=True, file=sys.stderr, leave=False,
              disable=not sys.stderr.isatty()) as bar:
        def update(phase: str, done: int, total: int | None) -> None:
            if bar.total != total:
                bar.reset(total=total)
            bar.set_description(phase)
            bar.update(done - bar.n)
        yield update


def _approve_and_rescore(service: ImportService, batch: int, quiet: bool) -> Any:
    """Commit the batch, then rescore the relationships its new interactions touch."""
    from api.rescore_hook import rescore_after_import

    with rows_progress() as progress:
        preview = service.approve(batch, progress=progress)
    report = rescore_after_import(service.store, service.evidence, batch)
    if report is not None and not quiet:
        typer.echo(f"Rescored {report.pairs_scored:,} relationships touched by the new "
                   f"interactions ({report.ties_created:,} new ties).", err=True)
    return preview


def open_service() -> AbstractContextManager[ImportService]:
    """The import service on the configured graph and evidence store (tests replace it)."""
    return _open_service()


def _counts_line(name: str, c: Any) -> str:
    parts = [f"{c.new} new", f"{c.updated} updated"]
    if c.merged:
        parts.append(f"{c.merged} merged")
    parts.append(f"{c.unchanged} unchanged")
    if c.duplicates_in_file:
        parts.append(f"{c.duplicates_in_file} duplicate rows folded in")
    return f"  {name:<16}" + ", ".join(parts)


def print_preview(p: Preview) -> None:
    if p.already_imported:
        typer.echo(f"This file was already imported as batch {p.batch_id} ({p.status}); "
                   "nothing to do.")
    typer.echo(f"Batch {p.batch_id}  {p.profile}  {p.file_name}  [{p.status}]")
    member = f", as member {p.member_id}" if p.member_id else ""
    typer.echo(f"  {p.rows} rows, {p.rejected} rejected{member}")
    if p.detected_profile_confidence is not None:
        typer.echo(f"  profile detected from the header ({p.detected_profile_confidence:.0%})")
    if p.nodes:
        typer.echo("Nodes:")
        for label, c in sorted(p.nodes.items()):
            typer.echo(_counts_line(label, c))
    if p.relationships:
        typer.echo("Relationships:")
        for rel, c in sorted(p.relationships.items()):
            typer.echo(_counts_line(rel, c))
    if p.probable_duplicates:
        typer.echo("Probable duplicates:")
        for d in p.probable_duplicates:
            typer.echo(f"  #{d.number} row {d.row}: {d.name} ~ {d.candidate_name} "
                       f"({d.candidate_id}) score {d.score:.2f}, {_verdict(d)}: {d.reason}")
        if p.status == "staged":
            typer.echo(f"  Decide with: rapport import resolve {p.batch_id} N --merge|--split")
    for conflict in p.conflicts:
        typer.echo(f"Conflict: {conflict}")
    if p.unmapped_columns:
        typer.echo(f"Unmapped columns (kept on the raw rows): {', '.join(p.unmapped_columns)}")
    if p.rejected_rows:
        typer.echo("Rejected rows:")
        for r in p.rejected_rows[:50]:
            reasons = "; ".join(f"{k}: {v}" for k, v in r.reasons.items())
            typer.echo(f"  row {r.row}: {reasons}")
        if len(p.rejected_rows) > 50:
            typer.echo(f"  ... and {len(p.rejected_rows) - 50} more")
    for note in p.notes:
        typer.echo(f"Note: {note}")
    if p.status == "staged":
        typer.echo(f"Approve with: rapport import approve {p.batch_id}")


def _verdict(d: ProbableDuplicate) -> str:
    if d.decision == "merge":
        return "merge (decided)"
    if d.decision == "split":
        return "split (decided)"
    return "merged" if d.merged else "kept apart"


def _print_undo(result: UndoResult) -> None:
    typer.echo(f"Batch {result.batch_id} undone: deleted {result.deleted_nodes} nodes and "
               f"{result.deleted_relationships} relationships, restored "
               f"{result.restored_nodes} nodes and {result.restored_relationships} "
               "relationships.")


def register(app: typer.Typer, json_echo: Callable[[Any], None]) -> None:
    """Add `import ...` and `member ...` to the main app (json_echo prints JSON)."""
    imports = typer.Typer(cls=_ImportGroup, no_args_is_help=True,
                          help="Import exports: rapport import PROFILE FILE [--dry-run] "
                          "[--as MEMBER] [--mapping manifest.yaml]; then status, preview, "
                          "approve or undo BATCH.")
    members = typer.Typer(no_args_is_help=True, help="Team members.")

    def show(preview: Preview, as_json: bool) -> None:
        if as_json:
            json_echo(preview.model_dump(mode="json"))
        else:
            print_preview(preview)

    @imports.command("run", hidden=True)
    def run(
        profile: Annotated[str, typer.Argument(help="Profile name, or 'auto'.")],
        file: Annotated[Path, typer.Argument(
            help="The export file (for mail: an mbox, an .eml, or a folder of .eml).")],
        dry_run: Annotated[bool, typer.Option(
            "--dry-run", help="Stage and preview only; approve later.")] = False,
        member: Annotated[str | None, typer.Option(
            "--as", help="Member who owns these connections (id, email or name).")] = None,
        mapping: Annotated[Path | None, typer.Option(
            "--mapping", help="YAML mapping manifest (generic CSV, or overrides).")] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Stage FILE with PROFILE, print the preview, and (without --dry-run) commit it."""
        from graph.imports import load_manifest
        from graph.imports.readers import eml_folder_to_mbox

        try:
            data = eml_folder_to_mbox(file) if file.is_dir() else file.read_bytes()
        except OSError as e:
            raise InvalidInput(f"cannot read {file}: {e.strerror}") from e
        manifest = load_manifest(mapping) if mapping else None
        with open_service() as service, rows_progress() as progress:
            preview = service.stage(profile, file.name, data, member=member, mapping=manifest,
                                    progress=progress)
            if not dry_run and preview.status == "staged":
                preview = _approve_and_rescore(service, preview.batch_id, as_json)
        show(preview, as_json)

    @imports.command("status")
    def status(batch: int, as_json: JsonOpt = False) -> None:
        """Where a batch stands (staged, approved, committed, undone) and when."""
        with open_service() as service:
            record = service.evidence.batch(batch)
        if as_json:
            json_echo(record.model_dump(mode="json", exclude={"preview"}))
            return
        typer.echo(f"Batch {record.id}  {record.profile}  {record.file_name}  "
                   f"[{record.status}]")
        typer.echo(f"  sha256 {record.sha256}")
        typer.echo(f"  {record.row_count} rows, {record.rejected_count} rejected")
        for what, at in (("staged", record.created_at), ("approved", record.approved_at),
                         ("committed", record.committed_at), ("undone", record.undone_at)):
            if at is not None:
                typer.echo(f"  {what:<10}{at:%Y-%m-%d %H:%M:%S %Z}")

    @imports.command("preview")
    def preview(batch: int, as_json: JsonOpt = False) -> None:
        """What the batch would change (or changed) in the graph."""
        with open_service() as service:
            show(service.preview(batch), as_json)

    @imports.command("resolve")
    def resolve(
        batch: int,
        number: Annotated[int, typer.Argument(help="The duplicate's # in the preview.")],
        merge: Annotated[bool, typer.Option("--merge", help="Merge into the candidate.")] = False,
        split: Annotated[bool, typer.Option("--split", help="Keep apart: a new node.")] = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Decide a probable duplicate of a staged batch before approving it."""
        if merge == split:
            raise InvalidInput("pass exactly one of --merge or --split")
        with open_service() as service:
            result = service.decide_duplicate(batch, number, "merge" if merge else "split")
        if as_json:
            json_echo(result.model_dump(mode="json"))
            return
        d = result.duplicate
        typer.echo(f"Batch {batch} duplicate #{number} ({d.name} ~ {d.candidate_name}): "
                   f"{result.decision}. Approve with: rapport import approve {batch}")

    @imports.command("approve")
    def approve(batch: int, as_json: JsonOpt = False) -> None:
        """Approve a staged batch and commit it to the graph."""
        with open_service() as service:
            show(_approve_and_rescore(service, batch, as_json), as_json)

    @imports.command("undo")
    def undo(batch: int, as_json: JsonOpt = False) -> None:
        """Remove what the batch added and restore what it changed."""
        with open_service() as service:
            result = service.undo(batch)
        if as_json:
            json_echo(result.model_dump(mode="json"))
        else:
            _print_undo(result)

    @imports.command("suggest")
    def suggest(
        file: Annotated[Path, typer.Argument(help="A CSV whose columns match no profile.")],
        out: Annotated[Path | None, typer.Option(
            "--out", help="Write the manifest here instead of printing it.")] = None,
    ) -> None:
        """Propose a mapping manifest (YAML) from FILE's header and sample values (reviewed
        by the LLM when RAPPORT_LLM_CONFIG is set: it sees column names and masked value
        shapes only); edit it, then import with: rapport import generic FILE --mapping
        manifest.yaml"""
        from graph.imports.suggest import manifest_yaml, suggest_manifest
        from intel.llm.settings import get_llm_settings
        from intel.manifest import build_manifest_reviewer

        try:
            data = file.read_bytes()
        except OSError as e:
            raise InvalidInput(f"cannot read {file}: {e.strerror}") from e
        reviewer = build_manifest_reviewer(get_llm_settings())
        text = manifest_yaml(suggest_manifest(data, reviewer=reviewer))
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
            typer.echo(f"wrote {out}; edit it, then: rapport import generic {file.name} "
                       f"--mapping {out.name}")

    @imports.command("profiles")
    def profiles(as_json: JsonOpt = False) -> None:
        """The import profiles."""
        from graph.imports import PROFILES

        listing = {name: p.description for name, p in PROFILES.items()}
        if as_json:
            json_echo(listing)
            return
        for name, description in listing.items():
            typer.echo(f"  {name:<26}{description}")

    @members.command("add")
    def member_add(
        name: str, email: str,
        title: Annotated[str | None, typer.Option(help="Job title.")] = None,
        bu: Annotated[str | None, typer.Option("--bu", help="Business unit.")] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Add a team member (imports are made as one with --as)."""
        with open_service() as service:
            member = service.add_member(name, email, title=title, business_unit=bu)
        if as_json:
            json_echo(member.model_dump(mode="json"))
        else:
            typer.echo(f"Member {member.name} <{member.email}> added as {member.id}.")

    app.add_typer(imports, name="import")
    app.add_typer(members, name="member")
