"""What the browser tests share: axe-core's audit of a page, opening and submitting pages, and
moving the keyboard focus (the `audit` fixture in conftest.py builds an Audit per test)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

LANGUAGES = ["fi", "sv", "en"]
WCAG_A_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  return {boxShadow: s.boxShadow, outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
          outlineColor: s.outlineColor};
}"""


# Two animation frames: the page's ResizeObserver callbacks (which give a table's scroll region
# its tab stop once it overflows, static/js/page.js) run after the layout of the frame that
# follows a resize, so axe-core must not look at the page before the second frame.
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def settle(page):
    """Wait until the layout after the last change (a viewport resized) has been observed."""
    page.evaluate(SETTLE)


def format_violations(violations):
    """One line per rule (id, impact, help) and one per offending element (its selector)."""
    lines = []
    for violation in violations:
        lines.append(
            f"  - {violation['id']} [{violation['impact']}]: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      {target}\n        {summary}")
    return "\n".join(lines)


class Audit:
    """Runs axe-core on each page state and collects what it finds, to report all at once."""

    def __init__(self, page):
        self.page = page
        self.axe = Axe()
        self.failures = []

    def check(self, what, language):
        """The page is in the chosen language and axe-core finds no WCAG A/AA violation."""
        where = f"{what} ({language}, {self.page.url})"
        lang = self.page.locator("html").get_attribute("lang")
        if lang != language:
            self.failures.append(f"{where}: <html lang={lang!r}>, expected {language!r}")
        settle(self.page)
        violations = self.axe.run(self.page, options=WCAG_A_AA).response["violations"]
        if violations:
            self.failures.append(
                f"{where}: axe-core found {len(violations)} WCAG A/AA violation(s):\n"
                + format_violations(violations)
            )

    def check_pages(self, pages, language):
        """Opens each page in turn (what it is, its path) and checks it."""
        for what, path in pages:
            open_page(self.page, path)
            self.check(what, language)

    def assert_clean(self):
        if self.failures:
            pytest.fail("\n\n".join(self.failures), pytrace=False)


def open_page(page, path, *, status=200):
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"


def submit(page, form):
    """Submit a form as it is filled and wait for the page that answers."""
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").first.click()
    assert navigation.value.status == 200, page.url


def submit_refused(page, form, **values):
    """Fill in the form's fields (by name), submit it, and find the errors pointed out."""
    for name, value in values.items():
        form.locator(f"[name={name}]").fill(value)
    submit(page, form)
    expect(page.locator("main [role=alert]")).to_be_visible()


def search_for_nothing(page, search, text):
    """The search form filled with text that matches nothing and submitted: the table keeps
    only its "nothing found" row."""
    search.locator("input[name=q]").fill(text)
    submit(page, search)
    expect(page.locator("main table tbody td")).to_have_count(1)


def open_with_a_bad_filter(page, search, path):
    """A hand-edited address with a bad filter: the search form points the one error out."""
    open_page(page, path)
    expect(search.locator("[role=alert]")).to_be_visible()
    expect(search.locator(".errorlist")).to_have_count(1)


def is_transparent(color):
    """Computed colours read "rgb(r, g, b)", or "rgba(r, g, b, a)" when not opaque."""
    if color == "transparent":
        return True
    return color.startswith("rgba(") and float(color[5:-1].split(",")[-1]) == 0


def shows_focus(style):
    """A focus ring: a box-shadow, or an outline that has a width and a colour."""
    outline = (
        style["outlineStyle"] != "none"
        and style["outlineWidth"] not in {"0px", ""}
        and not is_transparent(style["outlineColor"])
    )
    return style["boxShadow"] != "none" or outline


def is_focused(locator):
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, *, max_tabs):
    """Press Tab until the locator has focus, at most `max_tabs` times, and check that it
    shows a focus indicator."""
    seen = []
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if is_focused(locator):
            style = locator.evaluate(FOCUS_STYLE)
            assert shows_focus(style), f"no visible focus on {locator}: {style}"
            return
        seen.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    pytest.fail(f"{max_tabs} presses of Tab did not reach {locator}; focus went: {seen[-10:]}")
