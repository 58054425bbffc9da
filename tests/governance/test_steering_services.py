"""Writes of operational steering: clock events, plans (optimistic locking), items and
metrics, each with its history row; and the metric status thresholds."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.refusals import STALE_EDIT_MESSAGE
from governance.models import ClockEvent, Metric, Plan, PlanItem, PlanningLevel
from governance.selectors.steering import attainment_percent
from governance.services import steering as services
from offerings.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnvera(strategy_data):
    return Organisation.objects.get(code="finnvera")


@pytest.fixture
def plan(ministry_user, finnvera):
    return services.plan_create(
        level=PlanningLevel.ORGANISATION_BASE,
        year=2026,
        title="Finnveran suunnitelma",
        organisation=finnvera,
        by=ministry_user,
    )


def _metric(plan, by, **fields):
    values = {"name": "Asiakkaat", "unit": "kpl", "year": 2026, "target": Decimal("100")}
    values.update(fields)
    return services.metric_create(plan=plan, by=by, **values)


def test_clock_event_create__writes_history_with_who_and_why(ministry_user):
    event = services.clock_event_create(
        month=9,
        kind=ClockEvent.Kind.RESULT_STEERING,
        title_fi="Tulosohjausneuvottelut",
        is_recurring=True,
        by=ministry_user,
        reason="Syksyn neuvottelut",
    )
    record = event.history.get()
    assert (record.history_user, record.history_change_reason) == (
        ministry_user,
        "Syksyn neuvottelut",
    )
    assert event.title_fi == "Tulosohjausneuvottelut"


def test_clock_event_create__one_off_without_year_is_refused(ministry_user):
    with pytest.raises(ValidationError):
        services.clock_event_create(
            month=3,
            kind="planning",
            title_fi="Kertaluonteinen",
            is_recurring=False,
            by=ministry_user,
        )
    assert not ClockEvent.objects.filter(title_fi="Kertaluonteinen").exists()


def test_clock_event_create__month_13_is_refused(ministry_user):
    with pytest.raises(ValidationError) as error:
        services.clock_event_create(month=13, kind="planning", title_fi="X", by=ministry_user)
    assert "month" in error.value.error_dict


def test_clock_event_update__archives_with_reason(ministry_user):
    event = services.clock_event_create(month=1, kind="planning", title_fi="A", by=ministry_user)
    services.clock_event_update(event=event, is_archived=True, by=ministry_user, reason="Vanha")
    event.refresh_from_db()
    assert event.is_archived
    assert event.history.first().history_change_reason == "Vanha"


def test_plan_create__records_author_and_history(plan, ministry_user):
    assert plan.created_by == ministry_user
    assert plan.history.get().history_user == ministry_user


def test_plan_create__shape_of_level_is_checked(ministry_user, finnvera):
    with pytest.raises(ValidationError):
        services.plan_create(
            level=PlanningLevel.WHOLE_BASE,
            year=2026,
            title="Koko kanta",
            organisation=finnvera,
            by=ministry_user,
        )
    with pytest.raises(ValidationError):
        services.plan_create(
            level=PlanningLevel.CUSTOMER, year=2026, title="Ilman yritystä", by=ministry_user
        )
    assert not Plan.objects.filter(title__in=["Koko kanta", "Ilman yritystä"]).exists()


def test_plan_update__changes_with_current_version(plan, ministry_user):
    services.plan_update(
        plan=plan, version=plan.version, title="Uusi nimi", by=ministry_user, reason="Tarkennus"
    )
    plan.refresh_from_db()
    assert plan.title == "Uusi nimi"
    assert plan.history.first().history_change_reason == "Tarkennus"


def test_plan_update__stale_version_is_refused_and_nothing_changes(plan, ministry_user):
    stale = plan.version
    services.plan_update(plan=plan, version=stale, title="Ensin", by=ministry_user, reason="a")
    copy = Plan.objects.get(pk=plan.pk)
    with pytest.raises(ValidationError) as error:
        services.plan_update(plan=copy, version=stale, title="Toinen", by=ministry_user, reason="b")
    assert error.value.messages == [str(STALE_EDIT_MESSAGE)]
    assert Plan.objects.get(pk=plan.pk).title == "Ensin"


def test_plan_update__unknown_field_is_a_programming_error(plan, ministry_user):
    with pytest.raises(TypeError):
        services.plan_update(
            plan=plan, version=plan.version, created_by=None, by=ministry_user, reason="x"
        )


def test_plan_item_create_and_update__history_each_time(plan, ministry_user):
    item = services.plan_item_create(
        plan=plan, kind=PlanItem.Kind.GOAL, text="Tavoite", by=ministry_user
    )
    services.plan_item_update(
        item=item, version=item.version, text="Tarkempi", by=ministry_user, reason="Muotoilu"
    )
    assert item.history.first().history_change_reason == "Muotoilu"
    assert item.history.count() == 2


def test_metric_create__same_name_twice_in_a_year_is_refused(plan, ministry_user):
    _metric(plan, ministry_user)
    with pytest.raises(ValidationError) as error:
        _metric(plan, ministry_user)
    assert "name" in error.value.error_dict
    assert Metric.objects.filter(plan=plan).count() == 1


def test_metric_update__records_actual_with_history(plan, ministry_user):
    metric = _metric(plan, ministry_user)
    services.metric_update(
        metric=metric,
        version=metric.version,
        actual=Decimal("95"),
        by=ministry_user,
        reason="Toteuma 6/2026",
    )
    metric.refresh_from_db()
    assert metric.actual == Decimal("95")
    assert metric.history.first().history_change_reason == "Toteuma 6/2026"


def test_metric_update__tolerance_over_100_is_refused(plan, ministry_user):
    metric = _metric(plan, ministry_user)
    with pytest.raises(ValidationError):
        services.metric_update(
            metric=metric,
            version=metric.version,
            tolerance_percent=Decimal("101"),
            by=ministry_user,
            reason="x",
        )


def test_plan_item_and_metric_update__a_stale_copy_is_refused_and_nothing_changes(
    plan, ministry_user
):
    item = services.plan_item_create(
        plan=plan, kind=PlanItem.Kind.GOAL, text="Tavoite", by=ministry_user
    )
    metric = _metric(plan, ministry_user)
    # Two people opened the same item and metric; the first one saves.
    opened = {"item": item.version, "metric": metric.version}
    services.plan_item_update(
        item=item, version=opened["item"], text="Ensimmäinen", by=ministry_user, reason="a"
    )
    services.metric_update(
        metric=metric, version=opened["metric"], actual=Decimal("90"), by=ministry_user, reason="a"
    )

    with pytest.raises(ValidationError, match="tallentanut"):
        services.plan_item_update(
            item=PlanItem.objects.get(pk=item.pk),
            version=opened["item"],
            text="Toinen",
            by=ministry_user,
            reason="b",
        )
    with pytest.raises(ValidationError, match="tallentanut"):
        services.metric_update(
            metric=Metric.objects.get(pk=metric.pk),
            version=opened["metric"],
            actual=Decimal("10"),
            by=ministry_user,
            reason="b",
        )
    assert PlanItem.objects.get(pk=item.pk).text == "Ensimmäinen"
    assert Metric.objects.get(pk=metric.pk).actual == Decimal("90")


@pytest.mark.parametrize(
    ("target", "actual", "higher", "expected"),
    [
        ("100", "150", True, "150"),
        ("100", None, True, None),
        ("20", "25", False, "80"),
        ("0", "0", True, "100"),
        ("0", "5", True, None),
        ("100", "-5", True, None),
    ],
)
def test_attainment_percent__share_of_target(target, actual, higher, expected):
    result = attainment_percent(
        target=Decimal(target),
        actual=Decimal(actual) if actual else None,
        higher_is_better=higher,
    )
    assert result == (Decimal(expected) if expected else None)
