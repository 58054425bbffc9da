"""The open data of /api/v1/: segments, organisations and services, read without a key."""

import pytest
from django.test import Client
from django.utils import timezone

from offerings.models import Organisation
from segments.models import Criterion, Goal, Segment, ServicePromise
from tests.factories import (
    GoalFactory,
    OrganisationFactory,
    SegmentFactory,
    SegmentOfferingFactory,
    ServiceChannelFactory,
    ServiceFactory,
    ServicePromiseFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


def _get(client, url, language="fi", **headers):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language, **headers)


def _all_results(client, url, **params):
    """Every row of a list, page by page through the cursor."""
    rows, page = [], _get(client, url, data=params).json()
    rows += page["results"]
    while page["next"]:
        page = _get(client, page["next"]).json()
        rows += page["results"]
    return rows


# --- Segments ---------------------------------------------------------------------------


def test_segment_list__anonymous_reads_every_active_segment_with_its_content(client, strategy_data):
    response = _get(client, "/api/v1/segments/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    rows = _all_results(client, "/api/v1/segments/")
    assert [row["code"] for row in rows] == list(
        Segment.objects.filter(is_active=True).order_by("number").values_list("code", flat=True)
    )
    large = next(row for row in rows if row["code"] == "suuryritykset")
    assert large["name"] == {"text": "Suuryritykset", "language": "fi"}
    assert [c["kind"] for c in large["criteria"]] == ["placement", "entry", "exit"][
        : len(large["criteria"])
    ]
    perspectives = {goal["perspective"] for goal in large["goals"]}
    assert perspectives == {"public_actor", "customer"}
    assert large["strategy"]["text"]["text"]
    assert isinstance(large["strategy"]["points"]["lines"], list)


def test_segment_detail__the_confirmed_promise_only(client, strategy_data):
    segment = SegmentFactory(code="testi", kind="confirmed")
    ServicePromiseFactory(segment=segment, text_fi="Vaihtoehto", status="alternative")
    ServicePromiseFactory(
        segment=segment, text_fi="Vahvistettu", text_sv="Bekräftat", status="confirmed"
    )
    data = _get(client, "/api/v1/segments/testi/", "sv").json()
    assert data["confirmed_promise"] == {"text": {"text": "Bekräftat", "language": "sv"}}
    assert data["strategy"] is None


def test_segment_detail__untranslated_texts_are_the_finnish_ones_marked_fi(client, strategy_data):
    segment = SegmentFactory(code="kielet", name_fi="Nimi", name_sv="Namn", name_en="")
    GoalFactory(segment=segment, text_fi="Tavoite", text_sv="Mål", perspective="public_actor")
    StrategyFactory(segment=segment, text_fi="Strategia", points_fi="Yksi\nKaksi")
    data = _get(client, "/api/v1/segments/kielet/", "en").json()
    assert data["name"] == {"text": "Nimi", "language": "fi"}
    assert data["strategy"]["points"] == {"lines": ["Yksi", "Kaksi"], "language": "fi"}
    swedish = _get(client, "/api/v1/segments/kielet/", "sv").json()
    assert swedish["name"] == {"text": "Namn", "language": "sv"}
    assert swedish["goals"][0]["text"] == {"text": "Mål", "language": "sv"}
    assert swedish["strategy"]["text"] == {"text": "Strategia", "language": "fi"}


def test_segment_detail__criteria_with_their_rules(client, strategy_data):
    rule = {"attribute": "henkilosto", "op": "gte", "value": 250}
    Criterion.objects.filter(segment__code="suuryritykset", kind="placement").update(rules=rule)
    data = _get(client, "/api/v1/segments/suuryritykset/").json()
    placement = next(c for c in data["criteria"] if c["kind"] == "placement")
    assert placement["rules"] == rule


def test_segment_list__inactive_segments_are_not_published(client, strategy_data):
    SegmentFactory(code="vanha", is_active=False)
    codes = {row["code"] for row in _all_results(client, "/api/v1/segments/")}
    assert "vanha" not in codes
    assert _get(client, "/api/v1/segments/vanha/").status_code == 404


def test_segment_list__updated_since_gives_segments_whose_items_changed(client, strategy_data):
    before = "2000-01-01T00:00:00Z"
    everything = _all_results(client, "/api/v1/segments/", updated_since=before)
    assert len(everything) == Segment.objects.filter(is_active=True).count()
    # The report's rows were loaded before this test started; a goal changed now counts.
    now = timezone.now().isoformat()
    assert _all_results(client, "/api/v1/segments/", updated_since=now) == []
    goal = Goal.objects.filter(segment__code="suuryritykset").first()
    goal.text_fi = "Muutettu tavoite"
    goal.save()
    changed = _all_results(client, "/api/v1/segments/", updated_since=now)
    assert [row["code"] for row in changed] == ["suuryritykset"]


def test_segment_list__query_count_does_not_grow_with_rows(client, strategy_data, count_queries):
    few = count_queries(client, "/api/v1/segments/")
    for _n in range(30):
        segment = SegmentFactory()
        GoalFactory(segment=segment)
        StrategyFactory(segment=segment)
        ServicePromiseFactory(segment=segment, text_sv="Löfte", status="confirmed")
    many = count_queries(client, "/api/v1/segments/")
    rows = count_queries.response.json()["results"]
    assert len(rows) == Segment.objects.filter(is_active=True).count() > 30
    assert few == many == 4


# --- Organisations ----------------------------------------------------------------------


def test_organisation_list__anonymous_reads_the_organisations_in_swedish(client, strategy_data):
    rows = _all_results(client, "/api/v1/organisations/", page_size=7)
    by_code = {row["code"]: row for row in rows}
    assert len(rows) == len(by_code)  # no row twice across the pages
    assert set(by_code) == set(Organisation.objects.values_list("code", flat=True))
    swedish = _get(client, "/api/v1/organisations/finnvera/", "sv").json()
    assert swedish["name"] == {"text": "Finnvera Abp", "language": "sv"}
    assert swedish["kind"] == "agency"


def test_organisation_detail__te_centre_has_its_region(client, strategy_data):
    centre = Organisation.objects.filter(kind="te_centre").select_related("region").first()
    data = _get(client, f"/api/v1/organisations/{centre.code}/").json()
    assert data["region"] == centre.region.code


def test_organisation_list__query_count_does_not_grow_with_rows(
    client, strategy_data, count_queries
):
    few = count_queries(client, "/api/v1/organisations/")
    OrganisationFactory.create_batch(60)
    many = count_queries(client, "/api/v1/organisations/")
    assert few == many == 1


# --- Services ---------------------------------------------------------------------------


def test_service_detail__with_owner_producers_and_channels(client, strategy_data):
    finnvera = OrganisationFactory(code="finnvera")
    tekes = OrganisationFactory(code="tekes")
    channel = ServiceChannelFactory(code="verkko", name_fi="Verkko", name_sv="Webb")
    service = ServiceFactory(
        name_fi="Laina", name_sv="Lån", owner=finnvera, producers=[finnvera, tekes]
    )
    service.channels.set([channel])
    data = _get(client, f"/api/v1/services/{service.pk}/", "sv").json()
    assert data["name"] == {"text": "Lån", "language": "sv"}
    assert data["description"] == {"text": "", "language": "fi"}
    assert data["owner"]["code"] == "finnvera"
    assert [p["code"] for p in data["producers"]] == list(
        Organisation.objects.filter(code__in=["finnvera", "tekes"])
        .order_by("order", "code")
        .values_list("code", flat=True)
    )
    assert data["channels"] == [{"code": "verkko", "name": {"text": "Webb", "language": "sv"}}]


def test_service_list__cursor_walks_every_service_once(client, strategy_data):
    services = ServiceFactory.create_batch(23)
    rows = _all_results(client, "/api/v1/services/", page_size=5)
    assert [row["id"] for row in rows] == sorted(service.pk for service in services)


def test_service_list__updated_since_follows_the_service_history(client, strategy_data):
    old, offered = ServiceFactory(), ServiceFactory()
    moment = timezone.now()
    changed = ServiceFactory()
    # A service newly offered to a segment is a change of that service too.
    SegmentOfferingFactory(service=offered, segment=Segment.objects.get(code="suuryritykset"))
    rows = _all_results(client, "/api/v1/services/", updated_since=moment.isoformat())
    assert [row["id"] for row in rows] == sorted([offered.pk, changed.pk])
    assert old.pk not in [row["id"] for row in rows]


def test_service_list__query_count_does_not_grow_with_rows(client, strategy_data, count_queries):
    channel = ServiceChannelFactory()
    large = Segment.objects.get(code="suuryritykset")
    for service in ServiceFactory.create_batch(3):
        service.channels.set([channel])
    few = count_queries(client, "/api/v1/services/")
    producers = OrganisationFactory.create_batch(3)
    for service in ServiceFactory.create_batch(40, producers=producers):
        service.channels.set([channel])
        SegmentOfferingFactory(service=service, segment=large)
    many = count_queries(client, "/api/v1/services/")
    assert few == many == 4


def test_service_list__one_segments_offering_basic_and_transition(client, strategy_data):
    large = Segment.objects.get(code="suuryritykset")
    local = Segment.objects.get(code="paikalliset")
    basic = SegmentOfferingFactory(segment=large).service
    transition = SegmentOfferingFactory(
        kind="transition", from_segment=local, to_segment=large
    ).service
    SegmentOfferingFactory(segment=local)  # another segment's service
    ServiceFactory()  # offered to no segment
    rows = _all_results(client, "/api/v1/services/", segment="suuryritykset")
    assert [row["id"] for row in rows] == sorted([basic.pk, transition.pk])
    by_id = {row["id"]: row for row in rows}
    assert by_id[basic.pk]["offered_to"] == [
        {
            "kind": "basic",
            "kind_label": "peruspalvelu",
            "segment": "suuryritykset",
            "from_segment": None,
            "to_segment": None,
        }
    ]
    assert by_id[transition.pk]["offered_to"] == [
        {
            "kind": "transition",
            "kind_label": "täsmäpalvelu segmentistä toiseen siirtyville",
            "segment": None,
            "from_segment": "paikalliset",
            "to_segment": "suuryritykset",
        }
    ]
    assert _all_results(client, "/api/v1/services/", segment="ei-ole") == []


# --- No customer data -------------------------------------------------------------------


def test_open_data__no_customer_data_in_any_answer(client, strategy_data):
    """Companies, their responsibility and notes need a key (tests/api/test_keys.py); the
    rest of the customer data is not published at all. In the OpenAPI document the open
    operations have no security requirement and the keyed ones name the key and its scope."""
    for url in ("/api/v1/companies/", "/api/v1/companies/0737546-2/responsibility/"):
        assert _get(client, url).status_code == 401
    for url in ("/api/v1/responsibility/", "/api/v1/notes/", "/api/v1/companies/x/y/"):
        assert _get(client, url).status_code == 404
    schema = Client().get("/api/v1/schema/", {"format": "json"}).json()
    assert "security" not in schema
    security = {
        path: next(iter(ops.values())).get("security") for path, ops in schema["paths"].items()
    }
    assert security == {
        "/api/v1/segments/": None,
        "/api/v1/segments/{code}/": None,
        "/api/v1/organisations/": None,
        "/api/v1/organisations/{code}/": None,
        "/api/v1/services/": None,
        "/api/v1/services/{id}/": None,
        "/api/v1/bodies/": None,
        "/api/v1/bodies/{code}/": None,
        "/api/v1/decisions/": None,
        "/api/v1/decisions/{code}/": None,
        "/api/v1/roadmap/": None,
        "/api/v1/companies/": [{"apiKey": ["companies:read"]}],
        "/api/v1/companies/{business_id}/": [{"apiKey": ["companies:read"]}],
        "/api/v1/companies/{business_id}/responsibility/": [{"apiKey": ["responsibility:read"]}],
        "/api/v1/companies/{business_id}/notes/": [{"apiKey": ["notes:read"]}],
        "/api/v1/attribute-values/": [{"apiKey": ["attributes:write"]}],
        "/api/v1/attribute-values/uploads/{upload_id}/": [{"apiKey": ["attributes:write"]}],
    }
    assert schema["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"
    # The one write: the keyed upload of attribute values.
    methods = {(path, method) for path, ops in schema["paths"].items() for method in ops}
    assert {(p, m) for p, m in methods if m != "get"} == {("/api/v1/attribute-values/", "post")}


def test_segment_detail__unconfirmed_promises_are_not_published(client, strategy_data):
    segment = SegmentFactory(code="ehdotus")
    ServicePromiseFactory(segment=segment, text_fi="Salainen ehdotus", status="proposed")
    response = _get(client, "/api/v1/segments/ehdotus/")
    assert "Salainen ehdotus" not in response.content.decode()
    assert ServicePromise.objects.filter(segment=segment).count() == 1


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/api/v1/segments/suuryritykset/", 4),
        ("/api/v1/organisations/finnvera/", 1),
    ],
)
def test_details__a_fixed_number_of_queries(client, strategy_data, count_queries, url, queries):
    assert count_queries(client, url) == queries


def test_service_detail__a_fixed_number_of_queries(client, strategy_data, count_queries):
    service = ServiceFactory(producers=OrganisationFactory.create_batch(3))
    service.channels.set(ServiceChannelFactory.create_batch(3))
    SegmentOfferingFactory(service=service, segment=Segment.objects.get(code="suuryritykset"))
    assert count_queries(client, f"/api/v1/services/{service.pk}/") == 4
