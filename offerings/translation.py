"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from simple_history import register

from core.translation import translated

from .models import (
    CustomerNeed,
    DevelopmentItem,
    Finding,
    Organisation,
    Person,
    Rationale,
    RationalePoint,
    SegmentOffering,
    Service,
    ServiceChannel,
    ServiceModel,
    SharedTool,
)

translated(Organisation, "name", required=("fi", "sv"))
translated(Rationale, "title")
translated(RationalePoint, "text")
translated(CustomerNeed, "name", "description")
translated(ServiceChannel, "name")
translated(Service, "name", "description")
translated(ServiceModel, *ServiceModel.TEXT_FIELDS, required=())
# The version counter changes on every save; it is not part of what changed.
register(Organisation, app="offerings", excluded_fields=["version"])
register(Person, app="offerings")
for model in (Rationale, RationalePoint, ServiceChannel, SegmentOffering, Finding, SharedTool):
    register(model, app="offerings")
# Many-to-many links are part of what changed: which producers, needs, segments.
register(CustomerNeed, app="offerings", m2m_fields=["segments", "source_goals"])
register(
    Service,
    app="offerings",
    excluded_fields=["version"],
    m2m_fields=["producers", "channels", "rationales", "needs"],
)
register(DevelopmentItem, app="offerings", excluded_fields=["version"], m2m_fields=["segments"])
register(
    ServiceModel, app="offerings", excluded_fields=["version"], m2m_fields=["service_channels"]
)
