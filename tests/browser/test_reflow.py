"""Reflow and small screens (WCAG 1.4.10): no page scrolls sideways at 320 px, for any role
and in any language; wide tables scroll in named regions that are tab stops only while they
scroll; the main menu folds behind a button, and at 320 px the header's language switcher
and user menu fold with it; the admin has no axe violations; and a form's error summary
takes the focus and links to each field.

The whole app is walked as a user who sees every page (the demo data of `make run` on a few
companies, a year's re-segmentation applied): one page per view, reached by following the
links, so that a page added later is measured too. Then each demo role opens the pages of
that walk it may open.
"""

from collections import deque
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import expect

from governance import demo_regional, demo_steering, demo_structure, roles
from governance.demo import DEMO_USERS, create_demo_users
from offerings.demo import load_demo_services
from responsibility.demo import load_demo_responsibility
from segments import resegmentation, synthetic
from segments.models import AttributeValue, Segment

from .helpers import LANGUAGES, is_focused, open_page, tab_to

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1366, "height": 900}
# Views not walked: files and redirects rather than pages, the sign-out, and the API.
NOT_PAGES = {
    "logout",
    "set_language",
    "healthz",
    "segments:company_export",
    "segments:run_status",
    "segments:strategy_overview_xlsx",
    "segments:strategy_overview_csv",
    "responsibility:access_log_csv",
    "responsibility:access_log_xlsx",
    "offerings:service_export",
    "offerings:offering_matrix_export",
    "governance:strategy_document_pdf",
    "governance:strategy_document_docx",
    "governance:strategy_version_pdf",
    "governance:strategy_version_docx",
    "governance:strategy_version_public_pdf",
}
# The pages the issue measured too wide, which the walk must reach.
MEASURED_BY_THE_ISSUE = {
    "segments:company_list",
    "offerings:offering_matrix",
    "segments:run_detail",
    "segments:segment_dynamics",
    "segments:segment_history",
}
MAX_PAGES = 150
# The pages the roles walk in Swedish and English as well as in Finnish: those with the
# widest tables and figures and the longest words (see the role walk's docstring).
IN_EVERY_LANGUAGE = MEASURED_BY_THE_ISSUE | {
    "home",
    "segments:segment_detail",
    "responsibility:coverage",
    "responsibility:portfolio",
    "governance:body_list",
    "governance:regionaltask_list",
    "governance:steering_dashboard",
    "governance:translation_queue",
}
# One demo user of each role (governance.demo): the roles' walks.
ROLE_USERNAMES = {
    role: next(username for username, user_role, *_rest in DEMO_USERS if user_role == role)
    for role in roles.ROLES
}
# Each table's scroll region: whether it scrolls, its role, tabindex and whether it has a name.
TABLE_REGIONS = """() => [...document.querySelectorAll('main table')].map(table => {
  const region = table.closest('.table-scroll');
  if (!region) return {region: false};
  const label = document.getElementById(region.getAttribute('aria-labelledby'));
  return {region: true, role: region.getAttribute('role'), tabindex: region.getAttribute('tabindex'),
          named: Boolean(label && label.textContent.trim()),
          scrolls: region.scrollWidth > region.clientWidth + 1
                   || region.scrollHeight > region.clientHeight + 1};
})"""
SCROLLING_REGION = {
    "region": True,
    "role": "region",
    "tabindex": "0",
    "named": True,
    "scrolls": True,
}
WIDTH = "document.documentElement.scrollWidth"
# The document scrolls sideways: wider than its window.
SCROLLS_SIDEWAYS = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
# What sticks out at the right edge of the window, outside the tables' scroll regions.
OVERFLOWING = """(width) => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > width + 1)
  .filter(el => !(el.parentElement && el.parentElement.closest('.table-scroll, .figure-scroll')))
  .slice(-3).map(el => el.tagName.toLowerCase() + '.' + el.className)"""


@pytest.fixture
def demo_site(strategy_data, access_log_purged_after):
    """The demo of `make run` on 80 companies, and a year's re-segmentation applied (the
    run's matrix and the dynamics page have rows). Returns the superuser "admin"."""
    synthetic.companies_generate(count=80, seed=2008)
    synthetic.demo_rules_apply()
    create_demo_users(password="demo")
    load_demo_services()
    load_demo_responsibility()
    demo_structure.load_demo()
    demo_regional.load_demo()
    demo_steering.load_demo()
    admin = User.objects.get(username="admin")
    year = AttributeValue.objects.order_by("-year").values_list("year", flat=True).first()
    run = resegmentation.run_preview(resegmentation.run_start(year=year, by=admin))
    resegmentation.run_request_apply(run, by=admin)
    resegmentation.run_apply(run, by=admin)
    return admin


def view_name(path):
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def links_to_walk(page):
    """The app's pages this page links to (same site, not the admin, the API or a file)."""
    paths = []
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
        url = urlsplit(href)
        if url.netloc != urlsplit(page.url).netloc or url.path.startswith(("/admin", "/api")):
            continue
        paths.append(url.path + (f"?{url.query}" if url.query else ""))
    return paths


def walk_the_app(page, check):
    """Open one page of each view reachable from the front page and `check` it; returns the
    path of the page opened for each view (by the view's name)."""
    seen, queue = {}, deque(["/"])
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        name = view_name(path)
        if name is None or name in seen or name in NOT_PAGES:
            continue
        seen[name] = path
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        assert response.status == 200, f"{path}: HTTP {response.status}"
        check(name, path)
        queue.extend(links_to_walk(page))
    return seen


def table_region_faults(page, path):
    """A table outside a scroll region; a region that scrolls but is not a named region with
    tabindex 0 (axe's scrollable-region-focusable and region names need both); a region that
    fits yet is a tab stop (js/page.js takes the tab stop away)."""
    faults = []
    for region in page.evaluate(TABLE_REGIONS):
        if not region["region"]:
            faults.append(f"{path}: a table outside a .table-scroll region")
        elif region["scrolls"] and region != SCROLLING_REGION:
            faults.append(f"{path}: scrolls but is not a named, focusable region: {region}")
        elif not region["scrolls"] and (region["tabindex"], region["role"]) != (None, None):
            faults.append(f"{path}: fits yet is a tab stop or a region: {region}")
    return faults


def role_context(browser, live_server, user, **options):
    """A browser context at 320 px with the user signed in (a session made by the client)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url, viewport=NARROW, locale="fi-FI", **options
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context


def walk_as_role(context, live_server, pages):
    """Open the pages (view name, path) in this context in Finnish, and those of
    IN_EVERY_LANGUAGE in Swedish and English too; return the pages that scroll sideways,
    the pages refused (403, or 404 for an object the role may not see) and the number of
    pages measured."""
    page = context.new_page()
    open_page(page, "/")
    expect(page.locator(".user-menu strong")).to_be_attached()  # signed in, not sent to sign in
    too_wide, refused, measured = [], set(), 0
    for language in ("fi", "sv", "en"):
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        for name, path in pages.items():
            if name in refused or (language != "fi" and name not in IN_EVERY_LANGUAGE):
                continue
            response = page.goto(path)
            if response.status in (403, 404):  # not the role's, or an object it may not see
                refused.add(name)
                continue
            assert response.status == 200, f"{path} ({language}): HTTP {response.status}"
            assert page.locator("html").get_attribute("lang") == language, path
            measured += 1
            if page.evaluate(SCROLLS_SIDEWAYS):
                too_wide.append(
                    f"{path} ({name}, {language}): {page.evaluate(WIDTH)} px,"
                    f" {page.evaluate(OVERFLOWING, NARROW['width'])}"
                )
    return too_wide, refused, measured


def test_every_page__fits_320_px_for_each_role_and_language_and_its_tables_scroll_in_named_regions(
    browser, live_server, page, audit, login, demo_site
):
    """First the superuser walks the app in Finnish: no page is wider than 320 px, each
    table is in a scroll region that is a named, focusable region while it scrolls, and
    axe-core finds no WCAG A/AA violation on any page at 320 px.

    Then one demo user of each role (ministry staff, working group member, regional
    coordinator, agency customer staff, translator) opens the pages of that walk in a browser
    context of its own at 320 px, skipping those it is refused (403; 404 for an object hidden
    from it, such as another organisation's plan): no document scrolls
    sideways. Every page is opened in Finnish; to keep the test near a minute, Swedish and
    English are measured on a representative subset (IN_EVERY_LANGUAGE: the pages the issue
    measured too wide, the front page, the segment page, the coverage and portfolio, the
    governance lists and the translation queue), where the longest words and the widest
    tables and figures are. The walks share one demo's setup, which costs more than a walk.
    """
    login(demo_site)
    page.set_viewport_size(NARROW)
    too_wide, unnamed = [], []

    def check(name, path):
        width = page.evaluate(WIDTH)
        if width > NARROW["width"]:
            too_wide.append(f"{path} ({name}): {width} px, {page.evaluate(OVERFLOWING, 320)}")
        unnamed.extend(table_region_faults(page, path))
        audit.check(f"{path} ({name}) at 320 px", "fi")

    walked = walk_the_app(page, check)
    audit.assert_clean()

    assert not too_wide, "wider than 320 px:\n" + "\n".join(too_wide)
    assert not unnamed, "tables' scroll regions:\n" + "\n".join(unnamed)
    assert set(walked) >= MEASURED_BY_THE_ISSUE, MEASURED_BY_THE_ISSUE - set(walked)
    assert len(walked) > 40, f"the walk reached only {sorted(walked)}"

    for role, username in ROLE_USERNAMES.items():
        context = role_context(browser, live_server, User.objects.get(username=username))
        try:
            too_wide, refused, measured = walk_as_role(context, live_server, walked)
        finally:
            context.close()
        assert not too_wide, f"{role}: wider than 320 px:\n" + "\n".join(too_wide)
        assert measured > len(IN_EVERY_LANGUAGE), (
            f"{role} opened only {measured} pages, refused {sorted(refused)}"
        )


def test_matrices_fit_and_sankey_labels_are_whole_at_1366_px(page, login, demo_site):
    login(demo_site)
    page.set_viewport_size(WIDE)
    run = resegmentation.ResegmentationRun.objects.get()
    for path in [run.get_absolute_url(), reverse("segments:segment_dynamics")]:
        open_page(page, path)
        region = page.locator("main .table-scroll:has(table.matrix)")
        sizes = region.evaluate("el => [el.clientWidth, el.scrollWidth]")
        assert sizes[1] <= sizes[0], f"{path}: the matrix is cut at 1366 px {sizes}"

    # The dynamics page is open: its Sankey's labels are whole names, inside the picture.
    svg = page.locator("main svg.sankey")
    labels = svg.locator("text").evaluate_all(
        "els => els.map(e => [...e.querySelectorAll('tspan')].map(t => t.textContent).join(' '))"
    )
    names = set(Segment.objects.values_list("name", flat=True))
    assert labels, "no labels"
    for label in labels:
        name, _count = label.rsplit(" (", 1)
        assert name in names, f"{label!r} is not a whole segment name"
    inside = svg.evaluate(
        """svg => { const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll('text')].every(t => { const r = t.getBoundingClientRect();
            return r.left >= box.left - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1; }); }"""
    )
    assert inside, "a label of the picture is cut at its edge"


# --- Tables' scroll regions ------------------------------------------------------------------


def test_table_region__is_a_tab_stop_only_while_it_scrolls(
    browser, live_server, page, login, demo_site
):
    """The company list's table fits a wide window: its region is no tab stop and no
    landmark there; at 320 px it scrolls and becomes a named region with tabindex 0 that Tab
    reaches; wide again, it is neither. Without JavaScript it is a tab stop at every width."""
    login(demo_site)
    path = reverse("segments:company_list")
    region = page.locator("main .table-scroll").first
    page.set_viewport_size(WIDE)
    open_page(page, path)
    assert not region.evaluate("el => el.scrollWidth > el.clientWidth")
    expect(region).not_to_have_attribute("tabindex", "0")
    expect(region).not_to_have_attribute("role", "region")

    page.set_viewport_size(NARROW)
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    label = page.locator("#" + region.get_attribute("aria-labelledby")).inner_text()
    expect(page.get_by_role("region", name=label.strip())).to_have_count(1)
    page.locator("main h1").click()
    tab_to(page, region, max_tabs=40)

    page.set_viewport_size(WIDE)  # the focused region keeps its tab stop while it has focus
    expect(region).to_have_attribute("tabindex", "0")
    page.locator("main h1").click()
    expect(region).not_to_have_attribute("tabindex", "0")
    expect(region).not_to_have_attribute("role", "region")

    context = role_context(browser, live_server, demo_site, java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.set_viewport_size(WIDE)
        open_page(plain, path)
        plain_region = plain.locator("main .table-scroll").first
        expect(plain_region).to_have_attribute("tabindex", "0")
        expect(plain_region).to_have_attribute("role", "region")
    finally:
        context.close()


# --- The main menu --------------------------------------------------------------------------


def test_main_menu__folds_at_320_px_and_opens_and_closes_by_keyboard(page, login, ministry_user):
    login(ministry_user)
    page.set_viewport_size(NARROW)
    open_page(page, "/")
    button = page.locator(".main-nav__toggle")
    links = page.locator("#main-nav-links")
    expect(links).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    assert button.get_attribute("aria-controls") == "main-nav-panel"
    nav_height = page.locator(".main-nav").bounding_box()["height"]
    assert nav_height < 80, f"the folded menu takes {nav_height} px"

    tab_to(page, button, max_tabs=15)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(links).to_be_visible()
    page.keyboard.press("Tab")
    assert is_focused(links.locator("a").first)
    assert page.evaluate(WIDTH) <= NARROW["width"]

    page.keyboard.press("Escape")
    expect(links).to_be_hidden()
    assert is_focused(button)
    page.keyboard.press("Space")
    expect(links).to_be_visible()

    page.set_viewport_size(WIDE)  # a wide window shows every link and no button
    open_page(page, "/")
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    expect(page.locator("#main-nav-links a").last).to_be_visible()


# --- The header ------------------------------------------------------------------------------


def test_header__at_320_px_is_the_brand_alone_and_the_menu_holds_the_languages_and_sign_out(
    page, login, ministry_user
):
    """The language switcher and the user menu move into the main menu's fold: the header
    is at most 80 px tall, the folded menu under it one button, and by keyboard the menu
    opens, reaches "På svenska" and the sign-out, and closes with Escape."""
    login(ministry_user)
    page.set_viewport_size(NARROW)
    open_page(page, "/")
    header = page.locator(".site-header").bounding_box()["height"]
    assert header <= 80, f"the header takes {header} px at 320 px"
    above_content = page.locator("main").bounding_box()["y"]
    assert above_content <= 260, f"the content starts {above_content} px down"
    button = page.locator(".main-nav__toggle")
    swedish = page.get_by_role("button", name="På svenska")
    sign_out = page.get_by_role("button", name="Kirjaudu ulos")
    expect(swedish).to_be_hidden()
    expect(sign_out).to_be_hidden()
    assert page.locator(".site-header .header-tools").count() == 0

    tab_to(page, button, max_tabs=5)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    tab_to(page, swedish, max_tabs=20)
    tab_to(page, sign_out, max_tabs=8)
    assert page.evaluate(WIDTH) <= NARROW["width"]
    page.keyboard.press("Escape")
    expect(sign_out).to_be_hidden()
    assert is_focused(button)

    # The switcher works from the menu: Swedish chosen by keyboard.
    page.keyboard.press("Enter")
    tab_to(page, swedish, max_tabs=20)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("button", name="Logga ut")).to_be_hidden()

    page.set_viewport_size(WIDE)  # a wide window: the header holds them again, in view
    expect(page.locator(".site-header .header-tools")).to_have_count(1)
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    expect(page.get_by_role("button", name="Suomeksi")).to_be_visible()
    page.set_viewport_size(NARROW)  # and back
    expect(page.locator(".site-header .header-tools")).to_have_count(0)


def test_main_menu__stays_open_without_javascript(browser, live_server, ministry_user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(ministry_user)
    context = browser.new_context(
        base_url=live_server.url, viewport=NARROW, java_script_enabled=False
    )
    try:
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        open_page(page, "/")
        expect(page.locator(".main-nav__toggle")).to_be_hidden()
        expect(page.locator("#main-nav-links a").first).to_be_visible()
        # The header keeps the language switcher and the sign-out in view.
        expect(
            page.locator(".site-header").get_by_role("button", name="På svenska")
        ).to_be_visible()
        expect(
            page.locator(".site-header").get_by_role("button", name="Kirjaudu ulos")
        ).to_be_visible()
        assert page.evaluate(WIDTH) <= NARROW["width"]
    finally:
        context.close()


# --- axe-core at both widths, the admin included --------------------------------------------


def reflow_pages(admin):
    run = resegmentation.ResegmentationRun.objects.get()
    segment = Segment.objects.get(code="perustajat")
    return [
        ("front page", "/"),
        ("company list", reverse("segments:company_list")),
        ("offering matrix", reverse("offerings:offering_matrix")),
        ("run", run.get_absolute_url()),
        ("dynamics", reverse("segments:segment_dynamics")),
        ("segment history", reverse("segments:segment_history", args=[segment.code])),
        ("coverage", reverse("responsibility:coverage")),
        ("admin index", reverse("admin:index")),
        ("admin segment list", reverse("admin:segments_segment_changelist")),
        ("admin segment (inlines)", reverse("admin:segments_segment_change", args=[segment.pk])),
        ("admin new body (autocomplete, filter)", reverse("admin:governance_body_add")),
        ("admin new agenda item (autocomplete)", reverse("admin:governance_agendaitem_add")),
        ("admin user (date and time)", reverse("admin:auth_user_change", args=[admin.pk])),
        ("admin company search", reverse("admin:segments_company_changelist") + "?q=Oy"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_changed_pages_and_the_admin__no_axe_violations_at_1366_and_320_px(
    page, audit, login, set_language, demo_site, language
):
    login(demo_site)
    set_language(language)
    pages = reflow_pages(demo_site)
    for viewport in (WIDE, NARROW):
        page.set_viewport_size(viewport)
        for what, path in pages:
            open_page(page, path)
            audit.check(f"{what} at {viewport['width']} px", language)
    open_page(page, "/")
    page.locator(".main-nav__toggle").click()
    audit.check("front page with the menu open at 320 px", language)
    audit.assert_clean()


# --- The error summary ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_summary__takes_the_focus_and_links_to_each_field(page, set_language, db, language):
    set_language(language)
    open_page(page, "/accounts/login/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    summary = page.locator("main .error-summary")
    expect(summary).to_be_focused()
    links = summary.locator(".error-links a")
    expect(links).to_have_count(2)
    for link in links.all():
        target = link.get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1, target

    links.last.click()
    expect(page.locator(links.last.get_attribute("href"))).to_be_focused()
