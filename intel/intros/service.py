"""Warm introductions: resolve, pull the neighbourhood, search exactly, explain."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from operator import itemgetter

from graph.errors import InvalidInput
from graph.store import GraphStore, Row
from intel.intros import explain
from intel.intros.graphview import NodeFacts
from intel.intros.models import (
    IntroPath,
    IntroRequest,
    IntroResult,
    NoPath,
    Person,
    Teammate,
)
from intel.intros.pull import NeighbourhoodPuller, Pulled
from intel.intros.resolve import Target, resolve_account, resolve_contact, resolve_member
from intel.intros.search import ScoredPath, SearchSpec, best_paths
from intel.intros.settings import IntroSettings


class IntroFinder:
    """`find()` answers one request; the store and settings are injected."""

    def __init__(self, store: GraphStore, settings: IntroSettings) -> None:
        self.store = store
        self.settings = settings

    def find(self, request: IntroRequest, *, now: datetime | None = None) -> IntroResult:
        k, max_hops = self._limits(request)
        # One look at the graph's write mark per request: reads it repeats since the last
        # write anywhere come from memory, exactly as the engine would answer them.
        self.reads = self.store.cached_reads()
        self.puller = NeighbourhoodPuller(self.store, self.reads,
                                          unscored_strength=self.settings.unscored_strength,
                                          max_rows=self.settings.max_rows)
        member = resolve_member(self.store, request.from_member) if request.from_member else None
        label, targets = self._targets(request)
        sources = {member["id"]: NodeFacts("Member")} if member else {}
        result = IntroResult(target=label, from_member=None, max_hops=max_hops, k=k,
                             diversity=request.diversity, paths=[])
        if not targets:
            result.no_path = NoPath(message=f"{label} has no people on record",
                                    nearest_hops=None)
            return result
        pulled = self.puller.pull(sources, {t.id: t.facts for t in targets.values()},
                                  max_hops, team=member is None)
        spec = self._spec(pulled, sources, targets, request, k, max_hops)
        paths = best_paths(pulled.view, spec, pulled.forward_depth)
        result.pulled_relationships = pulled.rows
        self._describe(result, paths, targets, pulled, now or datetime.now(UTC))
        if member is not None:
            result.from_member = self._people([member["id"]])[member["id"]]
            result.teammates = self._teammates(member["id"], targets)
        if not paths:
            result.no_path = self._no_path(label, max_hops, pulled, team=member is None)
        return result

    def _limits(self, request: IntroRequest) -> tuple[int, int]:
        k = request.k or self.settings.default_k
        hops = request.max_hops or self.settings.default_max_hops
        if hops > self.settings.hop_limit:
            raise InvalidInput(f"max_hops {hops} is above the limit of "
                               f"{self.settings.hop_limit}", hint="lower --max-hops")
        if k > self.settings.max_k:
            raise InvalidInput(f"k {k} is above the limit of {self.settings.max_k}")
        return k, hops

    def _targets(self, request: IntroRequest) -> tuple[str, dict[str, Target]]:
        if request.to is not None:
            target = resolve_contact(self.store, request.to)
            return target.name, {target.id: target}
        assert request.to_account is not None
        account, people = resolve_account(self.store, request.to_account, self.settings,
                                          request.include_former)
        return account["name"] or account["id"], {t.id: t for t in people}

    def _spec(self, pulled: Pulled, sources: Mapping[str, NodeFacts],
              targets: Mapping[str, Target], request: IntroRequest, k: int,
              max_hops: int) -> SearchSpec:
        team = frozenset(n for n, f in pulled.view.facts.items() if f.label == "Member")
        members = frozenset(sources) or team
        former = self._former_colleagues(pulled, targets)
        factor = self.settings.former_colleague_factor

        def last_hop(introducer: str, target: str) -> float:
            return factor if (introducer, target) in former else 1.0

        return SearchSpec(sources=members, targets={t.id: t.factor for t in targets.values()},
                          max_hops=max_hops, k=k, diversity=request.diversity,
                          hop_penalty=self.settings.hop_penalty, last_hop=last_hop,
                          avoid=team - members)

    def _former_colleagues(self, pulled: Pulled,
                           targets: Mapping[str, Target]) -> set[tuple[str, str]]:
        """(introducer, target) pairs where the introducer only used to work with them."""
        candidates = sorted({n for t in targets for n in pulled.view.neighbours(t)})
        if not candidates:
            return set()
        rows = self.store.read("intros/colleague_status",
                               {"targets": sorted(targets), "candidates": candidates})
        current = {(r["candidate"], r["target"]) for r in rows if r["current"]}
        return {(r["candidate"], r["target"]) for r in rows} - current

    def _teammates(self, member: str, targets: Mapping[str, Target]) -> list[Teammate]:
        rows = [r for r in self.puller.fetch_edges("intros/members_into", sorted(targets),
                                                   key="b")
                if r["a"] != member and not r["member_opt_out"]]
        rows.sort(key=lambda r: (-r["strength"], r["a"], r["b"]))
        people = self._people([n for r in rows[:5] for n in (r["a"], r["b"])]) if rows else {}
        return [Teammate(member=people[r["a"]], target=people[r["b"]],
                         strength=round(float(r["strength"]), 1)) for r in rows[:5]]

    def _people(self, ids: list[str]) -> dict[str, Person]:
        rows = self.reads.keyed("intros/node_facts", sorted(set(ids)), lambda missing: (
            self.store.read("intros/node_facts", {"ids": missing})), itemgetter("id"))
        return {r["id"]: explain.person(r) for r in rows}

    def _describe(self, result: IntroResult, paths: list[ScoredPath],
                  targets: Mapping[str, Target], pulled: Pulled, now: datetime) -> None:
        if not paths:
            return
        people = self._people([n for p in paths for n in p.nodes])
        pairs = sorted({(a, b) for p in paths for a, b in zip(p.nodes, p.nodes[1:], strict=False)})
        details = {(r["a"], r["b"]): r for r in self.reads.keyed(
            "intros/hop_details", pairs, self._hop_details, itemgetter("a", "b"))}
        for rank, path in enumerate(paths, start=1):
            result.paths.append(self._path(rank, path, people, details, targets, pulled, now))
        best_first_hop = max(result.paths, key=lambda p: (p.steps[0].strength, -p.rank))
        result.suggested_owner = best_first_hop.member
        top = result.paths[0]
        result.draft = explain.draft(top.member, top.people, top.steps)
        result.warnings = [f"{p.name} is marked do-not-contact" for p in
                           {q.target.id: q.target for q in result.paths}.values()
                           if p.do_not_contact]

    def _hop_details(self, pairs: list[tuple[str, str]]) -> list[Row]:
        return self.store.read("intros/hop_details",
                               {"pairs": [{"a": a, "b": b} for a, b in pairs]})

    def _path(self, rank: int, path: ScoredPath, people: Mapping[str, Person],
              details: Mapping[tuple[str, str], Row], targets: Mapping[str, Target],
              pulled: Pulled, now: datetime) -> IntroPath:
        nodes = [people[n] for n in path.nodes]
        steps = [explain.hop(people[a], people[b], details.get((a, b)),
                             pulled.view.weight(a, b), now)
                 for a, b in zip(path.nodes, path.nodes[1:], strict=False)]
        return IntroPath(rank=rank, score=round(path.score, 6), hops=path.hops, people=nodes,
                         steps=steps, member=nodes[0],
                         introducer=nodes[1] if path.hops > 1 else None, target=nodes[-1],
                         target_role=targets[path.nodes[-1]].role)

    def _no_path(self, label: str, max_hops: int, pulled: Pulled, team: bool) -> NoPath:
        from intel.intros.nearest import nearest_hops

        hops, searched = nearest_hops(self.puller, pulled, team=team,
                                      limit=self.settings.nearest_probe_hops,
                                      row_budget=self.settings.nearest_probe_rows)
        who = "the team" if team else "you"
        if hops is None:
            message = (f"no path from {who} to {label}: no connection within {searched} "
                       f"hops")
        elif hops <= max_hops:
            through = "do-not-contact, opted out of introductions" + (
                "" if team else " or your teammates (ask them: see teammates)")
            message = (f"{label} is {hops} hops from {who}, but only through people who are "
                       f"{through}")
        else:
            message = (f"no path from {who} to {label} within {max_hops} hops; the nearest "
                       f"connection is {hops} hops away (raise --max-hops)")
        return NoPath(message=message, nearest_hops=hops)
