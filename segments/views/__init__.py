"""Pages of the segments app: segments, companies, re-segmentation runs and dynamics."""

from .companies import CompanyDetailView, CompanyExportView, CompanyListView
from .runs import (
    PlacementListView,
    PlacementRemoveView,
    RunApplyView,
    RunDetailView,
    RunListView,
    RunPlacementView,
    RunStateChangeView,
    RunStatusView,
    SegmentDynamicsView,
)
from .segments import (
    SegmentDetailView,
    SegmentHistoryView,
    SegmentListView,
    StrategyOverviewExportView,
    StrategyOverviewView,
)

__all__ = [
    "CompanyDetailView",
    "CompanyExportView",
    "CompanyListView",
    "PlacementListView",
    "PlacementRemoveView",
    "RunApplyView",
    "RunDetailView",
    "RunListView",
    "RunPlacementView",
    "RunStateChangeView",
    "RunStatusView",
    "SegmentDetailView",
    "SegmentDynamicsView",
    "SegmentHistoryView",
    "SegmentListView",
    "StrategyOverviewExportView",
    "StrategyOverviewView",
]
