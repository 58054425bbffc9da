"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page, in each of the three languages.

A test checks the states of one page (as loaded, with form errors, after sending) or the
pages one user sees, in one browser context: a fresh context costs more than the page
itself. Every state is checked even when an earlier one fails, and the failure message
names each page and state with the rules and elements axe-core reported.

Automatic checks find only part of the problems (the accessibility statement says so); the
keyboard paths are in test_keyboard.py.
"""

import pytest

from .helpers import LANGUAGES, open_page

pytestmark = pytest.mark.browser

# The four roles, and a user whom nobody has given a role yet (fixtures in tests/conftest.py).
FRONT_PAGE_USERS = [
    "ministry_user",
    "working_group_user",
    "coordinator_user",
    "agency_user",
    "no_role_user",
]


def submit_main_form(page):
    """Submit the form in <main> as it is and wait for the page that answers."""
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    assert navigation.value.status == 200, page.url


# --- Anonymous pages ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_page(page, audit, set_language, language):
    set_language(language)
    open_page(page, "/accounts/login/")
    audit.check("login page", language)

    submit_main_form(page)  # empty: both fields are required
    assert page.locator("main [role=alert]").is_visible(), "no error summary"
    assert page.locator("main .errorlist").count() == 2
    audit.check("login page with form errors", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_statement(page, audit, set_language, language):
    set_language(language)
    open_page(page, "/accessibility/")
    audit.check("accessibility statement", language)

    submit_main_form(page)  # empty: the feedback itself is required
    assert page.locator("main [role=alert]").is_visible(), "no error summary"
    audit.check("accessibility statement with form errors", language)

    page.locator("main form textarea").fill("Kontrasti on liian heikko.")
    submit_main_form(page)
    assert page.locator("main [role=status] .message--success").is_visible()
    audit.check("accessibility statement after feedback was sent", language)
    audit.assert_clean()


# --- Logged-in pages ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_front_page_for_each_role(request, page, audit, login, set_language, language):
    set_language(language)
    for fixture in FRONT_PAGE_USERS:
        user = login(request.getfixturevalue(fixture))
        open_page(page, "/")
        shown = user.get_full_name() or user.get_username()  # as the user menu shows it
        assert page.locator(".user-menu strong").inner_text() == shown, "not logged in"
        audit.check(f"front page for {fixture} ({user.get_username()})", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_list_and_details(page, audit, login, set_language, ministry_user, language):
    """Ministry staff see the most: the admin link and the edit and history links."""
    login(ministry_user)
    set_language(language)
    open_page(page, "/organisations/")
    audit.check("organisation list", language)
    for code in ["tem", "te-varsinais-suomi"]:
        open_page(page, f"/organisations/{code}/")
        audit.check(f"organisation {code}", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages(page, audit, login, set_language, no_role_user, language):
    """A logged-in user meets the 404 page; one without a role the 403 page."""
    login(no_role_user)
    set_language(language)
    open_page(page, "/ei-tallaista-sivua/", status=404)
    audit.check("404 page", language)
    open_page(page, "/organisations/", status=403)
    audit.check("403 page", language)
    audit.assert_clean()


def test_admin_index(page, audit, login, ministry_user):
    """Django's own admin, which ministry staff use; it follows the interface language."""
    login(ministry_user)
    open_page(page, "/admin/")
    assert page.locator("#site-name").is_visible()
    audit.check("admin index", "fi")
    audit.assert_clean()
