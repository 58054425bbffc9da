"""The yearly run and the import change companies set-based; the coverage counts the
database keeps for responsibility follow them in the same transaction."""

import io

import pytest

from offerings.models import Organisation
from responsibility import selectors
from segments import resegmentation as reseg
from segments.imports import import_companies
from tests.factories import business_id, lead_started

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def test_applied_run__counts_follow_the_movers_and_their_leads(world, ministry_user):
    seg, companies = world
    tekes = Organisation.objects.get(code="tekes")
    for name in ["Kasvaja", "Viejä", "Pieni"]:  # two movers and one that stays, with leads
        lead_started(companies[name], tekes, ministry_user)
    before = selectors.coverage_recount()
    run = reseg.run_preview(reseg.run_start(year=YEAR, by=ministry_user))
    reseg.run_apply(run, by=ministry_user)
    after = selectors.coverage_recount()
    assert after != before
    assert after[seg["suuryritykset"].pk] == (1, 1)  # Kasvaja, with its lead
    assert selectors.coverage_count_differences() == []


def test_import__new_companies_are_counted(strategy_data):
    rows = "\n".join(f"{business_id(7000 + n)};Tuotu {n} Oy;kansainvalistyvat" for n in range(3))
    content = f"y_tunnus;nimi;segmentti\n{rows}\n".encode()
    result = import_companies(io.BytesIO(content), filename="yritykset.csv", by=None)
    assert result.created == 3, result.errors
    assert selectors.coverage_count_differences() == []
    assert sum(companies for companies, _lead in selectors.coverage_recount().values()) == 3
