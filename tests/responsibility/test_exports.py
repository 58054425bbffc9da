"""The access log as CSV and XLSX: the page's search applied, hostile texts never formulas,
ministry staff only, and a query count that does not grow with the rows."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from responsibility import services
from tests.factories import AccessLogEntryFactory, CompanyFactory, business_id, create_in_bulk

pytestmark = pytest.mark.django_db

HOSTILE_COMPANY = '=HYPERLINK("http://example.invalid","Avaa")'
HOSTILE_GIVER = "@SUM(1+1)"
HOSTILE_NAME = "+358 -Testaaja"


@pytest.fixture
def log(company, orgs, finpro_user, tekes_user):
    """Three views of Kapula Oy by Finpro (one on a consent) and one of a hostile company by
    Tekes, a day apart, newest first: Tekes's view of the hostile company."""
    finpro_user.first_name, finpro_user.last_name = HOSTILE_NAME, "Virkailija"
    finpro_user.save()
    hostile = CompanyFactory(business_id=business_id(4700), name=HOSTILE_COMPANY)
    consent = services.consent_record(
        company=company,
        scope="contact_notes",
        organisations=[orgs["finpro"]],
        disclosers=[orgs["tekes"]],
        given_by=HOSTILE_GIVER,
        given_on=timezone.localdate(),
        by=tekes_user,
    )
    now = timezone.now()
    rows = [
        (finpro_user, orgs["finpro"], company, consent, 3),
        (finpro_user, orgs["finpro"], company, None, 2),
        (finpro_user, orgs["finpro"], company, None, 1),
        (tekes_user, orgs["tekes"], hostile, None, 0),
    ]
    create_in_bulk(
        AccessLogEntryFactory,
        (
            {
                "at": now - timedelta(days=days),
                "viewer": viewer,
                "viewer_organisation": organisation,
                "company": seen,
                "basis": "consent" if consent else "shared",
                "consent": consent,
            }
            for viewer, organisation, seen, consent, days in rows
        ),
        owner_organisation=orgs["finnvera"],
    )
    return hostile


def _csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="katseluloki-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def _xlsx(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_access_log_csv__has_the_searched_rows_newest_first(client, ministry_user, log, orgs):
    client.force_login(ministry_user)
    rows = _csv(client.get(reverse("responsibility:access_log_csv"), {"company": "Kapula"}))
    assert rows[0][:3] == ["Aika", "Katsoja", "Käyttäjätunnus"]
    body = rows[1:]
    assert [row[2] for row in body] == ["finpro-virkailija"] * 3
    assert [row[6] for row in body] == [business_id(4200)] * 3
    assert body[0][0] > body[1][0] > body[2][0]  # newest first
    assert [row[8] for row in body] == ["yhteiset asiakkaat"] * 2 + ["asiakkaan suostumus"]
    everyone = _csv(client.get(reverse("responsibility:access_log_csv")))
    assert len(everyone) == 1 + 4
    by_organisation = _csv(
        client.get(
            reverse("responsibility:access_log_csv"), {"viewer_organisation": orgs["tekes"].pk}
        )
    )
    assert [row[2] for row in by_organisation[1:]] == ["tekes-virkailija"]


def test_access_log_csv__hostile_texts_are_not_formulas(client, ministry_user, log):
    client.force_login(ministry_user)
    rows = _csv(client.get(reverse("responsibility:access_log_csv")))[1:]
    hostile, *_others, with_consent = rows
    assert hostile[5] == "'" + HOSTILE_COMPANY
    assert with_consent[1] == "'" + HOSTILE_NAME + " Virkailija"
    assert with_consent[9].endswith("antaja " + HOSTILE_GIVER)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_access_log_xlsx__has_the_searched_rows_and_no_formulas(client, ministry_user, log):
    client.force_login(ministry_user)
    rows = _xlsx(client.get(reverse("responsibility:access_log_xlsx")))
    assert rows[0][0] == "Aika"
    body = rows[1:]
    assert len(body) == 4
    assert body[0][5] == "'" + HOSTILE_COMPANY
    assert body[-1][1] == "'" + HOSTILE_NAME + " Virkailija"
    assert all(row[0].tzinfo is None and row[0].year >= 2024 for row in body)  # real dates
    texts = [cell for row in body for cell in row[1:] if cell]
    assert not any(str(cell).startswith(("=", "+", "-", "@")) for cell in texts)
    dated = _xlsx(
        client.get(
            reverse("responsibility:access_log_xlsx"),
            {"date_from": timezone.localdate().strftime("%d.%m.%Y")},
        )
    )
    assert [row[5] for row in dated[1:]] == ["'" + HOSTILE_COMPANY]


def test_access_log_xlsx__over_the_limit_asks_to_narrow_the_search(
    client, ministry_user, log, monkeypatch
):
    from responsibility.views import ministry

    monkeypatch.setattr(ministry, "EXPORT_LIMIT", 3)
    client.force_login(ministry_user)
    response = client.get(reverse("responsibility:access_log_xlsx"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("responsibility:access_log") + "?"
    assert "XLSX-vienti on rajattu 3 riviin" in response.content.decode()
    one_company = client.get(reverse("responsibility:access_log_xlsx"), {"company": "Kapula"})
    assert len(_xlsx(one_company)) == 1 + 3


@pytest.mark.parametrize("name", ["access_log_csv", "access_log_xlsx"])
def test_access_log_export__a_bad_search_exports_nothing_and_returns_to_the_page(
    client, ministry_user, log, name
):
    client.force_login(ministry_user)
    response = client.get(reverse(f"responsibility:{name}"), {"date_from": "31.2.2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("responsibility:access_log") + "?date_from=31.2.2026"


@pytest.mark.parametrize("name", ["access_log_csv", "access_log_xlsx"])
def test_access_log_export__only_ministry_staff(client, tekes_user, no_role_user, log, name):
    url = reverse(f"responsibility:{name}")
    assert client.get(url)["Location"].startswith(reverse("login"))
    for user in (tekes_user, no_role_user):
        client.force_login(user)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("name", ["access_log_csv", "access_log_xlsx"])
def test_access_log_export__query_count_does_not_grow_with_rows(
    client, ministry_user, log, company, orgs, finpro_user, count_queries, name
):
    client.force_login(ministry_user)
    url = reverse(f"responsibility:{name}")
    few = count_queries(client, url, most=20, warm=True)
    assert count_queries.content
    create_in_bulk(
        AccessLogEntryFactory, ({} for _ in range(300)), viewer=finpro_user, company=company
    )
    assert count_queries(client, url, most=20, warm=True) == few
    assert count_queries.content


def test_access_log_page__links_the_exports_with_the_search(client, ministry_user, log):
    client.force_login(ministry_user)
    page = client.get(reverse("responsibility:access_log"), {"company": "Kapula"})
    html = page.content.decode()
    assert reverse("responsibility:access_log_csv") + "?company=Kapula" in html
    assert reverse("responsibility:access_log_xlsx") + "?company=Kapula" in html
