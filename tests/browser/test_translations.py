"""Writing in Swedish and the translation queue in the browser (issue 17): a coordinator
writes a task and a needs message in Swedish through the forms; a translator adds a missing
Swedish text from the queue; axe-core finds nothing on the changed pages in fi/sv/en at
1366 px and 320 px, and the queue reflows at 320 px."""

import pytest
from django.db.models import F
from playwright.sync_api import expect

from governance.models import NeedsMessage, RegionalTask
from segments.models import Goal, Segment
from tests.factories import log_task, needs_message, seat

from .helpers import LANGUAGES, open_page, submit

pytestmark = pytest.mark.browser

WIDTHS = (1366, 320)
FITS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# The queue's own content: nothing in <main> reaches past the window (the tables scroll in
# their labelled regions).
MAIN_FITS = """() => [...document.querySelectorAll('main *')]
  .filter(e => !e.closest('.table-scroll'))
  .every(e => e.getBoundingClientRect().right <= document.documentElement.clientWidth + 1)"""


@pytest.fixture
def message(coordinator_user):
    task = log_task(coordinator_user, segments=("perustajat",))
    return needs_message(task, coordinator_user)


@pytest.fixture
def group_a_member(working_group_user):
    seat(working_group_user, "tyoryhma-a")
    return working_group_user


def swedish(proposal):
    """The proposal as if drafted in Swedish: its title and rationale in the Swedish column."""
    type(proposal).objects.filter(pk=proposal.pk).update(
        original_language="sv",
        title_sv="Serviceløfte för internationaliserande företag",
        title_fi=None,
        rationale_sv=F("rationale_fi"),
        rationale_fi=None,
    )


def at_widths(page, audit, what, language):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        audit.check(f"{what} at {width} px", language)


def test_a_coordinator_writes_a_task_and_a_message_in_swedish(
    page, audit, login, set_language, coordinator_user
):
    set_language("sv")
    login(coordinator_user)
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, "/governance/regional/new/")
    form = page.locator("main form.task-form")
    # The UI language is offered first.
    expect(form.locator("[name=original_language]")).to_have_value("sv")
    form.locator("[name=date]").fill("5.3.2026")
    form.locator("[name=kind][value=needs_analysis]").check()
    segment = Segment.objects.get(code="perustajat")
    form.locator(f"[name=segments][value='{segment.pk}']").check()
    form.locator("[name=description]").fill("Enkät om nya företags servicebehov.")
    submit(page, form)
    task = RegionalTask.objects.get()
    assert task.original_language == "sv"
    expect(page.locator('main dd[lang="sv"]').first).to_have_text(
        "Enkät om nya företags servicebehov."
    )
    at_widths(page, audit, "task written in Swedish", "sv")

    open_page(page, f"/governance/regional/{task.pk}/messages/new/")
    form = page.locator("main form.message-form")
    form.locator("[name=to_body]").first.check()
    form.locator("[name=subject]").fill("Finansieringsrådgivning")
    form.locator("[name=text]").fill("Nya företag behöver finansieringsrådgivning.")
    submit(page, form)
    message = NeedsMessage.objects.get()
    assert (message.original_language, message.subject) == ("sv", "Finansieringsrådgivning")
    expect(page.locator('main h1 span[lang="sv"]')).to_have_text("Finansieringsrådgivning")
    at_widths(page, audit, "message written in Swedish", "sv")
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_written_language_pages(
    page, audit, login, set_language, coordinator_user, message, language
):
    """The task and message forms (the language choice) and the pages that show the texts
    with their language, at both widths."""
    set_language(language)
    login(coordinator_user)
    for what, path in [
        ("task form", "/governance/regional/new/"),
        ("task edit form", f"/governance/regional/{message.task.pk}/edit/"),
        ("message form", f"/governance/regional/{message.task.pk}/messages/new/"),
        ("task", message.task.get_absolute_url()),
        ("message", message.get_absolute_url()),
        ("task log", "/governance/regional/"),
    ]:
        page.set_viewport_size({"width": 1366, "height": 900})
        open_page(page, path)
        at_widths(page, audit, what, language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_queue(page, audit, login, set_language, translator_user, language):
    """The queue of a segment's goals, a translation refused (empty) and one saved, at both
    widths; the queue's content reflows at 320 px."""
    segment = Segment.objects.get(code="perustajat")
    Goal.objects.filter(segment=segment).update(text_sv="")
    goal = Goal.objects.filter(segment=segment).order_by("pk").first()
    set_language(language)
    login(translator_user)
    page.set_viewport_size({"width": 1366, "height": 900})
    queue = f"/translations/?segment={segment.pk}&kind=goal-text&language=sv"
    open_page(page, queue)
    at_widths(page, audit, "translation queue", language)
    assert page.evaluate(MAIN_FITS)

    page.set_viewport_size({"width": 1366, "height": 900})
    row = page.locator("main .translation-queue__item").first
    row.locator("textarea").fill("   ")
    submit(page, row.locator("form"))
    expect(page.locator("main .translation-queue__item [role=alert]").first).to_be_visible()
    at_widths(page, audit, "translation queue with an error", language)

    page.set_viewport_size({"width": 1366, "height": 900})
    row = page.locator("main .translation-queue__item").first
    row.locator("textarea").fill("Fler nya företag")
    submit(page, row.locator("form"))
    goal.refresh_from_db()
    assert goal.text_sv == "Fler nya företag"
    at_widths(page, audit, "translation queue after a save", language)
    open_page(page, "/translations/?kind=nope&language=de")
    at_widths(page, audit, "translation queue with bad filters", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_queue_of_written_texts(
    page, audit, login, set_language, coordinator_user, translator_user, language
):
    """A task written in Swedish in the queue of a regional group's texts lacking Finnish,
    its Swedish original marked lang="sv"; the translator adds the Finnish inline; at both
    widths, and the queue reflows at 320 px."""
    task = log_task(
        coordinator_user, description="Enkät om nya företags servicebehov.", original_language="sv"
    )
    set_language(language)
    login(translator_user)
    page.set_viewport_size({"width": 1366, "height": 900})
    queue = f"/translations/?kind=regionaltask-description&language=fi&body={task.body_id}"
    open_page(page, queue)
    row = page.locator("main .translation-queue__item").first
    expect(row.locator('[lang="sv"]')).to_have_text("Enkät om nya företags servicebehov.")
    at_widths(page, audit, "queue of a regional group's texts", language)
    assert page.evaluate(MAIN_FITS)
    page.set_viewport_size({"width": 1366, "height": 900})
    row.locator("textarea").fill("Kysely uusien yritysten palvelutarpeista.")
    submit(page, row.locator("form"))
    task.refresh_from_db()
    assert task.description_fi == "Kysely uusien yritysten palvelutarpeista."
    at_widths(page, audit, "queue of a regional group's texts after a save", language)
    audit.assert_clean()


@pytest.fixture
def swedish_plan_and_finding(ministry_user, working_group_user):
    """A plan and a finding written in Swedish, and a clock event to edit."""
    from governance.models import ClockEvent
    from governance.services import steering
    from offerings import services as offering_services
    from offerings.models import CustomerNeed

    plan = steering.plan_create(
        level="whole_base",
        year=2026,
        title="Kundbasens plan",
        description="Plan för hela kundbasen.",
        original_language="sv",
        by=ministry_user,
    )
    segment = Segment.objects.get(code="perustajat")
    finding = offering_services.finding_open(
        segment=segment,
        need=CustomerNeed.objects.order_by("pk").first(),
        kind="gap",
        note="Ingen erbjuder detta.",
        owner=ministry_user,
        original_language="sv",
        by=working_group_user,
    )
    event = steering.clock_event_create(
        month=9, kind="planning", title_fi="Suunnittelu", title_sv="Planering", by=ministry_user
    )
    assert ClockEvent.objects.filter(pk=event.pk).exists()
    return plan, finding, event


@pytest.mark.parametrize("language", LANGUAGES)
def test_plan_finding_and_clock_pages(
    page, audit, login, set_language, ministry_user, swedish_plan_and_finding, language
):
    """The other forms with the language choice (plan) or the languages side by side (clock
    event), and the pages that show a Swedish plan and finding, at both widths."""
    plan, _finding, event = swedish_plan_and_finding
    set_language(language)
    login(ministry_user)
    for what, path in [
        ("plan form", "/governance/steering/plans/add/"),
        ("plan edit form", f"/governance/steering/plans/{plan.pk}/edit/"),
        ("Swedish plan", plan.get_absolute_url()),
        ("plans", "/governance/steering/plans/"),
        ("findings", "/offering/findings/"),
        ("clock event form", "/governance/steering/clock/events/add/"),
        ("clock event edit form", f"/governance/steering/clock/events/{event.pk}/edit/"),
    ]:
        page.set_viewport_size({"width": 1366, "height": 900})
        open_page(page, path)
        at_widths(page, audit, what, language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_service_model_form_in_each_language(
    page, audit, login, set_language, ministry_user, language
):
    """The service model's form with its texts' language chosen (the UI language, then
    Swedish), at both widths."""
    set_language(language)
    login(ministry_user)
    for what, path in [
        ("service model form", "/service-models/perustajat/edit/"),
        ("service model form in Swedish", "/service-models/perustajat/edit/?language=sv"),
    ]:
        page.set_viewport_size({"width": 1366, "height": 900})
        open_page(page, path)
        at_widths(page, audit, what, language)
    expect(page.locator("main textarea[name=how_sv]")).to_have_attribute("lang", "sv")
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_message_step_forms_with_the_language_choice(
    page, audit, login, set_language, group_a_member, message, language
):
    """The receiving group's step forms offer the language of the note and the answer; an
    answer in Swedish is shown marked lang="sv"; at both widths."""
    set_language(language)
    login(group_a_member)
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, message.get_absolute_url())
    expect(page.locator("main [name=acknowledge-original_language]")).to_have_value(language)
    at_widths(page, audit, "message with its step forms", language)
    page.set_viewport_size({"width": 1366, "height": 900})
    submit(page, page.locator("main form").filter(has=page.locator("[name=acknowledge-note]")))
    form = page.locator("main form").filter(has=page.locator("[name=answer-answer]"))
    form.locator("[name=answer-answer]").fill("Vi tar upp det.")
    form.locator("[name=answer-original_language]").select_option("sv")
    submit(page, form)
    expect(page.locator('main dd[lang="sv"]')).to_have_text("Vi tar upp det.")
    at_widths(page, audit, "message answered in Swedish", language)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_proposal_form_and_page_with_the_language(
    page, audit, login, set_language, working_group_user, language
):
    """The proposal's content form with the language of its title and rationale, and a
    proposal drafted in Swedish, at both widths."""
    from governance.models import Membership
    from tests.factories import SEGMENT, promise_proposal

    seat(working_group_user, "tyoryhma-b", Membership.Role.CHAIR)
    proposal = promise_proposal(working_group_user)
    swedish(proposal)
    set_language(language)
    login(working_group_user)
    create = (
        f"/governance/proposals/new/?body=tyoryhma-b&segment={SEGMENT}&target_kind=service_promise"
    )
    for what, path in [("proposal form", create), ("proposal", proposal.get_absolute_url())]:
        page.set_viewport_size({"width": 1366, "height": 900})
        open_page(page, path)
        at_widths(page, audit, what, language)
    expect(page.locator('main h1 span[lang="sv"]')).to_have_count(1)
    audit.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_other_changed_pages(
    page, audit, login, set_language, translator_user, working_group_user, language
):
    """The translator's front page (its section and menu link), the proposal list with a
    proposal drafted in Swedish, and the finding form opened from the matrix (its language
    choice), at both widths."""
    from governance.models import Membership
    from tests.factories import promise_proposal

    seat(working_group_user, "tyoryhma-b", Membership.Role.CHAIR)
    proposal = promise_proposal(working_group_user)
    swedish(proposal)
    set_language(language)
    login(translator_user)
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, "/")
    expect(page.locator('main a[href="/translations/"]')).to_have_count(1)
    at_widths(page, audit, "translator's front page", language)
    open_page(page, "/governance/proposals/")
    expect(page.locator('main a[lang="sv"]')).to_have_count(1)
    at_widths(page, audit, "proposal list", language)
    login(working_group_user)
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, "/offering/matrix/")
    link = page.locator('main a[href^="/offering/findings/new/"]').first
    open_page(page, link.get_attribute("href"))
    expect(page.locator("main [name=original_language]")).to_have_value(language)
    at_widths(page, audit, "finding form", language)
    audit.assert_clean()
