"""The segment pages in the browser: axe-core in each language, the Finnish fallback of the
report's content in the Swedish interface, and the overview's print stylesheet.

As in test_accessibility.py, a test checks several pages (or states of a page) in one
browser context and reports every failing one at once.
"""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from .helpers import LANGUAGES, open_page

pytestmark = pytest.mark.browser

# The report's segments whose detail pages show something the others do not.
DETAIL_PAGES = {
    "suuryritykset": "has a strategy with points",
    "kotimarkkinat": "has an alias and the open-alternative warning",
    "invest-in-finland": "has gaps (ei vielä määritelty)",
}
ALIAS_SEARCH = "keskittyvät"  # "Kotimarkkinoille keskittyvät yritykset", an alias
NO_MATCH_SEARCH = "ei-tällaista-segmenttiä"

HIDDEN_IN_PRINT = {
    "header tools": ".site-header .header-tools",
    "main navigation": "nav.main-nav",
    "footer": "footer.site-footer",
}
DISPLAY = "el => getComputedStyle(el).display"


def search(page, text):
    """Search with the form on the segment list, as a user does."""
    page.locator("main form[role=search] input[name=q]").fill(text)
    with page.expect_navigation() as navigation:
        page.locator("main form[role=search] button[type=submit]").click()
    assert navigation.value.status == 200, page.url


def result_links(page):
    return page.locator("main table tbody a").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_segment_pages(page, audit, login, set_language, working_group_user, language):
    """The list (also searched, with and without results), three details, a history and the
    overview: no WCAG A/AA violation, and <html lang> follows the interface language."""
    login(working_group_user)
    set_language(language)

    open_page(page, "/segments/")
    assert "/segments/kotimarkkinat/" in result_links(page)
    audit.check("segment list", language)

    search(page, ALIAS_SEARCH)
    assert result_links(page) == ["/segments/kotimarkkinat/"], "the alias search"
    audit.check(f"segment list searched for {ALIAS_SEARCH!r}", language)

    search(page, NO_MATCH_SEARCH)
    assert result_links(page) == [], "a search that should find nothing"
    expect(page.locator("main table tbody td")).to_have_count(1)  # the "nothing found" row
    audit.check("segment list with no search results", language)

    for code, what in DETAIL_PAGES.items():
        open_page(page, f"/segments/{code}/")
        audit.check(f"segment {code} ({what})", language)
    expect(page.locator("main .gap").first).to_be_visible()  # invest-in-finland's gaps

    open_page(page, "/segments/suuryritykset/history/")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    audit.check("history of suuryritykset", language)

    open_page(page, "/segments/overview/")
    expect(page.locator("main table.overview")).to_have_count(2)
    audit.check("strategy overview", language)
    audit.assert_clean()


def test_swedish_interface_marks_the_finnish_segment_name(
    page, login, set_language, working_group_user
):
    """The report has no Swedish text: the Finnish name is marked lang="fi" and said to be
    untranslated, visibly, in the Swedish interface."""
    with translation.override("sv"):
        note = f"({translation.gettext('ei käännetty')})"  # "(inte översatt)"
    assert note != "(ei käännetty)", "the Swedish catalogue does not translate 'ei käännetty'"
    login(working_group_user)
    set_language("sv")
    open_page(page, "/segments/suuryritykset/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    heading = page.locator("main h1")
    finnish = heading.locator('[lang="fi"]')
    expect(finnish).to_have_count(1)
    expect(finnish).to_have_text("Suuryritykset")
    expect(finnish).to_be_visible()
    untranslated = heading.locator(".untranslated")
    expect(untranslated).to_have_text(note)
    expect(untranslated).to_be_visible()
    # The note itself is in the interface language, not in the fallback's.
    assert untranslated.evaluate("el => el.closest('[lang]').lang") == "sv"


def test_overview_prints_without_header_tools_navigation_and_footer(
    page, login, working_group_user
):
    login(working_group_user)
    open_page(page, "/segments/overview/")
    tables = page.locator("main table.overview")
    expect(tables).to_have_count(2)
    for name, selector in HIDDEN_IN_PRINT.items():  # on screen they are there
        assert page.locator(selector).evaluate(DISPLAY) != "none", f"{name} hidden on screen"

    page.emulate_media(media="print")
    hidden = {
        name: page.locator(selector).evaluate(DISPLAY) for name, selector in HIDDEN_IN_PRINT.items()
    }
    assert hidden == dict.fromkeys(HIDDEN_IN_PRINT, "none"), f"shown in print: {hidden}"
    for index in range(2):
        table = tables.nth(index)
        expect(table).to_be_visible()
        assert table.evaluate(DISPLAY) == "table"
