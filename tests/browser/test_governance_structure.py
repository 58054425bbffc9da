"""The governance structure pages in the browser: axe-core on every page (groups, a body,
the organisation chart, proposals, the proposal form, meetings, the meeting with its
decision form, decisions and questions) in fi, sv and en; the proposal form and the
decision form used with the keyboard alone.

The live server's database is emptied between these (transactional) tests, so each test
loads the report (strategy_data) and builds its own proposal and meeting.
"""

from functools import partial

import pytest
from playwright.sync_api import expect

from governance.models import Body, Decision, Membership, Proposal, StrategicQuestion
from governance.services import meetings as meeting_services
from tests.factories import (
    MEETING_DATE,
    NEW_PROMISE_FI,
    NEW_PROMISE_SV,
    decide_at_meeting,
    promise_proposal,
    seat,
    submitted,
)

from . import helpers
from .helpers import LANGUAGES, open_page

pytestmark = pytest.mark.browser

MAX_TABS = 120
tab_to = partial(helpers.tab_to, max_tabs=MAX_TABS)
CREATE = "/governance/proposals/new/?body=tyoryhma-b&segment=kansainvalistyvat&target_kind=service_promise"


@pytest.fixture
def cast(strategy_data, working_group_user, ministry_user):
    """Working group (b)'s chair and the strategy group's chair, with one decided proposal,
    one submitted proposal on an open meeting's agenda, and a question on it."""
    seat(working_group_user, "tyoryhma-b", Membership.Role.CHAIR)
    seat(ministry_user, "asiakkuusstrategiaryhma", Membership.Role.CHAIR)
    decided = submitted(promise_proposal(working_group_user), working_group_user)
    decide_at_meeting(decided, ministry_user)
    pending = submitted(
        promise_proposal(working_group_user, segment="kansainvalistyvat"), working_group_user
    )
    meeting = meeting_services.meeting_create(
        body=Body.objects.get(code="asiakkuusstrategiaryhma"),
        date=MEETING_DATE,
        title="Toinen kokous",
        by=ministry_user,
    )
    meeting_services.agenda_item_add(meeting=meeting, proposal=pending, by=ministry_user)
    meeting_services.agenda_item_add(
        meeting=meeting,
        question=StrategicQuestion.objects.get(code="yhteiset-vai-omat-asiakkaat"),
        by=ministry_user,
    )
    return {
        "chair": working_group_user,
        "decider": ministry_user,
        "decided": decided,
        "pending": pending,
        "meeting": meeting,
        "decision": Decision.objects.get(proposal=decided),
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_governance_pages__axe_in_every_language(page, audit, login, set_language, cast, language):
    set_language(language)
    login(cast["decider"])
    question = StrategicQuestion.objects.get(code="palvelulupaus-kotimarkkinat")
    pages = {
        "groups": "/governance/groups/",
        "body": "/governance/groups/tyoryhma-b/",
        "org chart": "/governance/structure/",
        "proposals": "/governance/proposals/",
        "decided proposal": cast["decided"].get_absolute_url(),
        "meetings": "/governance/meetings/",
        "meeting with decision forms": cast["meeting"].get_absolute_url(),
        "new meeting": "/governance/meetings/new/",
        "decisions": "/governance/decisions/",
        "decision": cast["decision"].get_absolute_url(),
        "questions": "/governance/questions/",
        "question with an empty slot": question.get_absolute_url(),
        "segment page with decision links": "/segments/kansainvalistyvat/",
    }
    for what, path in pages.items():
        open_page(page, path)
        audit.check(what, language)
    login(cast["chair"])
    open_page(page, "/governance/proposals/new/")
    audit.check("proposal form, step 1", language)
    open_page(page, CREATE)
    audit.check("proposal form, step 2", language)
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator("main [role=alert]")).to_be_visible()
    audit.check("proposal form with errors", language)
    open_page(page, cast["pending"].get_absolute_url())
    audit.check("submitted proposal", language)
    draft = promise_proposal(cast["chair"], segment="kansainvalistyvat")
    open_page(page, f"/governance/proposals/{draft.pk}/withdraw/")
    expect(page.locator("main section.confirm textarea[name=reason]")).to_be_visible()
    audit.check("withdraw confirmation", language)
    login(cast["decider"])
    open_page(page, f"/governance/meetings/{cast['meeting'].pk}/close/")
    expect(page.locator("main section.confirm form button")).to_be_visible()
    audit.check("meeting close confirmation", language)
    audit.assert_clean()


def test_proposal_form__by_keyboard(page, login, cast):
    login(cast["chair"])
    open_page(page, CREATE)
    form = page.locator("main form[method=post]")
    tab_to(page, form.locator("input[name=title]"))
    page.keyboard.type("Näppäimistöllä laadittu")
    tab_to(page, form.locator("textarea[name=rationale]"))
    page.keyboard.type("Perustelu")
    tab_to(page, form.locator("textarea[name=new_text_fi]"))
    page.keyboard.type(NEW_PROMISE_FI)
    tab_to(page, form.locator("textarea[name=new_text_sv]"))
    page.keyboard.type(NEW_PROMISE_SV)
    new_choice = form.locator("input[name=choice][value=new]")
    tab_to(page, form.locator("input[name=choice]").first)
    # Arrow keys move within a radio group and select the option they land on.
    for _ in range(5):
        if new_choice.is_checked():
            break
        page.keyboard.press("ArrowDown")
    assert new_choice.is_checked()
    tab_to(page, form.locator("button[type=submit]"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    proposal = Proposal.objects.get(title="Näppäimistöllä laadittu")
    assert page.url.endswith(proposal.get_absolute_url())
    assert proposal.content["choose_new_alternative"] is True


def test_decision_form__by_keyboard(page, login, cast):
    login(cast["decider"])
    open_page(page, cast["meeting"].get_absolute_url())
    item = cast["pending"].agenda_items.get()
    form = page.locator(f"main form[action$='/items/{item.pk}/decide/']")
    tab_to(page, form.locator("input[type=radio]").first)
    page.keyboard.press("Space")
    tab_to(page, form.locator("textarea"))
    page.keyboard.type("Hyväksytään näppäimistöllä.")
    tab_to(page, form.locator("button[type=submit]"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    item.refresh_from_db()
    assert item.outcome == "approved"
    assert item.outcome_rationale == "Hyväksytään näppäimistöllä."
