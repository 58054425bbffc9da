"""The regional pages in the browser (6.3): axe-core on the task log, a task, the task form
(empty, with errors, editing), the message form, the inboxes, a message with its step
forms and path, and the overview, in every language; and the task form and the answer
form used by keyboard alone.

As in test_accessibility.py, a test checks several pages (or states of a page) in one
browser context and reports every failing one at once.
"""

from functools import partial

import pytest
from playwright.sync_api import expect

from governance.models import RegionalTask
from governance.services import regional as services
from segments.models import Segment
from tests.factories import DAY, log_task, needs_message, seat

from . import helpers
from .helpers import LANGUAGES, open_page, submit, submit_refused

pytestmark = pytest.mark.browser

MAX_TABS = 150
tab_to = partial(helpers.tab_to, max_tabs=MAX_TABS)


@pytest.fixture
def group_a_member(working_group_user):
    seat(working_group_user, "tyoryhma-a")
    return working_group_user


@pytest.fixture
def task(coordinator_user):
    return log_task(
        coordinator_user,
        segments=("perustajat", "paikalliset"),
        outcome="Rahoitusneuvonnan tarve kasvanut.",
        follow_up_on=DAY,
    )


@pytest.fixture
def message(task, coordinator_user):
    return needs_message(task, coordinator_user)


@pytest.mark.parametrize("language", LANGUAGES)
def test_regional_pages(
    page, audit, login, set_language, coordinator_user, group_a_member, message, language
):
    """The coordinator's pages, then the working group member's, in one language."""
    set_language(language)
    login(coordinator_user)
    open_page(page, "/governance/regional/")
    expect(page.locator("main table.task-table tbody tr")).to_have_count(1)
    expect(page.locator("main .overdue")).to_have_count(1)  # the follow-up was in 2026-03
    audit.check("task log", language)
    open_page(page, "/governance/regional/?region=abc&month=13")
    expect(page.locator("main [role=alert]")).to_be_visible()
    audit.check("task log with bad filters", language)
    open_page(page, message.task.get_absolute_url())
    audit.check("task", language)
    open_page(page, "/governance/regional/new/")
    audit.check("task form", language)
    submit_refused(page, page.locator("main form.task-form"), description="", date="31.2.2026")
    audit.check("task form with errors", language)
    audit.check_pages(
        [
            ("task edit form", f"/governance/regional/{message.task.pk}/edit/"),
            ("message form", f"/governance/regional/{message.task.pk}/messages/new/"),
            ("coordinator's messages", "/governance/regional/messages/"),
            ("message as its sender", message.get_absolute_url()),
        ],
        language,
    )
    open_page(page, "/governance/regional/overview/?year=2026")
    expect(page.locator("main table.pivot")).to_have_count(4)
    audit.check("overview", language)

    page.context.clear_cookies()
    set_language(language)
    login(group_a_member)
    open_page(page, "/governance/regional/messages/")
    audit.check("working group's inbox", language)
    open_page(page, message.get_absolute_url())
    audit.check("message with its step forms", language)
    submit(page, page.locator("main form[action$='/acknowledge/']"))
    expect(page.locator("main .message-path li")).to_have_count(2)
    # Answer with nothing written: the error is shown on the answer form.
    submit(page, page.locator("main form[action$='/answer/']"))
    expect(page.locator("main form[action$='/answer/'] [role=alert]")).to_be_visible()
    audit.check("answer form with errors", language)
    audit.assert_clean()


def test_task_form_by_keyboard(page, login, coordinator_user):
    """Log a needs-analysis task with the keyboard alone: Tab, arrows, Space, Enter."""
    login(coordinator_user)
    open_page(page, "/governance/regional/new/")
    form = page.locator("main form.task-form")
    date = form.locator("input[name=date]")
    tab_to(page, date)
    page.keyboard.press("Control+A")
    page.keyboard.type("5.3.2026")
    # The kinds are a radio group: Tab enters it, arrows choose.
    first_kind = form.locator("input[name=kind]").first
    tab_to(page, first_kind)
    page.keyboard.press("Space")
    needs_analysis = form.locator("input[name=kind][value=needs_analysis]")
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    expect(needs_analysis).to_be_checked()
    perustajat = form.locator(
        f"input[name=segments][value='{Segment.objects.get(code='perustajat').pk}']"
    )
    tab_to(page, perustajat)
    page.keyboard.press("Space")
    expect(perustajat).to_be_checked()
    tab_to(page, form.locator("textarea[name=description]"))
    page.keyboard.type("Palvelutarvekysely näppäimistöllä.")
    tab_to(page, form.locator("button[type=submit]"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("main .messages, .messages")).to_contain_text("Tehtävä kirjattiin.")
    task = RegionalTask.objects.get()
    assert task.kind == RegionalTask.Kind.NEEDS_ANALYSIS
    assert [s.code for s in task.segments.all()] == ["perustajat"]


def test_answer_form_by_keyboard(page, login, group_a_member, message):
    """A member of working group (a) answers an acknowledged message by keyboard."""
    services.needs_message_acknowledge(message=message, by=group_a_member)
    login(group_a_member)
    open_page(page, message.get_absolute_url())
    answer = page.locator("main form[action$='/answer/'] textarea")
    tab_to(page, answer)
    page.keyboard.type("Otamme asian valmisteluun.")
    tab_to(page, page.locator("main form[action$='/answer/'] button[type=submit]"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Vastaus tallennettiin.")
    expect(page.locator("main .message-path li")).to_have_count(3)
    message.refresh_from_db()
    assert message.answer == "Otamme asian valmisteluun."
