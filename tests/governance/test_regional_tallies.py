"""The overview's running counts of the regional task log (RegionalTaskTally,
RegionalSegmentTally): every write path keeps them equal to a recount of the tasks, the
rebuild and the check of `manage.py regional_tallies`, and the overview read from them is
the one the tasks give when counted directly."""

import datetime
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.test import Client
from django.urls import reverse
from django.utils.dates import MONTHS

from governance.demo_regional import load_demo
from governance.models import Body, RegionalSegmentTally, RegionalTask, RegionalTaskTally
from governance.selectors import regional as selectors
from governance.selectors.regional import regional_tally_differences, regional_tally_recount
from governance.services import regional as services
from governance.services.regional_tallies import (
    regional_tallies_apply,
    regional_tallies_rebuild,
    regional_tally_contribution,
)
from governance.views.regional import RegionalOverviewView
from segments.models import Region, Segment
from tests.admin_forms import change_form_data
from tests.factories import DAY, UserFactory, log_task

pytestmark = pytest.mark.django_db

K = RegionalTask.Kind


def assert_counted():
    """The stored counters are what a fresh count of the tasks gives, and no counter is
    negative."""
    assert regional_tally_differences() == []
    assert not RegionalTaskTally.objects.filter(n__lt=0).exists()
    assert not RegionalSegmentTally.objects.filter(n__lt=0).exists()


def segments(*codes):
    return list(Segment.objects.filter(code__in=codes))


def update(task, by, **changes):
    task.refresh_from_db()
    values = {
        "date": task.date,
        "kind": task.kind,
        "description": task.description,
        "segments": list(task.segments.all()),
        "organisations": list(task.organisations.all()),
        "outcome": task.outcome,
        "follow_up_on": task.follow_up_on,
        **changes,
    }
    return services.regional_task_update(
        task=task, version=task.version, reason="Korjaus", by=by, **values
    )


def region_count(task_or_region, *, year, month, kind):
    region_id = getattr(task_or_region, "region_id", None) or task_or_region.pk
    row = RegionalTaskTally.objects.filter(year=year, month=month, region_id=region_id, kind=kind)
    return sum(row.values_list("n", flat=True))


def segment_count(segment, *, year, month, kind):
    rows = RegionalSegmentTally.objects.filter(year=year, month=month, segment=segment, kind=kind)
    return sum(rows.values_list("n", flat=True))


# --- the services --------------------------------------------------------------------------


def test_regional_task_create__counts_the_task_under_its_region_and_each_segment(
    coordinator_user,
):
    task = log_task(coordinator_user, segments=("perustajat", "paikalliset"))
    count = {"year": DAY.year, "month": DAY.month, "kind": K.NEEDS_ANALYSIS}
    assert region_count(task, **count) == 1
    perustajat, paikalliset = Segment.objects.get(code="perustajat"), segments("paikalliset")[0]
    assert segment_count(perustajat, **count) == 1
    assert segment_count(paikalliset, **count) == 1
    assert segment_count(None, **count) == 0
    assert task.history.count() == 1
    assert_counted()


def test_regional_task_create__a_task_naming_no_segment_counts_under_no_segment(
    coordinator_user,
):
    log_task(coordinator_user, segments=())
    log_task(coordinator_user, segments=())
    count = {"year": DAY.year, "month": DAY.month, "kind": K.NEEDS_ANALYSIS}
    assert segment_count(None, **count) == 2
    # One "no segment" row per key, however many tasks name none.
    assert RegionalSegmentTally.objects.filter(segment=None).count() == 1
    assert_counted()


def test_regional_task_update__date_moved_across_months_and_years(task, coordinator_user):
    before = {"year": DAY.year, "month": DAY.month, "kind": K.NEEDS_ANALYSIS}
    next_month = DAY.replace(day=1) + datetime.timedelta(days=40)
    update(task, coordinator_user, date=next_month)
    assert region_count(task, **before) == 0
    assert region_count(task, year=next_month.year, month=next_month.month, kind=K.NEEDS_ANALYSIS)
    assert_counted()
    last_year = DAY.replace(year=DAY.year - 1)
    update(task, coordinator_user, date=last_year)
    assert region_count(task, year=last_year.year, month=last_year.month, kind=K.NEEDS_ANALYSIS)
    assert task.history.first().history_change_reason == "Korjaus"
    assert_counted()


def test_regional_task_update__kind_changed(task, coordinator_user):
    update(task, coordinator_user, kind=K.IMPACT_FOLLOW_UP)
    month = {"year": DAY.year, "month": DAY.month}
    assert region_count(task, kind=K.NEEDS_ANALYSIS, **month) == 0
    assert region_count(task, kind=K.IMPACT_FOLLOW_UP, **month) == 1
    assert_counted()


def test_regional_task_update__segments_added_removed_and_all_removed(task, coordinator_user):
    update(task, coordinator_user, segments=segments("perustajat", "kotimarkkinat"))
    assert_counted()
    update(task, coordinator_user, segments=segments("kotimarkkinat"))
    assert_counted()
    update(task, coordinator_user, segments=[])
    count = {"year": DAY.year, "month": DAY.month, "kind": K.NEEDS_ANALYSIS}
    assert segment_count(None, **count) == 1
    assert segment_count(segments("kotimarkkinat")[0], **count) == 0
    assert_counted()
    update(task, coordinator_user, segments=segments("perustajat"))
    assert segment_count(None, **count) == 0
    assert_counted()


def test_regional_task_update__a_refused_change_leaves_the_counts(task, coordinator_user):
    with pytest.raises(ValidationError):
        services.regional_task_update(
            task=task,
            version=task.version - 1,
            date=DAY.replace(year=DAY.year + 1),
            kind=task.kind,
            description=task.description,
            reason="Vanhentunut",
            by=coordinator_user,
        )
    assert region_count(task, year=DAY.year, month=DAY.month, kind=K.NEEDS_ANALYSIS) == 1
    assert_counted()


# --- the admin -----------------------------------------------------------------------------


@pytest.fixture
def superuser(strategy_data):
    return UserFactory(username="paakayttaja", is_staff=True, is_superuser=True)


def _admin_change(client, task, **changes):
    url = reverse("admin:governance_regionaltask_change", args=[task.pk])
    data = change_form_data(client.get(url), change_reason="Ylläpito", **changes)
    data["date"] = data["date"].strftime("%d.%m.%Y")
    if data.get("follow_up_on"):
        data["follow_up_on"] = data["follow_up_on"].strftime("%d.%m.%Y")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    task.refresh_from_db()
    return task


def test_admin__archiving_and_restoring_a_task_moves_its_counts(task, superuser, client):
    client.force_login(superuser)
    count = {"year": DAY.year, "month": DAY.month, "kind": K.NEEDS_ANALYSIS}
    _admin_change(client, task, is_archived="on")
    assert task.is_archived
    assert region_count(task, **count) == 0
    assert_counted()
    restored = _admin_change_without(client, task, "is_archived")
    assert not restored.is_archived
    assert region_count(task, **count) == 1
    assert task.history.first().history_change_reason == "Palautettu"
    assert_counted()


def _admin_change_without(client, task, name):
    """Submit the change page with a checkbox left unticked (absent from the post)."""
    url = reverse("admin:governance_regionaltask_change", args=[task.pk])
    data = change_form_data(client.get(url), change_reason="Palautettu")
    data.pop(name, None)
    data["date"] = data["date"].strftime("%d.%m.%Y")
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    return task


def test_admin__changing_date_region_and_segments_moves_the_counts(task, superuser, client):
    client.force_login(superuser)
    lappi = Region.objects.get(code="lappi")
    _admin_change(
        client,
        task,
        region=lappi.pk,
        body=Body.objects.get(code="alue-lappi").pk,
        date=datetime.date(DAY.year - 1, 12, 31),
        segments=[s.pk for s in segments("suuryritykset", "paikalliset")],
    )
    assert task.region == lappi
    assert region_count(lappi, year=DAY.year - 1, month=12, kind=K.NEEDS_ANALYSIS) == 1
    assert_counted()


def test_admin__a_task_added_in_the_admin_is_counted(superuser, client):
    client.force_login(superuser)
    body = Body.objects.get(code="alue-uusimaa")
    response = client.post(
        reverse("admin:governance_regionaltask_add"),
        {
            "region": body.region_id,
            "body": body.pk,
            "date": "1.2.2026",
            "kind": K.REGIONAL_PRIORITIES,
            "segments": [s.pk for s in segments("perustajat")],
            "description": "Ylläpidossa kirjattu",
            "original_language": "fi",
            "change_reason": "Lisätty ylläpidossa",
        },
    )
    assert response.status_code == 302
    assert region_count(body.region, year=2026, month=2, kind=K.REGIONAL_PRIORITIES) == 1
    assert_counted()


def test_admin__reverting_a_task_to_an_earlier_version_moves_the_counts(
    task, coordinator_user, superuser, client
):
    first = task.history.earliest()
    update(task, coordinator_user, segments=[], kind=K.IMPACT_FOLLOW_UP)
    client.force_login(superuser)
    url = reverse("admin:governance_regionaltask_simple_history", args=[task.pk, first.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {
        **{name: value for name, value in data.items() if value not in (None, False)},
        "date": data["date"].strftime("%d.%m.%Y"),
        "segments": [segment.pk for segment in data["segments"]],
        "organisations": [organisation.pk for organisation in data["organisations"]],
        "version": RegionalTask.objects.get(pk=task.pk).version,
        "change_reason": "Palautettu aiempaan",
    }
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert task.kind == K.NEEDS_ANALYSIS
    count = {"year": DAY.year, "month": DAY.month}
    assert region_count(task, kind=K.NEEDS_ANALYSIS, **count) == 1
    assert region_count(task, kind=K.IMPACT_FOLLOW_UP, **count) == 0
    assert_counted()


def test_admin__the_counts_can_be_read_but_not_edited(task, superuser, client):
    client.force_login(superuser)
    for model in ("regionaltasktally", "regionalsegmenttally"):
        assert client.get(reverse(f"admin:governance_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:governance_{model}_add")).status_code == 403
    row = RegionalTaskTally.objects.get()
    url = reverse("admin:governance_regionaltasktally_change", args=[row.pk])
    client.post(url, {"n": 99})
    row.refresh_from_db()
    assert row.n == 1


# --- the demo and bulk loaders -------------------------------------------------------------


def test_load_demo__the_demo_tasks_are_counted(strategy_data):
    tasks, _messages = load_demo()
    assert tasks
    assert_counted()
    load_demo()  # run again: nothing new, nothing counted twice
    assert_counted()


# --- the constraints -----------------------------------------------------------------------


def test_tallies__one_no_segment_row_per_key_in_the_database(strategy_data):
    RegionalSegmentTally.objects.create(year=2026, month=1, segment=None, kind=K.NEEDS_ANALYSIS)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalSegmentTally.objects.create(year=2026, month=1, segment=None, kind=K.NEEDS_ANALYSIS)


def test_tallies__a_count_below_zero_is_refused(task):
    # Taking away a task that was never counted: the drift is refused, not hidden.
    contribution = regional_tally_contribution(task.pk)
    RegionalTaskTally.objects.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        regional_tallies_apply(before=contribution, after=regional_tally_contribution(None))


# --- rebuild and verify --------------------------------------------------------------------


def _drift(task):
    RegionalTaskTally.objects.filter(region_id=task.region_id).update(n=7)
    RegionalSegmentTally.objects.all().delete()
    RegionalSegmentTally.objects.create(
        year=1999, month=5, segment=None, kind=K.NEEDS_ANALYSIS, n=3
    )


def test_regional_tallies_rebuild__fixes_drift(task, coordinator_user):
    log_task(coordinator_user, segments=(), date=datetime.date(2025, 11, 3))
    _drift(task)
    assert regional_tally_differences()
    assert regional_tallies_rebuild() == (2, 2)
    assert_counted()


def test_regional_tallies_command__verify_passes_when_counts_agree(task):
    out = StringIO()
    call_command("regional_tallies", "--verify", stdout=out)
    assert "Laskurit vastaavat tehtäviä." in out.getvalue()


def test_regional_tallies_command__verify_prints_differences_and_fails(task):
    _drift(task)
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("regional_tallies", "--verify", stdout=out)
    assert "eroavat tehtävistä 3 kohdassa" in str(error.value)
    printed = out.getvalue()
    assert f"{DAY.year}/{DAY.month:02d} alue {task.region_id} needs_analysis: laskurissa 7, " in (
        printed
    )
    assert "1999/05 segmentti – needs_analysis: laskurissa 3, tehtäviä 0" in printed
    assert regional_tally_differences()  # verifying changes nothing


def test_regional_tallies_command__rebuild_then_verify(task):
    _drift(task)
    out = StringIO()
    call_command("regional_tallies", "--rebuild", stdout=out)
    assert "Rivejä alueittain: 1, segmenteittäin: 1." in out.getvalue()
    call_command("regional_tallies", "--verify", stdout=StringIO())
    assert_counted()


def test_regional_tallies_command__needs_one_action(strategy_data):
    with pytest.raises(CommandError):
        call_command("regional_tallies", stdout=StringIO(), stderr=StringIO())


# --- the overview read from the counts -----------------------------------------------------


def overview_by_counting_tasks(*, year, captions):
    """The overview as it was computed before the counters: one aggregate over the tasks
    per table (the reference the counters must reproduce)."""
    tasks = RegionalTask.objects.active().filter(date__year=year).order_by()
    by_month = tasks.annotate(month=ExtractMonth("date"))

    def counts(queryset, row_field, column_field):
        rows = queryset.values(row_field, column_field).annotate(n=Count("pk", distinct=True))
        return {(row[row_field], row[column_field]): row["n"] for row in rows}

    regions = [(region.pk, region.name) for region in Region.objects.order_by("order", "code")]
    segment_rows = [
        (segment.pk, segment.name) for segment in Segment.objects.filter(is_active=True)
    ] + [(None, captions["no_segment"])]
    kinds = list(RegionalTask.Kind.choices)
    months = [(number, MONTHS[number]) for number in range(1, 13)]

    def pivot(caption, row_header, rows, columns, queryset, row_field, column_field):
        return selectors._pivot(
            captions[caption],
            captions[row_header],
            rows,
            columns,
            counts(queryset, row_field, column_field),
        )

    return selectors.Overview(
        year=year,
        by_region_kind=pivot("region_kind", "region", regions, kinds, tasks, "region_id", "kind"),
        by_region_month=pivot(
            "region_month", "region", regions, months, by_month, "region_id", "month"
        ),
        by_segment_kind=pivot(
            "segment_kind", "segment", segment_rows, kinds, tasks, "segments", "kind"
        ),
        by_segment_month=pivot(
            "segment_month", "segment", segment_rows, months, by_month, "segments", "month"
        ),
    )


def without_csrf_token(response):
    # The one part of a page that differs between two requests.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


@pytest.fixture
def varied_tasks(coordinator_user):
    """Tasks of several months, kinds, segment sets and two years, one archived and one
    naming a segment no longer in use."""
    tasks = [
        log_task(coordinator_user, segments=codes, date=date, kind=kind)
        for codes, date, kind in [
            (("perustajat",), datetime.date(2026, 1, 5), K.NEEDS_ANALYSIS),
            (("perustajat", "paikalliset"), datetime.date(2026, 1, 20), K.NEEDS_ANALYSIS),
            ((), datetime.date(2026, 6, 30), K.IMPACT_FOLLOW_UP),
            (("kotimarkkinat", "suuryritykset"), datetime.date(2026, 12, 31), K.BUSINESS_STRATEGY),
            (("perustajat",), datetime.date(2025, 12, 31), K.NEEDS_ANALYSIS),
            (("suuryritykset",), datetime.date(2026, 3, 3), K.REGIONAL_PRIORITIES),
        ]
    ]
    RegionalTask.objects.filter(pk=tasks[-1].pk).update(is_archived=True)
    regional_tallies_rebuild()  # the archiving above went past the services
    Segment.objects.filter(code="kotimarkkinat").update(is_active=False)
    return tasks


def test_regional_overview__the_same_as_counting_the_tasks(varied_tasks):
    captions = {key: str(text) for key, text in RegionalOverviewView.CAPTIONS.items()}
    for year in (2025, 2026, 2027):
        assert selectors.regional_overview(
            year=year, captions=captions
        ) == overview_by_counting_tasks(year=year, captions=captions)


def test_regional_overview__the_page_is_the_same_as_counting_the_tasks(
    varied_tasks, ministry_user, monkeypatch
):
    client = Client()
    client.force_login(ministry_user)
    path = reverse("governance:regional_overview") + "?year=2026"
    from_counts = client.get(path)
    monkeypatch.setattr(selectors, "regional_overview", overview_by_counting_tasks)
    assert without_csrf_token(client.get(path)) == without_csrf_token(from_counts)


def test_regional_overview__six_queries_whatever_the_tasks(varied_tasks, django_assert_num_queries):
    captions = dict(RegionalOverviewView.CAPTIONS)
    with django_assert_num_queries(6):
        selectors.regional_overview(year=2026, captions=captions)


def test_regional_tally_recount__counts_each_segment_once_and_no_segment_once(varied_tasks):
    by_region, by_segment = regional_tally_recount()
    assert sum(by_region.values()) == 5
    # 1 + 2 + 1 (none) + 2 + 1 segment rows for the five active tasks.
    assert sum(by_segment.values()) == 7
