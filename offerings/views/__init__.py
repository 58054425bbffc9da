"""Pages of the offerings app."""

from .organisations import OrganisationDetailView, OrganisationListView

__all__ = ["OrganisationDetailView", "OrganisationListView"]
