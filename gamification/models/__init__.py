"""Reputation, badges and trust levels: one module per subject."""

from gamification.models.badges import BadgeAward
from gamification.models.ledger import (
    DEFAULT_POINTS,
    ReputationEvent,
    ReputationReason,
    ReputationRule,
    SpaceReputation,
)
from gamification.models.trust import (
    Nomination,
    NominationStatus,
    TrustLevelGrace,
    TrustLevelSettings,
)

__all__ = [
    "DEFAULT_POINTS",
    "BadgeAward",
    "Nomination",
    "NominationStatus",
    "ReputationEvent",
    "ReputationReason",
    "ReputationRule",
    "SpaceReputation",
    "TrustLevelGrace",
    "TrustLevelSettings",
]
