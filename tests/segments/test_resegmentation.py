"""The yearly re-segmentation: preview, review with reasons, apply all or nothing, re-run."""

from decimal import Decimal

import pytest

from segments import resegmentation as reseg
from segments.models import (
    Attribute,
    AttributeValue,
    Company,
    Criterion,
    RunEntry,
    Segment,
    SegmentTransition,
)

pytestmark = pytest.mark.django_db

YEAR = 2026


def _rules(code, kind, tree):
    criterion = Criterion.objects.get(segment__code=code, kind=kind)
    criterion.rules = tree
    criterion.full_clean()
    criterion.save()


def _gte(attribute, value):
    return {"attribute": attribute, "op": "gte", "value": value}


@pytest.fixture
def world(strategy_data):
    """Three rule-bearing segments evaluated large -> international -> local, and companies."""
    staff = Attribute.objects.create(code="henkilosto", name_fi="Henkilöstö", value_type="integer")
    export = Attribute.objects.create(code="vienti", name_fi="Vientiosuus", value_type="decimal")
    for code, priority in [("suuryritykset", 1), ("kansainvalistyvat", 2), ("paikalliset", 3)]:
        Segment.objects.filter(code=code).update(priority=priority)
    Segment.objects.exclude(code__in=["suuryritykset", "kansainvalistyvat", "paikalliset"]).update(
        priority=50
    )
    _rules("suuryritykset", "placement", _gte("henkilosto", 250))
    _rules("kansainvalistyvat", "placement", _gte("vienti", 25))
    # Hysteresis: a company enters the international segment only from 30 % export.
    _rules("kansainvalistyvat", "entry", _gte("vienti", 30))
    _rules("kansainvalistyvat", "exit", _gte("henkilosto", 200))
    _rules("paikalliset", "placement", {"attribute": "henkilosto", "op": "lt", "value": 250})
    _rules("paikalliset", "exit", _gte("vienti", 20))
    seg = {s.code: s for s in Segment.objects.all()}
    companies = {}

    def company(name, segment, **values):
        c = Company.objects.create(
            business_id=f"{len(companies) + 1:07d}-0", name=name, segment=seg.get(segment)
        )
        for attribute, value in values.items():
            AttributeValue.objects.create(
                company=c,
                attribute={"h": staff, "v": export}[attribute],
                year=YEAR,
                number=Decimal(value),
            )
        companies[name] = c
        return c

    company("Kasvaja", "paikalliset", h=300, v=5)  # -> large
    company("Viejä", "paikalliset", h=40, v=35)  # -> international (meets entry)
    company(
        "Rajalla", "paikalliset", h=40, v=27
    )  # placement yes, entry no -> stays local; ready (v >= 20)
    company("Kansainvälinen", "kansainvalistyvat", h=220, v=26)  # stays; ready to move (h >= 200)
    company("Pieni", "paikalliset", h=5, v=0)  # stays
    company("Tyhjä", "perustajat")  # no values: unplaced, stays where it is
    company("Uusi", None, h=3, v=0)  # no segment yet -> local
    Company.objects.create(
        business_id="9999999-9", name="Lopettanut", segment=seg["paikalliset"], is_active=False
    )
    return seg, companies


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


def test_override__moves_a_company_elsewhere_with_its_reason(world, ministry_user):
    seg, companies = world
    run = _preview()
    reseg.run_override_set(
        run=run,
        company=companies["Pieni"],
        action="override",
        segment=seg["kotimarkkinat"],
        reason="Toimii koko maassa",
        by=ministry_user,
    )
    reseg.run_apply(run, by=ministry_user)
    transition = SegmentTransition.objects.get(company=companies["Pieni"])
    assert (transition.to_segment, transition.cause, transition.reason) == (
        seg["kotimarkkinat"],
        "override",
        "Toimii koko maassa",
    )
    override = run.overrides.get()
    assert override.history.first().history_user == ministry_user


def test_override__exclusion_keeps_the_company_where_it_is(world, ministry_user):
    seg, companies = world
    run = _preview()
    reseg.run_override_set(
        run=run,
        company=companies["Kasvaja"],
        action="exclude",
        reason="Luvut tarkistetaan",
        by=ministry_user,
    )
    run.refresh_from_db()
    assert run.mover_count == 2
    reseg.run_apply(run, by=ministry_user)
    assert Company.objects.get(name="Kasvaja").segment == seg["paikalliset"]
    assert not SegmentTransition.objects.filter(company=companies["Kasvaja"]).exists()


def test_override__removing_it_restores_the_rules_placement(world, ministry_user):
    seg, companies = world
    run = _preview()
    reseg.run_override_set(
        run=run, company=companies["Kasvaja"], action="exclude", reason="x", by=ministry_user
    )
    reseg.run_override_remove(run=run, company=companies["Kasvaja"], by=ministry_user)
    assert (
        RunEntry.objects.get(run=run, company=companies["Kasvaja"]).to_segment
        == seg["suuryritykset"]
    )


@pytest.mark.parametrize(
    ("action", "segment", "reason", "message"),
    [
        ("override", None, "syy", "Kun yritys sijoitetaan toisin, valitaan segmentti"),
        ("exclude", None, "   ", "Tämä kenttä ei voi olla tyhjä"),
    ],
)
def test_override__invalid_input_is_refused_with_a_finnish_message(
    world, ministry_user, action, segment, reason, message
):
    from django.core.exceptions import ValidationError

    seg, companies = world
    run = _preview()
    with pytest.raises(ValidationError, match=message):
        reseg.run_override_set(
            run=run,
            company=companies["Pieni"],
            action=action,
            segment=seg.get(segment),
            reason=reason,
            by=ministry_user,
        )
    assert not run.overrides.exists()


def test_apply__only_a_previewed_run(world, ministry_user):
    run = reseg.run_start(year=YEAR, by=ministry_user)
    with pytest.raises(reseg.RunStateError, match="Vain esikatseltu ajo"):
        reseg.run_apply(run, by=ministry_user)
    reseg.run_preview(run)
    reseg.run_apply(run, by=ministry_user)
    with pytest.raises(reseg.RunStateError):
        reseg.run_apply(run, by=ministry_user)
    with pytest.raises(reseg.RunStateError):
        reseg.run_override_set(
            run=run, company=Company.objects.first(), action="exclude", reason="x", by=ministry_user
        )


def test_start__one_busy_run_per_year(world, ministry_user):
    reseg.run_start(year=YEAR, by=ministry_user)
    with pytest.raises(reseg.RunStateError, match="on jo käynnissä"):
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
    Company.objects.create(
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
    second = _preview()
    assert reseg.runs_prune() == 1
    first.refresh_from_db()
    assert first.entries_pruned_at is not None and first.company_count == 7 and first.matrix
    assert not RunEntry.objects.filter(run=first).exists()
    assert RunEntry.objects.filter(run=second).count() == 7
    assert SegmentTransition.objects.filter(run=first).exists()
    assert reseg.runs_prune() == 0
