"""The record tools (find_warm_intros, get_entity) and TOOLS, every tool the server lists
(the intelligence tools are in intel_tools.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.auth.roles import Permission
from api.entities import models as m
from api.entities.service import EntityService
from api.entities.specs import SPECS
from api.mcp_server.intel_tools import INTEL_TOOLS
from api.mcp_server.registry import Tool, ToolContext
from intel.intros import IntroFinder, IntroRequest, IntroResult, get_intro_settings

Kind = Literal["contact", "account", "deal", "property", "member"]
_SPEC_BY_KIND = {s.singular: s for s in SPECS}


class GetEntity(BaseModel):
    kind: Kind = Field(description="what the id names")
    id: str = Field(min_length=1, max_length=128,
                    description="the record's id, e.g. from find_warm_intros or search")


class EntityAnswer(BaseModel):
    kind: Kind
    etag: str
    entity: (m.ContactPublic | m.AccountPublic | m.DealPublic | m.PropertyPublic
             | m.MemberPublic)


def _find_warm_intros(ctx: ToolContext, args: BaseModel) -> BaseModel:
    assert isinstance(args, IntroRequest)
    return IntroFinder(ctx.store, get_intro_settings()).find(args)


def _get_entity(ctx: ToolContext, args: BaseModel) -> BaseModel:
    assert isinstance(args, GetEntity)
    service = EntityService(ctx.store, _SPEC_BY_KIND[args.kind], ctx.principal)
    public, etag = service.get(args.id)
    return EntityAnswer.model_validate({"kind": args.kind, "etag": etag, "entity": public})


TOOLS: tuple[Tool, ...] = (
    Tool("find_warm_intros",
         "Find who can introduce a team member (or anyone on the team) to a person or to "
         "the people at an account. Give `to` (a name, email or id) or `to_account` (name, "
         "domain or id); optionally `from_member`. Returns ranked paths, each hop with its "
         "strength (0-100) and why, the teammates who know the target directly, and a "
         "drafted intro request. An empty `paths` comes with `no_path` saying what to relax.",
         IntroRequest, IntroResult, Permission.INTROS, _find_warm_intros),
    Tool("get_entity",
         "Read one record by kind and id: a contact, account, deal, property or team member "
         "with every field and its ETag. Use ids returned by other tools. People who are "
         "only in a colleague's personal network are not readable (ask for an intro path).",
         GetEntity, EntityAnswer, Permission.READ, _get_entity),
    *INTEL_TOOLS,
)
