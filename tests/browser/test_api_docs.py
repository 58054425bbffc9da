"""The integration API's interactive docs (/api/v1/docs/) in a real browser, with the
site's Content-Security-Policy enforced (the other browser tests bypass it for axe)."""

from urllib.parse import urlsplit

import pytest

from .conftest import TIMEOUT_MS
from .helpers import open_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs__swagger_ui_renders_from_our_own_files_without_csp_violations(
    browser, live_server
):
    context = browser.new_context(base_url=live_server.url, bypass_csp=False)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    violations, errors, hosts = [], [], set()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => (window.__violations = window.__violations || []).push("
        "e.violatedDirective + ' ' + e.blockedURI));"
    )
    try:
        response = page.goto("/api/v1/docs/")
        assert response.status == 200
        # Swagger UI has fetched the document and drawn an operation of each list.
        for path in ("/api/v1/segments/", "/api/v1/organisations/", "/api/v1/services/"):
            page.locator(".opblock-summary-path", has_text=path).first.wait_for()
        violations = page.evaluate("window.__violations || []")
    finally:
        context.close()
    assert violations == []
    assert [error for error in errors if "Content Security Policy" in error] == []
    assert hosts == {urlsplit(live_server.url).netloc}


def test_api_docs__no_accessibility_violations_as_a_developer_uses_it(page, audit):
    """axe-core on the docs as a portal developer uses them: the operations listed, one
    opened, and one tried out with its response shown. Swagger UI's own colours, unlabelled
    parameter fields and unfocusable code boxes are fixed by static/api/swagger_ui.css and
    swagger_ui_labels.js; deep links are off (they nest a link in the operation's button)."""
    open_page(page, "/api/v1/docs/")
    page.locator(".opblock-summary-path").first.wait_for()
    audit.check("API docs: the operations", "fi")
    page.locator(".opblock-summary-control").first.click()
    page.locator(".opblock-body").first.wait_for()
    audit.check("API docs: an operation opened", "fi")
    page.locator(".try-out__btn").first.click()
    page.locator(".execute").first.click()
    page.locator(".responses-wrapper .live-responses-table").first.wait_for()
    audit.check("API docs: an operation tried out", "fi")
    audit.assert_clean()
