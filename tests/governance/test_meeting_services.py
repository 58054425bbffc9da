"""Meeting services (6, 6.1): only the strategy group decides, decisions are numbered per
year when the meeting closes, questions take effect, and illegal steps are refused."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from governance.models import Body, Decision, Meeting, StrategicQuestion
from governance.services import meetings as services
from offerings.models import Organisation
from responsibility.models import DataSharingSetting, ResponsibilityPolicy
from tests.factories import (
    MEETING_DATE,
    on_agenda,
    promise_proposal,
    strategy_meeting,
    submitted,
)

pytestmark = pytest.mark.django_db


def test_meeting_create__needs_a_seat(ministry_user):
    with pytest.raises(ValidationError, match="jäsenet"):
        strategy_meeting(ministry_user)
    assert not Meeting.objects.exists()


def test_meeting_create__records_history(decider):
    meeting = strategy_meeting(decider)
    row = meeting.history.latest()
    assert row.history_user == decider and row.history_change_reason == "Kokous kutsuttu koolle"


def test_agenda__a_draft_cannot_be_put_on_the_agenda(chair, decider):
    proposal = promise_proposal(chair)
    meeting = strategy_meeting(decider)
    with pytest.raises(ValidationError, match="esitetyn"):
        services.agenda_item_add(meeting=meeting, proposal=proposal, by=decider)


def test_decide__only_the_strategy_group_decides(chair, decider, make_user):
    """A segment group's own meeting takes no proposals; a member of the segment group with
    the decision permission still cannot decide at the strategy group's meeting."""
    from governance import roles

    proposal = submitted(promise_proposal(chair), chair)
    own_meeting = services.meeting_create(
        body=Body.objects.get(code="tyoryhma-b"), date=MEETING_DATE, title="Oma", by=chair
    )
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=own_meeting, proposal=proposal, by=chair)
    meeting = strategy_meeting(decider)
    item = services.agenda_item_add(meeting=meeting, proposal=proposal, by=decider)
    outsider = make_user("ministerio2", role=roles.MINISTRY_STAFF, organisation="tem")
    with pytest.raises(ValidationError, match="strategiaryhmän jäsenet"):
        services.agenda_item_decide(item=item, outcome="approved", by=outsider)
    with pytest.raises(ValidationError, match="strategiaryhmän jäsenet"):
        services.agenda_item_decide(item=item, outcome="approved", by=chair)


def test_decide__wrong_outcome_for_a_proposal_is_refused(chair, decider):
    item = on_agenda(strategy_meeting(decider), chair, decider)
    with pytest.raises(ValidationError, match="ei sovi"):
        services.agenda_item_decide(item=item, outcome="decided", by=decider)


def test_close__numbers_decisions_per_year_and_refuses_a_second_close(chair, decider):
    meeting = strategy_meeting(decider)
    item = on_agenda(meeting, chair, decider)
    services.agenda_item_decide(item=item, outcome="rejected", by=decider)
    question = StrategicQuestion.objects.get(code="alueellisten-tyoryhmien-kokoonpano")
    item = services.agenda_item_add(meeting=meeting, question=question, by=decider)
    services.agenda_item_decide(item=item, outcome="returned", by=decider)
    closed = services.meeting_close(meeting=meeting, by=decider)
    numbers = list(Decision.objects.order_by("number").values_list("number", "year"))
    assert numbers == [(1, 2009), (2, 2009)]
    assert closed.closed_by == decider
    question.refresh_from_db()
    assert question.status == "under_preparation"
    with pytest.raises(ValidationError, match="suljettu"):
        services.meeting_close(meeting=meeting, by=decider)
    # The next year starts from one again.
    later = strategy_meeting(decider, when=date(2010, 1, 20))
    item = services.agenda_item_add(
        meeting=later,
        question=StrategicQuestion.objects.get(code="yhteiset-vai-omat-asiakkaat"),
        by=decider,
    )
    alternative = item.question.alternatives.exclude(target_value="").first()
    services.agenda_item_decide(item=item, outcome="decided", alternative=alternative, by=decider)
    services.meeting_close(meeting=later, by=decider)
    assert Decision.objects.get(year=2010).number == 1


def test_close__stale_version_loses(decider):
    """Two people close at once: the second, holding the old version, is refused."""
    meeting = strategy_meeting(decider)
    version = meeting.version
    services.meeting_close(meeting=meeting, version=version, by=decider)
    with pytest.raises(ValidationError):
        services.meeting_close(meeting=meeting, version=version, by=decider)
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"


def test_decide__twice_after_closing_is_refused(chair, decider):
    meeting = strategy_meeting(decider)
    item = on_agenda(meeting, chair, decider)
    services.agenda_item_decide(item=item, outcome="approved", by=decider)
    services.meeting_close(meeting=meeting, by=decider)
    with pytest.raises(ValidationError):
        services.agenda_item_decide(item=item, outcome="rejected", by=decider)
    # Nor can the approved proposal be decided again at another meeting.
    other = strategy_meeting(decider)
    with pytest.raises(ValidationError, match="esitetyn"):
        services.agenda_item_add(meeting=other, proposal=item.proposal, by=decider)


def test_question__data_sharing_decision_sets_the_setting(decider):
    question = StrategicQuestion.objects.get(code="yhteiset-vai-omat-asiakkaat")
    alternative = question.alternatives.get(target_value="shared")
    meeting = strategy_meeting(decider)
    item = services.agenda_item_add(meeting=meeting, question=question, by=decider)
    services.agenda_item_decide(
        item=item, outcome="decided", alternative=alternative, rationale="Yhteiset", by=decider
    )
    services.meeting_close(meeting=meeting, by=decider)
    setting = DataSharingSetting.current()
    decision = Decision.objects.get(question=question)
    assert setting.strategy == "shared"
    assert setting.decision_reference == decision.reference
    assert setting.history.latest().history_change_reason == decision.history_reason()
    question.refresh_from_db()
    assert question.status == "decided" and question.decision == decision
    assert decision.effects.filter(object_id=setting.pk).exists()


def test_question__responsibility_mode_is_set(decider):
    question = StrategicQuestion.objects.get(code="asiakasvastuu-kansainvalistyvat")
    alternative = question.alternatives.get(target_value="long_term")
    meeting = strategy_meeting(decider)
    item = services.agenda_item_add(meeting=meeting, question=question, by=decider)
    services.agenda_item_decide(item=item, outcome="decided", alternative=alternative, by=decider)
    services.meeting_close(meeting=meeting, by=decider)
    policy = ResponsibilityPolicy.objects.get(segment=question.segment)
    assert policy.mode == "long_term"


def test_question__empty_slot_cannot_be_chosen(decider):
    question = StrategicQuestion.objects.get(code="palvelulupaus-kansainvalistyvat")
    slot = next(a for a in question.alternatives.all() if a.is_empty_slot)
    meeting = strategy_meeting(decider)
    item = services.agenda_item_add(meeting=meeting, question=question, by=decider)
    with pytest.raises(ValidationError, match="sanamuoto"):
        services.agenda_item_decide(item=item, outcome="decided", alternative=slot, by=decider)


def test_attendance__absent_has_no_attendees_and_minutes_lock(decider):
    meeting = strategy_meeting(decider)
    organisation = Organisation.objects.get(code="finnvera")
    row = services.attendance_record(
        meeting=meeting,
        organisation=organisation,
        is_present=False,
        attendee_count=3,
        attendee_names="X",
        by=decider,
    )
    assert row.attendee_count is None and row.attendee_names == ""
    version = Meeting.objects.get(pk=meeting.pk).version
    services.meeting_minutes_update(meeting=meeting, version=version, minutes="A", by=decider)
    with pytest.raises(ValidationError, match="Joku muu"):
        services.meeting_minutes_update(meeting=meeting, version=version, minutes="B", by=decider)
