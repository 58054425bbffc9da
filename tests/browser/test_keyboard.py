"""Keyboard only: the skip link, the language switcher and a visible focus indicator."""

import pytest
from playwright.sync_api import expect

from .helpers import FOCUS_STYLE, shows_focus

pytestmark = pytest.mark.browser

LANGUAGE_BUTTONS = ["Suomeksi", "På svenska", "In English"]
# Presses of Tab (or Shift+Tab) allowed to reach an element in the header.
MAX_TABS = 10

ACTIVE_ELEMENT = """() => {
  const el = document.activeElement;
  return {tag: el.tagName, id: el.id, text: el.innerText.trim(), className: el.className};
}"""


def active_element(page):
    return page.evaluate(ACTIVE_ELEMENT)


def assert_visible_focus(locator, unfocused_style):
    """The focused element has a focus ring, and it differs from how it looks unfocused."""
    focused_style = locator.evaluate(FOCUS_STYLE)
    assert shows_focus(focused_style), f"no visible focus indicator: {focused_style}"
    assert focused_style != unfocused_style, (
        f"focus changes nothing visible: {focused_style} both with and without focus"
    )


def tab_to(page, name, *, key="Tab"):
    """Press Tab (or Shift+Tab) until the element with this text (or class) has focus."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        active = active_element(page)
        seen.append(active["text"] or f"<{active['tag'].lower()} id={active['id']!r}>")
        if name in (active["text"], active["className"]):
            return seen
    pytest.fail(f"{MAX_TABS} presses of {key} did not reach {name!r}; focus went: {seen}")


@pytest.fixture(params=["anonymous", "logged_in"])
def start_page(request, page, login):
    """A public page for a visitor, the front page for a logged-in user (it has more links).

    Not the login page: Django autofocuses its username field (see the test at the end).
    """
    if request.param == "logged_in":
        login(request.getfixturevalue("working_group_user"))
        page.goto("/")
    else:
        page.goto("/accessibility/")
    return page


def test_first_tab_focuses_the_skip_link_and_enter_moves_to_main(start_page):
    page = start_page
    skip_link = page.locator("a.skip-link")
    unfocused_style = skip_link.evaluate(FOCUS_STYLE)
    assert not skip_link.is_visible() or skip_link.bounding_box()["y"] < 0, "shown before focus"

    page.keyboard.press("Tab")
    active = active_element(page)
    assert active["className"] == "skip-link", f"first Tab focused {active}"
    assert active["text"] == "Siirry pääsisältöön"
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is off screen"
    assert_visible_focus(skip_link, unfocused_style)

    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    active = active_element(page)
    assert (active["tag"], active["id"]) == ("MAIN", "main"), f"focus went to {active}"
    assert page.evaluate("document.activeElement === document.querySelector('main#main')")


def test_tab_reaches_the_language_buttons_and_enter_switches_to_swedish(start_page):
    page = start_page
    path = page.url
    swedish = page.get_by_role("button", name="På svenska")
    unfocused_style = swedish.evaluate(FOCUS_STYLE)

    seen = []
    for name in LANGUAGE_BUTTONS[:2]:
        seen += tab_to(page, name)
    assert seen[0] == "Siirry pääsisältöön", f"focus went: {seen}"
    assert seen[-2:] == LANGUAGE_BUTTONS[:2], f"focus went: {seen}"
    assert_visible_focus(swedish, unfocused_style)

    page.keyboard.press("Tab")
    assert active_element(page)["text"] == "In English"
    page.keyboard.press("Shift+Tab")
    assert active_element(page)["text"] == "På svenska"

    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert page.url == path, "the language switch should return to the same page"
    expect(page.get_by_role("button", name="På svenska")).to_have_attribute("aria-current", "true")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies.get("kieli") == "sv"


def test_login_page__focus_starts_in_the_form_and_the_switcher_is_reachable(page):
    """Django's login form autofocuses the username field, so Tab does not start at the top;
    Shift+Tab still reaches the language switcher and the skip link, and the language can
    be changed before logging in."""
    page.goto("/accounts/login/")
    assert active_element(page)["id"] == "id_username"

    seen = tab_to(page, "skip-link", key="Shift+Tab")
    buttons = [text for text in seen if text in LANGUAGE_BUTTONS]
    assert buttons == LANGUAGE_BUTTONS[::-1], f"focus went: {seen}"

    tab_to(page, "På svenska")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert page.url.endswith("/accounts/login/")
