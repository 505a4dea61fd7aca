"""`/v1/{contacts,accounts,deals,properties,members}`: list (filters, cursor pages), get,
create, update (If-Match), archive (DELETE archives; nothing is deleted).

One router per entity kind, built from its spec; operation ids are stable:
list_contacts, get_contact, create_contact, update_contact, archive_contact, ...
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Response

from api.auth.deps import PrincipalDep
from api.auth.roles import Principal
from api.deps import StoreDep
from api.entities.service import EntityService, Page
from api.entities.specs import SPECS, EntitySpec
from graph.errors import Forbidden

IdPath = Annotated[str, Path(min_length=1, max_length=128)]
IfMatch = Annotated[str | None, Header(alias="If-Match", max_length=200,
                                       description="the ETag you read; 412 if it changed")]
_MISSING: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such record (or not visible to this key)"}}
_WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **_MISSING, 412: {"description": "If-Match is not the current ETag"},
    422: {"description": "Invalid field (named in the problem's detail)"}}


def _own_member_only(principal: Principal, entity_id: str) -> None:
    """Sellers edit their own member record (opt-outs, sharing), admins any."""
    if not principal.sees_everything and principal.member_id != entity_id:
        raise Forbidden("a member record can only be edited by that member or an admin")


def _reads(router: APIRouter, spec: EntitySpec) -> None:
    def list_entities(filters: Any, store: StoreDep, principal: PrincipalDep) -> Any:
        return EntityService(store, spec, principal).list(filters)

    def get_entity(entity_id: IdPath, store: StoreDep, principal: PrincipalDep,
                   response: Response) -> Any:
        public, response.headers["ETag"] = EntityService(store, spec, principal).get(entity_id)
        return public

    # The models differ per kind: set them on the shared handlers before FastAPI reads them.
    list_entities.__annotations__["filters"] = Annotated[spec.filters, Query()]
    router.add_api_route("", list_entities, methods=["GET"], operation_id=f"list_{spec.plural}",
                         summary=f"List {spec.plural}",
                         response_model=Page[spec.public])  # type: ignore[name-defined]
    router.add_api_route("/{entity_id}", get_entity, methods=["GET"], responses=_MISSING,
                         operation_id=f"get_{spec.singular}", response_model=spec.public,
                         summary=f"One {spec.singular} (with its ETag)")


def _writes(router: APIRouter, spec: EntitySpec) -> None:
    def create_entity(body: Any, store: StoreDep, principal: PrincipalDep,
                      response: Response) -> Any:
        public, response.headers["ETag"] = EntityService(store, spec, principal).create(body)
        return public

    def update_entity(entity_id: IdPath, body: Any, store: StoreDep, principal: PrincipalDep,
                      response: Response, if_match: IfMatch = None) -> Any:
        service = EntityService(store, spec, principal)
        if spec.label == "Member":
            service.get(entity_id)  # an unknown member is a 404 before any 403
            _own_member_only(principal, entity_id)
        public, response.headers["ETag"] = service.update(entity_id, body, if_match)
        return public

    def archive_entity(entity_id: IdPath, store: StoreDep, principal: PrincipalDep,
                       response: Response, if_match: IfMatch = None) -> Any:
        service = EntityService(store, spec, principal)
        public, response.headers["ETag"] = service.archive(entity_id, if_match)
        return public

    create_entity.__annotations__["body"] = spec.create
    update_entity.__annotations__["body"] = spec.update
    one, public = spec.singular, spec.public
    router.add_api_route("", create_entity, methods=["POST"], status_code=201,
                         operation_id=f"create_{one}", summary=f"Create a {one}",
                         response_model=public,
                         responses={409: {"description": "That id exists"},
                                    422: _WRITE_ERRORS[422]})
    router.add_api_route("/{entity_id}", update_entity, methods=["PATCH"],
                         operation_id=f"update_{one}", summary=f"Update a {one}",
                         response_model=public, responses=_WRITE_ERRORS)
    router.add_api_route("/{entity_id}", archive_entity, methods=["DELETE"],
                         operation_id=f"archive_{one}", responses=_WRITE_ERRORS,
                         summary=f"Archive a {one} (it leaves lists; nothing is deleted)",
                         response_model=public)


def entity_router(spec: EntitySpec) -> APIRouter:
    router = APIRouter(prefix=f"/v1/{spec.plural}", tags=[spec.plural])
    _reads(router, spec)
    _writes(router, spec)
    return router


ROUTERS: tuple[APIRouter, ...] = tuple(entity_router(spec) for spec in SPECS)
