"""Customer notes for systems with a key (notes:read): the notes page's rules through its own
code path (visibility.notes_for), the client's organisation as the viewer, each read of
another organisation's notes in the access log."""

import pytest
from django.contrib.auth import authenticate

from offerings.models import Organisation
from responsibility import services
from responsibility.models import AccessLogEntry, DataSharingSetting
from tests.factories import CompanyFactory, consent_given

from .conftest import bearer

pytestmark = pytest.mark.django_db


@pytest.fixture
def noted(strategy_data, agency_user):
    """A company with a Finnvera contact note (written by Finnvera's own staff)."""
    company = CompanyFactory(name="Suostumus Oy")
    services.note_write(
        company=company,
        organisation=Organisation.objects.get(code="finnvera"),
        kind="contact_notes",
        text="Takausneuvottelu: vakuudet riittävät.",
        by=agency_user,
    )
    return company


def _notes(client, key, company, **headers):
    return client.get(f"/api/v1/companies/{company.business_id}/notes/", **bearer(key), **headers)


def test_notes__a_finpro_key_cannot_read_finnveras_notes_without_consent(client, api_key, noted):
    key = api_key(["notes:read"], organisation="finpro")
    response = _notes(client, key, noted)
    assert response.status_code == 200
    body = response.json()
    assert body["notes"] == []
    [withheld] = body["withheld"]
    assert withheld["organisation"] == "finnvera"
    assert withheld["reason"].startswith("pankkisalaisuus")
    assert "Takausneuvottelu" not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_notes__even_when_customers_are_shared_bank_secrecy_holds(client, api_key, noted):
    setting = DataSharingSetting.current()
    setting.strategy = "shared"
    setting.save()
    assert setting.is_shared
    key = api_key(["notes:read"], organisation="finpro")
    assert _notes(client, key, noted).json()["notes"] == []


def test_notes__with_the_consent_finpro_reads_them_and_the_read_is_logged(
    client, api_key, noted, agency_user
):
    finpro = Organisation.objects.get(code="finpro")
    consent = consent_given(
        noted,
        agency_user,  # Finnvera's own staff record it: its part is confirmed (443/1998 § 5)
        organisations=[finpro],
        disclosers=[Organisation.objects.get(code="finnvera")],
    )
    key = api_key(["notes:read"], organisation="finpro", name="Finpron CRM")
    response = _notes(client, key, noted, HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert [(n["organisation"], n["kind"], n["text"], n["basis"]) for n in body["notes"]] == [
        ("finnvera", "contact_notes", "Takausneuvottelu: vakuudet riittävät.", "consent")
    ]
    assert body["withheld"] == []
    entry = AccessLogEntry.objects.get()
    api_client = api_key.last.client
    api_client.refresh_from_db()
    assert entry.viewer_organisation == finpro
    assert entry.owner_organisation.code == "finnvera"
    assert (entry.basis, entry.consent, entry.company) == ("consent", consent, noted)
    assert entry.viewer == api_client.viewer
    assert api_client.viewer.first_name == "Finpron CRM"
    # Every read, not only the first, under the same technical user.
    _notes(client, key, noted)
    assert AccessLogEntry.objects.filter(viewer=api_client.viewer).count() == 2


def test_notes__the_technical_viewer_can_never_sign_in(client, api_key, noted, agency_user):
    finpro = Organisation.objects.get(code="finpro")
    consent_given(
        noted, agency_user, organisations=[finpro], disclosers=[noted.notes.get().organisation]
    )
    key = api_key(["notes:read"], organisation="finpro")
    _notes(client, key, noted)
    api_client = api_key.last.client
    api_client.refresh_from_db()
    viewer = api_client.viewer
    assert not viewer.is_active and not viewer.has_usable_password()
    assert not viewer.groups.exists() and not viewer.is_staff
    assert authenticate(username=viewer.username, password="") is None


def test_notes__finnveras_own_key_reads_its_own_notes_without_logging(client, api_key, noted):
    key = api_key(["notes:read"], organisation="finnvera")
    body = _notes(client, key, noted).json()
    assert [n["basis"] for n in body["notes"]] == ["own"]
    assert not AccessLogEntry.objects.exists()


def test_notes__query_count_does_not_grow_with_notes(client, api_key, noted, agency_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    finnvera = Organisation.objects.get(code="finnvera")
    consent_given(
        noted,
        agency_user,
        organisations=[Organisation.objects.get(code="finpro")],
        disclosers=[finnvera],
    )
    key = api_key(["notes:read"], organisation="finpro")
    _notes(client, key, noted)  # the technical viewer is created on the first read

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert _notes(client, key, noted).status_code == 200
        return len(captured.captured_queries)

    few = count()
    for n in range(30):
        services.note_write(
            company=noted,
            organisation=finnvera,
            kind="contact_notes",
            text=f"Muistio {n}",
            by=agency_user,
        )
    assert count() == few
    assert len(_notes(client, key, noted).json()["notes"]) == 31
