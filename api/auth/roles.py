"""Roles and what each may do: the one permission table every route is checked against."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Role(StrEnum):
    VIEWER = "viewer"
    SELLER = "seller"
    ADMIN = "admin"
    AGENT = "agent"


class Permission(StrEnum):
    READ = "read"            # GET on entities, stats, relationships, coverage, scores
    SEARCH = "search"        # semantic / full-text search (issue 5)
    INTROS = "intros"        # warm-introduction paths
    ASK = "ask"              # questions in plain language (issue 6)
    WRITE = "write"          # create, update, archive entities; move a deal's stage
    IMPORT = "import"        # stage, preview, approve, undo imports; duplicate decisions
    MERGE = "merge"          # merge two records
    KEYS = "keys"            # issue, list and revoke API keys
    TEAM = "team"            # add or archive team members (members edit their own record)
    AUDIT = "audit"          # read the API audit trail


_READER = frozenset({Permission.READ, Permission.SEARCH})
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: _READER,
    Role.SELLER: _READER | {Permission.INTROS, Permission.ASK, Permission.WRITE},
    Role.AGENT: _READER | {Permission.INTROS, Permission.ASK},
    Role.ADMIN: frozenset(Permission),
}


class Principal(BaseModel):
    """Who is calling: the key, its role and the member it acts for (if any)."""

    model_config = ConfigDict(frozen=True)

    key_id: str
    role: Role
    member_id: str | None = None

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def sees_everything(self) -> bool:
        """Admins see members' personal networks (they run the imports that hold them)."""
        return self.role is Role.ADMIN
