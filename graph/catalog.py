"""The named-query catalog: `.cypher` files under the `cypher` package, loaded by name.

A file may start with `//` header lines: `// mode: read|write|schema` and
`// example: {json params}` (used by the catalog test to run every file). A dialect variant
`name.falkordb.cypher` / `name.neo4j.cypher` beside `name.cypher` wins for that engine.
Schema files may hold several statements, each ending with `;` at the end of a line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any, Literal

from graph.errors import QueryNotFound

Mode = Literal["read", "write", "schema"]
DIALECTS = ("falkordb", "neo4j")
_SUFFIX = ".cypher"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    dialect: str | None
    text: str
    mode: Mode
    example: dict[str, Any] = field(default_factory=dict)

    @property
    def statements(self) -> tuple[str, ...]:
        """Statements of a (schema) file, split on a `;` that ends a line."""
        parts = [p.strip() for p in self.text.split(";\n")]
        return tuple(p.removesuffix(";").strip() for p in parts if p.strip())


def _parse(name: str, dialect: str | None, raw: str) -> NamedQuery:
    header: dict[str, str] = {}
    body: list[str] = []
    for line in raw.splitlines():
        stripped = line.strip()
        if not body and stripped.startswith("//"):
            key, sep, value = stripped[2:].strip().partition(":")
            if sep and key.strip() in ("mode", "example"):
                header[key.strip()] = value.strip()
            continue
        body.append(line)
    mode = header.get("mode", "read")
    if mode not in ("read", "write", "schema"):
        raise QueryNotFound(f"{name}: unknown mode {mode!r} in header")
    example = json.loads(header["example"]) if "example" in header else {}
    return NamedQuery(name, dialect, "\n".join(body).strip(), mode, example)  # type: ignore[arg-type]


@lru_cache(maxsize=1024)
def _load(package: str, name: str, dialect: str) -> NamedQuery:
    root = files(package)
    for variant in (dialect, None):
        rel = f"{name}.{variant}{_SUFFIX}" if variant else f"{name}{_SUFFIX}"
        resource = root.joinpath(*rel.split("/"))
        if resource.is_file():
            return _parse(name, variant, resource.read_text(encoding="utf-8"))
    raise QueryNotFound(f"no query named {name!r} for {dialect} in cypher/")


def _walk(node: Traversable, prefix: str) -> list[str]:
    found: list[str] = []
    for child in node.iterdir():
        if child.is_dir() and not child.name.startswith("__"):
            found += _walk(child, f"{prefix}{child.name}/")
        elif child.name.endswith(_SUFFIX):
            stem = child.name.removesuffix(_SUFFIX)
            base, _, variant = stem.rpartition(".")
            found.append(prefix + (base if variant in DIALECTS and base else stem))
    return found


class Catalog:
    """Named queries for one dialect. Files are read once per process (cached)."""

    def __init__(self, dialect: str, package: str = "cypher") -> None:
        if dialect not in DIALECTS:
            raise ValueError(f"unknown dialect {dialect!r}")
        self.dialect = dialect
        self.package = package

    def get(self, name: str) -> NamedQuery:
        return _load(self.package, name, self.dialect)

    def names(self) -> list[str]:
        """Every query name available to this dialect (portable or variant)."""
        names = sorted(set(_walk(files(self.package), "")))
        return [n for n in names if self._has(n)]

    def _has(self, name: str) -> bool:
        try:
            self.get(name)
        except QueryNotFound:
            return False
        return True
