"""The offerings pages in the browser: axe-core on the catalogue, the organisations, the
overlap and gap matrix, the findings and the service models (the matrix and a service in
every language), the offering panel of a segment page, the matrix filters and the finding
form by keyboard, and gap and overlap cells told in words rather than by colour alone.

As in test_accessibility.py, a test checks several pages (or states of a page) in one
browser context and reports every failing one at once. The live server's database is
emptied between these (transactional) tests, so each test loads the demo services again:
the report lists no services, and without them the pages would be all gaps.
"""

import re
from functools import partial
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from offerings.analysis import CellState
from offerings.demo import load_demo_services
from offerings.models import Finding, Organisation, Service, SharedTool
from segments.models import Segment
from tests.factories import SharedToolFactory

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

# A demo service that is both a basic service (of kansainvalistyvat) and a transition
# service (kotimarkkinat → kansainvalistyvat).
BOTH_KINDS_SERVICE = "Kansainvälistymisen neuvonta"
# Segment pages: one with basic and transition services, one with neither.
OFFERING_SEGMENT = "kansainvalistyvat"
NO_OFFERING_SEGMENT = "invest-in-finland"
SERVICE_MODEL_SEGMENT = "perustajat"
MATRIX = "main table.offering-matrix"
NO_MATCH_SEARCH = "ei-tällaista-palvelua"
NOTE = "Rahoitusta ei tarjota tälle segmentille; selvitetään Finnveran kanssa."
# Presses of Tab allowed to move from one control to the next one looked for.
MAX_TABS = 80
tab_to = partial(helpers.tab_to, max_tabs=MAX_TABS)


@pytest.fixture
def demo_services(strategy_data):
    """The demo services of `manage.py load_demo_services`, in their basic and transition
    offerings."""
    load_demo_services()
    return {service.name_fi: service for service in Service.objects.filter(is_demo=True)}


def label(state, language):
    """A cell state's label ("puute", "päällekkäisyys") in the interface language."""
    with translation.override(language):
        return str(CellState(state).label)


def query_of(url):
    return parse_qs(urlsplit(url).query)


# --- axe-core -------------------------------------------------------------------------------


def test_catalogue_pages(page, audit, login, ministry_user, demo_services):
    """Ministry staff (who also see the edit and history links): the service list as it is,
    filtered, and filtered to nothing; a service; the rationales, development work and
    shared tools (none yet, then one); the organisations."""
    login(ministry_user)
    open_page(page, "/services/")
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(len(demo_services))
    expect(page.locator("main table .badge").first).to_be_visible()  # "demo"
    audit.check("service list", "fi")

    search = page.locator("main form[role=search]")
    finnvera_pk = str(Organisation.objects.get(code="finnvera").pk)
    search.locator("select[name=organisation]").select_option(finnvera_pk)
    search.locator("select[name=pricing]").select_option("market")
    submit(page, search)
    expect(rows).to_have_count(3)  # Pienlaina, Takaus pankkilainalle, Vientitakuu
    audit.check("service list filtered by producer and pricing", "fi")

    search_for_nothing(page, search, NO_MATCH_SEARCH)
    audit.check("service list with no results", "fi")

    # A hand-edited address: the bad filter is pointed out and the others still apply.
    open_with_a_bad_filter(page, search, "/services/?organisation=999999&pricing=market")
    audit.check("service list with a bad filter", "fi")

    open_page(page, demo_services[BOTH_KINDS_SERVICE].get_absolute_url())
    audit.check(f"service {BOTH_KINDS_SERVICE}", "fi")

    open_page(page, "/rationales/")
    expect(page.locator("main ol.rationale-list > li")).to_have_count(5)
    audit.check("rationales", "fi")

    open_page(page, "/development/")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    audit.check("development work", "fi")

    open_page(page, "/tools/")
    audit.check("shared tools, none yet", "fi")
    tool = SharedToolFactory(
        kind=SharedTool.Kind.CURRENT,
        name="Asiakastietojärjestelmä",
        description="Yhteinen asiakasrekisteri.",
        owner=Organisation.objects.get(code="tem"),
    )
    tool.users.set(Organisation.objects.filter(code__in=["finnvera", "tekes"]))
    open_page(page, "/tools/")
    expect(page.locator(f"main #tyokalu-{tool.pk}")).to_be_visible()
    audit.check("shared tools with one tool and no needs", "fi")

    open_page(page, "/organisations/")
    audit.check("organisation list", "fi")
    for code in ["finnvera", "te-uusimaa"]:
        open_page(page, f"/organisations/{code}/")
        audit.check(f"organisation {code}", "fi")
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_service_detail(page, audit, login, set_language, ministry_user, demo_services, language):
    """A service offered both as a basic and as a transition service, in each language."""
    login(ministry_user)
    set_language(language)
    open_page(page, demo_services[BOTH_KINDS_SERVICE].get_absolute_url())
    offering = page.locator("main section[aria-labelledby=tarjooma]")
    expect(offering.locator("ul[aria-labelledby=peruspalveluna] li")).to_have_count(1)
    expect(offering.locator("ul[aria-labelledby=tasmapalveluna] li")).to_have_count(1)
    # The report has only Finnish: the name is marked as Finnish in the other languages.
    if language != "fi":
        expect(page.locator('main h1 [lang="fi"]')).to_have_text(BOTH_KINDS_SERVICE)
    audit.check(f"service {BOTH_KINDS_SERVICE}", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_matrix(page, audit, login, set_language, ministry_user, demo_services, language):
    """The matrix as it is and filtered (a producer, two segments, one more status), with a
    gap and an overlap each told in words: a visible label and the name of its link."""
    login(ministry_user)
    set_language(language)
    open_page(page, "/offering/matrix/")
    matrix = page.locator(MATRIX)
    expect(matrix).to_be_visible()
    expect(page.locator("main .message--warning")).to_be_visible()  # demo services
    audit.check("overlap and gap matrix", language)

    for state in (CellState.GAP, CellState.OVERLAP):
        text = label(state, language)
        cell = matrix.locator(f"td.cell--{state}").first
        expect(cell).to_be_visible()
        # The colour is not the only sign: the state is written in the cell, and it is
        # in the text a screen reader reads out (the label is not aria-hidden).
        expect(cell.locator(".cell__label")).to_be_visible()
        expect(cell.locator(".cell__label")).to_have_text(text)
        assert text.lower() in cell.aria_snapshot().lower(), cell.aria_snapshot()
        # The link to open a finding names the state, the need and the segment.
        expect(cell.locator(".cell__finding a")).to_have_accessible_name(
            re.compile(rf": {re.escape(text)}, .+ – .+")
        )
    # A cell that is neither has no label: the label means something.
    served = matrix.locator(f"td.cell--{CellState.SERVED}").first
    expect(served).to_be_visible()
    expect(served.locator(".cell__label")).to_have_count(0)

    form = page.locator("main form[method=get]")
    form.locator("select[name=organisation]").select_option(
        str(Organisation.objects.get(code="finnvera").pk)
    )
    form.locator("input[name=status][value=planned]").check()
    for code in ("paikalliset", "kotimarkkinat"):
        pk = Segment.objects.get(code=code).pk
        form.locator(f"input[name=segment][value='{pk}']").check()
    submit(page, form)
    expect(matrix.locator("thead th")).to_have_count(3)  # the needs and two segments
    expect(matrix.locator(f"td.cell--{CellState.GAP}").first).to_be_visible()
    audit.check("overlap and gap matrix filtered", language)

    # A hand-edited address: the bad filter is pointed out and not applied.
    open_page(page, "/offering/matrix/?organisation=999999&segment=x")
    expect(page.locator("main form [role=alert]")).to_be_visible()
    expect(page.locator("main form .errorlist")).to_have_count(2)
    audit.check("overlap and gap matrix with bad filters", language)
    audit.assert_clean()


def test_findings(page, audit, login, ministry_user, demo_services):
    """Open a finding on a gap from the matrix: the form, the form after sending it without a
    note, the list with the new finding (and the matrix linking to it), the finding
    resolved, and the list filtered to open findings (none)."""
    login(ministry_user)
    open_page(page, "/offering/findings/")
    expect(page.locator("main table.finding-list tbody td")).to_have_count(1)  # none yet
    audit.check("finding list, empty", "fi")

    open_page(page, "/offering/matrix/")
    gap = page.locator(f"{MATRIX} td.cell--{CellState.GAP}").first
    with page.expect_navigation():
        gap.locator(".cell__finding a").click()
    form = page.locator("main form[method=post]")
    expect(form).to_be_visible()
    expect(page.locator("main .finding-kind--gap")).to_have_text(label(CellState.GAP, "fi"))
    audit.check("finding form", "fi")

    submit_refused(page, form)  # without a note
    note = form.locator("textarea[name=note]")
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(note).to_have_accessible_description(re.compile("Kirjoita huomio"))
    audit.check("finding form with an error", "fi")

    note.fill(NOTE)
    submit(page, form)
    expect(page.locator("main [role=status] .message--success")).to_be_visible()
    expect(page.locator("main table.finding-list tbody tr")).to_have_count(1)
    expect(page.locator("main table.finding-list button[name=resolve]")).to_be_visible()
    audit.check("finding list with an open finding", "fi")

    open_page(page, "/offering/matrix/")  # the cell now links to its open finding
    expect(page.locator(f"{MATRIX} .cell__finding a[href*='status=open']")).to_have_count(1)
    audit.check("overlap and gap matrix with an open finding", "fi")

    open_page(page, "/offering/findings/")
    with page.expect_navigation():
        page.locator("main table.finding-list button[name=resolve]").click()
    expect(page.locator("main [role=status] .message--success")).to_be_visible()
    expect(page.locator("main table.finding-list button[name=resolve]")).to_have_count(0)
    audit.check("finding list with a resolved finding", "fi")

    filters = page.locator("main form[method=get]")
    filters.locator("select[name=status]").select_option("open")
    submit(page, filters)
    expect(page.locator("main table.finding-list tbody td")).to_have_count(1)  # none open
    audit.check("finding list filtered to open findings", "fi")
    audit.assert_clean()


def test_service_model(page, audit, login, ministry_user, demo_services):
    """A service model as loaded (nothing written yet), its edit form, the form with an error
    (no change reason), and the model after saving."""
    login(ministry_user)
    open_page(page, f"/service-models/{SERVICE_MODEL_SEGMENT}/")
    expect(page.locator("main .gap").first).to_be_visible()  # "ei vielä määritelty"
    audit.check("service model, empty", "fi")

    with page.expect_navigation():
        page.locator("main a.button", has_text="Muokkaa palvelumallia").click()
    form = page.locator("main form[method=post]")
    expect(form.locator("fieldset")).to_have_count(3)  # initiative, channels, stages
    audit.check("service model form", "fi")

    form.locator("textarea[name=who_does_what_fi]").fill("TE-keskus neuvoo, Finnvera rahoittaa.")
    form.locator("input[name=initiative]").nth(1).check()
    form.locator("input[name=service_channels]").first.check()
    submit(page, form)  # without a change reason
    expect(page.locator("main [role=alert]")).to_be_visible()
    expect(form.locator(".errorlist")).to_have_count(1)
    audit.check("service model form with an error", "fi")

    form.locator("[name=change_reason]").fill("Työryhmän ehdotus")
    submit(page, form)
    expect(page.locator("main [role=status] .message--success")).to_be_visible()
    expect(page.locator("main dl.facts dd").first).to_contain_text("Finnvera rahoittaa")
    audit.check("service model, written", "fi")
    audit.assert_clean()


def test_segment_offering_section(page, audit, login, ministry_user, demo_services):
    """The panel "Tarjooma" of a segment page: basic services and transition services into
    the segment; and a segment with neither, whose gaps are told in words."""
    login(ministry_user)
    open_page(page, f"/segments/{OFFERING_SEGMENT}/")
    panel = page.locator("main section[aria-labelledby=tarjooma]")
    basic = panel.get_by_role("list", name="Peruspalvelut")
    transitions = panel.get_by_role("list", name="Täsmäpalvelut segmentistä toiseen siirtyville")
    expect(basic.locator(":scope > li").first).to_be_visible()
    expect(basic).to_contain_text("Vientitakuu")
    expect(transitions).to_contain_text(BOTH_KINDS_SERVICE)
    expect(transitions).to_contain_text("Nuorten innovatiivisten yritysten rahoitus")
    # The segment itself is not a link on its own page; the other end of a transition is.
    expect(transitions.locator(f"a[href='/segments/{OFFERING_SEGMENT}/']")).to_have_count(0)
    expect(transitions.locator("a[href='/segments/kotimarkkinat/']")).to_have_count(1)
    audit.check(f"segment {OFFERING_SEGMENT} with its offering", "fi")

    open_page(page, f"/segments/{NO_OFFERING_SEGMENT}/")
    panel = page.locator("main section[aria-labelledby=tarjooma]")
    expect(panel.locator(".gap")).to_have_count(2)  # "ei vielä kirjattu", twice
    audit.check(f"segment {NO_OFFERING_SEGMENT} without offering", "fi")
    audit.assert_clean()


# --- Keyboard -------------------------------------------------------------------------------


def test_matrix_filters_by_keyboard(page, login, working_group_user, demo_services):
    """Tab reaches every kind of filter, arrow keys choose a producer, Space ticks a segment,
    and Enter on the button filters the matrix."""
    login(working_group_user)
    open_page(page, "/offering/matrix/")
    form = page.locator("main form[method=get]")
    finnvera = Organisation.objects.get(code="finnvera")
    segment = Segment.objects.get(code="paikalliset")

    page.locator("main h1").click()  # start from the top of the content
    organisation = form.locator("select[name=organisation]")
    tab_to(page, organisation)
    for _ in range(Organisation.objects.count()):
        if organisation.input_value() == str(finnvera.pk):
            break
        page.keyboard.press("ArrowDown")
    expect(organisation).to_have_value(str(finnvera.pk))

    planned = form.locator("input[name=status][value=planned]")
    tab_to(page, planned)
    page.keyboard.press("Space")
    expect(planned).to_be_checked()

    checkbox = form.locator(f"input[name=segment][value='{segment.pk}']")
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()

    tab_to(page, form.locator("button[type=submit]"))
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200
    query = query_of(page.url)
    assert query["organisation"] == [str(finnvera.pk)], query
    assert query["segment"] == [str(segment.pk)], query
    assert "planned" in query["status"], query
    headers = page.locator(f"{MATRIX} thead th")
    expect(headers).to_have_count(2)  # the needs and the one segment
    expect(headers.nth(1)).to_have_text(segment.name_fi)
    expect(form.locator("select[name=organisation]")).to_have_value(str(finnvera.pk))
    expect(form.locator(f"input[name=segment][value='{segment.pk}']")).to_be_checked()


def test_finding_form_by_keyboard(page, login, working_group_user, demo_services):
    """From the matrix to a sent finding by keyboard only: Enter on a gap's link, a send
    without a note (the error is shown and read with the field), the note typed, a
    responsible person chosen with the arrow keys, and Enter on the button."""
    login(working_group_user)
    open_page(page, "/offering/matrix/")
    gap = page.locator(f"{MATRIX} td.cell--{CellState.GAP}").first
    link = gap.locator(".cell__finding a")
    href = link.get_attribute("href")
    # Tab through the matrix (the region, its links) to the first gap's link.
    page.locator(f"{MATRIX} caption").click()
    tab_to(page, link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(href), page.url

    form = page.locator("main form[method=post]")
    note = form.locator("textarea[name=note]")
    button = form.locator("button[type=submit]")
    page.locator("main h1").click()
    tab_to(page, note)
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # without a note
    alert = page.locator("main [role=alert]")
    expect(alert).to_be_visible()
    expect(note).to_have_accessible_description(re.compile("Kirjoita huomio"))

    page.locator("main h1").click()
    tab_to(page, note)
    page.keyboard.type(NOTE)
    owner = form.locator("select[name=owner]")
    tab_to(page, owner)
    page.keyboard.press("ArrowDown")  # the first person after "Valitse"
    chosen = owner.input_value()
    assert chosen, "the arrow key chose no responsible person"
    tab_to(page, button)
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200
    assert urlsplit(page.url).path == "/offering/findings/", page.url
    expect(page.locator("main [role=status] .message--success")).to_be_visible()

    finding = Finding.objects.get()
    assert (finding.note, finding.kind, finding.owner_id) == (NOTE, "gap", int(chosen))
    assert finding.created_by == working_group_user
