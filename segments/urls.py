from django.urls import path

from . import views

app_name = "segments"

urlpatterns = [
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
    path("<slug:code>/history/", views.SegmentHistoryView.as_view(), name="segment_history"),
]
