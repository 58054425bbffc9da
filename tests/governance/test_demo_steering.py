"""The steering demo: a year's rhythm on the clock, a plan per level with metrics in every
status, everything marked demo, and loading twice writes nothing new."""

import pytest

from governance.demo_steering import CLOCK_EVENTS, DEMO, load_demo
from governance.models import ClockEvent, Metric, MetricStatus, Plan, PlanningLevel
from segments.models import Company
from tests.factories import CompanyFactory, business_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_company(strategy_data):
    return CompanyFactory(
        business_id=business_id(4400), name="Demo Oy", segment_code="kansainvalistyvat"
    )


def test_load_demo__clock_has_a_years_rhythm_marked_demo(strategy_data):
    load_demo(year=2026)
    events = ClockEvent.objects.filter(description_fi__startswith=DEMO)
    assert events.count() == len(CLOCK_EVENTS)
    assert all(event.is_recurring for event in events)
    kinds_by_month = {event.month: event.kind for event in events}
    assert kinds_by_month[3] == ClockEvent.Kind.PLANNING  # spring planning
    assert kinds_by_month[9] == ClockEvent.Kind.RESULT_STEERING  # autumn negotiations
    assert ClockEvent.Kind.FOLLOW_UP in kinds_by_month.values()
    assert events.first().history.get().history_change_reason.startswith("Demo")


def test_load_demo__a_plan_per_level_with_metrics_in_every_status(
    strategy_data, agency_user, demo_company
):
    load_demo(year=2026)
    plans = Plan.objects.filter(title__startswith=DEMO, year=2026)
    assert set(plans.values_list("level", flat=True)) == set(PlanningLevel.values)
    statuses = set(
        Metric.objects.with_status()
        .filter(plan__in=plans)
        .values_list("computed_status", flat=True)
    )
    assert statuses == set(MetricStatus.values)
    for plan in plans:
        assert {item.kind for item in plan.items.all()} == {
            "goal",
            "action",
            "investment",
            "resource",
            "result",
        }


def test_load_demo__without_people_or_companies_skips_those_levels(strategy_data):
    Company.objects.all().delete()
    result = load_demo(year=2026)
    plans = Plan.objects.filter(title__startswith=DEMO)
    levels = set(plans.values_list("level", flat=True))
    assert levels == {PlanningLevel.WHOLE_BASE, PlanningLevel.ORGANISATION_BASE}
    assert result["plans"] == plans.count() == 3


def test_load_demo__idempotent(strategy_data, agency_user, demo_company):
    first = load_demo(year=2026)
    assert first["clock_events"] == len(CLOCK_EVENTS) and first["plans"] == 5
    assert load_demo(year=2026) == {"clock_events": 0, "plans": 0, "metrics": 0}
    assert Plan.objects.filter(title__startswith=DEMO).count() == 5
