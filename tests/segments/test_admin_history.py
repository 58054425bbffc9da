"""The admin's history and revert pages: in the UI language, each change before → after,
saves that changed nothing left out; a revert asks a reason and refuses a stale page."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.history import save_with_history
from segments.models import Goal, ReviewStatus
from tests.admin_forms import _form_data

pytestmark = pytest.mark.django_db

ENGLISH_UI = [
    "Choose a date from the list below to revert",
    "Revert",
    "Change history",
    "Changed by",
    "Change reason",
    "Date/time",
    "Press the",
    "Close",
]


def _goal_with_changes(by):
    goal = Goal.objects.filter(segment__code="suuryritykset").order_by("pk").first()
    goal.status = ReviewStatus.CONFIRMED if goal.status != "confirmed" else ReviewStatus.DRAFT
    save_with_history(goal, by=by, reason="Tila vaihtui")
    # A save that changed nothing visible (None and "" are both empty).
    goal.text_en = "" if goal.text_en is None else None
    save_with_history(goal, by=by, reason="Tyhjä tallennus", clean=False)
    return goal


def _revert_data(response, **changes):
    """What the revert page (a change form without inlines) submits, with `changes`."""
    data = {**_form_data(response.context["adminform"].form), **changes}
    return {key: value for key, value in data.items() if value != ""}


def _history_url(goal):
    return reverse("admin:segments_goal_history", args=[goal.pk])


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_admin_history__in_the_ui_language_with_before_and_after(client, ministry_user, language):
    goal = _goal_with_changes(ministry_user)
    client.force_login(ministry_user)
    client.cookies["kieli"] = language
    page = client.get(_history_url(goal)).content.decode()
    for english in ENGLISH_UI:
        assert english not in page
    assert "→" in page
    assert "Tila vaihtui" in page
    assert "Tyhjä tallennus" not in page  # the no-op row is left out
    words = {"fi": "Mitä muuttui", "sv": "Vad ändrades"}
    assert words[language] in page


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_admin_revert_page__in_the_ui_language(client, ministry_user, language):
    goal = _goal_with_changes(ministry_user)
    record = goal.history.order_by("history_date").first()
    client.force_login(ministry_user)
    client.cookies["kieli"] = language
    url = reverse("admin:segments_goal_simple_history", args=[goal.pk, record.history_id])
    page = client.get(url).content.decode()
    for english in ENGLISH_UI:
        assert english not in page
    assert {"fi": "Palauta tämä versio", "sv": "Återställ den här versionen"}[language] in page


def test_admin_revert__restores_with_reason_and_refuses_a_stale_page(client, ministry_user):
    goal = Goal.objects.filter(segment__code="suuryritykset").order_by("pk").first()
    original = goal.text_fi
    goal.text_fi = "Uusi muotoilu"
    save_with_history(goal, by=ministry_user, reason="Muotoiltu")
    first = goal.history.order_by("history_date", "history_id").first()
    client.force_login(ministry_user)
    url = reverse("admin:segments_goal_simple_history", args=[goal.pk, first.history_id])
    form = client.get(url)
    # Someone else saves the goal while the revert page is open: refused, nothing changes.
    goal.refresh_from_db()
    goal.status = ReviewStatus.UNDER_REVIEW
    save_with_history(goal, by=ministry_user, reason="Toinen muutos")
    stale = client.post(url, _revert_data(form, change_reason="Palautus"))
    assert stale.status_code == 200
    goal.refresh_from_db()
    assert goal.text_fi == "Uusi muotoilu"
    fresh = client.post(url, _revert_data(client.get(url), change_reason="Palautus"))
    assert fresh.status_code == 302
    goal.refresh_from_db()
    assert goal.text_fi == original
    newest = goal.history.order_by("-history_date", "-history_id").first()
    assert (newest.history_user, newest.history_change_reason) == (ministry_user, "Palautus")


def test_admin_history__query_count_constant(client, ministry_user, count_queries):
    goal = _goal_with_changes(ministry_user)
    client.force_login(ministry_user)
    few = count_queries(client, _history_url(goal), most=60, warm=True)
    for number in range(8):
        goal.text_fi = f"Muotoilu {number}"
        save_with_history(goal, by=ministry_user, reason="Muotoiltu")
    assert count_queries(client, _history_url(goal), most=60) == few


def test_admin__header_and_role_groups_in_the_ui_language(client, make_user, ministry_user):
    client.force_login(ministry_user)
    client.cookies["kieli"] = "sv"
    page = client.get(reverse("admin:index")).content.decode()
    assert "Kundstrategi – administration" in page
    assert "Asiakkuusstrategia – ylläpito" not in page
    superuser = make_user("paakayttaja", organisation="tem", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    client.cookies["kieli"] = "sv"
    groups = client.get(reverse("admin:auth_group_changelist")).content.decode()
    assert "Ministeriets personal" in groups
    user_page = client.get(reverse("admin:auth_user_change", args=[ministry_user.pk]))
    assert "Ministeriets personal" in user_page.content.decode()
    # The rows keep their Finnish names: they are the roles' keys.
    assert Group.objects.filter(name="Ministeriön henkilöstö").exists()
