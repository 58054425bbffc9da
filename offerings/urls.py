from django.urls import path

from . import views

app_name = "offerings"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisations/<slug:code>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    # The catalogue (issue: offerings, items 1–4, 6, 8, 9)
    path("services/", views.ServiceListView.as_view(), name="service_list"),
    path("services/export.xlsx", views.ServiceExportView.as_view(), name="service_export"),
    path("services/<int:pk>/", views.ServiceDetailView.as_view(), name="service_detail"),
    path("rationales/", views.RationaleListView.as_view(), name="rationale_list"),
    path("development/", views.DevelopmentListView.as_view(), name="development_list"),
    path("tools/", views.ToolListView.as_view(), name="tool_list"),
    # Overlaps and gaps, findings, service models (items 5, 7)
    path("offering/matrix/", views.OfferingMatrixView.as_view(), name="offering_matrix"),
    path(
        "offering/matrix/export.xlsx",
        views.OfferingMatrixExportView.as_view(),
        name="offering_matrix_export",
    ),
    path("offering/findings/", views.FindingListView.as_view(), name="finding_list"),
    path("offering/findings/new/", views.FindingCreateView.as_view(), name="finding_create"),
    path(
        "service-models/<slug:code>/",
        views.ServiceModelDetailView.as_view(),
        name="service_model_detail",
    ),
    path(
        "service-models/<slug:code>/edit/",
        views.ServiceModelUpdateView.as_view(),
        name="service_model_update",
    ),
]
