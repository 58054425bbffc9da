"""Reads of operational steering (5.6, 7): the clock's events of a year, the plans a user may
see with their items and metrics, the dashboard's figures, and the work phases."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q

from core.filters import filter_given
from offerings.models import Organisation
from segments.models import Segment

from ..models import ClockEvent, Metric, MetricStatus, Plan, PlanItem, WorkPhase
from ..permissions import OPEN_LEVELS, own_organisation_id, steers_every_plan


def clock_events(*, year, level=None, body=None):
    """The events of a year's clock: every recurring event and the year's one-off events,
    optionally of one planning level ("" = events of no level) and one body."""
    events = ClockEvent.objects.filter(is_archived=False).filter(
        Q(is_recurring=True) | Q(year=year)
    )
    if level is not None:
        events = events.filter(level=level)
    if body is not None:
        events = events.filter(body=body)
    return events.select_related("body", "organisation").order_by("month", "order", "pk")


def plans_visible_to(user):
    """The plans the user may read (see permissions.steering): the open levels for all, the
    portfolio and customer plans for their organisation and the ministry only."""
    plans = Plan.objects.all()
    if not user.has_perm("governance.view_plan"):
        return plans.none()
    if steers_every_plan(user):
        return plans
    scope = Q(level__in=OPEN_LEVELS)
    owner = own_organisation_id(user)
    if owner is not None:
        scope |= Q(organisation_id=owner)
    return plans.filter(scope)


def plan_list(*, user, level="", organisation=None, year=None, include_archived=False):
    """The visible plans, filtered, newest year first, with what the list shows."""
    plans = plans_visible_to(user)
    if not include_archived:
        plans = plans.filter(is_archived=False)
    plans = filter_given(plans, level=level, organisation=organisation, year=year)
    return plans.select_related("organisation", "segment", "team", "person__user", "company")


def plan_detail_queryset(user):
    """A visible plan with its items and metrics (metrics with their computed status)."""
    return (
        plans_visible_to(user)
        .select_related("organisation", "segment", "team", "person__user", "company", "created_by")
        .prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.order_by("kind", "order", "pk")),
            Prefetch(
                "metrics",
                queryset=Metric.objects.with_status().order_by("year", "order", "name"),
            ),
        )
    )


def plan_parts(plan):
    """The plan's page: its active items by kind (in the kinds' order) and its active
    metrics, from what plan_detail_queryset prefetched."""
    items = [item for item in plan.items.all() if not item.is_archived]
    sections = [
        (kind, label, [item for item in items if item.kind == kind])
        for kind, label in PlanItem.Kind.choices
    ]
    metrics = [metric for metric in plan.metrics.all() if not metric.is_archived]
    return {"sections": sections, "metrics": metrics}


def plan_item_queryset(user):
    return PlanItem.objects.filter(plan__in=plans_visible_to(user)).select_related(
        "plan", "plan__organisation"
    )


def metric_queryset(user):
    return Metric.objects.filter(plan__in=plans_visible_to(user)).select_related(
        "plan", "plan__organisation"
    )


def work_phases():
    """The phases of section 7 in the report's order (archived ones left out)."""
    return WorkPhase.objects.filter(is_archived=False).select_related("organisation")


# --- The steering dashboard -----------------------------------------------------------------

STATUSES = [
    MetricStatus.ON_TRACK,
    MetricStatus.AT_RISK,
    MetricStatus.OFF_TRACK,
    MetricStatus.NO_DATA,
]
# A bar stops at this share of the target, so one runaway metric does not flatten the rest.
ATTAINMENT_CAP = Decimal("150")
# The bar chart's geometry (SVG user units): the labels' column, then the bars' area.
CHART_LABEL_WIDTH = 300
CHART_BAR_AREA = 300
CHART_ROW_HEIGHT = 32


def attainment_percent(*, target, actual, higher_is_better):
    """How far the actual is from the target, as a percentage where 100 is "target met".

    Higher is better: actual / target; lower is better: target / actual. None when there is
    no actual or the ratio is undefined (a zero or a sign change)."""
    if actual is None:
        return None
    numerator, denominator = (actual, target) if higher_is_better else (target, actual)
    if denominator == 0:
        return Decimal("100") if numerator == 0 else None
    if (numerator < 0) != (denominator < 0) and numerator != 0:
        return None
    return (Decimal(numerator) / Decimal(denominator) * 100).quantize(Decimal("1"))


@dataclass
class DashboardRow:
    """One segment or organisation of the dashboard: its metrics' targets and actuals."""

    key: object
    label: object
    metrics: list = field(default_factory=list)
    counts: dict = field(default_factory=lambda: {status.value: 0 for status in STATUSES})

    @property
    def total(self):
        return len(self.metrics)

    @property
    def mean_attainment(self):
        values = [m["attainment"] for m in self.metrics if m["attainment"] is not None]
        if not values:
            return None
        return (sum(values) / len(values)).quantize(Decimal("1"))

    @property
    def bar_percent(self):
        """The bar's length as a share of the chart (0–100), capped at ATTAINMENT_CAP."""
        value = self.mean_attainment
        if value is None:
            return 0
        return (max(Decimal("0"), min(value, ATTAINMENT_CAP)) * 100 / ATTAINMENT_CAP).quantize(
            Decimal("0.1")
        )

    @property
    def bar_length(self):
        """The bar's length in the chart's units."""
        return (self.bar_percent * CHART_BAR_AREA / 100).quantize(Decimal("0.1"))


@dataclass
class Dashboard:
    """A year's figures: rows per segment and per organisation, all metrics, status counts."""

    year: int
    by_segment: list
    by_organisation: list
    metrics: list
    counts: dict
    total: int

    # Where 100 % (the target) falls on the chart, and the chart's fixed dimensions.
    target_line_x = CHART_LABEL_WIDTH + (Decimal("100") * CHART_BAR_AREA / ATTAINMENT_CAP)
    label_width = CHART_LABEL_WIDTH
    row_height = CHART_ROW_HEIGHT
    chart_width = CHART_LABEL_WIDTH + CHART_BAR_AREA + 60

    @staticmethod
    def _chart(rows):
        """Each row with its vertical position (the bar's top, the text's baseline), and the
        chart's height."""
        placed = [
            {"row": row, "y": 10 + i * CHART_ROW_HEIGHT, "text_y": 10 + i * CHART_ROW_HEIGHT + 15}
            for i, row in enumerate(rows)
        ]
        return {"rows": placed, "height": 20 + len(rows) * CHART_ROW_HEIGHT}

    @property
    def segment_chart(self):
        return self._chart(self.by_segment)

    @property
    def organisation_chart(self):
        return self._chart(self.by_organisation)


def _dashboard_metrics(user, year):
    """The year's active metrics of the active plans the user may read, as dicts."""
    return list(
        Metric.objects.with_status()
        .filter(
            year=year,
            is_archived=False,
            plan__is_archived=False,
            plan__in=plans_visible_to(user),
        )
        .order_by("plan__title", "order", "name")
        .values(
            "pk",
            "name",
            "unit",
            "target",
            "actual",
            "higher_is_better",
            "computed_status",
            "plan_id",
            "plan__title",
            "plan__segment_id",
            "plan__organisation_id",
        )
    )


def _tally(metric, by_segment, by_organisation):
    """Give the metric its attainment and labels, and count it in its rows."""
    metric["attainment"] = attainment_percent(
        target=metric["target"],
        actual=metric["actual"],
        higher_is_better=metric["higher_is_better"],
    )
    metric["status_label"] = MetricStatus(metric["computed_status"]).label
    segment_row = by_segment.get(metric["plan__segment_id"])
    organisation_row = by_organisation.get(metric["plan__organisation_id"])
    metric["segment"] = segment_row.label if segment_row else None
    metric["organisation"] = organisation_row.label if organisation_row else None
    for row in (segment_row, organisation_row):
        if row is not None:
            row.metrics.append(metric)
            row.counts[metric["computed_status"]] += 1


def steering_dashboard(*, user, year):
    """Targets vs actuals of the year's metrics of the plans the user may read, per segment
    (the plan's segment) and per organisation (the plan's organisation), with counts by
    status. Three queries whatever the number of plans and metrics."""
    metrics = _dashboard_metrics(user, year)
    segment_ids = {m["plan__segment_id"] for m in metrics} - {None}
    organisation_ids = {m["plan__organisation_id"] for m in metrics} - {None}
    segments = Segment.objects.filter(pk__in=segment_ids).order_by("number")
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("order", "code")
    by_segment = {s.pk: DashboardRow(key=s.pk, label=s) for s in segments}
    by_organisation = {o.pk: DashboardRow(key=o.pk, label=o) for o in organisations}
    counts = {status.value: 0 for status in STATUSES}
    for metric in metrics:
        _tally(metric, by_segment, by_organisation)
        counts[metric["computed_status"]] += 1
    return Dashboard(
        year=year,
        by_segment=list(by_segment.values()),
        by_organisation=list(by_organisation.values()),
        metrics=metrics,
        counts=counts,
        total=len(metrics),
    )
