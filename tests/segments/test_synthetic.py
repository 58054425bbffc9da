"""The synthetic national data set (generate_companies): invented, deterministic, idempotent,
removable, and with demo rules that make a yearly run move a few companies."""

import itertools
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from stdnum.fi import ytunnus

from segments import resegmentation as reseg
from segments import synthetic
from segments.models import (
    Attribute,
    AttributeValue,
    Company,
    Criterion,
    RunEntry,
    Segment,
    SegmentTransition,
)
from segments.rules import parse_rules
from segments.validators import validate_business_id, validate_industry_code
from tests.factories import (
    AttributeFactory,
    AttributeValueFactory,
    CompanyFactory,
    business_id,
)

pytestmark = pytest.mark.django_db

COUNT = 300


def _generate(*args, count=COUNT, seed=7):
    out = StringIO()
    call_command(
        "generate_companies", "--count", str(count), "--seed", str(seed), *args, stdout=out
    )
    return out.getvalue()


def _values():
    return set(
        AttributeValue.objects.filter(company__is_synthetic=True).values_list(
            "company__business_id", "attribute__code", "year", "number"
        )
    )


def test_business_ids__valid_unique_and_never_remainder_one():
    ids = list(itertools.islice(synthetic.business_ids(), 20_000))
    assert len(set(ids)) == len(ids)
    for number in ids:
        validate_business_id(number)
        assert ytunnus.is_valid(number)
    # 9000002: 7·9 + 2·2 = 67, remainder 1: no check digit, skipped.
    assert ids[:3] == ["9000000-3", "9000001-1", "9000003-8"]


def test_generate__same_seed_same_companies_and_values():
    first = list(synthetic.generate(count=COUNT, seed=7))
    again = list(synthetic.generate(count=COUNT, seed=7))
    other = list(synthetic.generate(count=COUNT, seed=8))
    assert first == again
    assert [c.business_id for c in first] == [c.business_id for c in other]
    assert [c.values for c in first] != [c.values for c in other]


def test_generate__a_larger_count_extends_a_smaller_one():
    small = list(synthetic.generate(count=100, seed=7))
    large = list(synthetic.generate(count=COUNT, seed=7))
    assert large[:100] == small


def test_generate__spread_over_regions_segments_and_industries():
    companies = list(synthetic.generate(count=5000, seed=2008))
    regions = Counter(c.region for c in companies)
    segments = Counter(c.segment for c in companies)
    assert set(regions) == set(synthetic.REGION_WEIGHTS)
    assert 0.26 < regions["uusimaa"] / len(companies) < 0.34
    assert set(segments) == set(synthetic.COMPANY_SEGMENTS)
    # The pyramid: mostly local companies, few large ones.
    assert segments.most_common(1)[0][0] == "paikalliset"
    assert segments["suuryritykset"] < segments["kansainvalistyvat"] < segments["kotimarkkinat"]
    assert segments["suuryritykset"] / len(companies) < 0.02
    assert len({c.industry for c in companies}) > 30
    for company in companies:
        validate_industry_code(company.industry)
        assert company.municipality in dict(synthetic.MUNICIPALITIES[company.region])


def test_generate__values_fit_the_segment():
    for company in synthetic.generate(count=3000, seed=2008):
        values = company.values[2025]
        staff, turnover = values["henkilosto"], values["liikevaihto"]
        if company.segment == "suuryritykset":
            assert staff >= 250 or turnover >= 50
        else:
            assert staff < 250 and turnover < 50
        if company.segment == "perustajat":
            assert staff == 0
        if company.segment == "kansainvalistyvat":
            assert values["vientiosuus"] >= 20
        # Growth agrees with the turnovers as stored.
        before, after = company.values[2024]["liikevaihto"], values["liikevaihto"]
        assert abs(values["kasvu"] - (after / before - 1) * 100) <= Decimal("0.05")


def test_generate_companies__writes_invented_companies_marked_synthetic(strategy_data):
    output = _generate()

    companies = Company.objects.filter(is_synthetic=True)
    assert companies.count() == COUNT
    assert "Luotu 300 yritystä" in output
    for company in companies.select_related("region"):
        assert company.name.startswith("Testiyritys ")
        assert company.region is not None
        company.full_clean()
    years = set(AttributeValue.objects.values_list("year", flat=True))
    assert years == {2024, 2025, 2026}
    per_company = Counter(AttributeValue.objects.values_list("company_id", flat=True))
    assert set(per_company.values()) <= {10, 15}  # 10: the latest year not yet reported
    assert {
        (a.code, a.name_fi, a.value_type, a.unit, a.decimals)
        for a in Attribute.objects.filter(code__in=synthetic.ATTRIBUTE_CODES)
    } == {
        (code, name, kind, unit, decimals)
        for code, name, kind, unit, _order, decimals in synthetic.ATTRIBUTES
    }


def test_generate_companies__writes_what_the_generator_gives(strategy_data):
    _generate()

    expected = {
        (company.business_id, code, year, value)
        for company in synthetic.generate(count=COUNT, seed=7)
        for year, values in company.values.items()
        for code, value in values.items()
    }
    assert _values() == expected
    segments = dict(
        Company.objects.filter(is_synthetic=True).values_list("business_id", "segment__code")
    )
    assert segments == {c.business_id: c.segment for c in synthetic.generate(count=COUNT, seed=7)}


def test_generate_companies__rerun_duplicates_nothing(strategy_data):
    _generate()
    before = _values()

    output = _generate()

    assert Company.objects.filter(is_synthetic=True).count() == COUNT
    assert _values() == before
    assert "Luotu 0 yritystä" in output
    assert "jo olemassa 300" in output


def test_generate_companies__leaves_a_real_company_with_the_same_number(strategy_data):
    real = CompanyFactory(business_id="9000000-3", name="Oikea Oy")

    output = _generate()

    real.refresh_from_db()
    assert (real.name, real.is_synthetic) == ("Oikea Oy", False)
    assert not real.attribute_values.exists()
    assert Company.objects.filter(is_synthetic=True).count() == COUNT - 1
    assert "Ohitettu 1 Y-tunnusta" in output


def test_generate_companies__delete_removes_synthetic_data_only(strategy_data):
    real = CompanyFactory(business_id=business_id(1), name="Oikea Oy")
    henkilosto = synthetic.attributes_ensure()["henkilosto"]
    AttributeValueFactory(company=real, attribute=henkilosto, number=5)
    _generate("--demo-rules")
    run = reseg.run_preview(reseg.run_start(year=2026, by=None))
    reseg.run_request_apply(run, by=None)
    reseg.run_apply(run, by=None)
    assert SegmentTransition.objects.exclude(company=real).exists()
    edited = Company.objects.filter(is_synthetic=True).first()
    edited.name += " (muokattu)"
    edited.save()
    assert Company.history.filter(is_synthetic=True).exists()

    output = _generate("--delete", count=0)

    assert list(Company.objects.all()) == [real]
    assert list(AttributeValue.objects.values_list("company_id", flat=True)) == [real.pk]
    # The real company moved too (it had no segment): its transition stays.
    assert list(SegmentTransition.objects.values_list("company_id", flat=True)) == [real.pk]
    assert list(RunEntry.objects.values_list("company_id", flat=True)) == [real.pk]
    assert not Company.history.filter(is_synthetic=True).exists()
    assert "yritykset 300" in output


def test_generate_companies__delete_then_generate_gives_the_same_data(strategy_data):
    _generate()
    before = _values()

    _generate("--delete")

    assert _values() == before


def test_generate_companies__keeps_an_attribute_staff_have_edited(strategy_data):
    AttributeFactory(staff=True, name_fi="Henkilöstömäärä (vuoden keskiarvo)")

    _generate(count=10)

    attribute = Attribute.objects.get(code="henkilosto")
    assert (attribute.name_fi, attribute.unit) == ("Henkilöstömäärä (vuoden keskiarvo)", "")


def test_generate_companies__refuses_an_attribute_that_holds_text(strategy_data):
    AttributeFactory(code="vientiosuus", name_fi="Vientiosuus", value_type="text")

    with pytest.raises(CommandError, match="vientiosuus"):
        _generate(count=10)

    assert not Company.objects.exists()


def test_generate_companies__refuses_more_than_the_series_holds(strategy_data):
    with pytest.raises(CommandError, match="0–909 091"):
        _generate(count=synthetic.CAPACITY + 1)


def test_generate_companies__asks_for_the_initial_data_first(empty_db):
    with pytest.raises(CommandError, match="load_strategy_2008"):
        _generate(count=10)


def test_demo_rules__parse_and_order_the_company_segments(strategy_data):
    _generate("--demo-rules", count=10)

    criteria = Criterion.objects.filter(segment__code__in=synthetic.COMPANY_SEGMENTS)
    for criterion in criteria:
        expected = synthetic.DEMO_RULES[criterion.segment.code][criterion.kind]
        assert criterion.rules == expected
        if expected:
            parse_rules(criterion.rules)
            assert criterion.text_fi.startswith("DEMO (synteettinen aineisto): ")
    order = [segment.code for segment, _rules in reseg.segments_in_priority_order()[:5]]
    assert order == [
        "suuryritykset",
        "kansainvalistyvat",
        "kotimarkkinat",
        "paikalliset",
        "perustajat",
    ]
    latest = Criterion.history.filter(segment__code="suuryritykset", kind="placement").first()
    assert latest.history_change_reason == "Demosäännöt synteettiselle aineistolle"


def test_demo_rules__move_a_few_companies_in_2026_as_the_generator_predicts(strategy_data):
    _generate("--demo-rules", count=1000, seed=2008)

    run = reseg.run_preview(reseg.run_start(year=2026, by=None))

    assert run.company_count == 1000
    assert 0 < run.mover_count < 100
    assert 0 < run.ready_count < 200
    # The database evaluation agrees with the rules evaluated in Python, company by company.
    segment_code = dict(Segment.objects.values_list("pk", "code"))
    placed = {
        business_id: segment_code.get(rule_segment)
        for business_id, rule_segment in RunEntry.objects.filter(run=run).values_list(
            "company__business_id", "rule_segment"
        )
    }
    predicted = {
        c.business_id: synthetic.demo_placement(c.values[2026], c.segment)
        for c in synthetic.generate(count=1000, seed=2008)
    }
    assert placed == predicted
    assert run.unplaced_count == sum(1 for code in predicted.values() if code is None)


def test_demo_rules__never_overwrite_a_text_people_wrote(strategy_data):
    criterion = Criterion.objects.get(segment__code="suuryritykset", kind="placement")
    criterion.text_fi = "Yli 250 henkilöä tai liikevaihto yli 50 miljoonaa euroa."
    criterion.save()

    synthetic.demo_rules_apply()

    criterion.refresh_from_db()
    assert criterion.text_fi == "Yli 250 henkilöä tai liikevaihto yli 50 miljoonaa euroa."
    assert criterion.rules == synthetic.DEMO_RULES["suuryritykset"]["placement"]


def test_demo_rules__a_second_time_changes_nothing(strategy_data):
    synthetic.demo_rules_apply()
    history = Criterion.history.count()

    assert synthetic.demo_rules_apply() == []
    assert Criterion.history.count() == history


def test_demo_rules__values_at_the_thresholds(strategy_data):
    values = {"henkilosto": Decimal(250), "liikevaihto": Decimal("0.1")}
    assert synthetic.demo_placement(values, None) == "suuryritykset"
    values = {"henkilosto": Decimal(9), "vientiosuus": Decimal(0)}
    assert synthetic.demo_placement(values, None) == "paikalliset"
    assert synthetic.demo_placement(values, "kotimarkkinat") == "kotimarkkinat"
    assert synthetic.demo_placement({}, "paikalliset") is None
