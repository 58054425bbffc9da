"""The public actors and what they offer: organisations, people, services and the offering."""

from .development import DevelopmentItem, ServiceModel, SharedTool
from .offering import (
    CustomerNeed,
    Finding,
    Rationale,
    RationalePoint,
    SegmentOffering,
    Service,
    ServiceChannel,
)
from .organisation import Organisation, Person

__all__ = [
    "CustomerNeed",
    "DevelopmentItem",
    "Finding",
    "Organisation",
    "Person",
    "Rationale",
    "RationalePoint",
    "SegmentOffering",
    "Service",
    "ServiceChannel",
    "ServiceModel",
    "SharedTool",
]
