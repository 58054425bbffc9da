"""The segment editor of ministry staff: who may open it and its preview, what a save writes
(with who and why, nothing for untouched records), stale copies refused, rules validated
as ever, hostile input answered in Finnish, and a constant number of queries."""

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.refusals import Refusal
from segments import services
from segments.models import Criterion, Goal, Segment
from tests.concurrency import needs_postgresql, race
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db

CODE = "kansainvalistyvat"
EDIT = reverse("segments:segment_edit", args=[CODE])
PREVIEW = reverse("segments:segment_rule_preview", args=[CODE])


def _form_data(response):
    """What the browser would post back from the page as it was served."""
    editor = response.context["editor"]
    data = {}
    for form in editor.all_forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = (
                json.dumps(value) if field.name == "rules" and not isinstance(value, str) else value
            )
    formsets = [editor.aliases, editor.promises, *(formset for _p, formset in editor.goals)]
    for formset in formsets:
        for field in formset.management_form:
            data[field.html_name] = field.value()
    return data


def _goal_prefix(response, goal):
    for _perspective, formset in response.context["editor"].goals:
        for form in formset.forms:
            if form.instance.pk == goal.pk:
                return form.prefix
    raise AssertionError(goal)


# --- Who may ---------------------------------------------------------------------------


def test_segment_editor__anonymous_and_users_without_a_role_are_kept_out(
    client, assert_closed_to_outsiders
):
    assert_closed_to_outsiders([EDIT])
    client.logout()
    assert client.post(PREVIEW, {"placement": ""}).status_code == 302


@pytest.mark.parametrize("who", ["working_group_user", "coordinator_user", "agency_user"])
def test_segment_editor__other_roles_may_not_open_it_or_its_preview(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, {}).status_code == 403
    assert client.post(PREVIEW, {"placement": ""}).status_code == 403


def test_segment_editor__ministry_staff_open_it(client, ministry_user):
    client.force_login(ministry_user)
    response = client.get(EDIT)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="sv"' in page and "rules-json" in page and "rule-builder-vocabulary" in page
    assert client.get(reverse("segments:segment_edit", args=["ei-ole"])).status_code == 404
    assert client.post(reverse("segments:segment_rule_preview", args=["ei-ole"])).status_code == 404


def test_segment_editor__queries_do_not_grow_with_the_goals(client, ministry_user, count_queries):
    client.force_login(ministry_user)
    few = count_queries(client, EDIT, warm=True)
    segment = Segment.objects.get(code=CODE)
    for number in range(20):
        GoalFactory(segment=segment, perspective="customer", text_fi=f"Tavoite {number}")
    assert count_queries(client, EDIT, most=few) == few


# --- Saving ------------------------------------------------------------------------------


def test_segment_editor__saves_changes_with_who_and_why_and_leaves_the_rest_alone(
    client, ministry_user, staff_rules
):
    client.force_login(ministry_user)
    response = client.get(EDIT)
    segment = Segment.objects.get(code=CODE)
    goals = list(Goal.objects.filter(segment=segment).order_by("perspective", "order", "pk"))
    changed, removed, untouched = goals[0], goals[1], goals[2]
    history_before = untouched.history.count()
    data = _form_data(response)
    data[f"{_goal_prefix(response, changed)}-text_sv"] = "Målet på svenska"
    data[f"{_goal_prefix(response, changed)}-status"] = "confirmed"
    data[f"{_goal_prefix(response, removed)}-DELETE"] = "on"
    new = "goals-customer-" + str(response.context["editor"].goals[1][1].total_form_count() - 1)
    data[f"{new}-text_fi"] = "Uusi tavoite"
    data[f"{new}-order"] = "9"
    data["criterion-placement-rules"] = json.dumps(
        {"all": [{"attribute": "henkilosto", "op": "gte", "value": 12}]}
    )
    data["change-reason"] = "Kokouksen päätös"
    response = client.post(EDIT, data)
    assert response.status_code == 302, response.context["editor"].error_count()
    changed.refresh_from_db()
    assert (changed.text_sv, changed.status) == ("Målet på svenska", "confirmed")
    assert changed.history.first().history_change_reason == "Kokouksen päätös"
    assert changed.history.first().history_user == ministry_user
    assert not Goal.objects.filter(pk=removed.pk).exists()
    assert removed.history.first().history_type == "-"
    added = Goal.objects.get(text_fi="Uusi tavoite")
    assert (added.segment, added.perspective, added.order) == (segment, "customer", 9)
    placement = Criterion.objects.get(segment=segment, kind="placement")
    assert placement.rules["all"][0]["value"] == 12
    assert placement.history.first().history_change_reason == "Kokouksen päätös"
    # Untouched goals and the other criteria get no empty history rows.
    assert untouched.history.count() == history_before
    assert Criterion.objects.get(segment=segment, kind="exit").history.count() <= 1


def test_segment_editor__a_save_from_a_stale_copy_is_refused_and_changes_nothing(
    client, ministry_user
):
    client.force_login(ministry_user)
    response = client.get(EDIT)
    goal = Goal.objects.filter(segment__code=CODE).order_by("perspective", "order", "pk").first()
    other = Goal.objects.get(pk=goal.pk)
    other.text_fi = "Joku muu ehti ensin"
    other.save()
    data = _form_data(response)
    data[f"{_goal_prefix(response, goal)}-text_fi"] = "Minun muutokseni"
    data["segment-name_sv"] = "Nytt namn"
    data["change-reason"] = "Syy"
    response = client.post(EDIT, data)
    assert response.status_code == 409
    assert "Joku muu on tallentanut" in response.content.decode()
    goal.refresh_from_db()
    assert goal.text_fi == "Joku muu ehti ensin"
    assert Segment.objects.get(code=CODE).name_sv != "Nytt namn"


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_segment_editor__two_saves_from_the_same_copy_exactly_one_wins(
    strategy_data, ministry_user
):
    """The version check reads the row under a lock inside the save's own transaction: two
    editors saving from the same copy at once cannot both pass."""
    opened = Segment.objects.get(code=CODE)
    names = iter(["Ensimmäinen", "Toinen"])

    def save():
        segment = Segment.objects.get(pk=opened.pk)
        segment.name_sv = next(names)
        return services.segment_edit(
            segment=segment, changed=[(segment, opened.version)], by=ministry_user, reason="Syy"
        )

    results = race(save)
    assert sorted(kind for kind, _ in results) == ["error", "ok"], results
    assert isinstance(next(value for kind, value in results if kind == "error"), Refusal)
    saved = Segment.objects.get(pk=opened.pk)
    assert saved.version != opened.version
    assert saved.name_sv in {"Ensimmäinen", "Toinen"}
    assert saved.history.filter(history_change_reason="Syy").count() == 1


def test_segment_editor__without_a_reason_nothing_is_saved(client, ministry_user):
    client.force_login(ministry_user)
    data = _form_data(client.get(EDIT))
    data["segment-name_sv"] = "Nytt namn"
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert "Kirjoita muutoksen syy." in response.content.decode()
    assert Segment.objects.get(code=CODE).name_sv != "Nytt namn"


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ('{"all": [', "Säännöt eivät ole kelvollista JSONia."),
        ("[" * 5000 + "]" * 5000, "Säännöt eivät ole kelvollista JSONia."),
        (
            '{"attribute": "ei-ole", "op": "gte", "value": 1}',
            "ominaisuutta &#x27;ei-ole&#x27; ei ole",
        ),
        ('{"all": []}', "on oltava ei-tyhjä luettelo"),
        ('{"attribute": "henkilosto", "op": "gte", "value": "1e999999"}', "on liian suuri"),
        ('{"attribute": "henkilosto", "op": "contains", "value": 1}', "ei sovi ominaisuudelle"),
        (
            '{"all": ['
            + ",".join(['{"attribute": "henkilosto", "op": "gte", "value": 1}'] * 51)
            + "]}",
            "ehtoja on liikaa",
        ),
        (
            '{"all": [' * 8 + '{"attribute": "henkilosto", "op": "gte", "value": 1}' + "]}" * 8,
            "liian monta",
        ),
        ("x" * 20_001, "Säännöt ovat liian pitkät."),
    ],
)
def test_segment_editor__bad_and_hostile_rules_are_refused_in_finnish(
    client, ministry_user, staff_rules, rules, message
):
    client.force_login(ministry_user)
    data = _form_data(client.get(EDIT))
    data["criterion-placement-rules"] = rules
    data["change-reason"] = "Syy"
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Criterion.objects.get(segment__code=CODE, kind="placement").history.count() <= 1


# --- The preview ---------------------------------------------------------------------------


def test_rule_preview__answers_the_counts_in_words(client, ministry_user, world):
    client.force_login(ministry_user)
    response = client.post(
        PREVIEW,
        {"placement": json.dumps({"attribute": "vienti", "op": "gte", "value": 25}), "entry": ""},
    )
    assert response.status_code == 200
    assert response.json() == {
        "year": 2026,
        "placed": 3,
        "moving_in": 2,
        "moving_out": 0,
        "text": "Näillä säännöillä 3 yritystä sijoittuisi tähän segmenttiin vuonna 2026 "
        "(2 siirtyy tänne, 0 siirtyy pois).",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"placement": '{"attribute": "vienti", "op": "gte", "value": "x"}'}, "x ei ole luku."),
        ({"placement": "{"}, "säännöt eivät ole kelvollista JSONia"),
        ({"entry": "[" * 100_000}, "Säännöt ovat liian pitkät."),
        ({"entry": "[" * 5000 + "]" * 5000}, "säännöt eivät ole kelvollista JSONia"),
        ({"placement": '{"attribute": "ei", "op": "eq", "value": 1}'}, "ominaisuutta"),
        ({"placement": "", "year": "20x6"}, "Vuosi on neljä numeroa"),
        ({"placement": "", "year": "3000"}, "enintään 2100"),
    ],
)
def test_rule_preview__bad_rules_get_the_finnish_message_not_an_error_page(
    client, ministry_user, world, data, message
):
    client.force_login(ministry_user)
    response = client.post(PREVIEW, data)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_rule_preview__one_at_a_time_per_user(client, ministry_user, world):
    client.force_login(ministry_user)
    cache.add(f"rule-preview:{ministry_user.pk}", 1, 30)
    response = client.post(PREVIEW, {"placement": ""})
    assert response.status_code == 429
    assert "kesken" in response.json()["error"]
    cache.delete(f"rule-preview:{ministry_user.pk}")
    assert client.post(PREVIEW, {"placement": ""}).status_code == 200


def test_rule_preview__queries_do_not_grow_with_the_companies(
    client, ministry_user, world, django_assert_max_num_queries
):
    from tests.factories import CompanyFactory

    client.force_login(ministry_user)
    data = {"placement": json.dumps({"attribute": "vienti", "op": "gte", "value": 25})}
    client.post(PREVIEW, data)
    with django_assert_max_num_queries(12) as captured:
        client.post(PREVIEW, data)
    few = len(captured.captured_queries)
    for _ in range(10):
        CompanyFactory(segment_code="paikalliset")
    with django_assert_max_num_queries(few):
        client.post(PREVIEW, data)


def test_segment_page__links_to_the_editor_for_ministry_staff_only(
    client, ministry_user, working_group_user
):
    page = reverse("segments:segment_detail", args=[CODE])
    client.force_login(working_group_user)
    assert EDIT not in client.get(page).content.decode()
    client.force_login(ministry_user)
    assert EDIT in client.get(page).content.decode()
