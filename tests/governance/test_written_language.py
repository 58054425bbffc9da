"""Texts written in Swedish or English in the app (Language Act 423/2003): a coordinator
logs a task and sends a needs message in the language they choose; the record keeps the
text as written with its language, and the pages mark the text with it."""

import pytest
from django.test import Client
from django.urls import reverse

from governance.models import Body, NeedsMessage, RegionalTask
from governance.services import steering
from segments.models import Segment

pytestmark = pytest.mark.django_db

SWEDISH_TASK = "Enkät om nya företags servicebehov i Egentliga Finland."
SWEDISH_MESSAGE = "Nya företag behöver finansieringsrådgivning."


def client_for(user, language="sv"):
    client = Client()
    client.force_login(user)
    client.cookies["kieli"] = language
    return client


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


def task_data(**overrides):
    return {
        "body": Body.objects.get(code="alue-varsinais-suomi").pk,
        "date": "5.3.2026",
        "kind": RegionalTask.Kind.NEEDS_ANALYSIS,
        "segments": [Segment.objects.get(code="perustajat").pk],
        "description": SWEDISH_TASK,
        "original_language": "sv",
        **overrides,
    }


def test_regionaltask_form__offers_the_ui_language_first(coordinator_user):
    for language in ("fi", "sv", "en"):
        response = client_for(coordinator_user, language).get(url("regionaltask_create"))
        assert response.context["form"]["original_language"].value() == language


def test_needsmessage_form__offers_the_ui_language_first(task, coordinator_user):
    response = client_for(coordinator_user, "sv").get(url("needsmessage_create", task.pk))
    assert response.context["form"]["original_language"].value() == "sv"


def test_done_means__a_swedish_speaking_coordinator_writes_a_task_and_a_message_in_swedish(
    coordinator_user, group_a_member
):
    """The text is stored as written and recorded as Swedish, in the record and its
    history; it is not copied into other languages, and the pages mark it lang="sv" in
    every UI language."""
    coordinator = client_for(coordinator_user, "sv")
    response = coordinator.post(url("regionaltask_create"), task_data())
    task = RegionalTask.objects.get()
    assert response.status_code == 302
    assert (task.description, task.original_language) == (SWEDISH_TASK, "sv")
    assert task.history.get().original_language == "sv"

    response = coordinator.post(
        url("needsmessage_create", task.pk),
        {
            "to_body": Body.objects.get(code="tyoryhma-a").pk,
            "subject": "Finansieringsrådgivning",
            "text": SWEDISH_MESSAGE,
            "original_language": "sv",
        },
    )
    message = NeedsMessage.objects.get()
    assert response.status_code == 302
    assert (message.text, message.original_language) == (SWEDISH_MESSAGE, "sv")
    assert message.history.get().original_language == "sv"

    for language in ("fi", "sv", "en"):
        page = client_for(group_a_member, language).get(message.get_absolute_url())
        text = page.content.decode()
        assert f'<dd lang="sv">{SWEDISH_MESSAGE}</dd>' in text
        assert 'lang="sv">Finansieringsrådgivning</span>' in text
        page = client_for(group_a_member, language).get(task.get_absolute_url())
        assert f'<dd lang="sv">{SWEDISH_TASK}</dd>' in page.content.decode()
    listing = client_for(group_a_member, "fi").get(url("regionaltask_list")).content.decode()
    assert f'<span lang="sv">{SWEDISH_TASK}</span>' in listing


def test_regionaltask_update__changes_the_language_with_history(task, coordinator_user):
    response = client_for(coordinator_user, "en").post(
        url("regionaltask_update", task.pk),
        {
            **task_data(description="Survey of new companies' service needs."),
            "original_language": "en",
            "version": task.version,
            "change_reason": "Written in English",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.original_language == "en"
    latest = task.history.latest()
    assert (latest.original_language, latest.history_change_reason) == (
        "en",
        "Written in English",
    )
    assert latest.prev_record.original_language == "fi"


def test_regionaltask_create__an_unknown_language_changes_nothing(coordinator_user):
    response = client_for(coordinator_user, "sv").post(
        url("regionaltask_create"), task_data(original_language="de")
    )
    assert response.status_code == 200
    assert "Tuntematon kieli" in " ".join(response.context["form"].errors["original_language"])
    assert not RegionalTask.objects.exists()


def test_regionaltask_create__a_post_without_the_choice_is_in_the_ui_language(coordinator_user):
    data = task_data()
    data.pop("original_language")
    client_for(coordinator_user, "sv").post(url("regionaltask_create"), data)
    assert RegionalTask.objects.get().original_language == "sv"


def test_plan_create__a_plan_written_in_swedish(agency_user):
    from governance.models import Plan
    from offerings.models import Organisation

    finnvera = Organisation.objects.get(code="finnvera")
    client = client_for(agency_user, "sv")
    assert client.get(url("plan_create")).context["form"]["original_language"].value() == "sv"
    response = client.post(
        url("plan_create"),
        {
            "level": "organisation_base",
            "year": "2026",
            "title": "Finnveras kundbas",
            "description": "Plan för kundbasen.",
            "organisation": finnvera.pk,
            "original_language": "sv",
        },
    )
    plan = Plan.objects.get(title_sv="Finnveras kundbas")
    assert response.status_code == 302
    assert (plan.original_language, plan.history.get().original_language) == ("sv", "sv")
    page = client_for(agency_user, "fi").get(plan.get_absolute_url()).content.decode()
    assert '<span lang="sv">Finnveras kundbas</span>' in page
    assert '<div class="panel" lang="sv">' in page


@pytest.mark.parametrize("value", ["de", "<script>", "x" * 300])
def test_plan_create__an_unknown_language_is_refused(agency_user, value):
    from governance.models import Plan
    from offerings.models import Organisation

    response = client_for(agency_user, "fi").post(
        url("plan_create"),
        {
            "level": "organisation_base",
            "year": "2026",
            "title": "Ei tallennu",
            "organisation": Organisation.objects.get(code="finnvera").pk,
            "original_language": value,
        },
    )
    assert response.status_code == 200
    assert "Tuntematon kieli" in " ".join(response.context["form"].errors["original_language"])
    assert not Plan.objects.filter(title="Ei tallennu").exists()


def test_needsmessage_answer__written_in_swedish_is_marked_swedish(message, group_a_member):
    """The working group answers in Swedish: the answer and its step on the path keep the
    language, and the page marks them lang="sv"."""
    member = client_for(group_a_member, "sv")
    page = member.get(message.get_absolute_url())
    assert page.context["acknowledge_form"]["original_language"].value() == "sv"
    member.post(url("needsmessage_acknowledge", message.pk), {"acknowledge-note": ""})
    response = member.post(
        url("needsmessage_answer", message.pk),
        {"answer-answer": "Vi tar upp det.", "answer-original_language": "sv"},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.answer, message.answer_language) == ("Vi tar upp det.", "sv")
    assert message.history.latest().answer_language == "sv"
    answered = message.events.get(kind="answered")
    assert (answered.note, answered.language) == ("Vi tar upp det.", "sv")
    text = client_for(group_a_member, "fi").get(message.get_absolute_url()).content.decode()
    assert '<dd lang="sv">Vi tar upp det.</dd>' in text
    assert '<div class="message-path__note" lang="sv">Vi tar upp det.</div>' in text


def test_needsmessage_answer__an_unknown_language_changes_nothing(message, group_a_member):
    member = client_for(group_a_member, "fi")
    member.post(url("needsmessage_acknowledge", message.pk), {})
    response = member.post(
        url("needsmessage_answer", message.pk),
        {"answer-answer": "Vastaus", "answer-original_language": "<b>"},
    )
    assert response.status_code == 200
    assert "Tuntematon kieli" in response.content.decode()
    message.refresh_from_db()
    assert message.status == "acknowledged" and message.answer == ""


def test_proposal_create__title_and_rationale_written_in_swedish(chair):
    """A working-group member drafts a proposal in Swedish: its title and rationale keep the
    language (history too) and are marked lang="sv"; the proposed wordings stay in their
    own fields (Finnish and Swedish) as before."""
    from governance.models import Proposal
    from tests.factories import NEW_PROMISE_FI, NEW_PROMISE_SV, SEGMENT

    client = client_for(chair, "sv")
    create = (
        reverse("governance:proposal_create")
        + f"?body=tyoryhma-b&segment={SEGMENT}&target_kind=service_promise"
    )
    assert client.get(create).context["form"]["original_language"].value() == "sv"
    response = client.post(
        create,
        {
            "title": "Serviceløfte för internationaliserande företag",
            "rationale": "Ett andra alternativ har nu formulerats.",
            "original_language": "sv",
            "choice": "new",
            "new_text_fi": NEW_PROMISE_FI,
            "new_text_sv": NEW_PROMISE_SV,
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert (proposal.original_language, proposal.history.get().original_language) == ("sv", "sv")
    page = client_for(chair, "fi").get(proposal.get_absolute_url()).content.decode()
    assert '<h1><span lang="sv">Serviceløfte för internationaliserande företag</span></h1>' in page
    assert '<div lang="sv"><p>Ett andra alternativ har nu formulerats.</p></div>' in page
    listing = client_for(chair, "en").get(reverse("governance:proposal_list")).content.decode()
    assert 'lang="sv">Serviceløfte för internationaliserande företag</a>' in listing


# --- a column per language -------------------------------------------------------------------


def test_a_swedish_task_is_kept_in_the_swedish_column(coordinator_user):
    """Written in Swedish from a Finnish UI: the text goes into the Swedish column only;
    the Finnish and English ones wait for a translator (the queue)."""
    client_for(coordinator_user, "fi").post(url("regionaltask_create"), task_data())
    task = RegionalTask.objects.get()
    assert (task.description_sv, task.description_fi, task.description_en) == (
        SWEDISH_TASK,
        None,
        None,
    )
    assert task.history.get().description_sv == SWEDISH_TASK


def test_regionaltask_update__edits_the_original_not_a_translation(task, coordinator_user):
    """The edit form starts from the text as written (not the UI language's translation) and
    a save writes the original's column; a change of language clears the earlier original
    (it is no translation of the new text) and a changed text its translations, which the
    history keeps."""
    RegionalTask.objects.filter(pk=task.pk).update(description_sv="Översättning")
    task.refresh_from_db()
    original = task.description_fi
    coordinator = client_for(coordinator_user, "sv")
    form = coordinator.get(url("regionaltask_update", task.pk)).context["form"]
    assert form["description"].value() == original
    response = coordinator.post(
        url("regionaltask_update", task.pk),
        {
            **task_data(description="Survey of new companies' needs."),
            "original_language": "en",
            "version": task.version,
            "change_reason": "Rewritten in English",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.description_en, task.description_fi, task.description_sv) == (
        "Survey of new companies' needs.",
        None,
        None,
    )
    assert task.history.latest().prev_record.description_fi == original


def test_regionaltask_update__an_unchanged_text_keeps_its_translations(task, coordinator_user):
    RegionalTask.objects.filter(pk=task.pk).update(description_sv="Översättning")
    task.refresh_from_db()
    response = client_for(coordinator_user, "fi").post(
        url("regionaltask_update", task.pk),
        {
            **task_data(description=task.description_fi, outcome="Tulos."),
            "original_language": "fi",
            "version": task.version,
            "change_reason": "Tulos kirjattu",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.description_sv, task.outcome_fi) == ("Översättning", "Tulos.")


def test_plan_proposal_and_finding_keep_their_text_in_its_languages_column(agency_user):

    plan = steering.plan_create(
        level="whole_base",
        year=2026,
        title="Kundbasens plan",
        description="Plan för hela kundbasen.",
        original_language="sv",
        by=agency_user,
    )
    plan.refresh_from_db()
    assert (plan.title_sv, plan.title_fi, plan.description_sv) == (
        "Kundbasens plan",
        None,
        "Plan för hela kundbasen.",
    )


def test_migration__moves_each_text_into_its_languages_column_and_back(task):
    """The data migration of governance 0015, forward and back, on a row kept the old way
    (the one column written directly: the model would write the language columns)."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = import_module("governance.migrations.0015_written_texts_by_language")
    # The models as the migration sees them (not modeltranslation's, which rewrite fields).
    apps = (
        MigrationExecutor(connection)
        .loader.project_state(("governance", "0015_written_texts_by_language"))
        .apps
    )

    def one_column(value=None):
        with connection.cursor() as cursor:
            if value is not None:
                cursor.execute(
                    "UPDATE governance_regionaltask SET description = %s WHERE id = %s",
                    [value, task.pk],
                )
            cursor.execute(
                "SELECT description FROM governance_regionaltask WHERE id = %s", [task.pk]
            )
            return cursor.fetchone()[0]

    RegionalTask.objects.filter(pk=task.pk).update(description_fi=None, original_language="sv")
    one_column("Enkät.")
    migration._texts_to_language_columns(apps, None)
    task.refresh_from_db()
    assert (task.description_sv, task.description_fi) == ("Enkät.", None)
    one_column("muuta")
    migration._texts_to_one_column(apps, None)
    assert one_column() == "Enkät."


# --- a needs message's answer and a plan item --------------------------------------------


def test_needsmessage_answer__kept_in_its_own_languages_column(message, group_a_member):
    """The answer goes into the column of its own language; the message's subject and text
    keep theirs (Finnish); the one `answer` column stays filled (the answered message's
    constraint reads it)."""
    from django.db import connection

    from governance.services import regional as regional_services

    regional_services.needs_message_acknowledge(message=message, by=group_a_member)
    regional_services.needs_message_answer(
        message=message, answer="Vi tar upp det.", original_language="sv", by=group_a_member
    )
    message.refresh_from_db()
    assert (message.answer_sv, message.answer_fi, message.answer_en) == (
        "Vi tar upp det.",
        None,
        None,
    )
    assert (message.original_language, message.text_fi) == ("fi", message.text)
    assert message.history.latest().answer_sv == "Vi tar upp det."
    with connection.cursor() as cursor:
        cursor.execute("SELECT answer FROM governance_needsmessage WHERE id = %s", [message.pk])
        assert cursor.fetchone()[0] == "Vi tar upp det."


def _finnvera_plan(user):
    """A Finnish plan of Finnvera's customer base, written by `user`."""
    from offerings.models import Organisation

    return steering.plan_create(
        level="organisation_base",
        year=2026,
        title="Finnveran asiakaskanta",
        organisation=Organisation.objects.get(code="finnvera"),
        by=user,
    )


def test_planitem_form__offers_the_ui_language_first(agency_user):
    plan = _finnvera_plan(agency_user)
    for language in ("fi", "sv", "en"):
        response = client_for(agency_user, language).get(url("planitem_create", plan.pk))
        assert response.context["form"]["original_language"].value() == language


def test_planitem_create__an_item_written_in_english(agency_user):
    """An item of a Finnish plan written in English from a Swedish UI: its text in the English
    column only, its language in the record and its history; the plan's page marks it
    lang="en" in every UI language; the edit form starts from the English as written."""
    plan = _finnvera_plan(agency_user)
    client = client_for(agency_user, "sv")
    response = client.post(
        url("planitem_create", plan.pk),
        {"kind": "goal", "text": "Grow exports.", "original_language": "en", "order": "1"},
    )
    assert response.status_code == 302
    item = plan.items.get()
    assert (item.text_en, item.text_fi, item.text_sv, item.original_language) == (
        "Grow exports.",
        None,
        None,
        "en",
    )
    assert (item.history.get().original_language, item.history.get().text_en) == (
        "en",
        "Grow exports.",
    )
    for language in ("fi", "sv", "en"):
        page = client_for(agency_user, language).get(plan.get_absolute_url()).content.decode()
        assert '<span lang="en">Grow exports.</span>' in page
    form = client.get(url("planitem_update", item.pk)).context["form"]
    assert (form["text"].value(), form["original_language"].value()) == ("Grow exports.", "en")


def test_planitem_update__rewritten_in_swedish_drops_the_earlier_original(agency_user):
    plan = _finnvera_plan(agency_user)
    item = steering.plan_item_create(plan=plan, kind="goal", text="Kasvu.", by=agency_user)
    assert (item.text_fi, item.original_language) == ("Kasvu.", "fi")
    response = client_for(agency_user, "fi").post(
        url("planitem_update", item.pk),
        {
            "kind": "goal",
            "text": "Tillväxt.",
            "original_language": "sv",
            "version": item.version,
            "change_reason": "Skrivet på svenska",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text_sv, item.text_fi, item.original_language) == ("Tillväxt.", None, "sv")
    latest = item.history.latest()
    assert (latest.history_change_reason, latest.prev_record.text_fi) == (
        "Skrivet på svenska",
        "Kasvu.",
    )


def test_planitem_create__an_unknown_language_changes_nothing(agency_user):
    from governance.models import PlanItem

    plan = _finnvera_plan(agency_user)
    response = client_for(agency_user, "fi").post(
        url("planitem_create", plan.pk),
        {"kind": "goal", "text": "Kasvu.", "original_language": "<b>"},
    )
    assert response.status_code == 200
    assert "Tuntematon kieli" in " ".join(response.context["form"].errors["original_language"])
    assert not PlanItem.objects.filter(plan=plan).exists()


def test_migration__answers_and_plan_items_into_their_languages_columns_and_back(
    message, group_a_member, agency_user
):
    """The data migration of governance 0017, forward and back, on rows kept the old way
    (the one column written directly)."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from governance.models import PlanItem
    from governance.services import regional as regional_services

    name = "0017_plan_item_and_answer_texts_by_language"
    migration = import_module(f"governance.migrations.{name}")
    apps = MigrationExecutor(connection).loader.project_state(("governance", name)).apps
    regional_services.needs_message_acknowledge(message=message, by=group_a_member)
    regional_services.needs_message_answer(
        message=message, answer="Vi tar upp det.", original_language="sv", by=group_a_member
    )
    plan = steering.plan_create(level="whole_base", year=2026, title="Kanta", by=agency_user)
    item = steering.plan_item_create(plan=plan, kind="goal", text="Kasvu.", by=agency_user)
    NeedsMessage.objects.filter(pk=message.pk).update(answer_sv=None)
    PlanItem.objects.filter(pk=item.pk).update(text_fi=None)

    statements = {
        "answer": (
            "UPDATE governance_needsmessage SET answer = %s WHERE id = %s",
            "SELECT answer FROM governance_needsmessage WHERE id = %s",
        ),
        "text": (
            "UPDATE governance_planitem SET text = %s WHERE id = %s",
            "SELECT text FROM governance_planitem WHERE id = %s",
        ),
    }

    def one_column(field, pk, value=None):
        update, select = statements[field]
        with connection.cursor() as cursor:
            if value is not None:
                cursor.execute(update, [value, pk])
            cursor.execute(select, [pk])
            return cursor.fetchone()[0]

    migration._texts_to_language_columns(apps, None)
    message.refresh_from_db()
    item.refresh_from_db()
    assert (message.answer_sv, message.answer_fi) == ("Vi tar upp det.", None)
    assert (item.text_fi, item.text_sv) == ("Kasvu.", None)
    one_column("answer", message.pk, "muuta")
    one_column("text", item.pk, "muuta")
    migration._texts_to_one_column(apps, None)
    assert one_column("answer", message.pk) == "Vi tar upp det."
    assert one_column("text", item.pk) == "Kasvu."


@pytest.mark.parametrize("paragraphs", [False, True])
def test_translated_tag__an_untranslated_written_text_is_marked_with_its_language(paragraphs):
    from django.template import Context, Template
    from django.utils import translation

    from governance.models import PlanItem

    item = PlanItem(text_en="Grow exports.", original_language="en")
    with translation.override("fi"):
        html = Template(
            '{% load translated %}{% translated item "text" paragraphs=paragraphs %}'
        ).render(Context({"item": item, "paragraphs": paragraphs}))
    assert html.startswith('<div lang="en"><p>Grow exports.' if paragraphs else '<span lang="en">')
    assert 'lang="fi"' not in html
