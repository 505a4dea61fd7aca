"""Enumerations of the canonical model (DESIGN.md: canonical model)."""

from __future__ import annotations

from enum import StrEnum


class ContactStage(StrEnum):
    """Lifecycle stage of an external person, HubSpot-style."""

    SUBSCRIBER = "SUBSCRIBER"
    LEAD = "LEAD"
    MQL = "MQL"
    SQL = "SQL"
    OPPORTUNITY = "OPPORTUNITY"
    CUSTOMER = "CUSTOMER"
    EVANGELIST = "EVANGELIST"
    INACTIVE = "INACTIVE"
    OTHER = "OTHER"


class Seniority(StrEnum):
    C_LEVEL = "C_LEVEL"
    VP = "VP"
    DIRECTOR = "DIRECTOR"
    MANAGER = "MANAGER"
    SENIOR = "SENIOR"
    ENTRY = "ENTRY"


class AccountStage(StrEnum):
    PROSPECT = "PROSPECT"
    ACTIVE_PURSUIT = "ACTIVE_PURSUIT"
    NEW_CLIENT = "NEW_CLIENT"
    ACTIVE_CLIENT = "ACTIVE_CLIENT"
    AT_RISK = "AT_RISK"
    DORMANT = "DORMANT"
    CHURNED = "CHURNED"
    REACTIVATED = "REACTIVATED"


class AccountTier(StrEnum):
    PLATINUM = "PLATINUM"
    GOLD = "GOLD"
    SILVER = "SILVER"
    BRONZE = "BRONZE"
    GROWTH = "GROWTH"
    TRANSACTIONAL = "TRANSACTIONAL"


class DealStage(StrEnum):
    """The 10-stage pipeline; the two-digit prefix keeps stages sortable as text."""

    IDENTIFIED = "01-IDENTIFIED"
    QUALIFYING = "02-QUALIFYING"
    QUALIFIED = "03-QUALIFIED"
    NEEDS_ANALYSIS = "04-NEEDS_ANALYSIS"
    VIEWING = "05-VIEWING"
    PROPOSAL = "06-PROPOSAL"
    NEGOTIATION = "07-NEGOTIATION"
    COMMITTED = "08-COMMITTED"
    CLOSED_WON = "09-CLOSED_WON"
    CLOSED_LOST = "CLOSED_LOST"

    @property
    def default_probability(self) -> float:
        """Default win probability of a deal sitting in this stage (configurable later)."""
        return _STAGE_PROBABILITY[self]

    @property
    def is_closed(self) -> bool:
        return self in (DealStage.CLOSED_WON, DealStage.CLOSED_LOST)

    @property
    def order(self) -> int:
        """Position in the pipeline; CLOSED_LOST sorts after every open stage."""
        return _PIPELINE.index(self)

    @classmethod
    def open_stages(cls) -> tuple[DealStage, ...]:
        return _PIPELINE[:8]


_PIPELINE: tuple[DealStage, ...] = tuple(DealStage)

# 10% steps from IDENTIFIED (10%) to COMMITTED (90%); closed stages are certain.
_STAGE_PROBABILITY: dict[DealStage, float] = {
    **{stage: round(0.1 * (i + 1), 2) for i, stage in enumerate(_PIPELINE[:8])},
    DealStage.CLOSED_WON: 1.0,
    DealStage.CLOSED_LOST: 0.0,
}


class LossReason(StrEnum):
    PRICE = "PRICE"
    COMPETITOR = "COMPETITOR"
    TIMING = "TIMING"
    NO_DECISION = "NO_DECISION"
    PRODUCT_FIT = "PRODUCT_FIT"
    LOST_CONTACT = "LOST_CONTACT"
    FINANCING = "FINANCING"


class PropertyStatus(StrEnum):
    AVAILABLE = "AVAILABLE"
    RESERVED = "RESERVED"
    SOLD = "SOLD"


class PropertyType(StrEnum):
    APARTMENT = "APARTMENT"
    HOUSE = "HOUSE"
    VILLA = "VILLA"
    OFFICE = "OFFICE"
    RETAIL = "RETAIL"
    LAND = "LAND"
    WAREHOUSE = "WAREHOUSE"


class InteractionKind(StrEnum):
    EMAIL = "EMAIL"
    MEETING = "MEETING"
    CALL = "CALL"
    MESSAGE = "MESSAGE"
    NOTE = "NOTE"


class ParticipantRole(StrEnum):
    FROM = "FROM"
    TO = "TO"
    CC = "CC"
    ATTENDEE = "ATTENDEE"
    ORGANIZER = "ORGANIZER"


class StakeholderRole(StrEnum):
    DECISION_MAKER = "DECISION_MAKER"
    CHAMPION = "CHAMPION"
    INFLUENCER = "INFLUENCER"
    USER = "USER"
    GATEKEEPER = "GATEKEEPER"
    BLOCKER = "BLOCKER"
    LEGAL = "LEGAL"
    FINANCE = "FINANCE"


class KnowsOrigin(StrEnum):
    """Why a knows-relationship exists: evidence kinds the strength model weighs."""

    INTERACTION = "INTERACTION"
    COLLEAGUE = "COLLEAGUE"
    FORMER_COLLEAGUE = "FORMER_COLLEAGUE"
    LINKEDIN = "LINKEDIN"
    INTRODUCED = "INTRODUCED"
    MANUAL = "MANUAL"
    SOCIAL = "SOCIAL"
