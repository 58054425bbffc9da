"""Customer responsibility (report 5.4, 5.5): who holds each customer, how the baton passes,
and on what basis one organisation may see another's customer data."""

from .api_client import ApiCall, ApiClient, ApiKey, Scope
from .assignment import (
    Assignment,
    CustomerTeam,
    GroupResponsibility,
    ServiceDelivery,
    TeamMembership,
)
from .coverage import CoverageCount
from .data import AccessLogEntry, Consent, ConsentDisclosure, CustomerNote, DataSharingSetting
from .handover import Handover
from .policy import ResponsibilityPolicy

__all__ = [
    "AccessLogEntry",
    "ApiCall",
    "ApiClient",
    "ApiKey",
    "Assignment",
    "Consent",
    "ConsentDisclosure",
    "CoverageCount",
    "CustomerNote",
    "CustomerTeam",
    "DataSharingSetting",
    "GroupResponsibility",
    "Handover",
    "ResponsibilityPolicy",
    "Scope",
    "ServiceDelivery",
    "TeamMembership",
]
