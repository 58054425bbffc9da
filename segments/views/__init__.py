"""Pages of the segments app: segments, companies, re-segmentation runs, manual placements
and dynamics."""

from .companies import CompanyDetailView, CompanyExportView, CompanyListView
from .editor import RulePreviewView, SegmentEditView
from .placements import PlacementListView, PlacementRemoveView
from .runs import (
    RunApplyView,
    RunCancelView,
    RunDetailView,
    RunListView,
    RunPlacementView,
    RunRetryView,
    RunStatusView,
)
from .segments import (
    SegmentChangeRevertView,
    SegmentDetailView,
    SegmentDynamicsView,
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
    "RulePreviewView",
    "RunApplyView",
    "RunCancelView",
    "RunDetailView",
    "RunListView",
    "RunPlacementView",
    "RunRetryView",
    "RunStatusView",
    "SegmentChangeRevertView",
    "SegmentDetailView",
    "SegmentDynamicsView",
    "SegmentEditView",
    "SegmentHistoryView",
    "SegmentListView",
    "StrategyOverviewExportView",
    "StrategyOverviewView",
]
