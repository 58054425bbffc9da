"""Manual placements: standing decisions on single companies that every later run respects."""

import pytest
from django.core.exceptions import ValidationError

from segments import placements
from segments import resegmentation as reseg
from segments.models import Company, ManualPlacement, RunEntry, SegmentTransition
from tests.factories import ManualPlacementFactory, placed

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def _preview(year=YEAR, by=None):
    return reseg.run_preview(reseg.run_start(year=year, by=by))


def _entry(run, company):
    return RunEntry.objects.get(run=run, company=company)


def _moved_home(world, name, by, reason="Toimii koko maassa"):
    """The company moved by hand to the domestic market segment (kotimarkkinat)."""
    seg, companies = world
    return placed(companies[name], by, action="move", segment=seg["kotimarkkinat"], reason=reason)


def test_placement__survives_a_second_run_of_the_same_year(world, ministry_user):
    """The defect: an override given in a year's run was forgotten by the next run of that
    year, which proposed moving the company back and, applied, silently undid the decision."""
    seg, companies = world
    run = _preview(by=ministry_user)
    _moved_home(world, "Pieni", ministry_user)
    reseg.run_apply(reseg.ResegmentationRun.objects.get(pk=run.pk), by=ministry_user)
    assert Company.objects.get(name="Pieni").segment == seg["kotimarkkinat"]

    again = _preview(by=ministry_user)
    entry = _entry(again, companies["Pieni"])
    # The rules would put it back among the local companies; the placement keeps it.
    assert entry.rule_segment == seg["paikalliset"]
    assert entry.to_segment == seg["kotimarkkinat"]
    assert entry.placement.reason == "Toimii koko maassa"
    assert entry.is_listed
    assert again.manual_count == 1
    reseg.run_apply(again, by=ministry_user)
    assert Company.objects.get(name="Pieni").segment == seg["kotimarkkinat"]
    assert SegmentTransition.objects.filter(company=companies["Pieni"]).count() == 1


def test_placement__move_is_applied_with_its_reason_and_history(world, ministry_user):
    seg, companies = world
    run = _preview()
    placement = _moved_home(world, "Pieni", ministry_user)
    run.refresh_from_db()
    assert (run.mover_count, run.manual_count) == (4, 1)
    reseg.run_apply(run, by=ministry_user)
    transition = SegmentTransition.objects.get(company=companies["Pieni"])
    assert (transition.to_segment, transition.cause, transition.reason) == (
        seg["kotimarkkinat"],
        "override",
        "Toimii koko maassa",
    )
    record = placement.history.get()
    assert (record.history_user, record.history_change_reason) == (
        ministry_user,
        "Toimii koko maassa",
    )


def test_placement__exclude_leaves_the_company_where_it_is(world, ministry_user):
    seg, companies = world
    run = _preview()
    placed(companies["Kasvaja"], ministry_user, reason="Luvut tarkistetaan")
    run.refresh_from_db()
    assert run.mover_count == 2
    reseg.run_apply(run, by=ministry_user)
    assert Company.objects.get(name="Kasvaja").segment == seg["paikalliset"]
    assert not SegmentTransition.objects.filter(company=companies["Kasvaja"]).exists()


def test_placement__keep_without_a_segment_means_the_current_one(world, ministry_user):
    seg, companies = world
    placement = placed(
        companies["Kasvaja"], ministry_user, action="keep", reason="Konserni jakautuu"
    )
    assert placement.segment == seg["paikalliset"]
    run = _preview()
    assert _entry(run, companies["Kasvaja"]).to_segment == seg["paikalliset"]


def test_placement__a_new_placement_is_evaluated_against_its_segments_exit_rules(
    world, ministry_user
):
    seg, companies = world
    # Viejä (export 35 %) kept among the local companies meets their exit rule (≥ 20 %).
    placed(companies["Viejä"], ministry_user, action="keep")
    entry = _entry(_preview(), companies["Viejä"])
    assert (entry.to_segment, entry.is_ready_to_move) == (seg["paikalliset"], True)


def test_placement__years_bound_the_runs_it_applies_to(world, ministry_user):
    _seg, companies = world
    placed(
        companies["Kasvaja"],
        ministry_user,
        reason="Vain ensi vuonna",
        first_year=YEAR + 1,
        last_year=YEAR + 1,
    )
    # Not yet in the run's year: the rules decide.
    assert _entry(_preview(), companies["Kasvaja"]).placement is None
    in_force = ManualPlacement.objects.in_force(YEAR + 1)
    assert list(in_force.values_list("company__name", flat=True)) == ["Kasvaja"]
    assert not ManualPlacement.objects.in_force(YEAR + 2).exists()


def test_placement__removing_it_with_a_reason_lets_the_rules_decide_again(world, ministry_user):
    seg, companies = world
    run = _preview()
    placement = placed(companies["Kasvaja"], ministry_user)
    assert _entry(run, companies["Kasvaja"]).to_segment == seg["paikalliset"]
    placements.placement_remove(placement=placement, reason="Luvut tarkistettu", by=ministry_user)
    # The previewed run is brought up to date at once.
    entry = _entry(run, companies["Kasvaja"])
    assert (entry.to_segment, entry.placement) == (seg["suuryritykset"], None)
    run.refresh_from_db()
    assert (run.mover_count, run.manual_count) == (3, 0)
    placement.refresh_from_db()
    assert (placement.removed_by, placement.removal_reason) == (ministry_user, "Luvut tarkistettu")
    assert placement.history.first().history_change_reason == "Luvut tarkistettu"


def test_placement__removal_needs_a_reason_and_changes_nothing_without(world, ministry_user):
    _seg, companies = world
    placement = placed(companies["Kasvaja"], ministry_user)
    with pytest.raises(ValidationError, match="poistolle on kirjattava perustelu"):
        placements.placement_remove(placement=placement, reason="  ", by=ministry_user)
    placement.refresh_from_db()
    assert placement.removed_at is None


def test_placement__a_new_one_replaces_the_one_in_force_which_stays_on_record(world, ministry_user):
    _seg, companies = world
    first = placed(companies["Kasvaja"], ministry_user, reason="ensin")
    second = _moved_home(world, "Kasvaja", ministry_user, reason="sitten")
    first.refresh_from_db()
    assert first.removed_at is not None and "sitten" in first.removal_reason
    assert list(ManualPlacement.objects.in_force(YEAR)) == [second]


@pytest.mark.parametrize(
    ("action", "segment", "reason", "message"),
    [
        ("move", None, "syy", "valitaan segmentti"),
        ("exclude", None, "   ", "Tämä kenttä ei voi olla tyhjä"),
        ("keep", None, "syy", "valitaan segmentti"),  # "Uusi" has no segment to keep
    ],
)
def test_placement__invalid_input_is_refused_with_a_finnish_message_and_changes_nothing(
    world, ministry_user, action, segment, reason, message
):
    seg, companies = world
    company = companies["Uusi"] if action == "keep" else companies["Pieni"]
    existing = placed(companies["Kasvaja"], ministry_user)
    with pytest.raises(ValidationError, match=message):
        placements.placement_set(
            company=company,
            action=action,
            segment=seg.get(segment),
            reason=reason,
            first_year=YEAR,
            by=ministry_user,
        )
    assert list(ManualPlacement.objects.all()) == [existing]


def test_placement__a_refused_replacement_leaves_the_one_in_force(world, ministry_user):
    _seg, companies = world
    first = placed(companies["Kasvaja"], ministry_user)
    with pytest.raises(ValidationError):
        placements.placement_set(
            company=companies["Kasvaja"],
            action="move",
            reason="ilman segmenttiä",
            first_year=YEAR,
            by=ministry_user,
        )
    first.refresh_from_db()
    assert first.removed_at is None


def test_placement__the_database_holds_one_in_force_per_company(world, ministry_user):
    from django.db import IntegrityError, transaction

    _seg, companies = world
    ManualPlacementFactory(
        company=companies["Kasvaja"], action="exclude", reason="x", first_year=YEAR
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ManualPlacementFactory(
            company=companies["Kasvaja"], action="exclude", reason="y", first_year=YEAR
        )
