"""A segment's history page: each change's fields before → after (rules in words), saves
that changed nothing left out, and reverting a change with a reason."""

import pytest
from django.db.models import Max
from django.urls import reverse

from core.history import previous_row, previous_rows, save_with_history, with_previous
from segments.models import Criterion, Goal, ReviewStatus

pytestmark = pytest.mark.django_db

HISTORY = reverse("segments:segment_history", args=["suuryritykset"])


def _placement(staff_rules):
    return Criterion.objects.get(segment__code="suuryritykset", kind="placement")


def _set_rule(criterion, value, *, by, reason="Raja tarkennettu"):
    criterion.rules = {"attribute": "henkilosto", "op": "gte", "value": value}
    save_with_history(criterion, by=by, reason=reason)


def _revert_url(row):
    return reverse(
        "segments:segment_change_revert", args=["suuryritykset", row.kind, row.history_id]
    )


def test_history__rule_change_shows_in_words_before_and_after(
    client, staff_rules, ministry_user, working_group_user
):
    criterion = _placement(staff_rules)
    _set_rule(criterion, 10, by=ministry_user)
    _set_rule(criterion, 12, by=ministry_user)
    client.force_login(working_group_user)
    first = client.get(HISTORY).context["history"][0]
    assert [(c.label, c.before, c.after) for c in first.changes] == [
        ("Säännöt", "Henkilöstö vähintään 10 hlö", "Henkilöstö vähintään 12 hlö")
    ]
    client.cookies["kieli"] = "sv"
    page = client.get(HISTORY).content.decode()
    assert "Henkilöstö minst 10 hlö" in page and "Henkilöstö minst 12 hlö" in page


def test_history__choice_by_label_and_noop_save_adds_no_row(
    client, ministry_user, working_group_user
):
    goal = Goal.objects.filter(segment__code="suuryritykset").first()
    client.force_login(working_group_user)
    before = len(client.get(HISTORY).context["history"])
    # A save that changes nothing anyone sees (None → "" kind) writes a history row...
    goal.text_sv = "" if goal.text_sv is None else None
    save_with_history(goal, by=ministry_user, reason="Tallennettu uudelleen", clean=False)
    assert len(client.get(HISTORY).context["history"]) == before
    # ...a real change shows, a choice by its label.
    old = ReviewStatus(goal.status)
    new = ReviewStatus.CONFIRMED if old != ReviewStatus.CONFIRMED else ReviewStatus.UNDER_REVIEW
    goal.status = new
    save_with_history(goal, by=ministry_user, reason="Vahvistettu")
    first = client.get(HISTORY).context["history"][0]
    assert [(c.before, c.after) for c in first.changes] == [(str(old.label), str(new.label))]


def test_history__query_count_constant_as_rule_changes_grow(
    client, staff_rules, ministry_user, working_group_user, count_queries
):
    criterion = _placement(staff_rules)
    _set_rule(criterion, 10, by=ministry_user)
    goals = list(Goal.objects.filter(segment__code="suuryritykset"))
    # One change of each kind first: a kind's rows before are read in one query.
    goals[0].status = "confirmed"
    goals[0].save()
    client.force_login(working_group_user)
    few = count_queries(client, HISTORY, most=50, warm=True)
    for value in range(11, 25):
        _set_rule(criterion, value, by=ministry_user)
    for goal in goals[1:]:
        goal.status = "confirmed"
        goal.save()
    assert count_queries(client, HISTORY, most=50) == few


def test_revert__restores_the_value_and_records_who_and_why(client, staff_rules, ministry_user):
    criterion = _placement(staff_rules)
    _set_rule(criterion, 10, by=ministry_user)
    _set_rule(criterion, 12, by=ministry_user)
    client.force_login(ministry_user)
    row = client.get(HISTORY).context["history"][0]
    page = client.get(_revert_url(row))
    assert page.status_code == 200
    assert "Henkilöstö vähintään 12 hlö" in page.content.decode()
    seen = page.context["form"].initial["seen"]
    response = client.post(_revert_url(row), {"reason": "Raja palautettiin", "seen": seen})
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.rules["value"] == 10
    newest = criterion.history.order_by("-history_date", "-history_id").first()
    assert newest.history_user == ministry_user
    assert "Raja palautettiin" in newest.history_change_reason
    assert newest.history_change_reason.startswith("Palautettu muutos")
    revert_row = client.get(HISTORY).context["history"][0]
    assert [(c.before, c.after) for c in revert_row.changes] == [
        ("Henkilöstö vähintään 12 hlö", "Henkilöstö vähintään 10 hlö")
    ]


def test_revert__refused_without_reason_or_after_a_later_change(client, staff_rules, ministry_user):
    criterion = _placement(staff_rules)
    _set_rule(criterion, 10, by=ministry_user)
    _set_rule(criterion, 12, by=ministry_user)
    client.force_login(ministry_user)
    row = client.get(HISTORY).context["history"][0]
    seen = client.get(_revert_url(row)).context["form"].initial["seen"]
    no_reason = client.post(_revert_url(row), {"reason": " ", "seen": seen})
    assert no_reason.status_code == 200
    assert "Kirjoita perustelu." in no_reason.content.decode()
    # Someone else changes the criterion while the confirmation page is open.
    _set_rule(criterion, 14, by=ministry_user)
    stale = client.post(_revert_url(row), {"reason": "Raja palautettiin", "seen": seen})
    assert stale.status_code == 409  # the project's answer to a refused step
    assert "Joku muu on muuttanut kohdetta" in stale.content.decode()
    criterion.refresh_from_db()
    assert criterion.rules["value"] == 14


def test_revert__forbidden_without_the_right_to_change(
    client, staff_rules, ministry_user, working_group_user
):
    criterion = _placement(staff_rules)
    _set_rule(criterion, 10, by=ministry_user)
    _set_rule(criterion, 12, by=ministry_user)
    client.force_login(working_group_user)
    page = client.get(HISTORY)
    row = page.context["history"][0]
    assert "Palauta tämä muutos" not in page.content.decode()
    assert client.get(_revert_url(row)).status_code == 403
    assert client.post(_revert_url(row), {"reason": "x", "seen": 1}).status_code == 403
    criterion.refresh_from_db()
    assert criterion.rules["value"] == 12


def test_revert__unknown_change_is_404(client, ministry_user):
    client.force_login(ministry_user)
    url = reverse("segments:segment_change_revert", args=["suuryritykset", "goal", 999999])
    assert client.get(url).status_code == 404
    url = reverse("segments:segment_change_revert", args=["suuryritykset", "nothing", 1])
    assert client.get(url).status_code == 404


def test_history__rows_of_two_models_with_the_same_history_id_keep_their_own_previous(
    staff_rules, ministry_user
):
    """Each history table numbers its rows from 1: a criterion's row before and a goal's row
    before may share an id, and each change is still compared with its own model's row
    (it was read from the other model's, an AttributeError: a 500 on the history page)."""
    criterion = _placement(staff_rules)
    goal = Goal.objects.filter(segment__code="suuryritykset").first()
    _set_rule(criterion, 10, by=ministry_user)
    _set_rule(criterion, 12, by=ministry_user)
    goal.text_fi = f"{goal.text_fi} (tarkennettu)"
    save_with_history(goal, by=ministry_user, reason="Tarkennettu")
    criterion_row = with_previous(criterion.history.all()).order_by("-history_id").first()
    goal_row = with_previous(goal.history.all()).order_by("-history_id").first()
    # Both rows before get the same id, one neither history table has used yet.
    criterion_history, goal_history = criterion.history.model, goal.history.model
    shared = 1 + max(
        criterion_history.objects.aggregate(Max("history_id"))["history_id__max"],
        goal_history.objects.aggregate(Max("history_id"))["history_id__max"],
    )
    criterion_history.objects.filter(history_id=criterion_row.previous_id).update(history_id=shared)
    goal_history.objects.filter(history_id=goal_row.previous_id).update(history_id=shared)
    criterion_row.previous_id = goal_row.previous_id = shared

    previous = previous_rows([criterion_row, goal_row])

    assert type(previous_row(previous, criterion_row)) is type(criterion_row)
    assert type(previous_row(previous, goal_row)) is type(goal_row)


def test_history__page_with_changes_to_several_kinds_of_item(
    client, staff_rules, ministry_user, working_group_user
):
    criterion = _placement(staff_rules)
    goal = Goal.objects.filter(segment__code="suuryritykset").first()
    for value in (10, 12, 14):
        _set_rule(criterion, value, by=ministry_user)
        goal.text_fi = f"Tavoite {value}"
        save_with_history(goal, by=ministry_user, reason="Tarkennettu")
    client.force_login(working_group_user)

    response = client.get(HISTORY)

    assert response.status_code == 200
    labels = {change.label for entry in response.context["history"] for change in entry.changes}
    assert "Säännöt" in labels
