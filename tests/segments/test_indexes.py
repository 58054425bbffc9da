"""The searches and the run page's lists are read from their indexes on both databases
(the query plan names the index), so that they stay fast at 400,000 companies."""

import pytest
from django.db import connection

from responsibility.models import Assignment
from segments import selectors
from segments.selectors.companies import company_search
from tests.factories import CompanyFactory, ResegmentationRunFactory

pytestmark = pytest.mark.django_db


def plan(queryset):
    """The database's plan for the queryset. The test tables are tiny, so PostgreSQL is told
    not to read them whole: the plan then shows whether an index can serve the query."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_company_name_prefix__is_read_from_the_prefix_index():
    companies = selectors.company_filter(search="Kone").order_by("name", "pk")[:51]
    assert "company_name_prefix_idx" in plan(companies)


def test_company_name_prefix__a_prefix_with_no_match_is_read_from_the_prefix_index_too():
    assert "company_name_prefix_idx" in plan(selectors.company_filter(search="Zzzqx"))


def test_company_name_prefix__finds_names_in_any_letter_case():
    for name in ["Konepaja Oy", "KONEISTAMO AB", "konttori oy", "Ankkuri Kone Oy"]:
        CompanyFactory(name=name)
    found = selectors.company_filter(search="kone").values_list("name", flat=True)
    assert sorted(found) == ["KONEISTAMO AB", "Konepaja Oy"]


def test_portfolio_search__reaches_the_company_prefix_index_through_the_join():
    rows = company_search(Assignment.objects.all(), "Kone", "company__")
    assert "company_name_prefix_idx" in plan(rows)


@pytest.mark.parametrize(
    "to_segment, index", [(None, "run_entry_movers_idx"), ("unplaced", "run_entry_unplaced_idx")]
)
def test_run_lists__are_read_in_name_order_from_their_partial_index(to_segment, index):
    run = ResegmentationRunFactory()
    entries = selectors.run_listed_entries(run, to_segment=to_segment)
    first_page = entries.order_by(*selectors.MOVERS_KEYSET.ordering())[:51]
    assert index in plan(first_page)
    later_page = selectors.MOVERS_KEYSET.after(entries, ("Kone", 10)).order_by(
        *selectors.MOVERS_KEYSET.ordering()
    )[:51]
    assert index in plan(later_page)
