"""The canonical model: pydantic nodes and relationships, and their enums."""

from graph.model.base import GraphEdge, GraphNode, NodeRef
from graph.model.edges import (
    EDGE_BY_TYPE,
    EDGE_MODELS,
    ForProperty,
    HasDeal,
    HasStageChange,
    InterestedIn,
    Knows,
    Owns,
    ParticipatedIn,
    ReportsTo,
    StakeholderIn,
    SubsidiaryOf,
    WorksAt,
)
from graph.model.enums import (
    AccountStage,
    AccountTier,
    ContactStage,
    DealStage,
    InteractionKind,
    KnowsOrigin,
    LossReason,
    ParticipantRole,
    PropertyStatus,
    PropertyType,
    Seniority,
    StakeholderRole,
)
from graph.model.nodes import (
    NODE_BY_LABEL,
    NODE_MODELS,
    Account,
    Contact,
    Deal,
    Interaction,
    Member,
    Property,
    StageChange,
)

__all__ = [
    "EDGE_BY_TYPE", "EDGE_MODELS", "NODE_BY_LABEL", "NODE_MODELS",
    "Account", "AccountStage", "AccountTier", "Contact", "ContactStage", "Deal", "DealStage",
    "ForProperty", "GraphEdge", "GraphNode", "HasDeal", "HasStageChange", "Interaction",
    "InteractionKind", "InterestedIn", "Knows", "KnowsOrigin", "LossReason", "Member",
    "NodeRef", "Owns", "ParticipantRole", "ParticipatedIn", "Property", "PropertyStatus",
    "PropertyType", "ReportsTo", "Seniority", "StageChange", "StakeholderIn",
    "StakeholderRole", "SubsidiaryOf", "WorksAt",
]
