"""load_strategy_2008: the report's organisations and regions, idempotent, user edits kept."""

import pytest
from django.core.management import call_command

from governance.initial_data import load_strategy_2008
from offerings.models import Organisation
from segments.models import Region
from segments.seeding import LOADER_REASON

pytestmark = pytest.mark.django_db


def _history_rows():
    return Organisation.history.count() + Region.history.count()


def test_load__creates_the_report_organisations_and_regions(empty_db):
    report = load_strategy_2008()
    assert Region.objects.count() == 15
    assert Organisation.objects.filter(kind="te_centre").count() == 15
    assert set(Organisation.objects.filter(kind="agency").values_list("code", flat=True)) == {
        "finnvera",
        "finpro",
        "tekes",
        "vtt",
        "gtk",
    }
    units = Organisation.objects.filter(kind="ministry_unit")
    assert {u.name_fi for u in units} == {
        "Konserniohjaus",
        "Työllisyys- ja yrittäjyysosasto",
        "Innovaatio-osasto",
        "Konsernipalveluiden kehittämiskeskus",
    }
    assert all(u.parent.code == "tem" for u in units)
    # 15 regions, 25 organisations, 110 segment rows, 62 offering rows, 9 responsibility rows
    assert len(report.created) == 221


def test_load__every_organisation_has_finnish_and_swedish_names(strategy_data):
    for organisation in Organisation.objects.all():
        assert organisation.name_fi and organisation.name_sv, organisation.code
    vs = Organisation.objects.get(code="te-varsinais-suomi")
    assert (vs.name_fi, vs.name_sv) == (
        "Varsinais-Suomen TE-keskus",
        "TE-centralen i Egentliga Finland",
    )
    assert vs.region.name_fi == "Varsinais-Suomi"


def test_load__writes_history_with_the_loader_reason(strategy_data):
    row = Organisation.history.get(code="finnvera")
    assert row.history_type == "+"
    assert row.history_change_reason == LOADER_REASON
    assert row.history_user is None


def test_load__running_twice_changes_nothing():
    load_strategy_2008()
    before = (_history_rows(), list(Organisation.objects.values()))
    report = load_strategy_2008()
    assert not report.changed_anything
    assert report.unchanged == 221
    assert (_history_rows(), list(Organisation.objects.values())) == before


def test_load__keeps_and_reports_a_row_a_user_has_edited(ministry_user):
    finpro = Organisation.objects.get(code="finpro")
    finpro.name_sv = "Finpro rf (Business Finland)"
    finpro._change_reason = "Nimi päivitetty"
    finpro._history_user = ministry_user
    finpro.save()

    report = load_strategy_2008()

    finpro.refresh_from_db()
    assert finpro.name_sv == "Finpro rf (Business Finland)"
    assert len(report.kept_user_edits) == 1
    assert "Finpro" in report.kept_user_edits[0] and "name_sv" in report.kept_user_edits[0]


def test_load__brings_a_row_it_still_owns_up_to_date():
    load_strategy_2008()
    # As if an earlier release of the loader had written another name.
    gtk = Organisation.objects.get(code="gtk")
    gtk.name_en = "Old name"
    gtk._change_reason = LOADER_REASON
    gtk.save()

    report = load_strategy_2008()

    gtk.refresh_from_db()
    assert gtk.name_en == "Geological Survey of Finland"
    assert report.updated == ["organisaatio: Geologian tutkimuskeskus"]


def test_load_command__reports_what_it_did(empty_db, capsys):
    call_command("load_strategy_2008")
    call_command("load_strategy_2008")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Alkutiedot ladattu: luotu 221, päivitetty 0")
    assert out[1].startswith("Alkutiedot ladattu: luotu 0, päivitetty 0, ennallaan 221")
