"""A run's life around the worker: lost workers judged by the heartbeat, retry and cancel
with a reason, the pages that offer them, and the manual placements list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from core.refusals import Refusal
from segments import resegmentation as reseg
from segments import runs
from segments.models import ManualPlacement, ResegmentationRun, RunEntry
from tests.factories import placed

from .conftest import YEAR

pytestmark = pytest.mark.django_db
Status = ResegmentationRun.Status


def _busy(run, status, *, age):
    ResegmentationRun.objects.filter(pk=run.pk).update(
        status=status, heartbeat_at=timezone.now() - age
    )
    run.refresh_from_db()
    return run


def test_interrupt_lost__only_runs_silent_past_the_limit(world, ministry_user, settings):
    settings.RESEGMENTATION_HEARTBEAT_LIMIT_SECONDS = 300
    lost = _busy(
        reseg.run_start(year=YEAR, by=ministry_user), Status.PREVIEWING, age=timedelta(minutes=6)
    )
    alive = _busy(
        reseg.run_start(year=YEAR - 1, by=ministry_user), Status.APPLYING, age=timedelta(minutes=4)
    )
    queued = reseg.run_start(year=YEAR - 2, by=ministry_user)
    ResegmentationRun.objects.filter(pk=queued.pk).update(
        heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    assert [r.pk for r in runs.runs_interrupt_lost()] == [lost.pk]
    statuses = dict(ResegmentationRun.objects.values_list("pk", "status"))
    assert statuses == {
        lost.pk: Status.INTERRUPTED,
        alive.pk: Status.APPLYING,
        # Waiting for a worker is not being lost by one.
        queued.pk: Status.QUEUED,
    }
    lost.refresh_from_db()
    assert lost.interrupted_step == Status.PREVIEWING
    assert lost.history.first().history_change_reason.startswith("Taustatyö pysähtyi")


def test_interrupt_lost__a_lost_preview_leaves_no_entries(world, ministry_user):
    run = reseg.run_preview(reseg.run_start(year=YEAR, by=ministry_user))
    assert RunEntry.objects.filter(run=run).exists()
    _busy(run, Status.PREVIEWING, age=timedelta(hours=1))
    runs.runs_interrupt_lost()
    assert not RunEntry.objects.filter(run=run).exists()


def test_interrupt_lost__the_year_is_free_for_a_new_run(world, ministry_user):
    run = _busy(
        reseg.run_start(year=YEAR, by=ministry_user), Status.PREVIEWING, age=timedelta(hours=1)
    )
    with pytest.raises(Refusal, match="on jo käynnissä"):
        reseg.run_start(year=YEAR, by=ministry_user)
    runs.runs_interrupt_lost()
    assert reseg.run_start(year=YEAR, by=ministry_user).pk != run.pk


def test_retry__an_interrupted_apply_applies_all_at_once(
    world, ministry_user, django_capture_on_commit_callbacks
):
    seg, companies = world
    run = reseg.run_preview(reseg.run_start(year=YEAR, by=ministry_user))
    reseg.run_request_apply(run, by=ministry_user)
    _busy(run, Status.APPLYING, age=timedelta(hours=1))
    runs.runs_interrupt_lost()
    with django_capture_on_commit_callbacks(execute=True):
        runs.run_retry(run, by=ministry_user, reason="Uusi yritys")
    run.refresh_from_db()
    assert (run.status, run.status_note) == (Status.APPLIED, "Uusi yritys")
    companies["Kasvaja"].refresh_from_db()
    assert companies["Kasvaja"].segment == seg["suuryritykset"]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_retry_and_cancel__need_a_reason(world, ministry_user, reason):
    run = _busy(reseg.run_start(year=YEAR, by=ministry_user), Status.INTERRUPTED, age=timedelta(0))
    for service in (runs.run_retry, runs.run_cancel):
        with pytest.raises(Refusal, match=r"[Pp]erustelu"):
            service(run, by=ministry_user, reason=reason)
    assert _status(run) == Status.INTERRUPTED


def _status(run):
    return ResegmentationRun.objects.values_list("status", flat=True).get(pk=run.pk)


def test_retry__refused_while_another_run_of_the_year_is_busy(world, ministry_user):
    run = _busy(reseg.run_start(year=YEAR, by=ministry_user), Status.INTERRUPTED, age=timedelta(0))
    reseg.run_start(year=YEAR, by=ministry_user)
    with pytest.raises(Refusal, match="on jo käynnissä"):
        runs.run_retry(run, by=ministry_user, reason="x")


def test_cancel__a_live_run_is_refused_a_previewed_one_is_given_up(world, ministry_user):
    live = _busy(reseg.run_start(year=YEAR, by=ministry_user), Status.PREVIEWING, age=timedelta(0))
    with pytest.raises(Refusal, match="työn alla"):
        runs.run_cancel(live, by=ministry_user, reason="x")
    previewed = reseg.run_preview(reseg.run_start(year=YEAR - 1, by=ministry_user))
    runs.run_cancel(previewed, by=ministry_user, reason="Väärät luvut")
    previewed.refresh_from_db()
    assert (previewed.status, previewed.status_note) == (Status.CANCELLED, "Väärät luvut")
    assert not RunEntry.objects.filter(run=previewed).exists()
    record = previewed.history.first()
    assert (record.history_user, record.history_change_reason) == (ministry_user, "Väärät luvut")


def test_cancel__a_lost_run_is_judged_and_cancelled_at_once(world, ministry_user):
    run = _busy(
        reseg.run_start(year=YEAR, by=ministry_user), Status.APPLYING, age=timedelta(hours=1)
    )
    runs.run_cancel(run, by=ministry_user, reason="Taustatyö kaatui")
    assert _status(run) == Status.CANCELLED


def test_preview__a_cancelled_run_is_not_previewed(world, ministry_user):
    run = reseg.run_start(year=YEAR, by=ministry_user)
    runs.run_cancel(run, by=ministry_user, reason="x")
    with pytest.raises(Refusal):
        reseg.run_preview(run)
    assert not RunEntry.objects.filter(run=run).exists()


# --- pages -------------------------------------------------------------------------------


def test_run_page__an_interrupted_run_offers_retry_and_cancel_to_ministry_staff_only(
    client, world, ministry_user, working_group_user
):
    run = _busy(
        reseg.run_start(year=YEAR, by=ministry_user), Status.PREVIEWING, age=timedelta(hours=1)
    )
    runs.runs_interrupt_lost()
    client.force_login(ministry_user)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Taustatyö pysähtyi" in page
    assert reverse("segments:run_retry", args=[run.pk]) in page
    assert reverse("segments:run_cancel", args=[run.pk]) in page
    client.force_login(working_group_user)
    page = client.get(run.get_absolute_url()).content.decode()
    assert reverse("segments:run_retry", args=[run.pk]) not in page
    assert (
        client.post(
            reverse("segments:run_cancel", args=[run.pk]), {"cancel-reason": "x"}
        ).status_code
        == 403
    )
    assert _status(run) == Status.INTERRUPTED


def test_run_page__cancel_with_a_reason(client, world, ministry_user):
    run = _busy(reseg.run_start(year=YEAR, by=ministry_user), Status.INTERRUPTED, age=timedelta(0))
    client.force_login(ministry_user)
    response = client.post(
        reverse("segments:run_cancel", args=[run.pk]), {"cancel-reason": "Turha"}
    )
    assert response.status_code == 302
    assert _status(run) == Status.CANCELLED


@pytest.mark.parametrize("reason", ["", "  ", "x" * 2001])
def test_run_page__retry_without_a_reason_is_a_finnish_message(
    client, world, ministry_user, reason
):
    run = _busy(reseg.run_start(year=YEAR, by=ministry_user), Status.INTERRUPTED, age=timedelta(0))
    client.force_login(ministry_user)
    response = client.post(reverse("segments:run_retry", args=[run.pk]), {"retry-reason": reason})
    assert response.status_code == 200
    assert "perustelu" in response.content.decode().lower()
    assert _status(run) == Status.INTERRUPTED


def test_run_page__cancelling_a_live_run_is_a_409_conflict_with_its_message(
    client, world, ministry_user
):
    run = _busy(reseg.run_start(year=YEAR, by=ministry_user), Status.PREVIEWING, age=timedelta(0))
    client.force_login(ministry_user)
    response = client.post(reverse("segments:run_cancel", args=[run.pk]), {"cancel-reason": "x"})
    assert response.status_code == 409
    assert "työn alla" in response.content.decode()
    assert _status(run) == Status.PREVIEWING


def test_run_start__a_busy_year_is_a_409_conflict(client, world, ministry_user):
    reseg.run_start(year=YEAR, by=ministry_user)
    client.force_login(ministry_user)
    response = client.post(reverse("segments:run_list"), {"year": str(YEAR)})
    assert response.status_code == 409
    assert "on jo käynnissä" in response.content.decode()


def test_placement_list__every_role_reads_ministry_staff_remove_with_a_reason(
    client, world, ministry_user, working_group_user
):
    _seg, companies = world
    placement = placed(companies["Kasvaja"], ministry_user, reason="Tarkistetaan")
    url = reverse("segments:placement_list")
    remove = reverse("segments:placement_remove", args=[placement.pk])
    client.force_login(working_group_user)
    page = client.get(url).content.decode()
    assert "Kasvaja" in page and "Tarkistetaan" in page and remove not in page
    assert client.post(remove, {"reason": "x"}).status_code == 403
    client.force_login(ministry_user)
    assert remove in client.get(url).content.decode()
    response = client.post(remove, {"reason": ""})
    assert response.status_code == 302 and ManualPlacement.objects.in_force(YEAR).exists()
    response = client.post(remove, {"reason": "Luvut tarkistettu", "next": "https://evil.example/"})
    assert response["Location"] == url
    assert not ManualPlacement.objects.in_force(YEAR).exists()
    page = client.get(url, {"removed": "1", "q": "kasv"}).content.decode()
    assert "Luvut tarkistettu" in page


def test_placement_list__anonymous_users_log_in_first(client):
    response = client.get(reverse("segments:placement_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_placement_list__a_constant_number_of_queries(client, world, ministry_user, count_queries):
    _seg, companies = world
    client.force_login(ministry_user)
    url = reverse("segments:placement_list")
    placed(companies["Kasvaja"], ministry_user)
    few = count_queries(client, url, warm=True)
    for name in ("Viejä", "Rajalla", "Pieni", "Uusi"):
        placed(companies[name], ministry_user)
    assert count_queries(client, url, warm=True) == few
