"""The conventions of /api/v1/: problem details in three languages, read only, ETags, the
licence, the OpenAPI 3.1 document and the docs served by the app itself."""

import json
import re

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db

LICENCE = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
DATA_URLS = [
    "/api/v1/segments/",
    "/api/v1/segments/suuryritykset/",
    "/api/v1/organisations/",
    "/api/v1/organisations/finnvera/",
    "/api/v1/services/",
]


@pytest.mark.parametrize("url", DATA_URLS)
def test_open_data__anonymous_gets_json_with_the_licence(client, strategy_data, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Link"] == LICENCE
    assert response["Content-Language"] == "fi"
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/segments/", "/api/v1/organisations/finnvera/"])
def test_open_data__writes_are_refused_as_problem_details(strategy_data, method, url):
    client = Client(enforce_csrf_checks=True)
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    problem = response.json()
    assert problem["status"] == 405
    assert problem["type"] == "about:blank"
    assert response["Link"] == LICENCE


@pytest.mark.parametrize(
    ("language", "title", "detail"),
    [
        (None, "Ei löytynyt", "Pyydettyä kohdetta ei löytynyt."),
        ("fi", "Ei löytynyt", "Pyydettyä kohdetta ei löytynyt."),
        ("sv-FI,sv;q=0.9", "Hittades inte", "Det begärda objektet hittades inte."),
        ("en-GB,en;q=0.8", "Not found", "The requested item was not found."),
        ("de, en;q=0.5", "Not found", "The requested item was not found."),
        ("de", "Ei löytynyt", "Pyydettyä kohdetta ei löytynyt."),
    ],
)
@pytest.mark.parametrize(
    "url", ["/api/v1/segments/ei-ole/", "/api/v1/services/999999/", "/api/v1/ei-ole/", "/api/v1/"]
)
def test_unknown__404_problem_details_in_the_asked_language(
    client, strategy_data, url, language, title, detail
):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(url, **headers)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": title,
        "status": 404,
        "detail": detail,
    }


def test_method_not_allowed__message_in_swedish(client, strategy_data):
    response = client.delete("/api/v1/segments/", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.json()["title"] == "Metoden är inte tillåten"
    assert response["Content-Language"] == "sv"


def test_updated_since__not_a_time_is_a_400_problem(client, strategy_data):
    response = client.get(
        "/api/v1/services/", {"updated_since": "eilen"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Bad request"
    assert problem["detail"].startswith("updated_since: ")


def test_updated_since__a_plain_date_is_accepted(client, strategy_data):
    response = client.get("/api/v1/organisations/", {"updated_since": "2000-01-31"})
    assert response.status_code == 200
    assert response.json()["results"]


@pytest.mark.parametrize("url", DATA_URLS)
def test_etag__if_none_match_answers_304(client, strategy_data, url):
    first = client.get(url)
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Link"] == LICENCE


def test_etag__differs_by_language_and_changes_with_the_data(client, strategy_data):
    from offerings.models import Organisation

    finnish = client.get("/api/v1/organisations/finnvera/")["ETag"]
    swedish = client.get("/api/v1/organisations/finnvera/", HTTP_ACCEPT_LANGUAGE="sv")["ETag"]
    assert finnish != swedish
    organisation = Organisation.objects.get(code="finnvera")
    organisation.abbreviation = "FV"
    organisation.save()
    response = client.get("/api/v1/organisations/finnvera/", HTTP_IF_NONE_MATCH=finnish)
    assert response.status_code == 200
    assert response["ETag"] != finnish


def test_cursor__a_cursor_that_was_not_given_is_a_404_problem(client, strategy_data):
    response = client.get("/api/v1/segments/", {"cursor": "roskaa"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_schema__openapi_3_1_with_the_licence(client, strategy_data):
    response = client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response["Link"] == LICENCE
    schema = response.json()
    assert schema["openapi"] == "3.1.0"
    assert schema["info"]["license"] == {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert "CC BY 4.0" in schema["info"]["description"]


def test_schema__validates_and_generates_without_warnings(tmp_path):
    """drf-spectacular's own check: the document validates against the OpenAPI 3.1 schema
    (openapi-spec-validator), and any warning (an unresolved type) fails it."""
    target = tmp_path / "schema.json"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--format",
        "openapi-json",
        "--file",
        str(target),
    )
    assert json.loads(target.read_text())["openapi"] == "3.1.0"


def test_docs__swagger_ui_from_our_own_static_files_without_inline_code(client, strategy_data):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page)
    assert sources
    for source in sources:
        assert source.startswith("/static/") or source.startswith("/api/v1/docs/?"), source
    # Every script is a file (CSP script-src 'self' refuses inline code), no inline style.
    assert "<style" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    # Swagger UI's settings: a script of the split view, not inline.
    (settings_url,) = [source for source in sources if source.startswith("/api/v1/docs/?")]
    script = client.get(settings_url)
    assert script.status_code == 200
    assert script["Content-Type"] == "application/javascript"
    assert "/api/v1/schema/" in script.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"updated_since": "31.2.2026"},
        {"updated_since": "2026-02-31"},
        {"updated_since": "2026-13-01T25:00:00"},
        {"cursor": "%%%"},
        {"page_size": "-5"},
        {"page_size": "kaikki"},
        {"page_size": "100000"},
    ],
)
@pytest.mark.parametrize(
    "url", ["/api/v1/segments/", "/api/v1/organisations/", "/api/v1/services/"]
)
def test_lists__hostile_parameters_never_give_a_500(strategy_data, url, params):
    response = Client(raise_request_exception=False).get(url, params)
    assert response.status_code in (200, 400, 404), response.content
    if response.status_code != 200:
        assert response["Content-Type"] == "application/problem+json"


def test_schema__documents_the_problems_the_headers_and_updated_since(client, strategy_data):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    listing = schema["paths"]["/api/v1/segments/"]["get"]
    detail = schema["paths"]["/api/v1/segments/{code}/"]["get"]
    assert {"200", "304", "400", "404"} <= set(listing["responses"])
    assert "400" not in detail["responses"]
    problem = listing["responses"]["404"]["content"]["application/problem+json"]["schema"]
    assert problem == {"$ref": "#/components/schemas/Problem"}
    assert set(listing["responses"]["200"]["headers"]) == {"Link", "ETag"}
    parameters = {parameter["name"] for parameter in listing["parameters"]}
    assert {"cursor", "page_size", "updated_since", "Accept-Language"} <= parameters
    assert "updated_since" not in {parameter["name"] for parameter in detail["parameters"]}
    assert schema["components"]["schemas"]["TranslatedText"]["required"] == ["language", "text"]


def test_database_down__503_problem_details_with_retry_after(strategy_data, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)
    response = Client(raise_request_exception=False).get(
        "/api/v1/segments/", HTTP_ACCEPT_LANGUAGE="sv"
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Tjänsten är inte tillgänglig",
        "status": 503,
        "detail": "Databasen kan inte nås just nu. Försök igen om en stund.",
    }


def test_server_error__500_problem_details_without_a_trace(strategy_data, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("vika")

    monkeypatch.setattr("segments.api.segment_open_data", broken)
    response = Client(raise_request_exception=False).get("/api/v1/segments/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Palvelussa tapahtui odottamaton virhe."
    assert "vika" not in response.content.decode()


def test_address_without_slash__redirected_to_the_list(client, strategy_data):
    response = client.get("/api/v1/segments")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/segments/"
    assert client.get("/api/v1/ei-ole", follow=True).status_code == 404


def test_head__the_same_etag_without_a_body(client, strategy_data):
    etag = client.get("/api/v1/organisations/")["ETag"]
    response = client.head("/api/v1/organisations/")
    assert response.status_code == 200
    assert response["ETag"] == etag
    assert response.content == b""


@pytest.mark.parametrize(
    ("accept", "status"),
    [
        ("application/json", 200),
        ("text/html,application/xhtml+xml,*/*;q=0.8", 200),
        ("application/xml", 406),
    ],
)
def test_accept__json_only(client, strategy_data, accept, status):
    response = client.get("/api/v1/segments/", HTTP_ACCEPT=accept)
    assert response.status_code == status
    if status == 406:
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["detail"] == "Rajapinta vastaa vain JSON-muodossa."
