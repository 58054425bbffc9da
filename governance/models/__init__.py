"""How the customer strategy is steered (report 5.6, 6, 7, 8): the bodies of the three
tiers, proposals and the decisions that take effect, the strategic questions, the regional
task log, operational steering and the progress of the work; and the accessibility
feedback that the Act on the Provision of Digital Services requires."""

from .clock import ClockEvent
from .decisions import Decision, DecisionEffect
from .feedback import FEEDBACK_ANSWER_DAYS, AccessibilityFeedback
from .meetings import AgendaItem, Attendance, Meeting
from .memberships import Membership
from .plans import (
    DEFAULT_TOLERANCE_PERCENT,
    Metric,
    MetricStatus,
    Plan,
    PlanItem,
    PlanningLevel,
)
from .progress import WorkPhase
from .proposals import Proposal, ProposalComment
from .questions import QuestionAlternative, StrategicQuestion
from .regional import MessageEvent, NeedsMessage, RegionalTask
from .regional_tallies import RegionalSegmentTally, RegionalTaskTally
from .strategy_versions import StrategyVersion
from .structure import Body, BodyResponsibility, MinistryUnitRole

__all__ = [
    "DEFAULT_TOLERANCE_PERCENT",
    "FEEDBACK_ANSWER_DAYS",
    "AccessibilityFeedback",
    "AgendaItem",
    "Attendance",
    "Body",
    "BodyResponsibility",
    "ClockEvent",
    "Decision",
    "DecisionEffect",
    "Meeting",
    "Membership",
    "MessageEvent",
    "Metric",
    "MetricStatus",
    "MinistryUnitRole",
    "NeedsMessage",
    "Plan",
    "PlanItem",
    "PlanningLevel",
    "Proposal",
    "ProposalComment",
    "QuestionAlternative",
    "RegionalSegmentTally",
    "RegionalTask",
    "RegionalTaskTally",
    "StrategicQuestion",
    "StrategyVersion",
    "WorkPhase",
]
