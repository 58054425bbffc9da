"""The demo strategy-group meeting can decide on the day the demo is loaded, whichever day
that is (issue 17, item 6): the README's walkthrough drafts a proposal, puts it on the
agenda, decides it and closes the meeting on the day `make run` is run."""

import datetime
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.demo import create_demo_users
from governance.demo_structure import DEMO_MEETING_TITLE, MEETING_REASON, load_demo
from governance.models import Body, Decision, Meeting
from governance.services import meetings as meeting_services
from tests.factories import promise_proposal, submitted

pytestmark = pytest.mark.django_db

# A leap day, the year's last and first days, and the day the tests run.
DAYS = [datetime.date(2028, 2, 29), datetime.date(2026, 12, 31), datetime.date(2027, 1, 1), None]


@pytest.fixture
def on_day(monkeypatch):
    """Make `timezone.localdate()` answer the given day everywhere (the services and the
    loader ask it); None leaves the real date."""

    def set_day(day):
        if day is not None:
            monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return timezone.localdate()

    return set_day


def _demo_user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_demo_meeting__the_walkthrough_decides_on_the_day_of_loading(strategy_data, on_day, day):
    today = on_day(day)
    create_demo_users(password="demo-salasana-123")
    load_demo()
    meeting = Meeting.objects.get(title=DEMO_MEETING_TITLE)
    assert meeting.date == today
    assert not meeting_services.before_meeting_day(meeting)

    # tyoryhma chairs segment group (b): drafts and submits; ministerio chairs the
    # strategy group: puts it on the demo meeting's agenda, decides and closes.
    chair, decider = _demo_user("tyoryhma"), _demo_user("ministerio")
    proposal = submitted(promise_proposal(chair), chair)
    item = meeting_services.agenda_item_add(meeting=meeting, proposal=proposal, by=decider)
    meeting_services.agenda_item_decide(item=item, outcome="approved", by=decider)
    meeting_services.meeting_close(meeting=meeting, by=decider)

    decision = Decision.objects.get(proposal=proposal)
    assert (decision.date, decision.year, decision.outcome) == (today, today.year, "approved")
    proposal.refresh_from_db()
    assert proposal.status == "approved"


def test_demo_meeting__one_planned_for_a_later_day_is_moved_to_today(strategy_data):
    """An earlier load (before this fix) planned the meeting two weeks ahead: loading again
    moves it to today, with its history and a new invitation version."""
    create_demo_users(password="demo-salasana-123")
    today = timezone.localdate()
    load_demo(today=today - timedelta(days=30))  # the seats start a month ago
    meeting = Meeting.objects.get(title=DEMO_MEETING_TITLE)
    Meeting.objects.filter(pk=meeting.pk).update(date=today + timedelta(days=14))

    assert load_demo() == (0, 1)

    meeting.refresh_from_db()
    assert (meeting.date, meeting.sequence) == (today, 1)
    assert meeting.history.latest().history_change_reason == MEETING_REASON
    assert load_demo() == (0, 0)


def test_demo_meeting__one_held_on_an_earlier_day_still_decides(strategy_data, on_day):
    """`make run` on a later day: the meeting of an earlier load is not closed, its day has
    passed, and it still decides; nothing is created or moved."""
    create_demo_users(password="demo-salasana-123")
    loaded_on = datetime.date(2026, 3, 5)
    load_demo(today=loaded_on)
    on_day(loaded_on + timedelta(days=40))

    assert load_demo() == (0, 0)
    meeting = Meeting.objects.get(title=DEMO_MEETING_TITLE)
    assert meeting.date == loaded_on
    assert not meeting_services.before_meeting_day(meeting)


def test_demo_meeting__a_new_one_when_the_walkthrough_closed_the_last(strategy_data):
    create_demo_users(password="demo-salasana-123")
    load_demo()
    decider = _demo_user("ministerio")
    meeting_services.meeting_close(meeting=Meeting.objects.get(), by=decider)

    assert load_demo() == (0, 1)

    strategy_group = Body.objects.get(code="asiakkuusstrategiaryhma")
    meetings = Meeting.objects.filter(body=strategy_group, title=DEMO_MEETING_TITLE)
    assert sorted(m.status for m in meetings) == ["closed", "planned"]
    assert meetings.get(status="planned").date == timezone.localdate()
