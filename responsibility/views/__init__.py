"""Pages of customer responsibility: portfolios, companies, handovers, teams, coverage and
the access log."""

from .customers import (
    CompanyNotesView,
    CompanyResponsibilityView,
    ConsentConfirmView,
    ConsentCreateView,
    ConsentWithdrawView,
    PortfolioView,
)
from .handovers import HandoverAnswerView, HandoverCreateView, HandoverDetailView, HandoverListView
from .ministry import AccessLogExportView, AccessLogView, CoverageView
from .teams import TeamDetailView, TeamListView

__all__ = [
    "AccessLogExportView",
    "AccessLogView",
    "CompanyNotesView",
    "CompanyResponsibilityView",
    "ConsentConfirmView",
    "ConsentCreateView",
    "ConsentWithdrawView",
    "CoverageView",
    "HandoverAnswerView",
    "HandoverCreateView",
    "HandoverDetailView",
    "HandoverListView",
    "PortfolioView",
    "TeamDetailView",
    "TeamListView",
]
