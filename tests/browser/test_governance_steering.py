"""The steering pages in the browser: axe-core finds no WCAG A/AA violation on the dashboard,
the annual clock (a full and an empty year), the plans with their forms (also with errors)
and the roadmap, in Finnish, Swedish and English; and the metric form works by keyboard.

The live server's database is emptied between these (transactional) tests, so each test
loads the demo steering content itself.
"""

from functools import partial

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.demo_steering import load_demo
from governance.models import Body, Metric, Plan, PlanningLevel

from . import helpers
from .helpers import LANGUAGES, open_page, submit_refused

pytestmark = pytest.mark.browser

YEAR = 2026
MAX_TABS = 60
tab_to = partial(helpers.tab_to, max_tabs=MAX_TABS)


@pytest.fixture
def demo(strategy_data, agency_user):
    """The demo clock and plans (the agency user's Person gives the portfolio plan)."""
    load_demo(year=YEAR)
    return Plan.objects.get(level=PlanningLevel.WHOLE_BASE, title__startswith="[Demo]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_steering_pages(page, audit, login, set_language, ministry_user, demo, language):
    login(ministry_user)
    set_language(language)
    pages = [
        ("dashboard", f"{reverse('governance:steering_dashboard')}?year={YEAR}"),
        ("clock", f"{reverse('governance:clock')}?year={YEAR}"),
        ("plan list", reverse("governance:plan_list")),
        ("plan detail", demo.get_absolute_url()),
        ("plan form", reverse("governance:plan_update", args=[demo.pk])),
        ("new plan form", reverse("governance:plan_create")),
        ("plan item form", reverse("governance:planitem_create", args=[demo.pk])),
        ("metric form", reverse("governance:metric_create", args=[demo.pk])),
        ("clock event form", reverse("governance:clockevent_create")),
        ("roadmap", reverse("governance:roadmap")),
    ]
    audit.check_pages(pages, language)

    open_page(page, f"{reverse('governance:clock')}?year={YEAR}")
    expect(page.locator("main svg.steering-clock g[data-event]")).to_have_count(11)
    expect(page.locator("main table.steering-months tbody tr")).to_have_count(12)

    # An empty year (filtered to a body with no events in the demo) and a bad filter.
    open_page(page, f"{reverse('governance:clock')}?year={YEAR}&level=customer&body=999999")
    expect(page.locator("main [role=alert]")).to_be_visible()
    audit.check("clock with a bad filter", language)

    open_page(page, reverse("governance:metric_create", args=[demo.pk]))
    form = page.locator("main form[method=post]")
    submit_refused(page, form, target="paljon", tolerance_percent="-1")
    audit.check("metric form with errors", language)

    open_page(page, reverse("governance:plan_create"))
    submit_refused(page, page.locator("main form[method=post]"))
    audit.check("plan form with errors", language)
    audit.assert_clean()


def test_steering_pages__agency_and_empty_year(page, audit, login, agency_user, demo):
    """Agency staff see the dashboard of their scope; the clock with no events (the demo's
    customer-level event is not the strategy group's, so this filter leaves none)."""
    login(agency_user)
    open_page(page, f"{reverse('governance:steering_dashboard')}?year=2099")
    audit.check("dashboard of a year without metrics", "fi")
    body = Body.objects.get(code="asiakkuusstrategiaryhma")
    open_page(page, f"{reverse('governance:clock')}?year=2099&level=customer&body={body.pk}")
    expect(page.locator("main svg.steering-clock g[data-event]")).to_have_count(0)
    expect(page.locator("main svg.steering-clock path[data-month]")).to_have_count(12)
    expect(page.locator("main svg.steering-clock")).to_contain_text("ei tapahtumia")
    audit.check("clock without events", "fi")
    open_page(page, reverse("governance:plan_list"))
    audit.check("plan list (agency)", "fi")
    audit.assert_clean()


def test_metric_form__by_keyboard(page, login, ministry_user, demo):
    """Fill in and send the metric form with the keyboard only: Tab between fields, arrow
    keys in the radio group, Enter on the button."""
    login(ministry_user)
    open_page(page, reverse("governance:metric_create", args=[demo.pk]))
    form = page.locator("main form[method=post]")
    tab_to(page, form.locator("input[name=name]"))
    page.keyboard.type("Näppäimistömittari")
    page.keyboard.press("Tab")
    page.keyboard.type("kpl")
    tab_to(page, form.locator("input[name=target]"))
    page.keyboard.type("1 000,5")
    page.keyboard.press("Tab")
    page.keyboard.type("900")
    tab_to(page, form.locator("input[name=higher_is_better]").first)
    page.keyboard.press("ArrowDown")  # "lower is better"
    expect(form.locator("input[name=higher_is_better]").nth(1)).to_be_checked()
    tab_to(page, form.locator("button[type=submit]"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(demo.get_absolute_url())
    metric = Metric.objects.get(plan=demo, name="Näppäimistömittari")
    assert str(metric.target) == "1000.50" and not metric.higher_is_better
    expect(page.locator("main")).to_contain_text("Näppäimistömittari")
