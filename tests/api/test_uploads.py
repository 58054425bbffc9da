"""Uploads of yearly attribute values (attributes:write): JSON and CSV bodies checked by the
company import's own rules and messages, all or nothing, idempotent, large bodies through
the task worker with a status address, the size cap, and updated_since seeing new values."""

import datetime
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from segments.models import AttributeValue, ValueUpload
from tests.concurrency import needs_postgresql, race
from tests.factories import AttributeFactory, AttributeValueFactory, CompanyFactory

from .conftest import bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/attribute-values/"


@pytest.fixture
def writer(api_key):
    return bearer(api_key(["attributes:write", "companies:read"]))


@pytest.fixture
def staff(strategy_data):
    return AttributeFactory(staff=True)


@pytest.fixture
def turnover(strategy_data):
    return AttributeFactory(turnover=True)


def _json(client, headers, companies, **extra):
    return client.post(
        URL, {"companies": companies}, content_type="application/json", **headers, **extra
    )


def _csv(client, headers, text):
    return client.post(URL, text.encode(), content_type="text/csv", **headers)


def _values(company):
    return {
        (v.attribute.code, v.year): v.value
        for v in AttributeValue.objects.filter(company=company).select_related("attribute")
    }


def test_upload__json_values_are_stored_and_counted(client, writer, staff, turnover):
    company = CompanyFactory()
    response = _json(
        client,
        writer,
        [
            {
                "business_id": company.business_id,
                "values": [
                    {"attribute": "henkilosto", "year": 2026, "value": 12},
                    {"attribute": "liikevaihto", "year": 2026, "value": "1500000,50"},
                ],
            }
        ],
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["changed"] is True
    assert (body["values_created"], body["values_updated"], body["values_unchanged"]) == (2, 0, 0)
    values = _values(company)
    assert values[("henkilosto", 2026)] == 12
    assert str(values[("liikevaihto", 2026)]) == "1500000.5000"


def test_upload__a_repeated_upload_changes_nothing_and_says_so(client, writer, staff):
    company = CompanyFactory()
    text = f"y_tunnus;henkilosto:2026\n{company.business_id};12\n"
    assert _csv(client, writer, text).json()["values_created"] == 1
    stored = AttributeValue.objects.get(company=company)
    again = _csv(client, writer, text).json()
    assert again["changed"] is False
    assert (again["values_created"], again["values_updated"], again["values_unchanged"]) == (
        0,
        0,
        1,
    )
    assert again["summary"].startswith("Kaikki arvot olivat jo tallessa")
    assert AttributeValue.objects.get(company=company).changed_at == stored.changed_at


def test_upload__a_changed_value_is_updated(client, writer, staff):
    company = CompanyFactory()
    AttributeValueFactory(company=company, attribute=staff, year=2026, number=10)
    response = _csv(client, writer, f"y_tunnus;henkilosto:2026\n{company.business_id};11\n")
    assert response.json()["values_updated"] == 1
    assert _values(company) == {("henkilosto", 2026): 11}


def test_upload__one_bad_row_stores_nothing_and_lists_the_errors_in_finnish(client, writer, staff):
    good, other = CompanyFactory(), CompanyFactory()
    text = (
        "y_tunnus;henkilosto:2026\n"
        f"{good.business_id};12\n"
        f"{other.business_id};paljon\n"
        "1234567-8;3\n"
        "0000000-0;4\n"
    )
    response = _csv(client, writer, text)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["error_count"] == 3
    assert problem["errors"][0] == {
        "row": 3,
        "column": "henkilosto:2026",
        "detail": "paljon ei ole kokonaisluku.",
    }
    assert problem["errors"][1]["row"] == 4
    assert "tarkistusnumero on väärä" in problem["errors"][1]["detail"]
    assert problem["errors"][2]["row"] == 5
    assert "ei ole rekisterissä" in problem["errors"][2]["detail"]
    assert "mitään ei tallennettu" in problem["detail"]
    assert not AttributeValue.objects.exists()


def test_upload__a_company_not_in_the_register_is_an_error(client, writer, staff):
    response = _json(
        client,
        writer,
        [
            {
                "business_id": "0737546-2",
                "values": [{"attribute": "henkilosto", "year": 2026, "value": 1}],
            }
        ],
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "row": 2,
            "column": "y_tunnus",
            "detail": "Yritystä 0737546-2 ei ole rekisterissä: arvoja voi lähettää vain "
            "rekisterin yrityksille.",
        }
    ]


def test_upload__company_columns_are_refused(client, writer, staff):
    company = CompanyFactory(name="Vanha Oy")
    response = _csv(
        client, writer, f"y_tunnus;nimi;henkilosto:2026\n{company.business_id};Uusi;1\n"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["column"] == "nimi"
    company.refresh_from_db()
    assert company.name == "Vanha Oy"


@override_settings(API_UPLOAD_MAX_LISTED_ERRORS=3)
def test_upload__listed_errors_are_capped_and_counted(client, writer, staff):
    companies = [CompanyFactory() for _ in range(5)]
    text = "y_tunnus;henkilosto:2026\n" + "".join(f"{c.business_id};x\n" for c in companies)
    problem = _csv(client, writer, text).json()
    assert problem["error_count"] == 5
    assert len(problem["errors"]) == 3


@override_settings(API_UPLOAD_MAX_BYTES=100)
def test_upload__a_body_over_the_limit_is_a_413(client, writer, staff):
    response = _csv(client, writer, "y_tunnus;henkilosto:2026\n" + "0737546-2;1\n" * 20)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert "liian suuri" in response.json()["detail"]


def test_upload__not_json_is_a_400_and_another_type_a_415(client, writer, staff):
    response = client.post(URL, b"{oops", content_type="application/json", **writer)
    assert response.status_code == 400
    assert response.json()["detail"] == "Sisältö ei ole kelvollista JSONia."
    response = client.post(URL, b"<xml/>", content_type="application/xml", **writer)
    assert response.status_code == 415


def test_upload__needs_the_write_scope(client, api_key, staff):
    reader = bearer(api_key(["companies:read"]))
    response = _csv(client, reader, "y_tunnus;henkilosto:2026\n")
    assert response.status_code == 403
    assert _csv(client, {}, "y_tunnus;henkilosto:2026\n").status_code == 401


@override_settings(API_UPLOAD_SYNC_MAX_BYTES=10)
def test_upload__a_large_body_goes_to_the_worker_and_its_status_says_the_result(
    client, writer, api_key, staff, django_capture_on_commit_callbacks
):
    company = CompanyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _csv(client, writer, f"y_tunnus;henkilosto:2026\n{company.business_id};7\n")
    assert response.status_code == 202
    location = response["Location"]
    assert response.json()["status"] == "queued"
    status = client.get(location, **writer).json()
    assert status["status"] == "succeeded"
    assert status["result"]["values_created"] == 1
    assert status["problem"] is None
    assert _values(company) == {("henkilosto", 2026): 7}
    assert ValueUpload.objects.get().body in (b"", memoryview(b""))
    # Another system does not see it.
    other = bearer(api_key(["attributes:write"]))
    assert client.get(location, **other).status_code == 404


@override_settings(API_UPLOAD_SYNC_MAX_BYTES=10)
def test_upload__a_failed_large_upload_gives_its_errors_as_problem_details(
    client, writer, staff, django_capture_on_commit_callbacks
):
    company = CompanyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _csv(client, writer, f"y_tunnus;henkilosto:2026\n{company.business_id};x\n")
    status = client.get(response["Location"], **writer).json()
    assert status["status"] == "failed"
    assert status["result"] is None
    assert status["problem"]["status"] == 422
    assert status["problem"]["errors"][0]["detail"] == "x ei ole kokonaisluku."
    assert not AttributeValue.objects.exists()


@override_settings(API_UPLOAD_SYNC_MAX_BYTES=10)
@pytest.mark.parametrize(
    ("language", "detail"),
    [
        ("sv", "x är inte ett heltal."),
        ("en", "x is not an integer."),
        ("de", "x ei ole kokonaisluku."),
    ],
)
def test_upload__the_worker_writes_the_outcome_in_the_language_the_client_asked(
    client, writer, staff, django_capture_on_commit_callbacks, language, detail
):
    company = CompanyFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            f"y_tunnus;henkilosto:2026\n{company.business_id};x\n".encode(),
            content_type="text/csv",
            HTTP_ACCEPT_LANGUAGE=language,
            **writer,
        )
    assert response.status_code == 202
    # Read back in Finnish: the messages are the worker's, written in the asked language.
    status = client.get(response["Location"], **writer).json()
    assert status["problem"]["errors"][0]["detail"] == detail


def test_upload__the_company_shows_in_updated_since(client, writer, staff):
    company = CompanyFactory()
    CompanyFactory()
    time.sleep(0.01)
    since = timezone.now()
    _csv(client, writer, f"y_tunnus;henkilosto:2026\n{company.business_id};7\n")
    response = client.get("/api/v1/companies/", {"updated_since": since.isoformat()}, **writer)
    assert [row["business_id"] for row in response.json()["results"]] == [company.business_id]
    later = (timezone.now() + datetime.timedelta(seconds=1)).isoformat()
    response = client.get("/api/v1/companies/", {"updated_since": later}, **writer)
    assert response.json()["results"] == []


def test_upload__a_value_that_is_an_object_is_a_finnish_error_not_a_500(client, writer, staff):
    # Found by Schemathesis: an object holding a decimal could not be turned into a cell.
    company = CompanyFactory()
    response = client.post(
        URL,
        b'{"companies": [{"business_id": "%s", "values": [{"attribute": "henkilosto", '
        b'"year": 2026, "value": {"a": 1.5}}]}]}' % company.business_id.encode(),
        content_type="application/json",
        **writer,
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["column"] == "henkilosto:2026"
    assert not AttributeValue.objects.exists()


def test_upload__a_company_deleted_during_the_upload_stores_nothing(
    client, writer, staff, monkeypatch
):
    """Between the check and the write another user deletes one of the file's companies:
    the upload says so in Finnish and stores none of its values. PostgreSQL's set-based
    write meets the foreign key (the conflict); SQLite's compares again and misses it."""
    from django.db import connection

    from segments import imports

    kept, deleted = CompanyFactory(), CompanyFactory()
    write_result = imports._AttributeValueImport.write_result

    def deleted_meanwhile(self, checked):
        type(deleted).objects.filter(pk=deleted.pk).delete()
        return write_result(self, checked)

    monkeypatch.setattr(imports._AttributeValueImport, "write_result", deleted_meanwhile)
    text = f"y_tunnus;henkilosto:2026\n{kept.business_id};5\n{deleted.business_id};6\n"
    response = _csv(client, writer, text)
    assert response.status_code == 422, response.content
    detail = response.json()["errors"][0]["detail"]
    if connection.vendor == "postgresql":
        assert detail.startswith("Joku muu tallensi samoja yrityksiä samaan aikaan")
    else:
        assert detail.startswith(f"Yritystä {deleted.business_id} ei ole rekisterissä")
    assert not AttributeValue.objects.exists()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_upload__two_uploads_of_the_same_new_values_at_once_store_them_once(strategy_data):
    """Two systems send the same year's values at the same moment: no company row is
    locked, the values' unique key decides; both succeed, each value is stored once, and
    between them the two report it created once."""
    from segments.imports import import_attribute_values

    AttributeFactory(staff=True)
    companies = CompanyFactory.create_batch(20)
    text = "y_tunnus;henkilosto:2026\n" + "".join(
        f"{company.business_id};{n}\n" for n, company in enumerate(companies)
    )

    def upload():
        import io

        result = import_attribute_values(io.BytesIO(text.encode()), filename="a.csv", by=None)
        assert result.ok, result.outcome()
        return result.values_created

    results = race(upload)
    assert [kind for kind, _created in results] == ["ok", "ok"], results
    assert sum(created for _kind, created in results) == 20
    assert AttributeValue.objects.count() == 20
    assert sorted(AttributeValue.objects.values_list("number", flat=True)) == list(range(20))


def test_upload__the_next_re_segmentation_uses_the_uploaded_values(client, writer, strategy_data):
    """Done means: an agency system uploads this year's values and the next yearly run
    places the companies by them. One company has no values, so no run can place it; the
    other is a local company of 5 employees. After the upload both are large companies."""
    from segments import resegmentation
    from segments.models import Attribute, RunEntry
    from tests.segments.conftest import YEAR, build_world

    segments, _world = build_world()  # the rules: 250 employees or more is a large company
    unplaced = CompanyFactory()
    small = CompanyFactory(segment_code="paikalliset")
    AttributeValueFactory(
        company=small, attribute=Attribute.objects.get(code="henkilosto"), year=YEAR, number=5
    )

    def placed(company):
        run = resegmentation.run_preview(resegmentation.run_start(year=YEAR, by=None))
        return RunEntry.objects.get(run=run, company=company).to_segment_id

    assert placed(unplaced) is None
    text = f"y_tunnus;henkilosto:{YEAR}\n{unplaced.business_id};300\n{small.business_id};260\n"
    outcome = _csv(client, writer, text).json()
    assert (outcome["values_created"], outcome["values_updated"]) == (1, 1), outcome
    assert placed(unplaced) == placed(small) == segments["suuryritykset"].pk
