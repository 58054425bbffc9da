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
]
