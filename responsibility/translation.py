"""History of the responsibility models (no translated fields here)."""

from simple_history import register

from .models import (
    Assignment,
    Consent,
    ConsentDisclosure,
    CustomerNote,
    CustomerTeam,
    DataSharingSetting,
    GroupResponsibility,
    Handover,
    ResponsibilityPolicy,
    ServiceDelivery,
    TeamMembership,
)

for model in (
    Assignment,
    CustomerTeam,
    TeamMembership,
    GroupResponsibility,
    ServiceDelivery,
    Handover,
    CustomerNote,
    DataSharingSetting,
    # Who confirmed an organisation's part of a consent, and when (Act 443/1998 § 5).
    ConsentDisclosure,
):
    register(model, app="responsibility")
register(Consent, app="responsibility", m2m_fields=["organisations"])
register(ResponsibilityPolicy, app="responsibility", excluded_fields=["version"])
# AccessLogEntry is itself the record: append-only, never edited, so it has no history table.
