"""The yearly re-segmentation: preview, review with reasons, apply all or nothing, re-run."""

import pytest
from django.db import connection

from core.refusals import Refusal
from segments import resegmentation as reseg
from segments.models import (
    AttributeValue,
    Company,
    ResegmentationRun,
    RunEntry,
    Segment,
    SegmentTransition,
)
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

YEAR = 2026


def _preview(by=None):
    run = reseg.run_start(year=YEAR, by=by)
    return reseg.run_preview(run)


def _entries(run):
    return {e.company.name: e for e in RunEntry.objects.filter(run=run).select_related("company")}


def test_preview__places_by_priority_entry_rules_and_flags_exit(world):
    seg, _companies = world
    run = _preview()
    entries = _entries(run)
    assert {name: e.to_segment_id for name, e in entries.items()} == {
        "Kasvaja": seg["suuryritykset"].pk,
        "Viejä": seg["kansainvalistyvat"].pk,
        "Rajalla": seg["paikalliset"].pk,
        "Kansainvälinen": seg["kansainvalistyvat"].pk,
        "Pieni": seg["paikalliset"].pk,
        "Tyhjä": None,
        "Uusi": seg["paikalliset"].pk,
    }
    assert {name for name, e in entries.items() if e.is_ready_to_move} == {
        "Rajalla",
        "Kansainvälinen",
    }
    assert (
        run.status,
        run.company_count,
        run.mover_count,
        run.unplaced_count,
        run.ready_count,
    ) == (
        "previewed",
        7,
        3,
        1,
        2,
    )
    assert run.progress_done == run.progress_total > 0


def test_preview__does_not_change_any_company(world):
    before = list(Company.objects.values_list("pk", "segment_id", "is_ready_to_move"))
    _preview()
    assert list(Company.objects.values_list("pk", "segment_id", "is_ready_to_move")) == before
    assert not SegmentTransition.objects.exists()


def test_apply__writes_what_the_preview_showed(world, ministry_user):
    seg, _companies = world
    run = _preview(by=ministry_user)
    movers = {
        (e.company_id, e.from_segment_id, e.to_segment_id)
        for e in _entries(run).values()
        if e.is_mover
    }

    reseg.run_apply(run, by=ministry_user)

    written = set(
        SegmentTransition.objects.values_list("company_id", "from_segment_id", "to_segment_id")
    )
    assert written == movers
    for transition in SegmentTransition.objects.all():
        assert (transition.year, transition.cause, transition.run_id, transition.created_by) == (
            YEAR,
            "rule",
            run.pk,
            ministry_user,
        )
    assert Company.objects.get(name="Kasvaja").segment == seg["suuryritykset"]
    assert Company.objects.get(name="Tyhjä").segment == seg["perustajat"]  # unplaced stays
    assert set(Company.objects.filter(is_ready_to_move=True).values_list("name", flat=True)) == {
        "Rajalla",
        "Kansainvälinen",
    }
    run.refresh_from_db()
    assert (run.status, run.applied_by) == ("applied", ministry_user)
    assert run.history.first().history_change_reason == "Uudelleensegmentointi viety voimaan"


def test_apply__a_second_run_for_the_same_year_duplicates_nothing(world, ministry_user):
    reseg.run_apply(_preview(), by=ministry_user)
    transitions = list(
        SegmentTransition.objects.values_list("company_id", "from_segment_id", "to_segment_id")
    )

    second = _preview()
    assert second.mover_count == 0
    reseg.run_apply(second, by=ministry_user)

    assert (
        list(
            SegmentTransition.objects.values_list("company_id", "from_segment_id", "to_segment_id")
        )
        == transitions
    )


def test_apply__a_company_moved_twice_in_a_year_keeps_one_transition_from_its_start(
    world, ministry_user
):
    seg, companies = world
    reseg.run_apply(_preview(), by=ministry_user)
    # The data is corrected: "Viejä" is in fact large.
    AttributeValue.objects.filter(company=companies["Viejä"], attribute__code="henkilosto").update(
        number=900
    )
    reseg.run_apply(_preview(), by=ministry_user)
    transition = SegmentTransition.objects.get(company=companies["Viejä"])
    assert (transition.from_segment, transition.to_segment) == (
        seg["paikalliset"],
        seg["suuryritykset"],
    )


def test_apply__only_a_previewed_run(world, ministry_user):
    run = reseg.run_start(year=YEAR, by=ministry_user)
    with pytest.raises(Refusal, match="Vain esikatseltu ajo"):
        reseg.run_apply(run, by=ministry_user)
    reseg.run_preview(run)
    reseg.run_apply(run, by=ministry_user)
    with pytest.raises(Refusal):
        reseg.run_apply(run, by=ministry_user)


def test_start__one_busy_run_per_year(world, ministry_user):
    reseg.run_start(year=YEAR, by=ministry_user)
    with pytest.raises(Refusal, match="on jo käynnissä"):
        reseg.run_start(year=YEAR, by=ministry_user)
    reseg.run_start(year=YEAR - 1, by=ministry_user)


def test_apply__a_failure_midway_leaves_nothing_half_written(world, ministry_user, monkeypatch):
    run = _preview()
    before = list(Company.objects.values_list("pk", "segment_id", "is_ready_to_move"))
    real_progress = reseg._progress

    def failing_progress(run, done, total, message, report=None):
        real_progress(run, done, total, message, report)
        if done == 2:  # transitions and placements written, flags not yet
            raise RuntimeError("levy täynnä")

    monkeypatch.setattr(reseg, "_progress", failing_progress)
    with pytest.raises(RuntimeError):
        reseg.run_apply(run, by=ministry_user)
    assert list(Company.objects.values_list("pk", "segment_id", "is_ready_to_move")) == before
    assert not SegmentTransition.objects.exists()
    run.refresh_from_db()
    assert run.status == "previewed"


def test_preview__without_any_rules_everyone_is_unplaced_and_stays(strategy_data):
    CompanyFactory(
        business_id="0000001-9", name="A", segment=Segment.objects.get(code="paikalliset")
    )
    run = _preview()
    assert (run.company_count, run.mover_count, run.unplaced_count) == (1, 0, 1)


def test_preview__a_failure_marks_the_run_failed_and_keeps_no_entries(world, monkeypatch):
    run = reseg.run_start(year=YEAR, by=None)

    def broken(*args, **kwargs):
        raise RuntimeError("tietokantavirhe")

    monkeypatch.setattr(reseg, "_insert_select", broken)
    with pytest.raises(RuntimeError):
        reseg.run_preview(run)
    run.refresh_from_db()
    assert (run.status, run.error) == ("failed", "tietokantavirhe")
    assert not RunEntry.objects.filter(run=run).exists()


def test_prune__keeps_the_newest_run_of_each_year_and_the_numbers_of_the_others(
    world, ministry_user
):
    first = reseg.run_apply(_preview(), by=ministry_user)
    second = _preview()  # prunes the run it supersedes
    first.refresh_from_db()
    assert first.entries_pruned_at is not None and first.company_count == 7 and first.matrix
    assert not RunEntry.objects.filter(run=first).exists()
    assert RunEntry.objects.filter(run=second).count() == 7
    assert SegmentTransition.objects.filter(run=first).exists()
    assert reseg.runs_prune() == 0


def test_prune__storage_stays_flat_over_five_runs_of_a_year(world, ministry_user):
    for _ in range(5):
        reseg.run_apply(_preview(), by=ministry_user)
        assert RunEntry.objects.count() == 7  # the newest run's entries only


def test_prune__a_run_of_another_year_keeps_its_entries(world, ministry_user):
    earlier = reseg.run_apply(_preview(), by=ministry_user)
    ResegmentationRun.objects.filter(pk=earlier.pk).update(year=YEAR - 1)
    _preview()
    assert RunEntry.objects.filter(run=earlier).count() == 7


@pytest.mark.django_db(transaction=True)
def test_prune__outside_a_transaction_the_space_left_is_made_reusable_at_once(world):
    """Without VACUUM after the prune, PostgreSQL's run-entry table grew by a whole run
    (about 60 MB at 400,000 companies) with every preview until autovacuum came round."""
    _preview()
    _preview()  # prunes the first run's entries
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = %s",
                [RunEntry._meta.db_table],
            )
            assert cursor.fetchone()[0] >= 1
    assert RunEntry.objects.count() == 7


def test_prune__inside_a_transaction_leaves_the_space_to_autovacuum(world):
    """VACUUM cannot run in a transaction block: a preview inside one (a test, a rolled
    back benchmark) prunes without it instead of failing."""
    _preview()
    _preview()
    assert RunEntry.objects.count() == 7
