"""The governance admin: every model registered with history, nothing deleted, and the
structure edited by ministry staff with a reason kept in the history."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from governance.models import (
    Body,
    BodyResponsibility,
    Membership,
    StrategicQuestion,
    StrategyVersion,
)
from governance.services.regional_tallies import regional_tallies_rebuild
from offerings.models import Organisation
from segments.models import Region, ServicePromise
from tests.admin_forms import change_form_data
from tests.factories import (
    AccessibilityFeedbackFactory,
    AgendaItemFactory,
    AttendanceFactory,
    ClockEventFactory,
    DecisionEffectFactory,
    DecisionFactory,
    MeetingFactory,
    MessageEventFactory,
    MetricFactory,
    NeedsMessageFactory,
    PlanFactory,
    PlanItemFactory,
    ProposalCommentFactory,
    ProposalFactory,
    RegionalTaskFactory,
    UserFactory,
    body,
)

pytestmark = pytest.mark.django_db

GOVERNANCE_MODELS = [
    model
    for model in apps.get_app_config("governance").get_models()
    if not model._meta.model_name.startswith("historical")
]


@pytest.fixture
def superuser(db):
    return UserFactory(username="paakayttaja", is_staff=True, is_superuser=True)


def _change_url(obj):
    return reverse(f"admin:governance_{obj._meta.model_name}_change", args=[obj.pk])


def test_admin__every_governance_model_is_registered_and_none_can_be_deleted(rf, superuser):
    request = rf.get("/")
    request.user = superuser
    for model in GOVERNANCE_MODELS:
        assert admin.site.is_registered(model), model
        if model._meta.model_name == "accessibilityfeedback":
            continue
        assert not admin.site._registry[model].has_delete_permission(request), model


def test_admin__every_change_list_opens(client, superuser, strategy_data):
    client.force_login(superuser)
    for model in GOVERNANCE_MODELS:
        url = reverse(f"admin:governance_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200, model


def test_admin__body_page_shows_responsibilities_and_members(client, ministry_user):
    client.force_login(ministry_user)
    body = Body.objects.get(code="tyoryhma-a")
    response = client.get(_change_url(body))
    assert response.status_code == 200
    formsets = {
        f.formset.prefix: len(f.formset.forms) for f in response.context["inline_admin_formsets"]
    }
    assert formsets == {"responsibilities": 7, "memberships": 1}
    assert body.get_absolute_url() == reverse("governance:body_detail", args=[body.code])


def test_admin__editing_a_responsibility_records_who_and_why(client, ministry_user):
    client.force_login(ministry_user)
    body = Body.objects.get(code="tyoryhma-a")
    url = _change_url(body)
    data = change_form_data(
        client.get(url),
        **{
            "responsibilities-2-text_sv": "definierar servicemodellerna",
            "change_reason": "Ruotsinkielinen teksti",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    row = BodyResponsibility.objects.get(report_key="6.2/tyoryhma-a/3")
    assert row.text_sv == "definierar servicemodellerna"
    latest = row.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        ministry_user,
        "Ruotsinkielinen teksti",
    )


def test_admin__two_open_chairs_are_refused_with_a_message(client, ministry_user):
    client.force_login(ministry_user)
    body = Body.objects.get(code="tyoryhma-b")
    url = _change_url(body)
    response = client.get(url)
    tekes, finpro = (Organisation.objects.get(code=code) for code in ("tekes", "finpro"))
    data = change_form_data(response, change_reason="Puheenjohtajat")
    # The loaded row stays; two new chairs are added in the same submission.
    data["memberships-TOTAL_FORMS"] = 4
    for index, organisation in ((2, tekes), (3, finpro)):
        data[f"memberships-{index}-organisation"] = organisation.pk
        data[f"memberships-{index}-role"] = "chair"
        data[f"memberships-{index}-body"] = body.pk
    response = client.post(url, data)
    assert response.status_code == 200
    assert "vain yksi voimassa oleva puheenjohtaja" in response.content.decode()
    assert not Membership.objects.filter(body=body, role="chair").exists()


def test_admin__question_page_shows_its_alternatives_and_the_choice_is_read_only(
    client, ministry_user
):
    client.force_login(ministry_user)
    question = StrategicQuestion.objects.get(code="palvelulupaus-kansainvalistyvat")
    response = client.get(_change_url(question))
    assert response.status_code == 200
    (alternatives,) = response.context["inline_admin_formsets"]
    assert len(alternatives.formset.forms) == 2
    assert "is_chosen" not in alternatives.formset.forms[0].fields


def test_admin__ministry_staff_may_not_delete_governance_records(client, ministry_user):
    client.force_login(ministry_user)
    body = Body.objects.get(code="tyoryhma-a")
    url = reverse("admin:governance_body_delete", args=[body.pk])
    assert client.get(url).status_code == 403
    assert Body.objects.filter(pk=body.pk).exists()


def _one_of_each(user):
    """A proposal with a comment, a meeting with its agenda, attendance and a decision, a
    task with a message and its counts, a plan with an item and a metric, and a clock
    event."""
    proposal = ProposalFactory(
        title="Lupaus", content={"text": "Uusi", "points": []}, created_by=user
    )
    ProposalCommentFactory(proposal=proposal, author=user, text="Hyvä")
    meeting = MeetingFactory(title="1")
    AgendaItemFactory(meeting=meeting, kind="proposal", proposal=proposal, title="")
    AttendanceFactory(meeting=meeting, organisation=Organisation.objects.get(code="tekes"))
    decision = DecisionFactory(number=1, meeting=meeting)
    DecisionEffectFactory(decision=decision, item=ServicePromise.objects.first())
    task = RegionalTaskFactory(
        region=Region.objects.get(code="lappi"),
        body=Body.objects.get(code="alue-lappi"),
        description="Kartoitus",
        created_by=user,
    )
    message = NeedsMessageFactory(
        task=task, to_body=body("tyoryhma-b"), subject="S", text="T", sent_by=user
    )
    MessageEventFactory(message=message, by=user)
    plan = PlanFactory()
    PlanItemFactory(plan=plan)
    MetricFactory(plan=plan, actual=9)
    ClockEventFactory(month=3, title="Tulosneuvottelut", kind="result_steering")
    AccessibilityFeedbackFactory(message="Kontrasti")
    StrategyVersion.objects.create(
        year=2026, number=1, decision=decision, published_by=user, contents={"fi": {}}
    )
    # The factory's task passed by the services: its overview counts are recounted.
    regional_tallies_rebuild()


def test_admin__every_add_and_change_page_opens(client, superuser, strategy_data):
    client.force_login(superuser)
    _one_of_each(superuser)
    for model in GOVERNANCE_MODELS:
        name = model._meta.model_name
        url = reverse(f"admin:governance_{name}_add")
        response = client.get(url)
        assert response.status_code in (200, 403), (name, response.status_code)
        assert client.get(_change_url(model._default_manager.first())).status_code == 200, name


def test_admin__a_written_text_is_edited_as_written(client, superuser, coordinator_user):
    """A task written in Swedish, with a Finnish translation, opened in the admin in Finnish:
    the form shows the Swedish original (not the translation) and a save writes the Swedish
    column (the translation of the earlier text dropped); choosing English on the same form
    moves the text to the English column."""
    from governance.models import RegionalTask
    from tests.factories import log_task

    task = log_task(coordinator_user, description="Enkät.", original_language="sv")
    RegionalTask.objects.filter(pk=task.pk).update(description_fi="Kysely.")
    client.force_login(superuser)
    client.cookies["kieli"] = "fi"
    url = _change_url(task)
    page = client.get(url)
    assert page.context["adminform"].form["description"].value() == "Enkät."
    data = change_form_data(page, description="Enkät om behov.", change_reason="Tarkennus")
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert (task.description_sv, task.description_fi) == ("Enkät om behov.", None)
    data = change_form_data(
        client.get(url),
        description="Survey of needs.",
        original_language="en",
        change_reason="Kirjoitettu englanniksi",
    )
    assert client.post(url, data).status_code == 302
    task.refresh_from_db()
    assert (task.original_language, task.description_en, task.description_sv) == (
        "en",
        "Survey of needs.",
        None,
    )


def test_admin__a_plan_item_is_edited_as_written_on_the_plans_page(client, superuser, agency_user):
    """An English item with a Swedish translation, opened in Swedish on its plan's page: the
    inline row shows the English original (not the translation), and saving the row keeps
    each text in its column; the item's own page changes its language."""
    from governance.models import PlanItem
    from governance.services import steering

    plan = steering.plan_create(level="whole_base", year=2026, title="Kanta", by=agency_user)
    item = steering.plan_item_create(
        plan=plan, kind="goal", text="Grow exports.", original_language="en", by=agency_user
    )
    PlanItem.objects.filter(pk=item.pk).update(text_sv="Öka exporten.")
    client.force_login(superuser)
    client.cookies["kieli"] = "sv"
    url = _change_url(plan)
    page = client.get(url)
    row = page.context["inline_admin_formsets"][0].formset.forms[0]
    assert row["text"].value() == "Grow exports."
    data = change_form_data(page, change_reason="Järjestys")
    data[row["order"].html_name] = "5"
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.order, item.text_en, item.text_sv, item.text_fi) == (
        5,
        "Grow exports.",
        "Öka exporten.",
        None,
    )
    # The item's own page changes its language, as the app's form does.
    url = _change_url(item)
    data = change_form_data(
        client.get(url), text="Öka exporten mer.", original_language="sv", change_reason="Omskrivet"
    )
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.original_language, item.text_sv, item.text_en) == ("sv", "Öka exporten mer.", None)


def test_admin__search_finds_a_written_text_in_any_language(client, superuser, agency_user):
    """modeltranslation would narrow a bare field name to the UI language's column."""
    from governance.services import steering

    plan = steering.plan_create(level="whole_base", year=2026, title="Kanta", by=agency_user)
    steering.plan_item_create(
        plan=plan, kind="goal", text="Öka exporten.", original_language="sv", by=agency_user
    )
    client.force_login(superuser)
    client.cookies["kieli"] = "fi"
    page = client.get(reverse("admin:governance_planitem_changelist"), {"q": "exporten"})
    assert page.status_code == 200 and page.context["cl"].result_count == 1
    page = client.get(reverse("admin:governance_needsmessage_changelist"), {"q": "exporten"})
    assert page.status_code == 200 and page.context["cl"].result_count == 0


def test_admin__search_finds_a_plan_written_in_swedish_from_the_finnish_admin(
    client, superuser, agency_user
):
    """Plans, proposals and tasks search each language's column too (core.admin's
    every_language)."""
    from governance.services import steering

    steering.plan_create(
        level="whole_base", year=2026, title="Exportplan", original_language="sv", by=agency_user
    )
    client.force_login(superuser)
    client.cookies["kieli"] = "fi"
    page = client.get(reverse("admin:governance_plan_changelist"), {"q": "Exportplan"})
    assert page.status_code == 200 and page.context["cl"].result_count == 1
