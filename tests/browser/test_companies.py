"""The company, re-segmentation run and segment dynamics pages in the browser: axe-core in
each language, the scrollable transition matrix by keyboard, the run page following the
worker's progress by itself, and the Sankey picture against the matrix beside it.

As in test_accessibility.py, a test checks several pages (or states of a page) in one
browser context and reports every failing one at once. The live server's database is
emptied between these (transactional) tests, so each test builds its companies and runs.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from segments import resegmentation as reseg
from segments.models import (
    Region,
    ResegmentationRun,
    Segment,
)
from tests.factories import (
    AttributeValueFactory,
    CompanyFactory,
    ResegmentationRunFactory,
    business_id,
    create_in_bulk,
)

from .helpers import LANGUAGES, open_page, search_for_nothing, submit

pytestmark = pytest.mark.browser

YEAR = 2026
# Companies 0 and 1 have 300 employees: the rules move them from the local segment to the
# large companies. The "Lisä" companies fill more than one page of the list (50 a page);
# the first three of them have no segment yet, and the rules place them in the local one.
MOVERS = 2
EXTRA = 52
UNSEGMENTED = 3
NO_MATCH_SEARCH = "Ei-tällaista-yritystä"
BAD_INDUSTRY = "!!"
BUSY = {"status": "previewing", "progress_done": 1, "progress_total": 4, "progress_message": ""}
# The run page polls status.json 1.5 s after loading and every 2 s while the run is busy.
RELOAD_TIMEOUT_MS = 8_000


@pytest.fixture
def companies(staff_rules):
    """What tests/segments/test_company_views.py's `data` builds, and more companies."""
    staff = staff_rules
    local = Segment.objects.get(code="paikalliset")
    region = Region.objects.first()
    in_turku = {"segment": local, "region": region, "municipality": "Turku", "industry": "62010"}
    made = create_in_bulk(
        CompanyFactory,
        [
            *(
                {"business_id": business_id(n + 1), "name": f"Yritys {n}", "is_synthetic": n == 0}
                | in_turku
                for n in range(6)
            ),
            *(
                {
                    "business_id": business_id(n + 500),
                    "name": f"Lisä {n:03d}",
                    "segment": None if n < UNSEGMENTED else local,
                }
                for n in range(EXTRA)
            ),
        ],
    )
    create_in_bulk(
        AttributeValueFactory,
        (
            {"company": company, "number": Decimal(300 if n < MOVERS else 5)}
            for n, company in enumerate(made)
        ),
        attribute=staff,
        year=YEAR,
    )
    return made


def previewed_run(user):
    return reseg.run_preview(reseg.run_start(year=YEAR, by=user))


def make_busy(run):
    """The run as the page sees it while the worker computes it (a quarter done)."""
    ResegmentationRun.objects.filter(pk=run.pk).update(**BUSY)


def status_polled(response):
    return response.url.endswith("/status.json") and response.status == 200


def table_rows(page, table):
    """The rows of a table as lists of cell texts (header cells too)."""
    return (
        page.locator(table)
        .locator("tbody tr")
        .evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")
    )


# --- axe-core -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_company_list_and_detail(
    page, audit, login, set_language, working_group_user, companies, language
):
    """The list as it is, its next page, a search that finds nothing, a filter form with an
    error, and a company's details."""
    login(working_group_user)
    set_language(language)
    search = page.locator("main form[role=search]")

    open_page(page, "/segments/companies/")
    expect(page.locator("main table tbody tr")).to_have_count(50)
    audit.check("company list", language)

    with page.expect_navigation():
        page.locator("main nav.pager a").last.click()  # "Seuraavat 50"
    expect(page.locator("main table tbody tr")).to_have_count(len(companies) - 50)
    expect(page.locator("main nav.pager a")).to_have_count(1)  # only "Ensimmäinen sivu"
    audit.check("company list, next page", language)

    search_for_nothing(page, search, NO_MATCH_SEARCH)
    audit.check("company list with no search results", language)

    search.locator("input[name=q]").fill("")
    search.locator("input[name=industry]").fill(BAD_INDUSTRY)
    submit(page, search)
    expect(page.locator("main form[role=search] [role=alert]")).to_be_visible()
    expect(page.locator("main form[role=search] .errorlist")).to_have_count(1)
    audit.check("company list with a filter error", language)

    open_page(page, f"/segments/companies/{business_id(1)}/")
    expect(page.locator("main h1")).to_have_text("Yritys 0")
    expect(page.locator("main .message--warning")).to_be_visible()  # synthetic
    audit.check("company detail", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_run_pages(page, audit, login, set_language, ministry_user, companies, language):
    """Ministry staff: the run list with its start form (also with an error), a previewed
    run (matrix, movers, placement form, link to apply; the placement form with errors; after
    a placement), the apply confirmation, the manual placements, an interrupted run with its
    retry form and a run that the worker is computing."""
    run = previewed_run(ministry_user)
    login(ministry_user)
    set_language(language)

    open_page(page, "/segments/runs/")
    start = page.locator("main section[aria-labelledby=uusi] form")
    expect(start).to_be_visible()
    audit.check("run list with the start form", language)

    start.locator("input[name=year]").fill("1066")
    submit(page, start)
    expect(page.locator("main section[aria-labelledby=uusi] [role=alert]")).to_be_visible()
    expect(page.locator("main section[aria-labelledby=uusi] .errorlist")).to_have_count(1)
    audit.check("run list with a bad year", language)

    open_page(page, f"/segments/runs/{run.pk}/")
    expect(page.locator("main table.matrix")).to_be_visible()
    expect(page.locator("main section[aria-labelledby=siirtyjat] tbody tr")).to_have_count(
        MOVERS + UNSEGMENTED
    )
    placement = page.locator("main section[aria-labelledby=kasin] form")
    expect(placement).to_be_visible()
    expect(page.locator("main section[aria-labelledby=voimaan] a.button")).to_be_visible()
    audit.check("previewed run", language)

    submit(page, placement)  # empty: the Y-tunnus, the action and the reason are required
    section = page.locator("main section[aria-labelledby=kasin]")
    expect(section.locator("[role=alert]")).to_be_visible()
    expect(section.locator(".errorlist")).to_have_count(3)
    audit.check("previewed run, placement form with errors", language)

    placement.locator("input[name=business_id]").fill(business_id(1))
    placement.locator("input[name=action][value=exclude]").check()
    placement.locator("textarea[name=reason]").fill("Luvut tarkistetaan")
    submit(page, placement)
    expect(page.locator("main [role=status] .message--success")).to_be_visible()
    expect(page.locator("main section[aria-labelledby=siirtyjat] .inline-form")).to_have_count(1)
    audit.check("previewed run after a manual placement", language)

    page.locator("main section[aria-labelledby=voimaan] a.button").click()
    expect(page.locator("main section.confirm form button")).to_be_visible()
    audit.check("apply confirmation", language)

    open_page(page, "/segments/placements/")
    expect(page.locator("main table tbody .inline-form")).to_have_count(1)
    audit.check("manual placements", language)

    interrupted = ResegmentationRunFactory(
        year=YEAR - 2,
        created_by=ministry_user,
        status="interrupted",
        interrupted_step="previewing",
        error="Taustatyö pysähtyi.",
    )
    open_page(page, f"/segments/runs/{interrupted.pk}/")
    retry = page.locator("main section[aria-labelledby=uudelleen] form")
    expect(retry).to_be_visible()
    expect(page.locator("main section[aria-labelledby=peru] form")).to_be_visible()
    submit(page, retry)  # without a reason
    expect(page.locator("main section[aria-labelledby=uudelleen] .errorlist")).to_have_count(1)
    audit.check("interrupted run, retry without a reason", language)

    busy = ResegmentationRunFactory(year=YEAR - 1, created_by=ministry_user)
    make_busy(busy)
    with page.expect_response(status_polled) as polled:
        open_page(page, f"/segments/runs/{busy.pk}/")
        expect(page.locator("main progress")).to_have_attribute("value", "25")
    assert polled.value.json()["busy"] is True
    expect(page.locator("main [data-run-message]")).to_contain_text("(25 %)")  # from the poll
    audit.check("run being previewed", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_dynamics_page(page, audit, login, set_language, ministry_user, companies, language):
    """The year's transitions as a Sankey picture and as a matrix with the same numbers."""
    reseg.run_apply(previewed_run(ministry_user), by=ministry_user)
    login(ministry_user)
    set_language(language)
    open_page(page, "/segments/dynamics/")
    audit.check("segment dynamics", language)

    svg = page.locator("main svg.sankey")
    expect(svg).to_have_count(1)
    expect(svg).to_have_attribute("role", "img")
    title = svg.locator(":scope > title").text_content().strip()
    desc = svg.locator(":scope > desc").text_content().strip()
    assert str(YEAR) in title and desc
    # The name is the <title> alone; the longer <desc> is the description, not part of it.
    expect(svg).to_have_accessible_name(title)
    expect(svg).to_have_accessible_description(desc)
    expect(page.get_by_role("img", name=title, exact=True)).to_have_count(1)

    bands = svg.locator("path > title").all_text_contents()
    flows = {}
    for text in bands:
        found = re.fullmatch(r"(.+) → (.+): (\d+)", text.strip())
        assert found, f"a band's title {text!r}"
        flows[(found[1], found[2])] = int(found[3])
    assert sorted(flows.values()) == sorted([MOVERS, UNSEGMENTED]), flows

    headers = page.locator("main table.matrix thead th").all_inner_texts()
    rows = {row[0]: row[1:] for row in table_rows(page, "main table.matrix")}
    for (source, target), count in flows.items():
        assert source in rows, f"no matrix row for {source!r}: {list(rows)}"
        columns = [i for i, h in enumerate(headers[1:-1]) if h.startswith(target)]
        assert len(columns) == 1, f"no matrix column for {target!r}: {headers}"
        assert rows[source][columns[0]] == str(count), f"{source} → {target}"
    for source, cells in rows.items():
        total = sum(n for (s, _t), n in flows.items() if s == source)
        assert cells[-1] == str(total), f"the total of {source}"
    assert sum(int(c) for cells in rows.values() for c in cells[:-1]) == sum(flows.values())
    audit.assert_clean()


# --- Keyboard and progress ------------------------------------------------------------------


def test_run_matrix_region_is_reachable_with_tab(page, login, ministry_user, companies):
    """The scrollable matrix is a focusable, named region: a keyboard user can scroll it."""
    run = previewed_run(ministry_user)
    login(ministry_user)
    page.set_viewport_size({"width": 480, "height": 900})  # narrow: the matrix scrolls
    open_page(page, f"/segments/runs/{run.pk}/")
    region = page.locator("main div.table-scroll:has(table.matrix)")
    expect(region).to_have_attribute("role", "region")
    expect(region).to_have_attribute("tabindex", "0")
    expect(
        page.get_by_role("region", name="Siirtymät sääntöjen mukaan", exact=False)
    ).to_have_count(1)
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the matrix does not scroll"

    page.locator("main h1").click()  # start from the top of the content
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement"):
            break
        seen.append(page.evaluate("document.activeElement.outerHTML.slice(0, 60)"))
    else:
        pytest.fail(f"Tab did not reach the matrix region; focus went: {seen}")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(region).not_to_have_js_property("scrollLeft", 0)


def test_run_page_reloads_itself_when_the_run_is_done(page, login, ministry_user, companies):
    run = previewed_run(ministry_user)
    make_busy(run)
    login(ministry_user)
    with page.expect_response(status_polled) as polled:
        open_page(page, f"/segments/runs/{run.pk}/")
        expect(page.locator("main progress")).to_be_visible()
    assert polled.value.json()["status"] == "previewing"
    expect(page.locator("script[src$='run_progress.js']")).to_have_count(1)
    page.evaluate("window.notReloaded = true")

    ResegmentationRun.objects.filter(pk=run.pk).update(
        status="previewed", progress_done=4, progress_total=4
    )
    with page.expect_event("load", timeout=RELOAD_TIMEOUT_MS):
        pass
    assert page.evaluate("window.notReloaded === undefined"), "the page was not reloaded"
    expect(page.locator("main [data-run-message]")).to_have_text("esikatselu valmis")
    expect(page.locator("main progress")).to_have_count(0)
    expect(page.locator("script[src$='run_progress.js']")).to_have_count(0)
    expect(page.locator("main table.matrix")).to_be_visible()
