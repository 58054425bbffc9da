"""Admin of every governance model, with history and a required change reason; governance
records are archived, never deleted."""

from . import decisions, feedback, regional, roles, steering, strategy_versions, structure

__all__ = [
    "decisions",
    "feedback",
    "regional",
    "roles",
    "steering",
    "strategy_versions",
    "structure",
]
