"""The governance pages; each area keeps its routes in its own module, all in one namespace."""

from django.urls import include, path

from ..views import accessibility

app_name = "governance"

urlpatterns = [
    path(
        "accessibility/",
        accessibility.AccessibilityStatementView.as_view(),
        name="accessibility_statement",
    ),
    # The three tiers, proposals, meetings and the decisions register (6, 6.1, 6.2, 8).
    path("governance/", include("governance.urls.structure")),
    # The regional task log and the needs messages upward (6.3).
    path("governance/regional/", include("governance.urls.regional")),
    # The planning clock, plans, steering dashboard and roadmap (5.6, 7).
    path("governance/steering/", include("governance.urls.steering")),
    # The year's strategy document from live data: page, PDF and Word (issue 15).
    path("governance/strategy/", include("governance.urls.document")),
    # Texts missing their Swedish or English version, for translators (issue 17).
    path("translations/", include("governance.urls.translations")),
]
