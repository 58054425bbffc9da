"""The admin's national-scale changelists (companies, their yearly values, transitions):
searched by Y-tunnus or name prefix, ordered by an index, paged by keys, counted by an
estimate when unfiltered on PostgreSQL; read-only where the rows are derived."""

import pytest
from django.db import connection
from django.urls import reverse

from core import paginators
from segments.models import Company
from tests.factories import (
    AttributeValueFactory,
    CompanyFactory,
    business_id,
    create_in_bulk,
)

pytestmark = pytest.mark.django_db


def _companies(count, start=0):
    return create_in_bulk(
        CompanyFactory,
        [
            {"name": f"Yritys {n:04d} Oy", "business_id": business_id(n)}
            for n in range(start, start + count)
        ],
    )


def test_company_changelist__a_deep_page_shows_the_right_rows_in_name_order(client, ministry_user):
    _companies(120)
    client.force_login(ministry_user)
    url = reverse("admin:segments_company_changelist")
    response = client.get(url, {"q": "Yritys", "p": 3})
    names = [company.name for company in response.context["cl"].result_list]
    assert names == [f"Yritys {n:04d} Oy" for n in range(100, 120)]


def test_company_changelist__the_same_queries_on_page_1_and_a_deep_page_and_at_more_rows(
    client, ministry_user, count_queries
):
    _companies(120)
    client.force_login(ministry_user)
    url = reverse("admin:segments_company_changelist")
    first = count_queries(client, url, warm=True, most=20)
    deep = count_queries(client, url, {"p": 3})
    _companies(200, start=1000)
    assert count_queries(client, url, {"p": 6}) == deep == first


def test_attribute_value_admin__found_by_y_tunnus_and_read_only(client, ministry_user):
    wanted = AttributeValueFactory(company=CompanyFactory(business_id=business_id(3)))
    AttributeValueFactory(company=CompanyFactory(business_id=business_id(4)))
    client.force_login(ministry_user)
    url = reverse("admin:segments_attributevalue_changelist")
    response = client.get(url, {"q": business_id(3)})
    assert list(response.context["cl"].result_list) == [wanted]
    assert client.get(reverse("admin:segments_attributevalue_add")).status_code == 403


def test_attribute_value_admin__only_ministry_staff(client, working_group_user):
    client.force_login(working_group_user)
    url = reverse("admin:segments_attributevalue_changelist")
    assert client.get(url).status_code == 302  # to the admin's login: not staff


def test_estimated_rows__filtered_or_small_lists_are_counted_exactly():
    assert paginators.estimated_rows(Company.objects.filter(name="x")) is None
    assert paginators.estimated_rows(Company.objects.all()) is None  # small, or SQLite


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate")
def test_company_changelist__an_unfiltered_list_is_counted_by_the_estimate(
    client, ministry_user, count_queries, monkeypatch
):
    _companies(60)
    monkeypatch.setattr(paginators, "ESTIMATE_FROM_ROWS", 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE segments_company")  # an exact estimate of a small table
    client.force_login(ministry_user)
    url = reverse("admin:segments_company_changelist")
    count_queries(client, url, warm=True)
    assert count_queries.response.context["cl"].result_count == Company.objects.count()
    assert not count_queries.any_sql("COUNT(")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's estimate")
def test_company_changelist__a_long_filtered_list_is_counted_to_a_cap_then_estimated(
    client, ministry_user, count_queries, monkeypatch
):
    """A name prefix most companies share counted all 400,000 on every page (100 ms)."""
    _companies(60)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE segments_company")
    client.force_login(ministry_user)
    url = reverse("admin:segments_company_changelist")
    count_queries(client, url, {"q": "Yritys 00"}, warm=True)
    assert count_queries.response.context["cl"].result_count == 60  # under the cap: exact
    monkeypatch.setattr(paginators, "EXACT_UP_TO", 10)
    count_queries(client, url, {"q": "Yritys 00"})
    estimate = count_queries.response.context["cl"].result_count
    assert estimate >= 11  # at least what was counted
    assert count_queries.any_sql("LIMIT 11")
    assert count_queries.any_sql("EXPLAIN")
    # The pages follow the estimate and the rows are still the right ones.
    response = client.get(url, {"q": "Yritys 00", "p": 2})
    names = [company.name for company in response.context["cl"].result_list]
    assert names == [f"Yritys {n:04d} Oy" for n in range(50, 60)]
