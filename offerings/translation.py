"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from simple_history import register

from core.translation import translated, written

from . import models

translated(models.Organisation, "name", required=("fi", "sv"))
translated(models.Rationale, "title")
translated(models.RationalePoint, "text")
translated(models.CustomerNeed, "name", "description")
translated(models.ServiceChannel, "name")
translated(models.Service, "name", "description")
translated(models.ServiceModel, *models.ServiceModel.TEXT_FIELDS, required=())
written(models.Finding, "note")
# The version counter changes on every save; it is not part of what changed.
register(models.Organisation, app="offerings", excluded_fields=["version"])
register(models.Person, app="offerings")
for model in (
    models.Rationale,
    models.RationalePoint,
    models.ServiceChannel,
    models.SegmentOffering,
    models.Finding,
    models.SharedTool,
    # Sign-in with the organisation's account: who changed a mapping rule and why; which
    # provider account a user was linked to.
    models.OrganisationClaimRule,
    models.RoleClaimRule,
    models.SignInIdentity,
):
    register(model, app="offerings")
# Many-to-many links are part of what changed: which producers, needs, segments.
register(models.CustomerNeed, app="offerings", m2m_fields=["segments", "source_goals"])
register(
    models.Service,
    app="offerings",
    excluded_fields=["version"],
    m2m_fields=["producers", "channels", "rationales", "needs"],
)
register(
    models.DevelopmentItem, app="offerings", excluded_fields=["version"], m2m_fields=["segments"]
)
register(
    models.ServiceModel,
    app="offerings",
    excluded_fields=["version"],
    m2m_fields=["service_channels"],
)
