"""History of the responsibility models (no translated fields here)."""

from simple_history import register

from . import models

for model in (
    models.Assignment,
    models.CustomerTeam,
    models.TeamMembership,
    models.GroupResponsibility,
    models.ServiceDelivery,
    models.Handover,
    models.CustomerNote,
    models.DataSharingSetting,
    # Who confirmed an organisation's part of a consent, and when (Act 443/1998 § 5).
    models.ConsentDisclosure,
):
    register(model, app="responsibility")
register(models.Consent, app="responsibility", m2m_fields=["organisations"])
register(models.ResponsibilityPolicy, app="responsibility", excluded_fields=["version"])
# AccessLogEntry is itself the record: append-only, never edited, so it has no history table.
# API clients and their keys: who granted what, and when a key was rotated or revoked. The
# key's salt and hash stay out of the history; the call log is itself a log (no history).
register(models.ApiClient, app="responsibility")
register(models.ApiKey, app="responsibility", excluded_fields=["salt", "key_hash"])
