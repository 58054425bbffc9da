"""The editor's live preview of a segment's rules: the same placements as the yearly run's
preview, counted without a run, for rules not yet saved."""

import pytest

from segments import evaluation
from segments import resegmentation as reseg
from segments.models import Attribute, Criterion, ManualPlacement, RunEntry, Segment
from segments.rules import parse_rules

pytestmark = pytest.mark.django_db

YEAR = 2026


def _stored_rules(segment):
    attributes = Attribute.objects.by_code()
    return {
        c.kind: parse_rules(c.rules, attributes)
        for c in Criterion.objects.filter(segment=segment)
        if c.rules
    }


def _run_counts(segment, by=None):
    """N, M, K as the yearly run's preview counts them for `segment`."""
    run = reseg.run_preview(reseg.run_start(year=YEAR, by=by))
    entries = RunEntry.objects.filter(run=run)
    final = [(e.from_segment_id, e.to_segment_id or e.from_segment_id) for e in entries]
    here = segment.pk
    return {
        "placed": sum(1 for _f, to in final if to == here),
        "moving_in": sum(1 for f, to in final if to == here and f != here),
        "moving_out": sum(1 for f, to in final if f == here and to != here),
    }


@pytest.mark.parametrize(
    "code", ["suuryritykset", "kansainvalistyvat", "paikalliset", "perustajat"]
)
def test_placement_preview__with_the_stored_rules_counts_as_the_run_does(world, code):
    segment = Segment.objects.get(code=code)
    segments = evaluation.segments_with_rules(segment, _stored_rules(segment))
    preview = evaluation.placement_preview(year=YEAR, segments=segments, segment=segment)
    assert preview == _run_counts(segment)


def test_placement_preview__known_numbers_of_the_small_world(world):
    international = Segment.objects.get(code="kansainvalistyvat")
    segments = evaluation.segments_with_rules(international, _stored_rules(international))
    # Viejä moves in (meets entry), Kansainvälinen stays, Rajalla does not meet entry.
    assert evaluation.placement_preview(year=YEAR, segments=segments, segment=international) == {
        "placed": 2,
        "moving_in": 1,
        "moving_out": 0,
    }


def test_placement_preview__edited_rules_change_the_counts_before_any_save(world):
    international = Segment.objects.get(code="kansainvalistyvat")
    rules = _stored_rules(international)
    # Without the entry rule Rajalla (27 % export) also moves in.
    del rules["entry"]
    segments = evaluation.segments_with_rules(international, rules)
    assert evaluation.placement_preview(year=YEAR, segments=segments, segment=international) == {
        "placed": 3,
        "moving_in": 2,
        "moving_out": 0,
    }
    assert Criterion.objects.get(segment=international, kind="entry").rules is not None


def test_placement_preview__a_stricter_rule_moves_companies_out(world):
    international = Segment.objects.get(code="kansainvalistyvat")
    rules = _stored_rules(international)
    rules["placement"] = parse_rules({"attribute": "vienti", "op": "gte", "value": 90})
    segments = evaluation.segments_with_rules(international, rules)
    # Kansainvälinen (220 staff, 26 %) goes to the local segment (fewer than 250 staff).
    assert evaluation.placement_preview(year=YEAR, segments=segments, segment=international) == {
        "placed": 0,
        "moving_in": 0,
        "moving_out": 1,
    }


def test_placement_preview__manual_placements_override_the_rules(world, ministry_user):
    from tests.factories.scenarios import placed

    seg, companies = world
    international = seg["kansainvalistyvat"]
    placed(companies["Viejä"], ministry_user, action=ManualPlacement.Action.EXCLUDE)
    segments = evaluation.segments_with_rules(international, _stored_rules(international))
    preview = evaluation.placement_preview(year=YEAR, segments=segments, segment=international)
    assert preview == {"placed": 1, "moving_in": 0, "moving_out": 0}
    assert preview == _run_counts(international, by=ministry_user)
