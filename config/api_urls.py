"""The integration API, version 1 (/api/v1/): the OpenAPI document, its interactive docs and
the open data, open to everyone without a key by design (the reference data is published
under CC BY 4.0 and holds no customer data); and the companies, read only with a key of an
organisation's system and its scope (no login: the key is the credential)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularSwaggerSplitView

from core.api.views import NotFoundView, SchemaView
from governance import api as governance_api
from offerings import api as offerings_api
from responsibility.api import companies as companies_api
from responsibility.api import notes as notes_api
from responsibility.api import uploads as uploads_api
from segments import api as segments_api

app_name = "api"


def public(view_class, **initkwargs):
    return login_not_required(view_class.as_view(**initkwargs))


urlpatterns = [
    path("schema/", public(SchemaView), name="schema"),
    path(
        "docs/",
        public(
            SpectacularSwaggerSplitView, url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("segments/", public(segments_api.SegmentList), name="segment_list"),
    path("segments/<slug:code>/", public(segments_api.SegmentDetail), name="segment_detail"),
    path("organisations/", public(offerings_api.OrganisationList), name="organisation_list"),
    path(
        "organisations/<slug:code>/",
        public(offerings_api.OrganisationDetail),
        name="organisation_detail",
    ),
    path("services/", public(offerings_api.ServiceList), name="service_list"),
    path("services/<int:pk>/", public(offerings_api.ServiceDetail), name="service_detail"),
    path("bodies/", public(governance_api.BodyList), name="body_list"),
    path("bodies/<slug:code>/", public(governance_api.BodyDetail), name="body_detail"),
    path("decisions/", public(governance_api.DecisionRegisterList), name="decision_list"),
    path(
        "decisions/<slug:code>/",
        public(governance_api.DecisionRegisterDetail),
        name="decision_detail",
    ),
    path("roadmap/", public(governance_api.RoadmapList), name="roadmap"),
    # Customer data: a key with its scope instead of a login (responsibility.api.keys).
    path("companies/", public(companies_api.CompanyList), name="company_list"),
    path(
        "companies/<str:business_id>/", public(companies_api.CompanyDetail), name="company_detail"
    ),
    path(
        "companies/<str:business_id>/responsibility/",
        public(companies_api.CompanyResponsibilityDetail),
        name="company_responsibility",
    ),
    path(
        "companies/<str:business_id>/notes/",
        public(notes_api.CompanyNotes),
        name="company_notes",
    ),
    path(
        "attribute-values/",
        public(uploads_api.ValueUploadCreate),
        name="value_upload_create",
    ),
    path(
        "attribute-values/uploads/<uuid:upload_id>/",
        public(uploads_api.ValueUploadDetail),
        name="value_upload_detail",
    ),
    # Anything else under /api/v1/ (itself included) is a 404 in the API's own form, not the
    # login page. Only addresses ending in a slash: one without is first redirected to it (APPEND_SLASH), so
    # /api/v1/segments still finds the segments.
    re_path(r"^(?:.*/)?$", public(NotFoundView), name="not_found"),
]
