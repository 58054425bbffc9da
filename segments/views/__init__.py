"""Pages of the segments app: segments, companies, re-segmentation runs and dynamics."""

from .companies import CompanyDetailView, CompanyExportView, CompanyListView
from .runs import (
    RunApplyView,
    RunDetailView,
    RunListView,
    RunOverrideView,
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
    "RunApplyView",
    "RunDetailView",
    "RunListView",
    "RunOverrideView",
    "RunStatusView",
    "SegmentDetailView",
    "SegmentDynamicsView",
    "SegmentHistoryView",
    "SegmentListView",
    "StrategyOverviewExportView",
    "StrategyOverviewView",
]
