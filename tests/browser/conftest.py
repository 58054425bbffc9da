"""Browser harness: Debian's Chromium driven by Playwright against pytest-django's live server.

One headless browser per test session, a fresh context (cookies, storage) per test. Nothing
is downloaded: the tests use the system Chromium (`apt-get install chromium`) and, where it
is missing, are skipped – or, under CI=true, fail so that a broken CI image is noticed.
"""

import os
import shutil

# The Playwright sync API runs an asyncio event loop in this thread; Django would otherwise
# refuse the database queries the fixtures make while that loop is running.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
# Playwright's own default is 30 s; a local page that takes more than this is broken.
TIMEOUT_MS = 10_000


def chromium_path():
    """The system Chromium, or None when it is not installed."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def _browser_unavailable(reason):
    """Skip the browser tests, except on CI where a missing browser is a broken image."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"Browser tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(f"Browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    executable = chromium_path()
    if executable is None:
        _browser_unavailable(
            f"Chromium was not found at {CHROMIUM} or on PATH. "
            "Install Debian's Chromium with `apt-get install chromium`."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        _browser_unavailable("the playwright package is missing; run `make install`.")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser context per test; CSP is bypassed so that axe-core can be injected."""
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        viewport={"width": 1280, "height": 900},
        locale="fi-FI",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def audit(page):
    """axe-core's findings on the page's states, reported together (helpers.Audit)."""
    from .helpers import Audit

    return Audit(page)


@pytest.fixture
def set_language(context, live_server):
    """Choose the interface language the way the language switcher does: by its cookie."""

    def choose(language):
        assert language in dict(settings.LANGUAGES), language
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )

    return choose


@pytest.fixture
def login(context, live_server):
    """Log a user in by giving the browser a session made with the test client (no form)."""

    def log_in(user):
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.value,
                    "url": live_server.url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )
        return user

    return log_in
