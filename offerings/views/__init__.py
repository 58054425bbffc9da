"""Pages of the offerings app: organisations, the service catalogue, overlaps and gaps,
service models, development work and shared tools."""

from .catalogue import (
    DevelopmentListView,
    RationaleListView,
    ServiceDetailView,
    ServiceExportView,
    ServiceListView,
    ToolListView,
)
from .matrix import (
    FindingCreateView,
    FindingListView,
    OfferingMatrixExportView,
    OfferingMatrixView,
    ServiceModelDetailView,
    ServiceModelUpdateView,
)
from .organisations import OrganisationDetailView, OrganisationListView

__all__ = [
    "DevelopmentListView",
    "FindingCreateView",
    "FindingListView",
    "OfferingMatrixExportView",
    "OfferingMatrixView",
    "OrganisationDetailView",
    "OrganisationListView",
    "RationaleListView",
    "ServiceDetailView",
    "ServiceExportView",
    "ServiceListView",
    "ServiceModelDetailView",
    "ServiceModelUpdateView",
    "ToolListView",
]
