"""The customer-responsibility pages in the browser: axe-core on every page and state (the
portfolio as it is, filtered, with no results and with a bad filter; a company's
responsibility page and its panel on the company page; the customer notes, one shown on the
customer's consent and one refused for lack of a basis; the handover request form with and
without errors; a handover pending, accepted and declined; the inbox; the teams; the
ministry's coverage and access log), all in Finnish and the most used ones in Swedish and
English too; and a baton handover requested and accepted by keyboard alone.

As in test_offerings.py, a test checks several pages (or states of a page) in one browser
context and reports every failing one at once. The live server's database is emptied between
these (transactional) tests, so each test loads the demo again: a few synthetic companies,
the demo users and `load_demo_responsibility` (leads, teams, handovers in every state, notes
and consents). The demo users are the ones of `manage.py create_demo_users`: "tekes" and
"finpro" (agency customer staff), "virkailija" (Finnvera's) and "ministerio".
"""

import re
from functools import partial

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.demo import create_demo_users
from responsibility import services
from responsibility.demo import load_demo_responsibility
from responsibility.models import (
    AccessLogEntry,
    Assignment,
    Consent,
    CustomerTeam,
    Handover,
)
from segments import synthetic
from segments.models import Segment

from . import helpers
from .helpers import (
    LANGUAGES,
    open_page,
    open_with_a_bad_filter,
    search_for_nothing,
    submit,
    submit_refused,
)

pytestmark = pytest.mark.browser

# Enough synthetic companies for every kind of demo row (a handover of each outcome, notes
# with a valid consent) and few enough to load in about a second.
COMPANIES = 40
PASSWORD = "demo-salasana-selaintesti"
NO_MATCH_SEARCH = "ei-tällaista-yritystä"
REASON = "Asiakkaan vientihanke alkaa; takaukset Finnveralta."
DECLINE_ERROR = "Kerro, miksi siirto hylätään."
# Presses of Tab allowed to move from one control to the next one looked for.
MAX_TABS = 60
tab_to = partial(helpers.tab_to, max_tabs=MAX_TABS)
# Finnish is checked on every page; these get the most used pages too.
OTHER_LANGUAGES = [language for language in LANGUAGES if language != "fi"]


@pytest.fixture
def demo(strategy_data, access_log_purged_after):
    """The demo responsibility data on a few synthetic companies; the demo users by name.

    The notes pages write access-log rows, which the flush after the test cannot delete
    (the log is append-only in the database): `access_log_purged_after` empties it first."""
    synthetic.companies_generate(count=COMPANIES, seed=2008)
    users = {user.username: user for user in create_demo_users(password=PASSWORD)}
    load_demo_responsibility()
    return users


def customer_of(code, *, pending=False):
    """A company whose lead the organisation holds, with or without a pending handover."""
    leads = Assignment.objects.filter(
        role=Assignment.Role.LEAD, ends_on__isnull=True, organisation__code=code
    ).select_related("company")
    requested = Handover.objects.filter(status=Handover.Status.REQUESTED).values("company_id")
    if pending:
        leads = leads.filter(company_id__in=requested)
    else:
        leads = leads.exclude(company_id__in=requested)
    return leads.order_by("company__business_id").first().company


def handover(from_code, to_code, status):
    return Handover.objects.filter(
        from_organisation__code=from_code, to_organisation__code=to_code, status=status
    ).get()


def finpro_consent():
    """The demo consent that lets Finpro see a Tekes customer's contact notes today."""
    today = timezone.localdate()
    return (
        Consent.objects.filter(
            organisations__code="finpro", withdrawn_on__isnull=True, expires_on__gte=today
        )
        .select_related("company")
        .get()
    )


def success_message(page):
    return page.locator("main [role=status] .message--success")


# --- axe-core -------------------------------------------------------------------------------


def test_customer_pages(page, audit, login, demo):
    """Tekes's customer staff: the portfolio as it is, filtered, filtered to nothing and with
    a bad filter; a customer's responsibility page (with the consent form, then its errors)
    and the panel on the company page; the notes with the note form and its error; the
    teams and a team."""
    login(demo["tekes"])
    open_page(page, "/responsibility/customers/")
    rows = page.locator("main table tbody tr")
    expect(rows.first.locator("a")).to_be_visible()
    audit.check("portfolio", "fi")

    search = page.locator("main form[role=search]")
    search.locator("select[name=role]").select_option(Assignment.Role.LEAD)
    search.locator("input[name=mine]").check()
    submit(page, search)
    expect(rows.first.locator("a")).to_be_visible()
    expect(search.locator("input[name=mine]")).to_be_checked()
    audit.check("portfolio filtered to my own leads", "fi")

    search_for_nothing(page, search, NO_MATCH_SEARCH)
    audit.check("portfolio with no results", "fi")

    # A hand-edited address: the bad filter is pointed out and not applied.
    open_with_a_bad_filter(page, search, "/responsibility/customers/?segment=999999")
    audit.check("portfolio with a bad filter", "fi")

    company = customer_of("tekes")
    open_page(page, f"/responsibility/companies/{company.business_id}/")
    consent_form = page.locator("main form[aria-labelledby=uusi-suostumus]")
    expect(consent_form).to_be_visible()
    expect(page.locator("main a", has_text="Pyydä vastuun siirtoa")).to_be_visible()
    audit.check("company responsibility", "fi")

    consent_form.locator("input[name=given_on]").fill("")
    submit(page, consent_form)  # nothing chosen, no date
    consent_form = page.locator("main form[aria-labelledby=uusi-suostumus]")
    expect(page.locator("main [role=alert]")).to_be_visible()
    expect(consent_form.locator(".errorlist")).to_have_count(4)
    audit.check("company responsibility with consent form errors", "fi")

    open_page(page, company.get_absolute_url())
    panel = page.locator("main section[aria-labelledby=asiakasvastuu]")
    expect(panel).to_contain_text("Päävastuullinen:")
    audit.check("company page with the responsibility panel", "fi")

    open_page(page, f"/responsibility/companies/{company.business_id}/notes/")
    note_form = page.locator("main form[method=post]")
    expect(note_form).to_be_visible()
    audit.check("customer notes", "fi")
    submit_refused(page, note_form)  # empty
    expect(note_form.locator(".errorlist")).to_have_count(2)  # kind and text
    audit.check("customer notes with form errors", "fi")

    open_page(page, "/responsibility/teams/")
    expect(page.locator("main table tbody tr")).to_have_count(CustomerTeam.objects.count())
    audit.check("team list", "fi")
    team = CustomerTeam.objects.order_by("name").first()
    open_page(page, team.get_absolute_url())
    expect(page.locator("main h1")).to_have_text(team.name)
    audit.check(f"team {team.name}", "fi")
    audit.assert_clean()


def test_handover_pages(page, audit, login, demo):
    """Tekes asks Finnvera to take a customer over: the request form, its errors, the pending
    request as the requester sees it (with the cancel form); Finnvera's inbox, the request
    with the answer forms, a decline without reason (the error) and the acceptance; a
    declined request."""
    company = customer_of("tekes")
    login(demo["tekes"])
    open_page(page, f"/responsibility/companies/{company.business_id}/handover/new/")
    form = page.locator("main form[method=post]")
    audit.check("handover request form", "fi")

    submit_refused(page, form)  # empty
    expect(form.locator(".errorlist")).to_have_count(2)  # organisation and reason
    expect(form.locator("select[name=to_organisation]")).to_have_attribute("aria-invalid", "true")
    audit.check("handover request form with errors", "fi")

    finnvera = demo["virkailija"].person.organisation
    form.locator("select[name=to_organisation]").select_option(str(finnvera.pk))
    form.locator("textarea[name=reason]").fill(REASON)
    submit(page, form)
    expect(success_message(page)).to_be_visible()
    expect(page.locator("main form[action$='/cancel/']")).to_be_visible()
    audit.check("handover pending, as the requester", "fi")
    pending = Handover.objects.get(company=company, status=Handover.Status.REQUESTED)

    login(demo["virkailija"])
    open_page(page, "/responsibility/handovers/")
    for section in ("saapuneet", "lahteneet", "myohassa", "vastatut"):
        rows = page.locator(f"main section[aria-labelledby={section}] tbody tr td a")
        expect(rows.first).to_be_visible()
    audit.check("handover inbox: incoming, outgoing, overdue and answered", "fi")

    open_page(page, pending.get_absolute_url())
    expect(page.locator("main form[aria-labelledby=hyvaksy]")).to_be_visible()
    audit.check("handover pending, as the recipient", "fi")

    page.locator("main a[href$='/decline/']").click()
    decline = page.locator("main section.confirm form")
    expect(decline).to_be_visible()
    audit.check("handover decline confirmation", "fi")
    submit(page, decline)  # without a reason
    decline = page.locator("main section.confirm form")
    expect(page.locator("main section.confirm [role=alert]")).to_be_visible()
    expect(decline.locator("textarea")).to_have_accessible_description(
        re.compile(re.escape(DECLINE_ERROR))
    )
    audit.check("handover decline without a reason", "fi")

    open_page(page, pending.get_absolute_url())
    submit(page, page.locator("main form[aria-labelledby=hyvaksy]"))
    expect(success_message(page)).to_be_visible()
    expect(page.locator("main .status--accepted")).to_be_visible()
    audit.check("handover accepted", "fi")

    open_page(page, handover("finnvera", "finpro", Handover.Status.DECLINED).get_absolute_url())
    expect(page.locator("main .status--declined")).to_be_visible()
    audit.check("handover declined", "fi")
    audit.assert_clean()


def test_notes_and_the_access_log(page, audit, login, demo):
    """Finpro's staff on a Tekes customer whose consent covers Finpro and contact notes:
    those notes are shown with the consent as their basis, and a project summary of
    Finnvera's (not covered; bank secrecy) is refused, saying why. Then the ministry: the
    coverage per segment, and the access log with those views, as it is, filtered to the
    viewer's organisation, filtered to nothing and with a bad date."""
    consent = finpro_consent()
    finnvera_user, finpro_user = demo["virkailija"], demo["finpro"]
    services.note_write(
        company=consent.company,
        organisation=finnvera_user.person.organisation,
        kind="project_summaries" if consent.scope == "contact_notes" else "contact_notes",
        text="Demo: takauksen hankeyhteenveto.",
        by=finnvera_user,
    )
    login(finpro_user)
    open_page(page, f"/responsibility/companies/{consent.company.business_id}/notes/")
    visible = page.locator("main section[aria-labelledby=nakyvat] article.note")
    basis = visible.locator("strong", has_text=str(AccessLogEntry.Basis.CONSENT.label))
    expect(basis.first).to_be_visible()
    refused = page.locator("main section[aria-labelledby=piilotetut] li")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text(str(finnvera_user.person.organisation))
    audit.check("customer notes shown on consent and refused", "fi")
    logged = AccessLogEntry.objects.filter(viewer=finpro_user).count()
    assert logged, "the view of other organisations' notes was not logged"

    login(demo["ministerio"])
    open_page(page, "/responsibility/coverage/")
    expect(page.locator("main table.coverage tbody tr")).to_have_count(
        Segment.objects.filter(is_active=True).count() + 1  # and "no segment"
    )
    audit.check("coverage", "fi")

    open_page(page, "/responsibility/access-log/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(logged)
    audit.check("access log", "fi")

    search = page.locator("main form[role=search]")
    search.locator("select[name=viewer_organisation]").select_option(
        str(finpro_user.person.organisation.pk)
    )
    submit(page, search)
    expect(rows).to_have_count(logged)
    expect(rows.first.locator("a")).to_have_text(consent.company.name)
    audit.check("access log filtered by the viewer's organisation", "fi")

    search.locator("input[name=viewer]").fill("ei-kukaan")
    submit(page, search)
    expect(page.locator("main table tbody td")).to_have_count(1)  # the "nothing found" row
    audit.check("access log with no results", "fi")

    # A hand-edited address: the bad date is pointed out and nothing is listed.
    open_page(page, "/responsibility/access-log/?date_from=31.2.2026")
    expect(search.locator("[role=alert]")).to_be_visible()
    expect(search.locator("input[name=date_from]")).to_have_attribute("aria-invalid", "true")
    audit.check("access log with a bad date", "fi")
    audit.assert_clean()


def test_pages_in_swedish_and_english(page, audit, login, set_language, demo):
    """In each language but Finnish (checked above on every page), Finnvera's staff: the
    portfolio, a customer with a pending handover, the inbox and the overdue request with
    the answer forms; and the ministry's coverage. One test for both languages: the data
    is loaded once."""
    company = customer_of("finnvera", pending=True)
    overdue = handover("finpro", "finnvera", Handover.Status.REQUESTED)
    assert overdue.is_overdue
    for language in OTHER_LANGUAGES:
        set_language(language)
        login(demo["virkailija"])
        audit.check_pages(
            [
                ("portfolio", "/responsibility/customers/"),
                (
                    "company responsibility with a pending handover",
                    f"/responsibility/companies/{company.business_id}/",
                ),
                ("handover inbox", "/responsibility/handovers/"),
                ("overdue handover with the answer forms", overdue.get_absolute_url()),
            ],
            language,
        )

        login(demo["ministerio"])
        open_page(page, "/responsibility/coverage/")
        audit.check("coverage", language)
    audit.assert_clean()


# --- Keyboard -------------------------------------------------------------------------------


def test_handover_by_keyboard(page, login, demo):
    """A handover requested and accepted by keyboard alone: Tekes's staff Tab to the
    recipient, choose Finnvera with the arrow keys, type the reason and press Enter; Finnvera's
    staff Tab to "Hyväksy siirto" and press Space. Each control shows its focus."""
    company = customer_of("tekes")
    finnvera = demo["virkailija"].person.organisation
    login(demo["tekes"])
    open_page(page, f"/responsibility/companies/{company.business_id}/")
    link = page.locator("main a", has_text="Pyydä vastuun siirtoa")
    page.locator("main h1").click()  # start from the top of the content
    tab_to(page, link)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    form = page.locator("main form[method=post]")
    recipient = form.locator("select[name=to_organisation]")
    page.locator("main h1").click()
    tab_to(page, recipient)
    for _ in range(recipient.locator("option").count()):
        if recipient.input_value() == str(finnvera.pk):
            break
        page.keyboard.press("ArrowDown")
    expect(recipient).to_have_value(str(finnvera.pk))
    reason = form.locator("textarea[name=reason]")
    tab_to(page, reason)
    page.keyboard.type(REASON)
    tab_to(page, form.locator("button[type=submit]"))
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200
    expect(success_message(page)).to_be_visible()
    requested = Handover.objects.get(company=company, status=Handover.Status.REQUESTED)
    assert (requested.to_organisation, requested.reason) == (finnvera, REASON)

    login(demo["virkailija"])
    open_page(page, requested.get_absolute_url())
    accept = page.locator("main form[aria-labelledby=hyvaksy] button[type=submit]")
    page.locator("main h1").click()
    tab_to(page, accept)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Space")
    assert navigation.value.status == 200
    expect(success_message(page)).to_be_visible()
    requested.refresh_from_db()
    assert requested.status == Handover.Status.ACCEPTED
    lead = Assignment.objects.get(company=company, role=Assignment.Role.LEAD, ends_on=None)
    assert lead.organisation == finnvera
