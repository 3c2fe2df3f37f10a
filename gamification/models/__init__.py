"""Reputation, badges and trust levels: one module per subject."""

from gamification.models.badges import BadgeAward
from gamification.models.ledger import (
    DEFAULT_POINTS,
    ReputationEvent,
    ReputationReason,
    ReputationRule,
)

__all__ = [
    "DEFAULT_POINTS",
    "BadgeAward",
    "ReputationEvent",
    "ReputationReason",
    "ReputationRule",
]
