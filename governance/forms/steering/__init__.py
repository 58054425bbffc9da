"""Forms of operational steering (5.6), a module per concern: the shared fields, the annual
clock and the dashboard's year, plans, and a plan's items and metrics."""

from .clock import ClockEventForm, ClockFilterForm, YearFilterForm, show_year
from .plan_parts import MetricForm, PlanItemForm
from .plans import PlanFilterForm, PlanForm

__all__ = [
    "ClockEventForm",
    "ClockFilterForm",
    "MetricForm",
    "PlanFilterForm",
    "PlanForm",
    "PlanItemForm",
    "YearFilterForm",
    "show_year",
]
