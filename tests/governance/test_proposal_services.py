"""Proposal services (6.2): the state machine, who may act, and the effect of an approved
proposal on each kind of target, with history pointing to the decision."""

import pytest
from django.core.exceptions import ValidationError

from governance.models import Body, Decision, DecisionEffect, Proposal
from governance.services import meetings as meeting_services
from governance.services import proposals as services
from offerings.models import Organisation, SegmentOffering, ServiceModel
from responsibility.models import ResponsibilityPolicy
from segments.models import Goal, Segment, ServicePromise, Strategy
from tests.factories import (
    MEETING_DATE,
    NEW_PROMISE_FI,
    NEW_PROMISE_SV,
    SEGMENT,
    ServiceFactory,
    approved,
    decide_at_meeting,
    promise_proposal,
    seat,
    submitted,
)

pytestmark = pytest.mark.django_db


# --- The "Done means" story ---------------------------------------------------------------


def test_story__working_group_b_proposal_confirms_the_new_promise_and_archives_the_other(
    chair, group_b_member, decider
):
    recorded = ServicePromise.objects.get(segment__code=SEGMENT)
    assert Segment.objects.get(code=SEGMENT).has_open_promise_alternative
    proposal = promise_proposal(group_b_member)
    assert proposal.status == "draft"
    assert proposal.current_snapshot["promises"][0]["text_fi"] == recorded.text_fi
    submitted(proposal, chair)

    meeting = decide_at_meeting(proposal, decider)

    decision = Decision.objects.get(proposal=proposal)
    assert meeting.status == "closed"
    assert decision.reference == "ASR 1/2009"
    assert decision.date == MEETING_DATE
    proposal.refresh_from_db()
    assert proposal.status == "approved"
    new = ServicePromise.objects.get(segment__code=SEGMENT, text_fi=NEW_PROMISE_FI)
    recorded.refresh_from_db()
    assert new.status == "confirmed" and new.text_sv == NEW_PROMISE_SV
    assert recorded.status == "archived"
    reason = decision.history_reason()
    assert "ASR 1/2009" in reason
    assert new.history.latest().history_change_reason == reason
    assert recorded.history.latest().history_change_reason == reason
    assert recorded.history.latest().history_user == decider
    changed = {(e.content_type.model, e.object_id) for e in decision.effects.all()}
    assert ("servicepromise", new.pk) in changed and ("servicepromise", recorded.pk) in changed
    # The register's promise question is settled by the same decision, its slot worded.
    question = decision.settled_questions.get()
    assert question.status == "decided"
    assert question.alternatives.get(is_chosen=True).promise == new
    # The segment no longer says a choice between wordings is pending.
    segment = Segment.objects.get(code=SEGMENT)
    assert not segment.has_open_promise_alternative
    assert segment.history.latest().history_change_reason == reason


def test_story__choosing_the_recorded_promise_archives_the_new_alternative(chair, decider):
    recorded = ServicePromise.objects.get(segment__code=SEGMENT)
    proposal = promise_proposal(chair, choose_new=False)
    submitted(proposal, chair)
    decide_at_meeting(proposal, decider)
    recorded.refresh_from_db()
    assert recorded.status == "confirmed"
    assert recorded.text_sv == "Vi lovar att hjälpa."
    assert ServicePromise.objects.get(text_fi=NEW_PROMISE_FI).status == "archived"


# --- State machine ------------------------------------------------------------------------


def test_proposal_create__records_who_and_why(group_b_member):
    proposal = promise_proposal(group_b_member)
    row = proposal.history.latest()
    assert row.history_user == group_b_member
    assert row.history_change_reason == "Ehdotus laadittu"


def test_proposal_create__refused_for_a_non_member(working_group_user):
    with pytest.raises(ValidationError, match="jäsenet"):
        promise_proposal(working_group_user)
    assert not Proposal.objects.exists()


def test_proposal_create__refused_about_another_groups_segment(chair):
    with pytest.raises(ValidationError):
        promise_proposal(chair, segment="kotimarkkinat")


def test_proposal_create__hostile_content_is_refused(chair):
    with pytest.raises(ValidationError):
        services.proposal_create(
            body=Body.objects.get(code="tyoryhma-b"),
            segment=Segment.objects.get(code=SEGMENT),
            target_kind="goals",
            perspective="customer",
            title="<script>alert(1)</script>",
            content={"lines": ["x" * 5000], "evil": 1},
            by=chair,
        )
    assert not Proposal.objects.exists()


def test_proposal_submit__only_the_chair(group_b_member, chair):
    proposal = promise_proposal(group_b_member)
    with pytest.raises(ValidationError, match="puheenjohtaja"):
        services.proposal_submit(proposal=proposal, by=group_b_member)
    submitted(proposal, chair)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert proposal.submitted_by == chair
    assert proposal.history.latest().history_change_reason.startswith("Ehdotus esitetty")


def test_proposal_submit__twice_is_refused(chair):
    proposal = promise_proposal(chair)
    submitted(proposal, chair)
    with pytest.raises(ValidationError, match="tila"):
        services.proposal_submit(proposal=proposal, by=chair)


def test_proposal_update__stale_version_is_refused(chair):
    proposal = promise_proposal(chair)
    stale = proposal.version
    services.proposal_update(
        proposal=proposal,
        version=stale,
        title="Uusi otsikko",
        content=proposal.content,
        by=chair,
    )
    with pytest.raises(ValidationError, match="Joku muu"):
        services.proposal_update(
            proposal=proposal, version=stale, title="Toinen", content=proposal.content, by=chair
        )
    proposal.refresh_from_db()
    assert proposal.title == "Uusi otsikko"


def test_proposal_update__submitted_cannot_be_edited(chair):
    proposal = submitted(promise_proposal(chair), chair)
    with pytest.raises(ValidationError, match="muokata"):
        services.proposal_update(
            proposal=proposal,
            version=proposal.version,
            title="x",
            content=proposal.content,
            by=chair,
        )


def test_proposal_returned__edit_brings_it_back_to_draft(chair, decider):
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider, outcome="returned")
    proposal.refresh_from_db()
    assert proposal.status == "returned"
    services.proposal_update(
        proposal=proposal,
        version=proposal.version,
        title="Korjattu",
        content=proposal.content,
        by=chair,
    )
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    submitted(proposal, chair)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


def test_proposal_withdraw_and_archive(chair):
    proposal = promise_proposal(chair)
    with pytest.raises(ValidationError, match="arkistoida"):
        services.proposal_archive(proposal=proposal, by=chair)
    services.proposal_withdraw(proposal=proposal, by=chair)
    services.proposal_archive(proposal=proposal, by=chair)
    proposal.refresh_from_db()
    assert proposal.status == "archived"
    with pytest.raises(ValidationError):
        services.proposal_withdraw(proposal=proposal, by=chair)


def test_proposal_rejected__target_unchanged(chair, decider):
    recorded = ServicePromise.objects.get(segment__code=SEGMENT)
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider, outcome="rejected")
    recorded.refresh_from_db()
    assert recorded.status == "proposed"
    assert not ServicePromise.objects.filter(text_fi=NEW_PROMISE_FI).exists()
    proposal.refresh_from_db()
    assert proposal.status == "rejected"


def test_proposal_comment__members_and_advisory_board(chair, make_user):
    from governance import roles

    proposal = promise_proposal(chair)
    services.proposal_comment_add(proposal=proposal, text="Hyvä.", by=chair)
    outsider = make_user("ulkopuolinen", role=roles.WORKING_GROUP_MEMBER, organisation="vtt")
    with pytest.raises(ValidationError):
        services.proposal_comment_add(proposal=proposal, text="Hei", by=outsider)
    seat(outsider, "neuvottelukunta")
    comment = services.proposal_comment_add(proposal=proposal, text="Neuvottelukunta", by=outsider)
    assert comment.history.latest().history_user == outsider


# --- The effect on each kind of target ----------------------------------------------------


def test_apply__goals_replace_the_perspective_list(chair, decider):
    before = Goal.objects.filter(segment__code=SEGMENT, perspective="customer").count()
    assert before >= 2
    decision = approved(
        chair,
        decider,
        target_kind="goals",
        perspective="customer",
        content={"lines": ["Ensimmäinen tavoite", "Toinen tavoite"]},
    )
    goals = list(
        Goal.objects.filter(segment__code=SEGMENT, perspective="customer").order_by("order")
    )
    assert [g.text_fi for g in goals] == ["Ensimmäinen tavoite", "Toinen tavoite"]
    assert all(g.status == "confirmed" for g in goals)
    assert goals[0].history.latest().history_change_reason == decision.history_reason()
    assert decision.effects.count() == before if before > 2 else 2


def test_apply__strategy_text_and_points(chair, decider):
    decision = approved(
        chair,
        decider,
        target_kind="strategy",
        content={"text": "Uusi strategia", "points": ["Yksi", "Kaksi"]},
    )
    strategy = Strategy.objects.get(segment__code=SEGMENT)
    assert strategy.text_fi == "Uusi strategia"
    assert strategy.points_fi == "Yksi\nKaksi"
    assert strategy.status == "confirmed"
    assert strategy.history.latest().history_change_reason == decision.history_reason()


def test_apply__service_model_fields(chair, decider):
    approved(
        chair,
        decider,
        target_kind="service_model",
        content={"how": "Yhden luukun periaatteella", "initiative": "customer"},
    )
    model = ServiceModel.objects.get(segment__code=SEGMENT)
    assert model.how_fi == "Yhden luukun periaatteella"
    assert model.initiative == "customer"


def test_apply__offering_add_and_remove(chair, decider):
    segment = Segment.objects.get(code=SEGMENT)
    service = ServiceFactory(
        name_fi="Vientikoulutus", owner=Organisation.objects.get(code="finpro")
    )
    decision = approved(
        chair,
        decider,
        target_kind="offering",
        content={"add": [{"service": service.pk, "kind": "basic"}]},
    )
    row = SegmentOffering.objects.get(service=service, segment=segment)
    assert DecisionEffect.objects.filter(decision=decision, object_id=row.pk).exists()
    approved(
        chair,
        decider,
        target_kind="offering",
        content={"remove": [{"service": service.pk, "kind": "basic"}]},
    )
    assert not SegmentOffering.objects.filter(service=service, segment=segment).exists()


def test_apply__responsibility_policy_with_decision_reference(chair, decider):
    decision = approved(
        chair,
        decider,
        target_kind="responsibility_policy",
        content={"mode": "handover", "lead_organisation": "finpro"},
    )
    policy = ResponsibilityPolicy.objects.get(segment__code=SEGMENT)
    assert policy.mode == "handover"
    assert policy.lead_organisation.code == "finpro"
    assert policy.decision_reference == decision.reference


def test_apply__failure_rolls_everything_back(chair, decider):
    """A proposal whose chosen promise lost its Swedish requirement fails at closing: no
    decision, no status change, the meeting stays open."""
    recorded = ServicePromise.objects.get(segment__code=SEGMENT)
    proposal = promise_proposal(chair, choose_new=False)
    submitted(proposal, chair)
    # Meanwhile someone archives the chosen promise: applying it is no longer possible.
    recorded.status = "archived"
    recorded.save()
    meeting = meeting_services.meeting_create(
        body=Body.objects.get(code="asiakkuusstrategiaryhma"),
        date=MEETING_DATE,
        title="Kokous",
        by=decider,
    )
    item = meeting_services.agenda_item_add(meeting=meeting, proposal=proposal, by=decider)
    meeting_services.agenda_item_decide(item=item, outcome="approved", by=decider)
    with pytest.raises(ValidationError, match="ei voitu toteuttaa"):
        meeting_services.meeting_close(meeting=meeting, by=decider)
    meeting.refresh_from_db()
    proposal.refresh_from_db()
    assert meeting.status == "open"
    assert proposal.status == "submitted"
    assert not Decision.objects.exists()
    assert not ServicePromise.objects.filter(text_fi=NEW_PROMISE_FI).exists()
