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
from .sign_in import OrganisationClaimRule, RoleClaimRule, SignInIdentity

__all__ = [
    "CustomerNeed",
    "DevelopmentItem",
    "Finding",
    "Organisation",
    "OrganisationClaimRule",
    "Person",
    "Rationale",
    "RationalePoint",
    "RoleClaimRule",
    "SegmentOffering",
    "Service",
    "ServiceChannel",
    "ServiceModel",
    "SharedTool",
    "SignInIdentity",
]
