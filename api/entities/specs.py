"""One spec per entity kind: its label, models, filters and id prefix. The service and the
router factory are written once against this shape."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from api.entities import filters as f
from api.entities import models as m
from graph.model import Account, Contact, Deal, GraphNode, Member, Property


@dataclass(frozen=True)
class EntitySpec:
    label: str
    singular: str            # operation ids: get_contact, list_contacts ...
    plural: str              # URL segment and tag
    id_prefix: str
    node: type[GraphNode]    # the canonical model every write is validated against
    create: type[BaseModel]
    update: type[BaseModel]
    public: type[BaseModel]
    filters: type[f.Paging]

    @property
    def queries(self) -> str:
        return f"entities/{self.singular}"

    @property
    def load_query(self) -> str:
        return f"load/nodes/{self.singular}"


SPECS: tuple[EntitySpec, ...] = (
    EntitySpec("Contact", "contact", "contacts", "ct", Contact, m.ContactCreate,
               m.ContactUpdate, m.ContactPublic, f.ContactFilters),
    EntitySpec("Account", "account", "accounts", "acc", Account, m.AccountCreate,
               m.AccountUpdate, m.AccountPublic, f.AccountFilters),
    EntitySpec("Deal", "deal", "deals", "deal", Deal, m.DealCreate, m.DealUpdate,
               m.DealPublic, f.DealFilters),
    EntitySpec("Property", "property", "properties", "prop", Property, m.PropertyCreate,
               m.PropertyUpdate, m.PropertyPublic, f.PropertyFilters),
    EntitySpec("Member", "member", "members", "mem", Member, m.MemberCreate, m.MemberUpdate,
               m.MemberPublic, f.MemberFilters),
)
SPEC_BY_LABEL: dict[str, EntitySpec] = {s.label: s for s in SPECS}
