"""The notification centre, the notification preferences and the password pages in the
browser: axe-core finds no WCAG 2.1 A/AA violation, in Finnish, Swedish and English, on each
page as loaded, with form errors, and after a step (marked read, saved, link asked for)."""

import pytest
from django.utils import timezone

from core.notifications.models import Notification

from .helpers import LANGUAGES, open_page, submit

pytestmark = pytest.mark.browser


def _notifications(user):
    Notification.objects.bulk_create(
        Notification(
            user=user,
            kind="handover_requested",
            event_key=f"selain:{n}",
            title=f"Vastuun siirtopyyntö: Yritys {n} Oy",
            url="/responsibility/handovers/",
            read_at=timezone.now() if n % 2 else None,
        )
        for n in range(4)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_notification_centre_and_preferences(
    page, audit, login, set_language, agency_user, language
):
    set_language(language)
    _notifications(agency_user)
    login(agency_user)

    open_page(page, "/")
    audit.check("front page with unread notifications", language)
    open_page(page, "/notifications/")
    audit.check("notification centre", language)
    main = page.locator("main")
    assert main.locator(".notification--unread").count() == 2
    submit(page, main.locator("li.notification--unread form").first)
    assert main.locator(".notification--unread").count() == 1
    audit.check("notification centre after marking one read", language)
    submit(page, main.locator("form").first)  # mark all read
    assert main.locator(".notification--unread").count() == 0
    audit.check("notification centre, all read", language)

    open_page(page, "/notifications/preferences/")
    audit.check("notification preferences", language)
    page.locator("input[name=kind_handover_accepted][value=digest]").check()
    submit(page, main.locator("form"))
    audit.check("notification preferences saved", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_password_pages(page, audit, login, set_language, agency_user, language):
    set_language(language)
    open_page(page, "/accounts/password_reset/")
    audit.check("password reset request", language)
    page.locator("input[name=email]").fill("ei-osoite")
    submit(page, page.locator("main form"))
    assert page.locator("main [role=alert]").is_visible()
    audit.check("password reset request with errors", language)
    page.locator("input[name=email]").fill("virkailija@example.fi")
    submit(page, page.locator("main form"))
    audit.check("password reset requested", language)
    open_page(page, "/accounts/reset/MQ/vanhentunut-linkki/")
    audit.check("password reset with an invalid link", language)

    login(agency_user)
    open_page(page, "/accounts/password_change/")
    audit.check("password change", language)
    submit(page, page.locator("main form"))
    assert page.locator("main [role=alert]").is_visible()
    audit.check("password change with errors", language)
    audit.assert_clean()
