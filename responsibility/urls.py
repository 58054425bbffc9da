from django.urls import path

from . import views

app_name = "responsibility"

urlpatterns = [
    path("customers/", views.PortfolioView.as_view(), name="portfolio"),
    path(
        "companies/<str:business_id>/",
        views.CompanyResponsibilityView.as_view(),
        name="company_responsibility",
    ),
    path(
        "companies/<str:business_id>/notes/",
        views.CompanyNotesView.as_view(),
        name="company_notes",
    ),
    path(
        "companies/<str:business_id>/handover/new/",
        views.HandoverCreateView.as_view(),
        name="handover_create",
    ),
    path(
        "companies/<str:business_id>/consents/new/",
        views.ConsentCreateView.as_view(),
        name="consent_create",
    ),
    path(
        "consents/<int:pk>/withdraw/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"
    ),
    path("consents/<int:pk>/confirm/", views.ConsentConfirmView.as_view(), name="consent_confirm"),
    path("handovers/", views.HandoverListView.as_view(), name="handover_list"),
    path("handovers/<int:pk>/", views.HandoverDetailView.as_view(), name="handover_detail"),
    path(
        "handovers/<int:pk>/accept/",
        views.HandoverAnswerView.as_view(action="accept"),
        name="handover_accept",
    ),
    path(
        "handovers/<int:pk>/decline/",
        views.HandoverAnswerView.as_view(action="decline"),
        name="handover_decline",
    ),
    path(
        "handovers/<int:pk>/cancel/",
        views.HandoverAnswerView.as_view(action="cancel"),
        name="handover_cancel",
    ),
    path("teams/", views.TeamListView.as_view(), name="team_list"),
    path("teams/<int:pk>/", views.TeamDetailView.as_view(), name="team_detail"),
    path("coverage/", views.CoverageView.as_view(), name="coverage"),
    path("access-log/", views.AccessLogView.as_view(), name="access_log"),
    path(
        "access-log/export.csv",
        views.AccessLogExportView.as_view(file_format="csv"),
        name="access_log_csv",
    ),
    path(
        "access-log/export.xlsx",
        views.AccessLogExportView.as_view(file_format="xlsx"),
        name="access_log_xlsx",
    ),
]
