from django.urls import path

from . import views

app_name = "segments"

urlpatterns = [
    path("companies/", views.CompanyListView.as_view(), name="company_list"),
    path("companies/export.xlsx", views.CompanyExportView.as_view(), name="company_export"),
    path("companies/<str:business_id>/", views.CompanyDetailView.as_view(), name="company_detail"),
    path("runs/", views.RunListView.as_view(), name="run_list"),
    path("runs/<int:pk>/", views.RunDetailView.as_view(), name="run_detail"),
    path("runs/<int:pk>/status.json", views.RunStatusView.as_view(), name="run_status"),
    path("runs/<int:pk>/placements/", views.RunPlacementView.as_view(), name="run_placement"),
    path("runs/<int:pk>/apply/", views.RunApplyView.as_view(), name="run_apply"),
    path("runs/<int:pk>/retry/", views.RunRetryView.as_view(), name="run_retry"),
    path("runs/<int:pk>/cancel/", views.RunCancelView.as_view(), name="run_cancel"),
    path("placements/", views.PlacementListView.as_view(), name="placement_list"),
    path(
        "placements/<int:pk>/remove/",
        views.PlacementRemoveView.as_view(),
        name="placement_remove",
    ),
    path("dynamics/", views.SegmentDynamicsView.as_view(), name="segment_dynamics"),
    path("", views.SegmentListView.as_view(), name="segment_list"),
    path("overview/", views.StrategyOverviewView.as_view(), name="strategy_overview"),
    path(
        "overview/export.xlsx",
        views.StrategyOverviewExportView.as_view(),
        {"file_format": "xlsx"},
        name="strategy_overview_xlsx",
    ),
    path(
        "overview/export.csv",
        views.StrategyOverviewExportView.as_view(),
        {"file_format": "csv"},
        name="strategy_overview_csv",
    ),
    path("<slug:code>/", views.SegmentDetailView.as_view(), name="segment_detail"),
    path("<slug:code>/edit/", views.SegmentEditView.as_view(), name="segment_edit"),
    path(
        "<slug:code>/edit/preview/",
        views.RulePreviewView.as_view(),
        name="segment_rule_preview",
    ),
    path("<slug:code>/history/", views.SegmentHistoryView.as_view(), name="segment_history"),
    path(
        "<slug:code>/history/<slug:kind>/<int:history_id>/revert/",
        views.SegmentChangeRevertView.as_view(),
        name="segment_change_revert",
    ),
]
