"""The responsibility pages: who may see and do what, for which organisation, and at what
cost in queries."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from responsibility import services
from responsibility.models import (
    AccessLogEntry,
    Assignment,
    Consent,
    CustomerNote,
    Handover,
)
from segments.models import Segment
from tests.factories import (
    AccessLogEntryFactory,
    AssignmentFactory,
    CompanyFactory,
    CustomerNoteFactory,
    CustomerTeamFactory,
    HandoverFactory,
    ServiceDeliveryFactory,
    TeamMembershipFactory,
    business_id,
    consent_given,
    create_in_bulk,
    handover_requested,
    lead_started,
)

pytestmark = pytest.mark.django_db


def _url(name, company=None, obj=None):
    if obj is not None:
        return reverse(f"responsibility:{name}", args=[obj.pk])
    if company is not None:
        return reverse(f"responsibility:{name}", args=[company.business_id])
    return reverse(f"responsibility:{name}")


@pytest.fixture
def team(tekes_user, finnvera_user, company, orgs):
    team = CustomerTeamFactory(name="Kasvutiimi", leader=tekes_user.person)
    TeamMembershipFactory(team=team, person=tekes_user.person, role="leader")
    TeamMembershipFactory(team=team, person=finnvera_user.person, role="expert")
    services.assignment_start(
        company=company,
        organisation=orgs["finnvera"],
        role="member",
        team=team,
        by=finnvera_user,
        reason="x",
    )
    return team


@pytest.fixture
def pages(company, handover, team):
    """Every GET page: (url, who may see it)."""
    return {
        "portfolio": _url("portfolio"),
        "company_responsibility": _url("company_responsibility", company),
        "company_notes": _url("company_notes", company),
        "handover_list": _url("handover_list"),
        "handover_detail": _url("handover_detail", obj=handover),
        "team_list": _url("team_list"),
        "team_detail": _url("team_detail", obj=team),
        "coverage": _url("coverage"),
        "access_log": _url("access_log"),
    }


PAGE_NAMES = [
    "portfolio",
    "company_responsibility",
    "company_notes",
    "handover_list",
    "handover_detail",
    "team_list",
    "team_detail",
    "coverage",
    "access_log",
]


# --- every page: anonymous, no role, the right user -------------------------------------


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_pages__anonymous_is_sent_to_login(client, pages, name):
    response = client.get(pages[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_pages__user_without_role_is_refused(client, pages, no_role_user, name):
    client.force_login(no_role_user)
    response = client.get(pages[name])
    assert response.status_code == 403
    assert "Ei käyttöoikeutta" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "portfolio",
        "company_responsibility",
        "company_notes",
        "handover_list",
        "handover_detail",
        "team_list",
        "team_detail",
    ],
)
def test_pages__agency_staff_of_the_organisation_see_them(client, pages, tekes_user, name):
    client.force_login(tekes_user)
    assert client.get(pages[name]).status_code == 200


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_pages__ministry_staff_see_them(client, pages, ministry_user, name):
    client.force_login(ministry_user)
    assert client.get(pages[name]).status_code == 200


@pytest.mark.parametrize("name", ["coverage", "access_log"])
def test_ministry_pages__agency_staff_are_refused(client, pages, tekes_user, name):
    client.force_login(tekes_user)
    assert client.get(pages[name]).status_code == 403


@pytest.mark.parametrize("name", ["company_responsibility", "company_notes", "handover_create"])
def test_company_pages__unknown_company_is_404(client, tekes_user, name):
    client.force_login(tekes_user)
    url = reverse(f"responsibility:{name}", args=["9999999-9"])
    assert client.get(url).status_code == 404


def test_nav__shows_responsibility_to_those_with_the_permission(
    client, tekes_user, working_group_user
):
    client.force_login(tekes_user)
    assert reverse("responsibility:portfolio") in client.get(reverse("home")).content.decode()
    client.force_login(working_group_user)
    assert reverse("responsibility:portfolio") not in client.get(reverse("home")).content.decode()


# --- portfolio ----------------------------------------------------------------------------


def _names(response):
    return [a.company.name for a in response.context["assignments"]]


def test_portfolio__shows_the_organisations_customers_only(
    client, tekes_user, finpro_user, tekes_lead, handover
):
    client.force_login(tekes_user)
    response = client.get(_url("portfolio"))
    page = response.content.decode()
    assert _names(response) == ["Kapula Oy"]
    assert "päävastuullinen" in page and "avoin siirtopyyntö" in page
    client.force_login(finpro_user)
    assert _names(client.get(_url("portfolio"))) == []


def test_portfolio__a_user_without_organisation_is_told_so(client, staff_without_organisation):
    client.force_login(staff_without_organisation)
    response = client.get(_url("portfolio"))
    assert response.status_code == 200
    assert "ei ole liitetty mihinkään organisaatioon" in response.content.decode()


@pytest.fixture
def portfolio_data(company, orgs, tekes_user, tekes_lead):
    local = Segment.objects.get(code="paikalliset")
    other = CompanyFactory(business_id=business_id(4201), name="Muu Oy", segment=local)
    services.assignment_start(
        company=other,
        organisation=orgs["tekes"],
        role="member",
        person=tekes_user.person,
        by=tekes_user,
        reason="x",
    )
    return {"local": local, "other": other}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Kapula Oy", "Muu Oy"]),
        ({"role": "lead"}, ["Kapula Oy"]),
        ({"role": "member"}, ["Muu Oy"]),
        ({"mine": "on"}, ["Muu Oy"]),
        ({"q": "kap"}, ["Kapula Oy"]),
        ({"q": business_id(4201)}, ["Muu Oy"]),
        ({"q": business_id(4201).replace("-", "")}, ["Muu Oy"]),
        ({"role": "boss"}, ["Kapula Oy", "Muu Oy"]),  # a bad value is not applied
        ({"segment": "999999"}, ["Kapula Oy", "Muu Oy"]),
        ({"q": "<script>"}, []),
    ],
)
def test_portfolio__filters(client, tekes_user, portfolio_data, params, expected):
    client.force_login(tekes_user)
    response = client.get(_url("portfolio"), params)
    assert response.status_code == 200
    assert _names(response) == expected
    assert "<script>" not in response.content.decode()


def test_portfolio__segment_filter(client, tekes_user, portfolio_data):
    client.force_login(tekes_user)
    response = client.get(_url("portfolio"), {"segment": portfolio_data["local"].pk})
    assert _names(response) == ["Muu Oy"]


def test_portfolio__a_bad_filter_value_is_pointed_out_in_finnish(client, tekes_user, tekes_lead):
    client.force_login(tekes_user)
    response = client.get(_url("portfolio"), {"segment": "999999"})
    assert "Tuntematon segmentti" in response.content.decode()


def _grow(count, organisation, *, start, segment=None):
    """Companies with an active lead of the organisation, written in bulk (fast)."""
    companies = create_in_bulk(
        CompanyFactory,
        ({"business_id": business_id(start + n), "name": f"Massa {n:05d}"} for n in range(count)),
        segment=segment,
        batch_size=2000,
    )
    create_in_bulk(
        AssignmentFactory,
        ({"company": c} for c in companies),
        organisation=organisation,
        batch_size=2000,
    )


def test_portfolio__keyset_pages_without_counting(client, tekes_user, orgs, count_queries):
    _grow(120, orgs["tekes"], start=10_000)
    client.force_login(tekes_user)
    first = client.get(_url("portfolio"))
    assert len(first.context["assignments"]) == 50 and first.context["next_query"]
    second = client.get(_url("portfolio") + "?" + first.context["next_query"])
    names_1, names_2 = _names(first), _names(second)
    assert not set(names_1) & set(names_2) and names_2[0] > names_1[-1]
    third = client.get(_url("portfolio") + "?" + second.context["next_query"])
    assert len(_names(third)) == 20 and third.context["next_query"] is None
    count_queries(client, _url("portfolio"), most=40)
    assert not count_queries.any_sql("COUNT(")


def test_portfolio__bad_cursor_is_ignored(client, tekes_user, tekes_lead):
    client.force_login(tekes_user)
    response = client.get(_url("portfolio"), {"after_name": "x" * 5000, "after_id": "abc"})
    assert response.status_code == 200 and _names(response) == ["Kapula Oy"]


def test_portfolio__query_count_is_the_same_at_10_and_10000_assignments(
    client, tekes_user, orgs, count_queries
):
    _grow(10, orgs["tekes"], start=10_000)
    client.force_login(tekes_user)
    few = count_queries(client, _url("portfolio"), most=40, warm=True)
    _grow(9_990, orgs["tekes"], start=20_000)
    many = count_queries(client, _url("portfolio"), most=40)
    response = count_queries.response
    assert many == few
    assert len(response.context["assignments"]) == 50


# --- company responsibility page ----------------------------------------------------------


def test_company_page__shows_lead_members_teams_history_and_handovers(
    client, finpro_user, company, handover, team
):
    client.force_login(finpro_user)
    response = client.get(_url("company_responsibility", company))
    page = response.content.decode()
    assert response.context["data"].lead.organisation.code == "tekes"
    assert "Kasvutiimi" in page
    assert "odottaa vastausta" in page  # the pending handover's status, in words
    assert "Avoin siirtopyyntö organisaatiolle Finnvera Oyj" in page
    # Not the lead organisation's staff and not a holder: no handover link, no consent form.
    assert _url("handover_create", company) not in page
    assert response.context["consent_form"] is None


def test_company_page__the_lead_organisation_gets_the_handover_link_and_consent_form(
    client, tekes_user, company, tekes_lead
):
    client.force_login(tekes_user)
    response = client.get(_url("company_responsibility", company))
    page = response.content.decode()
    assert _url("handover_create", company) in page
    assert response.context["consent_form"] is not None
    assert _url("company_notes", company) in page


def test_company_page__query_count_does_not_grow_with_history(
    client, tekes_user, finnvera_user, company, orgs, tekes_lead, count_queries
):
    client.force_login(tekes_user)
    few = count_queries(client, _url("company_responsibility", company), most=40, warm=True)
    for code, user in [("finnvera", finnvera_user), ("tekes", tekes_user)]:
        current = services.active_lead(company).organisation
        handover = handover_requested(
            company,
            tekes_user,
            from_organisation=current,
            to_organisation=orgs[code if code != current.code else "finpro"],
        )
        services.handover_accept(handover=handover, by=user)
    for _ in range(5):
        services.consent_record(
            company=company,
            scope="contact_notes",
            organisations=[orgs["finpro"], orgs["finnvera"]],
            disclosers=[orgs["tekes"], orgs["finnvera"], orgs["finpro"]],
            given_by="x",
            given_on=timezone.localdate(),
            by=tekes_user,
        )
    # Warm as above: the handovers notified tekes_user, so the header's unread count (cached)
    # is read once afresh.
    many = count_queries(client, _url("company_responsibility", company), most=40, warm=True)
    # Two more at most: the prefetches of consents' organisations and disclosers start with
    # a consent; then nothing more, however many consents and disclosers.
    assert many <= few + 2


# --- consents -----------------------------------------------------------------------------


def _consent_data(orgs, **overrides):
    data = {
        "scope": "contact_notes",
        "disclosers": [orgs["tekes"].pk],
        "organisations": [orgs["finpro"].pk],
        "given_by": "Toimitusjohtaja Maija Meikäläinen",
        "given_on": timezone.localdate().strftime("%d.%m.%Y"),
        "expires_on": "",
    }
    data.update(overrides)
    return data


def test_consent__a_holder_records_one_with_history(client, tekes_user, company, orgs, tekes_lead):
    client.force_login(tekes_user)
    response = client.post(_url("consent_create", company), _consent_data(orgs))
    assert response.status_code == 302
    consent = Consent.objects.get(company=company)
    assert list(consent.organisations.all()) == [orgs["finpro"]]
    assert consent.recorded_by == tekes_user
    assert consent.history.first().history_user == tekes_user
    [disclosure] = consent.disclosures.all()
    assert (disclosure.organisation, disclosure.confirmed_by) == (orgs["tekes"], tekes_user)
    assert disclosure.history.get().history_user == tekes_user


def test_consent__staff_of_an_organisation_not_holding_the_customer_are_refused(
    client, finpro_user, company, orgs, tekes_lead
):
    client.force_login(finpro_user)
    response = client.post(_url("consent_create", company), _consent_data(orgs))
    assert response.status_code == 403
    assert not Consent.objects.exists()


def test_consent__get_is_not_allowed(client, tekes_user, company, tekes_lead):
    client.force_login(tekes_user)
    assert client.get(_url("consent_create", company)).status_code == 405


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"scope": ""}, "Valitse, mitä tietoja suostumus koskee."),
        ({"scope": "bank_records"}, "Valitse tiedot luettelosta."),
        ({"organisations": []}, "Valitse vähintään yksi organisaatio."),
        ({"disclosers": []}, "Valitse vähintään yksi organisaatio, jonka tiedot luovutetaan."),
        ({"disclosers": ["999999"]}, "Valitse organisaatiot luettelosta."),
        ({"organisations": ["999999"]}, "Valitse organisaatiot luettelosta."),
        ({"organisations": ["abc"]}, "Valitse organisaatiot luettelosta."),
        ({"given_by": "   "}, "Kirjoita, kuka yrityksestä antoi suostumuksen."),
        ({"given_by": "x" * 201}, "enintään 200"),
        ({"given_on": "31.2.2026"}, "Anna päivämäärä muodossa pp.kk.vvvv"),
        ({"given_on": "2999-01-01"}, "tulevaisuudessa"),
        (
            {"given_on": "10.1.2026", "expires_on": "9.1.2026"},
            "Suostumus ei voi päättyä ennen kuin se on annettu.",
        ),
    ],
)
def test_consent__bad_values_are_refused_in_finnish(
    client, tekes_user, company, orgs, tekes_lead, overrides, message
):
    client.force_login(tekes_user)
    response = client.post(_url("consent_create", company), _consent_data(orgs, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Consent.objects.exists()


def test_consent__hostile_text_is_escaped(client, tekes_user, company, orgs, tekes_lead):
    client.force_login(tekes_user)
    client.post(
        _url("consent_create", company), _consent_data(orgs, given_by="<script>alert(1)</script>")
    )
    page = client.get(_url("company_responsibility", company)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def _consent(company, orgs, user, *, disclosers=None):
    """A consent for Finpro; by default releasing the recorder's own organisation's data."""
    return consent_given(
        company,
        user,
        organisations=[orgs["finpro"]],
        disclosers=disclosers or [user.person.organisation],
    )


def test_consent_withdraw__a_holder_withdraws(client, tekes_user, company, orgs, tekes_lead):
    consent = _consent(company, orgs, tekes_user)
    client.force_login(tekes_user)
    response = client.post(_url("consent_withdraw", obj=consent))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert consent.history.first().history_change_reason == "Suostumus peruttu"
    # Twice: the service's message, nothing changed.
    response = client.post(_url("consent_withdraw", obj=consent), follow=True)
    assert "Suostumus on jo peruttu." in response.content.decode()


def test_consent_withdraw__another_organisation_is_refused(
    client, tekes_user, finpro_user, company, orgs, tekes_lead
):
    consent = _consent(company, orgs, tekes_user)
    client.force_login(finpro_user)
    assert client.post(_url("consent_withdraw", obj=consent)).status_code == 403
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_consent_withdraw__unknown_consent_is_404(client, tekes_user):
    client.force_login(tekes_user)
    assert client.post(reverse("responsibility:consent_withdraw", args=[999999])).status_code == 404


# --- a consent's disclosers and Finnvera's confirmation (Act 443/1998 § 5) ---------------


@pytest.fixture
def pending(company, orgs, tekes_user, tekes_lead):
    """A consent Tekes recorded releasing Tekes's and Finnvera's contact notes to Finpro:
    Finnvera's part waits for Finnvera's own staff."""
    return _consent(company, orgs, tekes_user, disclosers=[orgs["tekes"], orgs["finnvera"]])


def _finnvera_part(consent):
    return consent.disclosures.get(organisation__code="finnvera")


def test_consent_form__records_whose_data_it_releases(
    client, tekes_user, company, orgs, tekes_lead
):
    client.force_login(tekes_user)
    page = client.get(_url("company_responsibility", company))
    form = page.context["consent_form"]
    assert form["disclosers"].initial == [orgs["tekes"].pk]  # the recorder's own, preselected
    client.post(
        _url("consent_create", company),
        _consent_data(orgs, disclosers=[orgs["tekes"].pk, orgs["finnvera"].pk]),
    )
    consent = Consent.objects.get()
    assert {(d.organisation.code, d.confirmed_by) for d in consent.disclosures.all()} == {
        ("tekes", tekes_user),
        ("finnvera", None),
    }


def test_consent_confirm__finnvera_staff_confirm_finnveras_part_with_history(
    client, finnvera_user, pending
):
    client.force_login(finnvera_user)
    response = client.post(_url("consent_confirm", obj=pending), follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#suostumus-{pending.pk}")
    assert "Vahvistus kirjattiin" in response.content.decode()
    part = _finnvera_part(pending)
    assert part.confirmed_by == finnvera_user and part.opens
    latest = part.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        finnvera_user,
        "Tietojen luovutus vahvistettu",
    )
    # Twice: the service's message, nothing changed.
    again = client.post(_url("consent_confirm", obj=pending), follow=True)
    assert "on jo vahvistanut osuutensa suostumuksesta" in again.content.decode()
    assert part.history.count() == 2


@pytest.mark.parametrize("who", ["tekes_user", "finpro_user", "ministry_user", "no_role_user"])
def test_consent_confirm__nobody_but_finnvera_staff_may(client, request, pending, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(_url("consent_confirm", obj=pending)).status_code == 403
    assert _finnvera_part(pending).confirmed_at is None


def test_consent_confirm__finnvera_cannot_confirm_a_part_the_consent_does_not_give_it(
    client, finnvera_user, company, orgs, tekes_user, tekes_lead
):
    only_tekes = _consent(company, orgs, tekes_user)
    client.force_login(finnvera_user)
    assert client.post(_url("consent_confirm", obj=only_tekes)).status_code == 403
    assert not only_tekes.disclosures.filter(organisation=orgs["finnvera"]).exists()


def test_consent_confirm__anonymous_get_and_unknown(client, finnvera_user, pending):
    url = _url("consent_confirm", obj=pending)
    assert client.post(url)["Location"].startswith(reverse("login"))
    client.force_login(finnvera_user)
    assert client.get(url).status_code == 405
    missing = reverse("responsibility:consent_confirm", args=[999999])
    assert client.post(missing).status_code == 404
    assert _finnvera_part(pending).confirmed_at is None


def test_company_page__the_confirm_button_only_for_the_disclosers_staff(
    client, finnvera_user, tekes_user, ministry_user, pending
):
    action = _url("consent_confirm", obj=pending)
    client.force_login(finnvera_user)
    page = client.get(_url("company_responsibility", pending.company)).content.decode()
    assert action in page and "odottaa organisaation omaa vahvistusta" in page
    for user in (tekes_user, ministry_user):
        client.force_login(user)
        page = client.get(_url("company_responsibility", pending.company)).content.decode()
        assert action not in page and "odottaa organisaation omaa vahvistusta" in page
    client.force_login(finnvera_user)
    client.post(action)
    page = client.get(_url("company_responsibility", pending.company)).content.decode()
    assert action not in page and "vahvistanut" in page


def test_notes__finpro_reads_finnveras_notes_only_after_finnvera_confirms(
    client, finpro_user, finnvera_user, company, finnvera_note, pending
):
    notes = _url("company_notes", company)
    client.force_login(finpro_user)
    page = client.get(notes).content.decode()
    assert "Takausneuvottelu" not in page
    assert "odottaa tietojen omistajan oman henkilöstön vahvistusta" in page
    assert not AccessLogEntry.objects.exists()
    client.force_login(finnvera_user)
    client.post(_url("consent_confirm", obj=pending))
    client.force_login(finpro_user)
    response = client.get(notes)
    assert "Takausneuvottelu" in response.content.decode()
    assert AccessLogEntry.objects.get().consent == pending


def test_notes__the_page_says_which_consent_opened_which_organisations_data(
    client, finpro_user, finnvera_user, tekes_user, company, orgs, finnvera_note, pending
):
    services.note_write(
        company=company, organisation=orgs["tekes"], kind="contact_notes", text="T", by=tekes_user
    )
    services.consent_disclosure_confirm(disclosure=_finnvera_part(pending), by=finnvera_user)
    client.force_login(finpro_user)
    response = client.get(_url("company_notes", company))
    opened = {(o.owner.code, o.consent) for o in response.context["opened"]}
    assert opened == {("finnvera", pending), ("tekes", pending)}
    page = response.content.decode()
    assert "Millä perusteella muiden organisaatioiden tiedot näytetään" in page
    day = pending.given_on.strftime("%-d.%-m.%Y")
    assert f"suostumus {day}, antaja x</a>, kirjannut Tekes" in page
    assert f"#suostumus-{pending.pk}" in page


# --- who has seen the company's data (ministry staff) -------------------------------------


def _seen(company, orgs, viewer, count):
    now = timezone.now()
    create_in_bulk(
        AccessLogEntryFactory,
        (
            {
                "at": now - timedelta(minutes=n),
                "owner_organisation": orgs["finnvera"] if n % 2 else orgs["tekes"],
            }
            for n in range(count)
        ),
        viewer=viewer,
        viewer_organisation=orgs["finpro"],
        company=company,
    )


def test_company_page__who_has_seen_the_data_shows_to_ministry_staff(
    client, ministry_user, finpro_user, company, orgs
):
    _seen(company, orgs, finpro_user, 3)
    client.force_login(ministry_user)
    response = client.get(_url("company_responsibility", company))
    page = response.content.decode()
    assert "Kuka on nähnyt yrityksen tietoja" in page
    assert [e.viewer for e in response.context["seen_by"]] == [finpro_user] * 3
    assert "finpro-virkailija" in page and "yhteiset asiakkaat" in page
    assert f"{_url('access_log')}?company={company.business_id}" in page
    assert response.context["seen_by_more"] is False


def test_company_page__who_has_seen_the_data_is_not_for_agency_staff(
    client, tekes_user, finpro_user, company, orgs, tekes_lead
):
    _seen(company, orgs, finpro_user, 3)
    for user in (tekes_user, finpro_user):
        client.force_login(user)
        response = client.get(_url("company_responsibility", company))
        assert response.context["seen_by"] is None
        page = response.content.decode()
        assert "Kuka on nähnyt yrityksen tietoja" not in page
        assert "finpro-virkailija" not in page


def test_company_page__who_has_seen_shows_the_newest_and_links_to_the_rest(
    client, ministry_user, finpro_user, company, orgs, count_queries
):
    _seen(company, orgs, finpro_user, 2)
    client.force_login(ministry_user)
    few = count_queries(client, _url("company_responsibility", company), most=40, warm=True)
    _seen(company, orgs, finpro_user, 200)
    many = count_queries(client, _url("company_responsibility", company), most=40, warm=True)
    response = count_queries.response
    assert many == few
    assert len(response.context["seen_by"]) == 10 and response.context["seen_by_more"]
    page = response.content.decode()
    assert "Näytetään 10 uusinta katselua." in page
    assert "Kaikki yrityksen katselut katselulokissa" in page
    # The filtered log holds the company's 202 views, no other company's.
    log = client.get(_url("access_log"), {"company": company.business_id})
    assert {e.company for e in log.context["entries"]} == {company}


# --- notes --------------------------------------------------------------------------------


@pytest.fixture
def finnvera_note(company, orgs, finnvera_user):
    return services.note_write(
        company=company,
        organisation=orgs["finnvera"],
        kind="contact_notes",
        text="Takausneuvottelu: vakuudet riittävät.",
        by=finnvera_user,
    )


def test_notes__another_organisations_note_is_refused_with_a_reason_and_not_logged(
    client, finpro_user, company, finnvera_note
):
    client.force_login(finpro_user)
    response = client.get(_url("company_notes", company))
    page = response.content.decode()
    assert "Takausneuvottelu" not in page
    assert "Finnvera Oyj, yhteydenpitomuistiinpanot: ei näytetä – pankkisalaisuus" in page
    assert not AccessLogEntry.objects.exists()


def test_notes__own_notes_are_shown_with_their_basis(client, finnvera_user, company, finnvera_note):
    client.force_login(finnvera_user)
    page = client.get(_url("company_notes", company)).content.decode()
    assert "Takausneuvottelu" in page and "oma organisaatio" in page
    assert not AccessLogEntry.objects.exists()


def test_notes__with_consent_shown_and_logged_on_every_view(
    client, finpro_user, finnvera_user, company, orgs, finnvera_note
):
    _consent(company, orgs, finnvera_user)
    client.force_login(finpro_user)
    for views in (1, 2):
        page = client.get(_url("company_notes", company)).content.decode()
        assert "Takausneuvottelu" in page and "asiakkaan suostumus" in page
        assert AccessLogEntry.objects.count() == views


def test_notes__query_count_does_not_grow_with_notes(
    client,
    finpro_user,
    tekes_user,
    finnvera_user,
    company,
    orgs,
    finnvera_note,
    count_queries,
):
    _consent(company, orgs, finnvera_user, disclosers=[orgs["finnvera"], orgs["tekes"]])
    client.force_login(finpro_user)
    few = count_queries(client, _url("company_notes", company), most=40, warm=True)
    create_in_bulk(
        CustomerNoteFactory,
        (
            {
                "organisation": orgs["finnvera"] if n % 2 else orgs["tekes"],
                "text": f"Muistiinpano {n}",
            }
            for n in range(60)
        ),
        company=company,
        author=tekes_user,
    )
    many = count_queries(client, _url("company_notes", company), most=40, warm=True)
    response = count_queries.response
    assert len(response.context["visible"]) == 61
    # One more log row: Tekes's notes are now seen too (one row per owner and kind).
    assert many == few + 1


def test_notes__a_user_without_organisation_is_refused(client, staff_without_organisation, company):
    client.force_login(staff_without_organisation)
    assert client.get(_url("company_notes", company)).status_code == 403
    response = client.post(_url("company_notes", company), {"kind": "contact_notes", "text": "x"})
    assert response.status_code == 403
    assert not CustomerNote.objects.exists()


def test_notes__written_for_the_users_own_organisation_whatever_the_form_says(
    client, finpro_user, company, orgs
):
    client.force_login(finpro_user)
    response = client.post(
        _url("company_notes", company),
        {"kind": "contact_notes", "text": "Vientikartoitus", "organisation": orgs["finnvera"].pk},
    )
    assert response.status_code == 302
    note = CustomerNote.objects.get()
    assert (note.organisation, note.author) == (orgs["finpro"], finpro_user)
    assert note.history.get().history_user == finpro_user


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "contact_notes", "text": ""}, "Kirjoita tieto: tyhjää ei tallenneta."),
        ({"kind": "contact_notes", "text": "   \n "}, "Kirjoita tieto: tyhjää ei tallenneta."),
        ({"kind": "contact_notes", "text": "x" * 10_001}, "enintään 10000"),
        ({"kind": "", "text": "x"}, "Valitse tiedon laji."),
        ({"kind": "bank_secret", "text": "x"}, "Valitse laji luettelosta."),
    ],
)
def test_notes__bad_values_are_refused_in_finnish(client, finpro_user, company, data, message):
    client.force_login(finpro_user)
    response = client.post(_url("company_notes", company), data)
    assert response.status_code == 200
    assert message in response.content.decode().replace("\xa0", " ")
    assert not CustomerNote.objects.exists()


def test_notes__hostile_text_is_stored_as_is_and_shown_escaped(client, finpro_user, company):
    client.force_login(finpro_user)
    client.post(
        _url("company_notes", company),
        {"kind": "contact_notes", "text": "<script>alert('x')</script>"},
    )
    page = client.get(_url("company_notes", company)).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page


def test_notes__user_who_may_not_write_gets_no_form(client, ministry_user, company):
    from django.contrib.auth.models import Permission

    ministry_user.user_permissions.clear()
    ministry_user.groups.first().permissions.remove(
        Permission.objects.get(codename="add_customernote")
    )
    client.force_login(ministry_user)
    response = client.get(_url("company_notes", company))
    assert response.status_code == 200 and response.context["form"] is None
    response = client.post(_url("company_notes", company), {"kind": "contact_notes", "text": "x"})
    assert response.status_code == 403


# --- handover request ---------------------------------------------------------------------


def _request_data(orgs, **overrides):
    data = {
        "to_organisation": orgs["finnvera"].pk,
        "to_person": "",
        "reason": "Rahoitushanke alkaa",
        "notes": "Asiakas tarvitsee takauksen.",
        "open_matters": "Vakuudet",
        "delivery": "",
    }
    data.update(overrides)
    return data


def test_handover_create__the_lead_organisation_requests(
    client, tekes_user, finnvera_user, company, orgs, tekes_lead
):
    delivery = ServiceDeliveryFactory(
        company=company, organisation=orgs["finnvera"], title="Takaus", started_on=date(2026, 1, 1)
    )
    client.force_login(tekes_user)
    assert client.get(_url("handover_create", company)).status_code == 200
    response = client.post(
        _url("handover_create", company),
        _request_data(orgs, to_person=finnvera_user.person.pk, delivery=delivery.pk),
    )
    handover = Handover.objects.get()
    assert response.status_code == 302 and response["Location"] == handover.get_absolute_url()
    assert (handover.from_organisation, handover.to_person, handover.delivery) == (
        orgs["tekes"],
        finnvera_user.person,
        delivery,
    )
    assert handover.requested_by == tekes_user
    assert handover.history.get().history_user == tekes_user


@pytest.mark.parametrize("user", ["finnvera_user", "finpro_user", "staff_without_organisation"])
def test_handover_create__other_organisations_are_refused(
    client, request, company, orgs, tekes_lead, user
):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url("handover_create", company)).status_code == 403
    response = client.post(_url("handover_create", company), _request_data(orgs))
    assert response.status_code == 403
    assert not Handover.objects.exists()


def test_handover_create__a_company_without_lead_cannot_be_handed_over(client, tekes_user, company):
    client.force_login(tekes_user)
    assert client.get(_url("handover_create", company)).status_code == 403


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reason": ""}, "Kerro, miksi vastuu siirretään."),
        ({"reason": "   "}, "Kerro, miksi vastuu siirretään."),
        ({"reason": "x" * 2001}, "enintään 2000"),
        ({"notes": "x" * 10_001}, "enintään 10000"),
        ({"open_matters": "x" * 5001}, "enintään 5000"),
        ({"to_organisation": ""}, "Valitse organisaatio, jolle vastuu siirretään."),
        ({"to_organisation": "999999"}, "Valitse organisaatio luettelosta."),
        ({"to_organisation": "abc"}, "Valitse organisaatio luettelosta."),
        ({"to_person": "999999"}, "Valitse henkilö luettelosta."),
        ({"delivery": "999999"}, "Valitse yrityksen hanke luettelosta."),
    ],
)
def test_handover_create__bad_values_are_refused_in_finnish(
    client, tekes_user, company, orgs, tekes_lead, overrides, message
):
    client.force_login(tekes_user)
    response = client.post(_url("handover_create", company), _request_data(orgs, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode().replace("\xa0", " ")
    assert not Handover.objects.exists()


def test_handover_create__to_its_own_organisation_is_refused(
    client, tekes_user, company, orgs, tekes_lead
):
    client.force_login(tekes_user)
    response = client.post(
        _url("handover_create", company), _request_data(orgs, to_organisation=orgs["tekes"].pk)
    )
    assert "Valitse organisaatio luettelosta." in response.content.decode()
    assert not Handover.objects.exists()


def test_handover_create__a_person_of_another_organisation_is_refused(
    client, tekes_user, finpro_user, company, orgs, tekes_lead
):
    client.force_login(tekes_user)
    response = client.post(
        _url("handover_create", company), _request_data(orgs, to_person=finpro_user.person.pk)
    )
    assert "kuuluttava vastaanottavaan organisaatioon" in response.content.decode()
    assert not Handover.objects.exists()


def test_handover_create__another_companys_project_is_refused(
    client, tekes_user, company, orgs, tekes_lead
):
    other = CompanyFactory(business_id=business_id(4300), name="Toinen Oy")
    delivery = ServiceDeliveryFactory(
        company=other, organisation=orgs["finnvera"], title="Vieras", started_on=date(2026, 1, 1)
    )
    client.force_login(tekes_user)
    response = client.post(
        _url("handover_create", company), _request_data(orgs, delivery=delivery.pk)
    )
    assert "Valitse yrityksen hanke luettelosta." in response.content.decode()


def test_handover_create__a_competing_request_gets_a_clear_message(
    client, tekes_user, company, orgs, handover
):
    client.force_login(tekes_user)
    page = client.get(_url("handover_create", company)).content.decode()
    assert "on jo avoin pyyntö" in page  # said before the form is even filled
    response = client.post(
        _url("handover_create", company), _request_data(orgs, to_organisation=orgs["finpro"].pk)
    )
    assert response.status_code == 409  # the open request came first
    assert "Yrityksen asiakasvastuun siirrosta on jo avoin pyyntö." in response.content.decode()
    assert Handover.objects.count() == 1


# --- handover page and answers ------------------------------------------------------------


@pytest.mark.parametrize("user", ["tekes_user", "finnvera_user", "ministry_user"])
def test_handover_detail__both_organisations_and_ministry_see_it(client, request, handover, user):
    client.force_login(request.getfixturevalue(user))
    response = client.get(_url("handover_detail", obj=handover))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Rahoitushanke alkaa" in page and "Vakuudet selvittämättä" in page
    assert "odottaa vastausta" in page


@pytest.mark.parametrize("user", ["finpro_user", "staff_without_organisation"])
def test_handover_detail__others_are_refused(client, request, handover, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url("handover_detail", obj=handover)).status_code == 403


def test_handover_detail__unknown_is_404(client, tekes_user):
    client.force_login(tekes_user)
    assert client.get(reverse("responsibility:handover_detail", args=[999999])).status_code == 404


def test_handover_detail__forms_only_for_those_who_may_use_them(
    client, tekes_user, finnvera_user, ministry_user, handover
):
    url = _url("handover_detail", obj=handover)
    client.force_login(finnvera_user)
    context = client.get(url).context
    assert (context["can_answer"], context["can_cancel"]) == (True, False)
    client.force_login(tekes_user)
    context = client.get(url).context
    assert (context["can_answer"], context["can_cancel"]) == (False, True)
    client.force_login(ministry_user)
    context = client.get(url).context
    assert (context["can_answer"], context["can_cancel"]) == (False, False)


def test_handover_detail__overdue_is_flagged(client, tekes_user, handover):
    handover.requested_at = timezone.now() - timedelta(days=15)
    handover.save()
    client.force_login(tekes_user)
    page = client.get(_url("handover_detail", obj=handover)).content.decode()
    assert "Myöhässä" in page


def test_handover_accept__the_receiver_accepts_and_the_lead_moves(
    client, finnvera_user, company, orgs, handover
):
    client.force_login(finnvera_user)
    response = client.post(_url("handover_accept", obj=handover), {"accept-reason": "Selvä"})
    assert response.status_code == 302
    assert services.active_lead(company).organisation == orgs["finnvera"]
    handover.refresh_from_db()
    assert (handover.status, handover.decided_by) == ("accepted", finnvera_user)


def test_handover_accept__a_second_accept_gets_the_services_message(
    client, finnvera_user, make_user, handover
):
    from governance import roles

    colleague = make_user(
        "finnvera-kollega", role=roles.AGENCY_CUSTOMER_STAFF, organisation="finnvera"
    )
    url = _url("handover_accept", obj=handover)
    client.force_login(finnvera_user)
    assert client.post(url, {"accept-reason": ""}).status_code == 302
    client.force_login(colleague)
    response = client.post(url, {"accept-reason": ""})
    assert response.status_code == 409  # the race is lost: someone answered first
    assert "Pyyntöön on jo vastattu (hyväksytty)." in response.content.decode()
    assert Assignment.objects.filter(role="lead").count() == 2  # the old one ended, one new


@pytest.mark.parametrize(
    ("user", "action"),
    [
        ("tekes_user", "handover_accept"),  # the requester cannot accept its own request
        ("tekes_user", "handover_decline"),
        ("finnvera_user", "handover_cancel"),  # the receiver cannot cancel
        ("finpro_user", "handover_accept"),  # a third organisation
        ("finpro_user", "handover_cancel"),
        ("ministry_user", "handover_accept"),
        ("staff_without_organisation", "handover_accept"),
    ],
)
def test_handover_answers__other_organisations_are_refused(client, request, handover, user, action):
    client.force_login(request.getfixturevalue(user))
    prefix = action.split("_")[1]
    response = client.post(_url(action, obj=handover), {f"{prefix}-reason": "x"})
    assert response.status_code == 403
    handover.refresh_from_db()
    assert handover.status == "requested"


def test_handover_answers__get_is_not_allowed(client, finnvera_user, handover):
    client.force_login(finnvera_user)
    assert client.get(_url("handover_accept", obj=handover)).status_code == 405
    assert client.get(_url("handover_cancel", obj=handover)).status_code == 405


def test_handover_decline__confirmed_on_its_own_page_first(
    client, finnvera_user, tekes_user, handover
):
    client.force_login(finnvera_user)
    url = _url("handover_decline", obj=handover)
    detail = client.get(handover.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail and f'action="{url}"' not in detail
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Päävastuu pysyy organisaatiolla Tekes" in page and "eikä hylkäystä voi perua" in page
    handover.refresh_from_db()
    assert handover.status == "requested"
    client.force_login(tekes_user)  # the requester cannot decline its own request
    assert client.get(url).status_code == 403


def test_handover_decline__needs_a_reason(client, finnvera_user, handover):
    client.force_login(finnvera_user)
    url = _url("handover_decline", obj=handover)
    response = client.post(url, {"decline-reason": "  "})
    assert response.status_code == 200
    assert "Kerro, miksi siirto hylätään." in response.content.decode()
    handover.refresh_from_db()
    assert handover.status == "requested"
    response = client.post(url, {"decline-reason": "x" * 2001})
    assert "enintään 2000" in response.content.decode().replace("\xa0", " ")
    assert client.post(url, {"decline-reason": "Ei resursseja"}).status_code == 302
    handover.refresh_from_db()
    assert (handover.status, handover.decision_reason) == ("declined", "Ei resursseja")


def test_handover_cancel__the_requester_cancels(client, tekes_user, company, orgs, handover):
    client.force_login(tekes_user)
    response = client.post(_url("handover_cancel", obj=handover), {"cancel-reason": ""})
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == "cancelled"
    assert services.active_lead(company).organisation == orgs["tekes"]


# --- inbox --------------------------------------------------------------------------------


def test_inbox__incoming_outgoing_overdue_and_decided(
    client, tekes_user, finnvera_user, finpro_user, company, orgs, handover
):
    old_company = CompanyFactory(business_id=business_id(4400), name="Vanha Oy")
    lead_started(old_company, orgs["finnvera"], finnvera_user)
    old = handover_requested(
        old_company,
        finnvera_user,
        from_organisation=orgs["finnvera"],
        to_organisation=orgs["tekes"],
    )
    old.requested_at = timezone.now() - timedelta(days=20)
    old.save()
    client.force_login(tekes_user)
    inbox = client.get(_url("handover_list")).context["inbox"]
    assert [h.company.name for h in inbox.incoming] == ["Vanha Oy"]
    assert [h.company.name for h in inbox.outgoing] == ["Kapula Oy"]
    assert [h.company.name for h in inbox.overdue] == ["Vanha Oy"]
    assert inbox.decided == []
    services.handover_accept(handover=handover, by=finnvera_user)
    client.force_login(finnvera_user)
    inbox = client.get(_url("handover_list")).context["inbox"]
    assert [h.company.name for h in inbox.outgoing] == ["Vanha Oy"]
    assert [h.company.name for h in inbox.decided] == ["Kapula Oy"]
    client.force_login(finpro_user)
    inbox = client.get(_url("handover_list")).context["inbox"]
    assert (inbox.incoming, inbox.outgoing, inbox.overdue, inbox.decided) == ([], [], [], [])


def _grow_handovers(count, orgs, user, *, start):
    companies = create_in_bulk(
        CompanyFactory,
        ({"business_id": business_id(start + n), "name": f"Siirto {n:04d}"} for n in range(count)),
    )
    create_in_bulk(
        HandoverFactory,
        (
            {
                "company": c,
                "from_organisation": orgs["tekes"] if n % 2 else orgs["finnvera"],
                "to_organisation": orgs["finnvera"] if n % 2 else orgs["tekes"],
                "requested_at": timezone.now() - timedelta(days=n % 30),
            }
            for n, c in enumerate(companies)
        ),
        requested_by=user,
    )


def test_inbox__query_count_does_not_grow_with_handovers(client, tekes_user, orgs, count_queries):
    _grow_handovers(10, orgs, tekes_user, start=40_000)
    client.force_login(tekes_user)
    few = count_queries(client, _url("handover_list"), most=40, warm=True)
    _grow_handovers(400, orgs, tekes_user, start=50_000)
    many = count_queries(client, _url("handover_list"), most=40)
    response = count_queries.response
    assert many == few
    inbox = response.context["inbox"]
    assert len(inbox.incoming) == 50 and inbox.more["incoming"]
    assert "Luettelossa on 50 ensimmäistä." in response.content.decode()


def test_team_list__query_count_does_not_grow_with_teams(client, finpro_user, team, count_queries):
    client.force_login(finpro_user)
    few = count_queries(client, _url("team_list"), most=40, warm=True)
    for n in range(20):
        CustomerTeamFactory(name=f"Tiimi {n}", leader=finpro_user.person)
    many = count_queries(client, _url("team_list"), most=40, warm=True)
    assert many == few


def test_inbox__a_user_without_organisation_is_told_so(client, staff_without_organisation):
    client.force_login(staff_without_organisation)
    response = client.get(_url("handover_list"))
    assert response.status_code == 200
    assert "ei ole liitetty mihinkään organisaatioon" in response.content.decode()


# --- teams --------------------------------------------------------------------------------


def test_teams__list_and_detail_show_members_and_customers(client, finpro_user, team):
    client.force_login(finpro_user)
    response = client.get(_url("team_list"))
    listed = response.context["teams"][0]
    assert (listed.member_count, listed.customer_count) == (2, 1)
    page = client.get(_url("team_detail", obj=team)).content.decode()
    assert "Kapula Oy" in page and "Finnvera Oyj" in page and "asiantuntija" in page


def test_teams__unknown_team_is_404(client, finpro_user):
    client.force_login(finpro_user)
    assert client.get(reverse("responsibility:team_detail", args=[999999])).status_code == 404


def test_team_detail__query_count_does_not_grow_with_customers(
    client, finpro_user, team, orgs, count_queries
):
    client.force_login(finpro_user)
    few = count_queries(client, _url("team_detail", obj=team), most=40, warm=True)
    companies = create_in_bulk(
        CompanyFactory,
        ({"business_id": business_id(30_000 + n), "name": f"Tiimi {n}"} for n in range(300)),
    )
    create_in_bulk(
        AssignmentFactory,
        ({"company": c} for c in companies),
        organisation=orgs["tekes"],
        team=team,
    )
    many = count_queries(client, _url("team_detail", obj=team), most=40, warm=True)
    response = count_queries.response
    assert many == few + 1  # + the count of customers beyond the 200 shown
    assert response.context["customer_total"] == 301


# --- coverage -----------------------------------------------------------------------------


def test_coverage__counts_per_segment_with_policy_anchor(
    client, ministry_user, company, tekes_lead, orgs
):
    segment = company.segment
    CompanyFactory(business_id=business_id(4500), name="Ilman Oy", segment=segment)
    client.force_login(ministry_user)
    response = client.get(_url("coverage"))
    page = response.content.decode()
    row = next(r for r in response.context["rows"] if r.segment == segment)
    assert (row.companies, row.with_lead, row.without_lead, row.share) == (2, 1, 1, 50.0)
    assert f'id="segmentti-{segment.pk}"' in page
    assert "ei vielä päätetty" in page  # the policy's mode, from the initial data
    assert "50,0 %" in page


def test_coverage__query_count_is_the_same_at_10_and_10000_assignments(
    client, ministry_user, orgs, count_queries
):
    segment = Segment.objects.get(code="paikalliset")
    _grow(10, orgs["tekes"], start=10_000, segment=segment)
    client.force_login(ministry_user)
    few = count_queries(client, _url("coverage"), most=40, warm=True)
    _grow(9_990, orgs["finnvera"], start=20_000, segment=segment)
    many = count_queries(client, _url("coverage"), most=40)
    response = count_queries.response
    assert many == few
    row = next(r for r in response.context["rows"] if r.segment == segment)
    assert row.with_lead == 10_000


# --- access log ---------------------------------------------------------------------------


@pytest.fixture
def log(company, orgs, finpro_user, tekes_user):
    other = CompanyFactory(business_id=business_id(4600), name="Lokki Oy")
    now = timezone.now()
    create_in_bulk(
        AccessLogEntryFactory,
        (
            {
                "at": now - timedelta(days=n),
                # The viewer's organisation: Finpro's or Tekes's.
                "viewer": finpro_user if n % 2 == 0 else tekes_user,
                "company": company if n < 30 else other,
            }
            for n in range(60)
        ),
        owner_organisation=orgs["finnvera"],
        basis="consent",
    )
    return other


def _entries(response):
    return response.context["entries"]


def test_access_log__newest_first_in_keyset_pages(client, ministry_user, log):
    client.force_login(ministry_user)
    first = client.get(_url("access_log"))
    assert len(_entries(first)) == 50
    times = [e.at for e in _entries(first)]
    assert times == sorted(times, reverse=True)
    second = client.get(_url("access_log") + "?" + first.context["next_query"])
    assert len(_entries(second)) == 10 and second.context["next_query"] is None
    assert _entries(second)[0].at < times[-1]


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"company": "Lokki"}, 30),
        ({"company": "kapula"}, 30),
        ({"viewer": "finpro-virkailija"}, 30),
        ({"viewer": "ei-ketaan"}, 0),
        ({"company": "Lokki", "viewer": "finpro-virkailija"}, 15),
    ],
)
def test_access_log__filters(client, ministry_user, log, params, count):
    client.force_login(ministry_user)
    assert len(_entries(client.get(_url("access_log"), params))) == min(count, 50)


def test_access_log__filters_by_organisation_business_id_and_dates(
    client, ministry_user, log, orgs, company
):
    client.force_login(ministry_user)
    get = lambda **p: len(_entries(client.get(_url("access_log"), p)))  # noqa: E731
    assert get(viewer_organisation=orgs["tekes"].pk) == 30
    assert get(owner_organisation=orgs["tekes"].pk) == 0
    assert get(company=company.business_id) == 30
    today = timezone.localdate()
    assert get(date_from=(today - timedelta(days=4)).strftime("%d.%m.%Y")) == 5
    assert (
        get(
            date_from=(today - timedelta(days=9)).strftime("%d.%m.%Y"),
            date_to=(today - timedelta(days=5)).strftime("%d.%m.%Y"),
        )
        == 5
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "31.2.2026"}, "Anna päivämäärä muodossa pp.kk.vvvv"),
        ({"date_to": "<script>"}, "Anna päivämäärä muodossa pp.kk.vvvv"),
        ({"viewer_organisation": "abc"}, "Tuntematon organisaatio."),
        ({"owner_organisation": "999999"}, "Tuntematon organisaatio."),
        ({"date_from": "10.1.2026", "date_to": "9.1.2026"}, "Loppupäivä ei voi olla ennen"),
        ({"company": "x" * 301}, "enintään 300"),
    ],
)
def test_access_log__bad_filters_give_finnish_errors_and_no_rows(
    client, ministry_user, log, params, message
):
    client.force_login(ministry_user)
    response = client.get(_url("access_log"), params)
    assert response.status_code == 200
    page = response.content.decode().replace("\xa0", " ")
    assert message in page
    assert _entries(response) == []
    assert "<script>" not in page


def test_access_log__bad_cursor_is_ignored(client, ministry_user, log):
    client.force_login(ministry_user)
    response = client.get(_url("access_log"), {"before_at": "eilen", "before_id": "1"})
    assert response.status_code == 200 and len(_entries(response)) == 50


def test_access_log__read_only(client, ministry_user, log):
    client.force_login(ministry_user)
    assert client.post(_url("access_log")).status_code == 405
    assert AccessLogEntry.objects.count() == 60


def test_access_log__query_count_does_not_grow_with_rows(
    client, ministry_user, log, company, orgs, finpro_user, count_queries
):
    client.force_login(ministry_user)
    few = count_queries(client, _url("access_log"), most=40, warm=True)
    create_in_bulk(
        AccessLogEntryFactory, ({} for _ in range(500)), viewer=finpro_user, company=company
    )
    many = count_queries(client, _url("access_log"), most=40, warm=True)
    assert many == few
    assert not count_queries.any_sql("COUNT(")


# --- the panel on the segments company page -----------------------------------------------


def test_company_panel__shows_the_lead_to_those_who_may_see_assignments(
    client, tekes_user, company, tekes_lead
):
    client.force_login(tekes_user)
    page = client.get(reverse("segments:company_detail", args=[company.business_id]))
    page = page.content.decode()
    assert 'id="asiakasvastuu"' in page
    assert "Tekes – teknologian ja innovaatioiden kehittämiskeskus" in page
    assert _url("company_responsibility", company) in page


def test_company_panel__a_lead_with_a_person_and_a_team_in_swedish_with_no_query_more(
    client, tekes_user, company, orgs, count_queries
):
    """The panel reads only the lead's shown columns: the person's and team's names, the
    organisation's in the UI language, the start; a column left out would be a query more."""
    client.force_login(tekes_user)
    url = reverse("segments:company_detail", args=[company.business_id])
    without_lead = count_queries(client, url, warm=True)
    team = CustomerTeamFactory(name="Kasvutiimi")
    lead_started(
        company,
        orgs["tekes"],
        tekes_user,
        person=tekes_user.person,
        team=team,
        starts_on=date(2026, 3, 2),
    )
    with_lead = count_queries(client, url, warm=True)
    assert with_lead == without_lead
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(url).content.decode()
    name_sv = orgs["tekes"].name_sv
    assert name_sv and f"<strong>{name_sv}</strong> ({tekes_user.person}, " in page
    assert f'<a href="{team.get_absolute_url()}">Kasvutiimi</a>' in page
    with translation.override("sv"):
        assert f"från {date_format(date(2026, 3, 2), 'SHORT_DATE_FORMAT')}" in page


def test_company_panel__nothing_for_those_who_may_not(
    client, working_group_user, company, tekes_lead
):
    client.force_login(working_group_user)
    response = client.get(reverse("segments:company_detail", args=[company.business_id]))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="asiakasvastuu"' not in page
    assert _url("company_responsibility", company) not in page


def test_company_panel__a_company_without_lead_says_so(client, tekes_user, company):
    client.force_login(tekes_user)
    page = client.get(reverse("segments:company_detail", args=[company.business_id]))
    assert "Yrityksellä ei ole päävastuullista organisaatiota." in page.content.decode()


def test_company_page__handover_notes_only_for_the_two_organisations(
    client, company, handover, tekes_user, finnvera_user, finpro_user, ministry_user
):
    services.handover_accept(handover=handover, by=finnvera_user)
    url = reverse("responsibility:company_responsibility", args=[company.business_id])
    notes = "Asiakas tarvitsee takauksen keväällä."

    pages = {}
    for user in (tekes_user, finnvera_user, finpro_user, ministry_user):
        client.force_login(user)
        pages[user.username] = client.get(url).content.decode()

    # The receiver, the one who passed the baton, and ministry staff read the notes.
    for username in (tekes_user.username, finnvera_user.username, ministry_user.username):
        assert notes in pages[username], username
        assert handover.get_absolute_url() in pages[username], username
    # A third organisation sees that a handover happened, not what was written for it.
    assert notes not in pages[finpro_user.username]
    assert handover.get_absolute_url() not in pages[finpro_user.username]
    assert "vain vastuun siirron osapuolille" in pages[finpro_user.username]


def test_portfolio__wrong_check_digit_says_so_instead_of_nothing_found(
    client, tekes_user, portfolio_data
):
    client.force_login(tekes_user)
    valid = business_id(4201)
    wrong = f"{valid[:-1]}{(int(valid[-1]) + 1) % 10}"
    response = client.get(_url("portfolio"), {"q": wrong})
    page = response.content.decode()
    assert _names(response) == []
    assert f"Y-tunnuksen {wrong} tarkistusnumero on väärä" in page
    assert "Hakuehtoja vastaavia asiakkaita ei löytynyt." not in page
