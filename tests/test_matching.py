"""Property matching both ways, on vectors the indexer put in the graph."""

from __future__ import annotations

from datetime import date

import pytest

from embeddings import HybridSearch, Indexer, get_encoder, load_search_settings
from embeddings.matching import PropertyMatcher
from graph.errors import NotFound
from graph.loader import BulkLoader
from graph.model import (
    Account,
    Deal,
    DealStage,
    ForProperty,
    HasDeal,
    InterestedIn,
    PropertyStatus,
    WorksAt,
)
from graph.store import GraphStore
from tests.conftest import T0
from tests.factories import contact
from tests.test_search import prop


def _client(i: int, name: str, industry: str) -> Account:
    return Account(id=f"acc_{i}", created_at=T0, updated_at=T0, name=name, industry=industry,
                   city="Lisbon")


def _market(store: GraphStore) -> PropertyMatcher:
    """A family office that wanted Lisbon flats, a logistics firm that bought a Porto
    warehouse, and available stock of both kinds (plus a sold flat)."""
    family, logistics = _client(1, "Tejo Family Office", "Private Wealth"), \
        _client(2, "Douro Logistics", "Logistics")
    flats = [prop(i, f"Two-bedroom apartment with river view {i}", "Lisbon", 600_000 + i,
                  features=("river view", "balcony")) for i in range(1, 7)]
    sheds = [prop(10 + i, f"Logistics warehouse with loading docks {i}", "Porto",
                  2_000_000 + i, "WAREHOUSE", ("loading dock",)) for i in range(1, 7)]
    flats[0] = flats[0].model_copy(update={"status": PropertyStatus.SOLD})
    deal = Deal(id="deal_1", created_at=T0, updated_at=T0, name="Douro warehouse buy",
                amount=2e6, stage=DealStage.CLOSED_WON, actual_close=date(2025, 12, 1))
    worker = contact(1, title="Chief Operating Officer")
    BulkLoader(store).load(
        {"Account": [family, logistics], "Property": flats + sheds, "Deal": [deal],
         "Contact": [worker]},
        {"INTERESTED_IN": [InterestedIn(src=family.ref, dst=flats[0].ref, level=90.0),
                           InterestedIn(src=family.ref, dst=flats[1].ref, level=60.0)],
         "HAS_DEAL": [HasDeal(src=logistics.ref, dst=deal.ref)],
         "FOR_PROPERTY": [ForProperty(src=deal.ref, dst=sheds[0].ref)],
         "WORKS_AT": [WorksAt(src=worker.ref, dst=logistics.ref)]})
    settings = load_search_settings()
    Indexer(store, get_encoder(), settings).index()
    return PropertyMatcher(HybridSearch(store, get_encoder(), settings))


def test_properties_for_a_client_follow_their_history(store: GraphStore) -> None:
    matcher = _market(store)
    family = matcher.properties_for("account", "acc_1", k=3)
    assert family.based_on == ("prop_1", "prop_2")
    assert [m.type for m in family.matches] == ["APARTMENT"] * 3
    assert not {m.id for m in family.matches} & {"prop_1", "prop_2"}  # not what they had
    assert "in Lisbon like before" in family.matches[0].reasons
    logistics = matcher.properties_for("account", "acc_2", k=3)
    assert [m.type for m in logistics.matches] == ["WAREHOUSE"] * 3
    assert "prop_11" not in {m.id for m in logistics.matches}


def test_a_contact_inherits_their_company_history(store: GraphStore) -> None:
    matcher = _market(store)
    found = matcher.properties_for("contact", "ct_1", k=2)
    assert found.based_on == ("prop_11",)
    assert all(m.type == "WAREHOUSE" for m in found.matches)


def test_only_available_properties_are_offered(store: GraphStore) -> None:
    matcher = _market(store)
    offered = {m.id for m in matcher.properties_for("account", "acc_2", k=20).matches}
    assert "prop_1" not in offered and len(offered) == 10


def test_clients_for_a_property(store: GraphStore) -> None:
    matcher = _market(store)
    shed = matcher.clients_for("prop_14", k=3).matches
    assert shed[0].id == "acc_2" and shed[0].type == "account"
    assert any("deal" in r for r in shed[0].reasons)
    flat = matcher.clients_for("prop_2", k=3).matches
    assert flat[0].id == "acc_1" and "interested: this property" in flat[0].reasons
    assert flat[0].score > (flat[1].score if len(flat) > 1 else 0.0)


def test_unknown_ids_and_unindexed_nodes(store: GraphStore) -> None:
    matcher = _market(store)
    with pytest.raises(NotFound, match="no account"):
        matcher.properties_for("account", "acc_404")
    with pytest.raises(NotFound, match="no property"):
        matcher.clients_for("prop_404")
    BulkLoader(store).load({"Property": [prop(99, "Shop", "Porto", 1.0, "RETAIL")]}, {})
    with pytest.raises(NotFound, match="rapport index"):
        matcher.clients_for("prop_99")
