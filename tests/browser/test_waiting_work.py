"""The front page's waiting work and the preferences page with every kind of notification,
in the browser: axe-core finds no WCAG 2.1 A/AA violation in Finnish, Swedish and English;
the counts and links are there."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import Kind
from governance import roles
from offerings.models import Organisation
from responsibility.models import Handover
from tests.factories import CompanyFactory, handover_requested, lead_started

from .helpers import LANGUAGES, open_page

pytestmark = pytest.mark.browser


def _incoming_to_tekes(by):
    """Finnvera asks Tekes to take two customers; one request has waited 15 days."""
    finnvera = Organisation.objects.get(code="finnvera")
    tekes = Organisation.objects.get(code="tekes")
    handovers = []
    for _ in range(2):
        company = CompanyFactory(segment_code="kansainvalistyvat")
        lead_started(company, finnvera, by)
        handovers.append(
            handover_requested(company, by, from_organisation=finnvera, to_organisation=tekes)
        )
    Handover.objects.filter(pk=handovers[0].pk).update(
        requested_at=timezone.now() - timedelta(days=15)
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_front_page_waiting_work_and_preferences_with_every_kind(
    page, audit, login, set_language, agency_user, make_user, language
):
    tekes_user = make_user("tekes-selain", role=roles.AGENCY_CUSTOMER_STAFF, organisation="tekes")
    _incoming_to_tekes(agency_user)
    set_language(language)
    login(tekes_user)

    open_page(page, "/")
    waiting = page.locator("#waiting-work-heading + ul")
    assert waiting.locator("li").count() == 2
    first = waiting.locator("li").first
    assert first.locator("strong").inner_text() == "2"
    assert first.locator("a").get_attribute("href") == "/responsibility/handovers/"
    assert waiting.locator("li").nth(1).locator(".badge").is_visible()  # one overdue
    audit.check("front page with waiting work", language)

    open_page(page, "/notifications/preferences/")
    for kind in Kind.values:
        assert page.locator(f"input[name=kind_{kind}]").count() == 3, kind
    audit.check("notification preferences with every kind", language)
    audit.assert_clean()
