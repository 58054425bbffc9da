"""Keys for systems on /api/v1/: unknown, tampered, expired, revoked and rotated keys, every
scope refused without its grant, the rate limit per client and the call log."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from responsibility.models import ApiCall, ApiKey, Scope
from responsibility.services.api_clients import api_key_revoke, api_key_rotate
from tests.factories import CompanyFactory

from .conftest import bearer

pytestmark = pytest.mark.django_db

SCOPED_URLS = {
    "companies:read": ["/api/v1/companies/", "/api/v1/companies/{business_id}/"],
    "responsibility:read": ["/api/v1/companies/{business_id}/responsibility/"],
    "notes:read": ["/api/v1/companies/{business_id}/notes/"],
}


@pytest.fixture
def company(strategy_data):
    return CompanyFactory(segment_code="suuryritykset")


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    return problem


def test_key__the_issued_key_opens_the_companies(client, api_key, company):
    key = api_key(["companies:read"])
    response = client.get(f"/api/v1/companies/{company.business_id}/", **bearer(key))
    assert response.status_code == 200
    assert response.json()["business_id"] == company.business_id
    assert response["Cache-Control"] == "private, no-store"
    assert "Link" not in response  # customer data is not open data: no CC BY licence


def test_key__api_key_scheme_is_accepted_too(client, api_key, company):
    key = api_key(["companies:read"])
    response = client.get("/api/v1/companies/", HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == 200


def test_key__stored_only_as_a_salted_hash(api_key):
    key = api_key()
    row = api_key.last
    assert key.startswith(f"ak_{row.prefix}.")
    stored = ApiKey.objects.filter(pk=row.pk).values().get()
    assert key not in str(stored)
    assert key.split(".", 1)[1] not in str(stored)
    assert row.key_hash == ApiKey.digest(row.salt, key) and len(row.salt) == 32
    assert row.history.get().history_change_reason == "Avain annettu"


@pytest.mark.parametrize("url", ["/api/v1/companies/", "/api/v1/companies/0737546-2/"])
@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("fi", "Avain puuttuu: lähetä se otsakkeessa Authorization: Bearer <avain>."),
        ("sv", "Nyckeln saknas: skicka den i rubriken Authorization: Bearer <nyckel>."),
        ("en", "The key is missing: send it in the header Authorization: Bearer <key>."),
    ],
)
def test_no_key__401_problem_in_the_asked_language(client, strategy_data, url, language, detail):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    problem = _problem(response, 401)
    assert problem["detail"] == detail
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert ApiCall.objects.count() == 0


@pytest.mark.parametrize(
    "header",
    [
        "Bearer ak_tuntematon.salaisuus",
        "Bearer ",
        "Bearer roskaa",
        "Bearer ak_.x",
        "Bearer ak_" + "a" * 5000,
        "Bearer ak_abc.def'; DROP TABLE x;--",
        "Api-Key ak_\x00.\x00",
    ],
)
def test_unknown_key__401(client, strategy_data, header):
    response = client.get("/api/v1/companies/", HTTP_AUTHORIZATION=header)
    assert _problem(response, 401)["detail"] == "Avainta ei tunneta."


def test_tampered_key__401_and_logged_for_nobody(client, api_key, company):
    key = api_key()
    tampered = key[:-1] + ("A" if key[-1] != "A" else "B")
    response = client.get("/api/v1/companies/", **bearer(tampered))
    assert _problem(response, 401)["detail"] == "Avainta ei tunneta."
    assert ApiCall.objects.count() == 0


def test_expired_key__401(client, api_key, company):
    key = api_key()
    ApiKey.objects.filter(pk=api_key.last.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get("/api/v1/companies/", **bearer(key), HTTP_ACCEPT_LANGUAGE="en")
    assert _problem(response, 401)["detail"] == "The key has expired."
    # The client is known: its refused call is in its log.
    assert ApiCall.objects.get().status == 401


def test_revoked_key__401(client, api_key, company, ministry_user):
    key = api_key()
    api_key_revoke(key=api_key.last, by=ministry_user)
    response = client.get("/api/v1/companies/", **bearer(key))
    assert _problem(response, 401)["detail"] == "Avain on peruttu."
    assert api_key.last.history.latest().history_user == ministry_user


def test_client_taken_out_of_use__401(client, api_key, company):
    key = api_key()
    client_row = api_key.last.client
    client_row.is_active = False
    client_row.save()
    response = client.get("/api/v1/companies/", **bearer(key))
    assert _problem(response, 401)["detail"] == "Järjestelmän avaimet eivät ole käytössä."


def test_rotated_key__old_valid_until_the_chosen_moment_new_from_now(
    client, api_key, company, ministry_user
):
    old_key = api_key()
    old_row = api_key.last
    until = timezone.now() + datetime.timedelta(hours=1)
    _new_row, new_key = api_key_rotate(
        client=old_row.client, old_valid_until=until, by=ministry_user
    )
    assert new_key != old_key
    for key in (old_key, new_key):
        assert client.get("/api/v1/companies/", **bearer(key)).status_code == 200
    old_row.refresh_from_db()
    assert old_row.expires_at == until
    assert old_row.history.latest().history_user == ministry_user
    # The moment passes: the old key is refused, the new one still opens.
    ApiKey.objects.filter(pk=old_row.pk).update(expires_at=timezone.now())
    assert client.get("/api/v1/companies/", **bearer(old_key)).status_code == 401
    assert client.get("/api/v1/companies/", **bearer(new_key)).status_code == 200


def test_rotation_at_once__the_old_key_stops_now(client, api_key, company, ministry_user):
    old_key = api_key()
    api_key_rotate(client=api_key.last.client, old_valid_until=timezone.now(), by=ministry_user)
    assert client.get("/api/v1/companies/", **bearer(old_key)).status_code == 401


@pytest.mark.parametrize(
    ("granted", "url"),
    [
        (granted, url)
        for needed, urls in SCOPED_URLS.items()
        for url in urls
        for granted in (
            [],
            [scope for scope in Scope.values if scope != needed],
        )
    ],
)
def test_scope__every_endpoint_refuses_a_key_without_its_scope(
    client, api_key, company, granted, url
):
    key = api_key(granted)
    response = client.get(url.format(business_id=company.business_id), **bearer(key))
    problem = _problem(response, 403)
    assert problem["detail"].startswith("Avaimella ei ole oikeutta ")
    assert ApiCall.objects.get().status == 403


@pytest.mark.parametrize(
    ("needed", "url"), [(needed, url) for needed, urls in SCOPED_URLS.items() for url in urls]
)
def test_scope__the_one_scope_is_enough(client, api_key, company, needed, url):
    key = api_key([needed])
    response = client.get(url.format(business_id=company.business_id), **bearer(key))
    assert response.status_code == 200


def test_scope__refusal_in_swedish(client, api_key, company):
    key = api_key(["responsibility:read"])
    response = client.get("/api/v1/companies/", **bearer(key), HTTP_ACCEPT_LANGUAGE="sv")
    problem = _problem(response, 403)
    assert problem["title"] == "Ingen behörighet"
    assert problem["detail"] == "Nyckeln har inte behörigheten companies:read."


def test_rate_limit__429_with_retry_after_per_client(client, api_key, company):
    limited = api_key(rate_limit_per_minute=3)
    other = api_key()
    for _n in range(3):
        assert client.get("/api/v1/companies/", **bearer(limited)).status_code == 200
    response = client.get("/api/v1/companies/", **bearer(limited), HTTP_ACCEPT_LANGUAGE="en")
    problem = _problem(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert problem["detail"] == (
        f"Too many requests: try again in {response['Retry-After']} seconds."
    )
    # Another client has its own count.
    assert client.get("/api/v1/companies/", **bearer(other)).status_code == 200
    assert ApiCall.objects.filter(status=429).count() == 1


def test_rate_limit__default_from_settings_counted_in_the_cache(client, api_key, company, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    key = api_key()
    assert [client.get("/api/v1/companies/", **bearer(key)).status_code for _n in range(3)] == [
        200,
        200,
        429,
    ]
    cache.clear()  # the count lives in the shared cache
    assert client.get("/api/v1/companies/", **bearer(key)).status_code == 200


def test_call_log__one_row_per_keyed_call(client, api_key, company):
    key = api_key(["companies:read"])
    client.get(f"/api/v1/companies/{company.business_id}/", **bearer(key))
    client.get("/api/v1/companies/1234567-8/", **bearer(key))
    rows = list(ApiCall.objects.order_by("at", "pk"))
    assert [(r.method, r.route, r.status) for r in rows] == [
        ("GET", "api:company_detail", 200),
        ("GET", "api:company_detail", 400),
    ]
    assert rows[0].client == api_key.last.client and rows[0].key == api_key.last
    assert rows[0].path == f"/api/v1/companies/{company.business_id}/"
    assert rows[0].duration_ms >= 0


def test_call_log__a_failing_insert_never_breaks_the_answer(client, api_key, company, monkeypatch):
    from django.db import DatabaseError

    def fail(*args, **kwargs):
        raise DatabaseError("levy täynnä")

    key = api_key()
    monkeypatch.setattr(ApiCall.objects, "create", fail)
    response = client.get(f"/api/v1/companies/{company.business_id}/", **bearer(key))
    assert response.status_code == 200


def test_call_log__open_data_is_not_logged(client, strategy_data):
    client.get("/api/v1/segments/")
    assert ApiCall.objects.count() == 0


def test_prune_api_calls__removes_rows_older_than_the_days(api_key, company):
    api_key()
    row = api_key.last
    old = ApiCall.objects.create(
        client=row.client, key=row, method="GET", route="r", path="/", status=200, duration_ms=1
    )
    ApiCall.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=31))
    fresh = ApiCall.objects.create(
        client=row.client, key=row, method="GET", route="r", path="/", status=200, duration_ms=1
    )
    call_command("prune_api_calls", "--days", "30")
    assert list(ApiCall.objects.all()) == [fresh]
