"""The governance app's open data on /api/v1/: the bodies with their duties, the strategic
decisions register and the roadmap, read without a key, with the open data's conventions;
and the throttle of unknown keys per client address."""

import pytest
from django.test import override_settings

from governance.models import Body, StrategicQuestion, WorkPhase

from .conftest import bearer

pytestmark = pytest.mark.django_db


def _get(client, url, language="fi", **params):
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE=language)


def _all(client, url, language="fi", **params):
    rows, page = [], _get(client, url, language, **params).json()
    rows += page["results"]
    while page["next"]:
        page = client.get(page["next"], HTTP_ACCEPT_LANGUAGE=language).json()
        rows += page["results"]
    return rows


def test_bodies__every_active_body_with_its_duties(client, strategy_data):
    response = _get(client, "/api/v1/bodies/")
    assert response.status_code == 200
    assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
    rows = _all(client, "/api/v1/bodies/", page_size=5)
    assert sorted(row["code"] for row in rows) == sorted(
        Body.objects.active().values_list("code", flat=True)
    )
    group = next(row for row in rows if row["kind"] == "strategy_group")
    assert group["kind_label"] == "asiakkuusstrategiaryhmä"
    assert group["duties"] and all(duty["text"]["text"] for duty in group["duties"])


def test_bodies__labels_in_the_asked_language_and_untranslated_texts_marked(client, strategy_data):
    rows = _all(client, "/api/v1/bodies/", language="en")
    group = next(row for row in rows if row["kind"] == "strategy_group")
    assert group["kind_label"] == "customer strategy group"
    body = Body.objects.get(code=group["code"])
    duty = body.responsibilities.filter(is_archived=False).order_by("order", "pk").first()
    expected_language = "en" if duty.text_en else "fi"
    assert group["duties"][0]["text"]["language"] == expected_language


def test_body_detail__by_code_with_an_etag(client, strategy_data):
    code = Body.objects.active().first().code
    response = _get(client, f"/api/v1/bodies/{code}/")
    assert response.status_code == 200
    assert response.json()["code"] == code
    again = client.get(f"/api/v1/bodies/{code}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_decisions__the_register_with_alternatives_and_status(client, strategy_data):
    rows = _all(client, "/api/v1/decisions/")
    assert sorted(row["code"] for row in rows) == sorted(
        StrategicQuestion.objects.filter(is_archived=False).values_list("code", flat=True)
    )
    sharing = next(row for row in rows if row["subject"] == "data_sharing")
    assert sharing["subject_label"] == "yhteiset vai omat asiakkaat"
    assert sharing["status_label"] in {"avoin", "valmistelussa", "päätetty"}
    assert len(sharing["alternatives"]) >= 2
    assert sharing["decision"] is None or sharing["decision"]["reference"]


def test_roadmap__phases_in_the_report_order(client, strategy_data):
    rows = _all(client, "/api/v1/roadmap/", language="sv")
    assert [row["order"] for row in rows] == list(
        WorkPhase.objects.filter(is_archived=False)
        .order_by("order")
        .values_list("order", flat=True)
    )
    assert rows and rows[0]["status_label"] in {"planerad", "pågår", "klar", "suunniteltu"}


def test_governance_lists__updated_since_gives_only_changes(client, strategy_data):
    from django.utils import timezone

    later = (timezone.now() + timezone.timedelta(days=1)).isoformat()
    for url in ("/api/v1/bodies/", "/api/v1/decisions/", "/api/v1/roadmap/"):
        assert _get(client, url, updated_since=later).json()["results"] == []
        assert _get(client, url, updated_since="2000-01-01").json()["results"]


def test_governance_lists__query_count_does_not_grow_with_rows(
    client, strategy_data, django_assert_max_num_queries
):
    for url in ("/api/v1/bodies/", "/api/v1/decisions/", "/api/v1/roadmap/"):
        with django_assert_max_num_queries(4):
            assert _get(client, url, page_size=1000).status_code == 200


@override_settings(API_UNKNOWN_KEY_LIMIT_PER_MINUTE=3)
def test_unknown_keys__guessing_is_throttled_per_address(
    client, api_key, strategy_data, monkeypatch
):
    monkeypatch.setattr("responsibility.api.keys._clock", lambda: 1_800_000_030.0)
    wrong = bearer("ak_000000000000.guess")
    for _ in range(3):
        assert client.get("/api/v1/companies/", **wrong).status_code == 401
    response = client.get("/api/v1/companies/", **wrong)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    # Even a right key from that address waits: the guesser cannot tell a hit meanwhile.
    assert client.get("/api/v1/companies/", **bearer(api_key())).status_code == 429
    # Another address is not held back.
    other = client.get("/api/v1/companies/", REMOTE_ADDR="10.0.0.9", **bearer(api_key()))
    assert other.status_code == 200
