"""Companies by Y-tunnus for systems with a key: placement, yearly values, transitions, the
filtered cursor list with updated_since, and who serves the company (its lead)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from offerings.models import Organisation
from responsibility.models import ApiCall
from segments.models import Segment, SegmentTransition
from tests.factories import (
    AttributeFactory,
    AttributeValueFactory,
    CompanyFactory,
    PersonFactory,
    UserFactory,
    lead_started,
)

from .conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(api_key):
    return bearer(api_key(["companies:read", "responsibility:read"]))


def _moved(company, year, from_code, to_code, at=None):
    return SegmentTransition.objects.create(
        company=company,
        year=year,
        from_segment=Segment.objects.get(code=from_code) if from_code else None,
        to_segment=Segment.objects.get(code=to_code),
        cause=SegmentTransition.Cause.RULE,
        created_at=at or timezone.now(),
    )


def _all(client, headers, **params):
    rows, page = [], client.get("/api/v1/companies/", params, **headers).json()
    rows += page["results"]
    while page["next"]:
        page = client.get(page["next"], **headers).json()
        rows += page["results"]
    return rows


def test_company_detail__placement_values_and_transitions(client, reader, strategy_data):
    company = CompanyFactory(segment_code="suuryritykset", name="Konepaja Oy")
    staff = AttributeFactory(staff=True)
    share = AttributeFactory(export_share=True)
    exporter = AttributeFactory(exporter=True)
    AttributeValueFactory(company=company, attribute=staff, year=2025, number=240)
    AttributeValueFactory(company=company, attribute=staff, year=2026, number=260)
    AttributeValueFactory(company=company, attribute=share, year=2026, number=Decimal("0.35"))
    AttributeValueFactory(company=company, attribute=exporter, year=2026, number=1)
    _moved(company, 2025, None, "paikalliset")
    _moved(company, 2026, "paikalliset", "suuryritykset")
    response = client.get(f"/api/v1/companies/{company.business_id}/", **reader)
    assert response.status_code == 200
    body = response.json()
    assert body["business_id"] == company.business_id
    assert body["name"] == "Konepaja Oy"
    assert body["segment"] == "suuryritykset"
    values = {(v["attribute"], v["year"]): v["value"] for v in body["values"]}
    assert values == {
        ("henkilosto", 2025): 240,
        ("henkilosto", 2026): 260,
        ("vienti", 2026): "0.35",
        ("vientiyritys", 2026): True,
    }
    assert body["transitions"] == [
        {
            "year": 2026,
            "from_segment": "paikalliset",
            "to_segment": "suuryritykset",
            "cause": "rule",
        },
        {"year": 2025, "from_segment": None, "to_segment": "paikalliset", "cause": "rule"},
    ]


def test_company__the_answer_is_what_the_documented_serializer_gives(client, reader, strategy_data):
    """The views answer with plain rows for speed; the OpenAPI document describes them with
    CompanySerializer: the two must give the same data, value types and order included."""
    from django.db.models import Prefetch

    from responsibility.api.companies import CompanySerializer
    from segments.models import AttributeValue, Company

    company = CompanyFactory(segment_code="suuryritykset", founded_on=datetime.date(2001, 2, 3))
    share = AttributeFactory(export_share=True)
    values = [
        (AttributeFactory(staff=True), 2026, 240, None),
        (AttributeFactory(turnover=True), 2026, Decimal("100"), None),
        (share, 2026, Decimal("0.3500"), None),
        (share, 2025, Decimal("0.3"), None),
        (AttributeFactory(exporter=True), 2026, 0, None),
        (AttributeFactory(free_text=True), 2026, None, "Kone & <laite>"),
    ]
    for attribute, year, number, text in values:
        AttributeValueFactory(
            company=company, attribute=attribute, year=year, number=number, text=text
        )
    _moved(company, 2025, None, "paikalliset")
    _moved(company, 2026, "paikalliset", "suuryritykset")
    answer = client.get(f"/api/v1/companies/{company.business_id}/", **reader).json()
    instance = Company.objects.prefetch_related(
        Prefetch(
            "attribute_values",
            AttributeValue.objects.order_by("attribute__order", "attribute__code", "year"),
        ),
        Prefetch("transitions", SegmentTransition.objects.order_by("-year")),
    ).get(pk=company.pk)
    documented = CompanySerializer(instance).data
    assert answer == dict(documented)
    assert "100" in [v["value"] for v in answer["values"]]  # not 1E+2
    assert answer["founded_on"] == "2001-02-03"


def test_company_detail__y_tunnus_without_dash_is_accepted(client, reader, strategy_data):
    company = CompanyFactory()
    compact = company.business_id.replace("-", "")
    response = client.get(f"/api/v1/companies/{compact}/", **reader)
    assert response.json()["business_id"] == company.business_id


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        (
            "1234567-8",
            "business_id: Y-tunnuksen 1234567-8 tarkistusnumero on väärä: numeroilla 1234567 sen pitäisi olla 1.",
        ),
        (
            "123",
            "business_id: Y-tunnuksessa on seitsemän numeroa, väliviiva ja tarkistusnumero, esimerkiksi 1234567-8 (annettu: 123).",
        ),
        (
            "abc",
            "business_id: Y-tunnus saa sisältää vain numeroita ja väliviivan, muodossa 1234567-8 (annettu: abc).",
        ),
    ],
)
def test_company_detail__malformed_y_tunnus_is_a_finnish_400(
    client, reader, strategy_data, value, detail
):
    response = client.get(f"/api/v1/companies/{value}/", **reader)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == detail


@pytest.mark.parametrize(
    "value",
    [
        "9" * 5000,
        "%00",
        "' OR 1=1 --",
        "１２３４５６７-８",
        "<script>",
        "1234567-%F0%9F%92%A9",
        "%20",
    ],
)
@pytest.mark.parametrize("suffix", ["", "responsibility/"])
def test_company__hostile_y_tunnus_never_a_500(client, reader, strategy_data, value, suffix):
    response = client.get(f"/api/v1/companies/{value}/{suffix}", **reader)
    assert response.status_code in (400, 404)
    assert response["Content-Type"] == "application/problem+json"


def test_company_detail__unknown_y_tunnus_is_a_404(client, reader, strategy_data):
    response = client.get("/api/v1/companies/0737546-2/", **reader)
    assert response.status_code == 404


def test_company_list__segment_filter_and_cursor_walk_every_company_once(
    client, reader, strategy_data
):
    large = CompanyFactory.create_batch(7, segment_code="suuryritykset")
    CompanyFactory.create_batch(3, segment_code="paikalliset")
    rows = _all(client, reader, segment="suuryritykset", page_size=3)
    assert [r["business_id"] for r in rows] == sorted(c.business_id for c in large)
    assert len(_all(client, reader, page_size=4)) == 10
    assert _all(client, reader, segment="ei-ole") == []


def test_company_list__updated_since_gives_moved_and_edited_companies(
    client, reader, strategy_data
):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    moved, edited, _untouched = CompanyFactory.create_batch(3)
    _moved(moved, 2025, None, "paikalliset", at=yesterday - datetime.timedelta(days=300))
    from segments.models import Company

    Company.history.update(history_date=yesterday - datetime.timedelta(days=400))
    _moved(moved, 2026, "paikalliset", "suuryritykset")
    edited.name = "Uusi nimi Oy"
    edited.save()
    rows = _all(client, reader, updated_since=yesterday.date().isoformat())
    assert sorted(r["business_id"] for r in rows) == sorted([moved.business_id, edited.business_id])


@pytest.mark.parametrize(
    "params",
    [
        {"segment": "x" * 10000},
        {"segment": "\x00"},
        {"cursor": "' OR 1=1"},
        {"page_size": "-1"},
        {"page_size": "99999999999999999999"},
        {"updated_since": "9999-99-99"},
        {"updated_since": "2026-01-01T25:00:00"},
    ],
)
def test_company_list__hostile_parameters_never_a_500(client, reader, strategy_data, params):
    CompanyFactory()
    response = client.get("/api/v1/companies/", params, **reader)
    assert response.status_code in (200, 400, 404), response.content


def test_company_list__updated_since_not_a_time_is_a_400(client, reader, strategy_data):
    response = client.get("/api/v1/companies/", {"updated_since": "eilen"}, **reader)
    assert response.status_code == 400


def _grow(count):
    staff = AttributeFactory(staff=True) if count == 0 else None
    for company in CompanyFactory.create_batch(count or 3, segment_code="suuryritykset"):
        for year in (2025, 2026):
            AttributeValueFactory(company=company, attribute=staff or AttributeFactory(), year=year)
        _moved(company, 2026, "paikalliset", "suuryritykset")


def test_company_list__query_count_does_not_grow_with_rows(
    client, reader, strategy_data, count_queries
):
    _grow(0)
    few = _count(client, reader, count_queries, "/api/v1/companies/")
    _grow(30)
    many = _count(client, reader, count_queries, "/api/v1/companies/")
    assert len(count_queries.response.json()["results"]) == 33
    # The key, the page, its values, its transitions, the log row.
    assert few == many == 5


def _count(client, headers, count_queries, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    count_queries.response = response
    return len(captured.captured_queries)


@pytest.mark.parametrize("rows", [1, 30])
def test_company_detail__a_fixed_number_of_queries(
    client, reader, strategy_data, count_queries, rows
):
    company = CompanyFactory(segment_code="suuryritykset")
    for _n in range(rows):
        AttributeValueFactory(company=company, attribute=AttributeFactory(), year=2026)
    _moved(company, 2026, "paikalliset", "suuryritykset")
    assert _count(client, reader, count_queries, f"/api/v1/companies/{company.business_id}/") == 5


# --- Who serves the company -------------------------------------------------------------


def test_responsibility__the_lead_organisation_and_its_contact(client, reader, strategy_data):
    company = CompanyFactory()
    finnvera = Organisation.objects.get(code="finnvera")
    person = PersonFactory(
        organisation=finnvera,
        title="Asiakkuuspäällikkö",
        user=UserFactory(first_name="Maija", last_name="Meikäläinen", email="maija@example.fi"),
    )
    lead_started(company, finnvera, by=None, person=person, starts_on=datetime.date(2026, 1, 2))
    response = client.get(
        f"/api/v1/companies/{company.business_id}/responsibility/",
        **reader,
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["business_id"] == company.business_id
    lead = body["lead"]
    assert lead["organisation"]["code"] == "finnvera"
    assert lead["organisation"]["name"]["language"] == "sv"
    assert lead["contact"] == {
        "name": "Maija Meikäläinen",
        "title": "Asiakkuuspäällikkö",
        "email": "maija@example.fi",
    }
    assert lead["since"] == "2026-01-02"
    assert ApiCall.objects.get().route == "api:company_responsibility"


def test_responsibility__no_lead_is_null(client, reader, strategy_data):
    company = CompanyFactory()
    response = client.get(f"/api/v1/companies/{company.business_id}/responsibility/", **reader)
    assert response.json() == {"business_id": company.business_id, "lead": None}


def test_responsibility__unknown_company_is_a_404(client, reader, strategy_data):
    response = client.get("/api/v1/companies/0737546-2/responsibility/", **reader)
    assert response.status_code == 404


def test_responsibility__a_fixed_number_of_queries(client, reader, strategy_data, count_queries):
    company = CompanyFactory()
    finnvera = Organisation.objects.get(code="finnvera")
    lead_started(company, finnvera, by=None, person=PersonFactory(organisation=finnvera))
    url = f"/api/v1/companies/{company.business_id}/responsibility/"
    # The key, the company, its lead with organisation and contact, the log row.
    assert _count(client, reader, count_queries, url) == 4
