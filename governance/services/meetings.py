"""Writes of meetings (6, 6.1): arranging a meeting, its agenda, attendance and minutes,
noting what was resolved on each item, and closing it — which records the numbered
decisions and applies every approved proposal and decided question in one transaction.

Only the strategy group decides, by its current members; two people closing or deciding
at once cannot both succeed (the meeting row is locked and its version compared).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.history import save_with_history
from core.refusals import Refusal, refuse, refuse_stale
from responsibility import services as responsibility_services

from .. import permissions
from ..models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Proposal,
    QuestionAlternative,
    StrategicQuestion,
)
from ..proposal_targets.service_promise import confirm_promise
from . import notices
from .proposals import effects_for, proposal_apply


def _locked(meeting, *, version=None):
    stored = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if version is not None and stored.version != version:
        refuse_stale()
    return stored


def _manageable(meeting, by):
    if not permissions.is_member(by, meeting.body_id):
        refuse(_("Vain toimielimen jäsenet voivat hoitaa sen kokouksia."))
    if meeting.status == Meeting.Status.CLOSED:
        refuse(_("Kokous on suljettu; sitä ei voi enää muuttaa."))


@transaction.atomic
def meeting_create(*, body, date, title, location="", by):
    """Arrange a meeting of a body where the user has a seat."""
    if not permissions.is_member(by, body):
        refuse(_("Vain toimielimen jäsenet voivat kutsua sen koolle."))
    meeting = Meeting(body=body, date=date, title=title.strip(), location=location.strip())
    save_with_history(meeting, by=by, reason=_("Kokous kutsuttu koolle"))
    notices.meeting_called(meeting, by=by)
    return meeting


@transaction.atomic
def meeting_reschedule(*, meeting, version, date, title, location="", by):
    """Change a meeting's day, title or place, if nobody else saved it since `version`;
    the members get an updated invitation (same UID, next SEQUENCE)."""
    stored = _locked(meeting, version=version)
    _manageable(stored, by)
    if stored.agenda_items.exclude(outcome="").exists():
        refuse(_("Kokouksessa on jo kirjattu päätöksiä; sen aikaa ei voi enää muuttaa."))
    changed = (stored.date, stored.title, stored.location) != (
        date,
        title.strip(),
        location.strip(),
    )
    if not changed:
        return stored
    stored.date = date
    stored.title = title.strip()
    stored.location = location.strip()
    stored.sequence += 1
    save_with_history(stored, by=by, reason=_("Kokouksen aika tai paikka muutettu"))
    notices.meeting_called(stored, by=by)
    return stored


@transaction.atomic
def meeting_minutes_update(*, meeting, version, minutes, by):
    """Write the minutes, if nobody else saved the meeting since `version`."""
    stored = _locked(meeting, version=version)
    _manageable(stored, by)
    stored.minutes = minutes
    return save_with_history(stored, by=by, reason=_("Pöytäkirjaa päivitetty"))


@transaction.atomic
def agenda_item_add(*, meeting, proposal=None, question=None, by):
    """Put a submitted proposal or an open strategic question on a strategy-group agenda."""
    stored = _locked(meeting)
    _manageable(stored, by)
    if stored.body.kind != Body.Kind.STRATEGY_GROUP:
        refuse(_("Ehdotukset ja strategiset kysymykset käsitellään asiakkuusstrategiaryhmässä."))
    if (proposal is None) == (question is None):
        refuse(_("Valitse joko ehdotus tai strateginen kysymys."))
    # The current status counts, not the caller's copy of it.
    if proposal is not None:
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if question is not None:
        question = StrategicQuestion.objects.select_for_update().get(pk=question.pk)
    if proposal is not None and proposal.status != Proposal.Status.SUBMITTED:
        refuse(_("Asialistalle voi ottaa vain strategiaryhmälle esitetyn ehdotuksen."))
    if question is not None and question.status == StrategicQuestion.Status.DECIDED:
        refuse(_("Kysymys on jo ratkaistu."))
    order = (stored.agenda_items.aggregate(top=Max("order"))["top"] or 0) + 1
    item = AgendaItem(
        meeting=stored,
        order=order,
        kind=AgendaItem.Kind.PROPOSAL if proposal else AgendaItem.Kind.QUESTION,
        proposal=proposal,
        question=question,
    )
    save_with_history(item, by=by, reason=_("Otettu kokouksen asialistalle"))
    if proposal is not None:
        notices.proposal_on_agenda(item, by=by)
    return item


@transaction.atomic
def attendance_record(
    *, meeting, organisation, is_present, attendee_count=None, attendee_names="", by
):
    """Record whether an organisation attended and by whom (one row per organisation)."""
    stored = _locked(meeting)
    _manageable(stored, by)
    attendance = Attendance.objects.filter(meeting=stored, organisation=organisation).first()
    attendance = attendance or Attendance(meeting=stored, organisation=organisation)
    attendance.is_present = is_present
    attendance.attendee_count = attendee_count if is_present else None
    attendance.attendee_names = attendee_names.strip() if is_present else ""
    return save_with_history(attendance, by=by, reason=_("Läsnäolo kirjattu"))


def closed_no_decisions_message():
    """The message for anyone still trying to decide at a closed meeting (an old tab)."""
    return _("Kokous on jo suljettu; päätöksiä ei voi enää kirjata.")


def before_meeting_day(meeting):
    """Whether the meeting's day has not come yet: nothing is decided in advance."""
    return timezone.localdate() < meeting.date


def not_before_meeting_day_message(meeting):
    return _("Kokouksen päätöksiä voi kirjata vasta kokouspäivänä %(date)s.") % {
        "date": formats.date_format(meeting.date, "SHORT_DATE_FORMAT")
    }


def _refuse_before_meeting_day(meeting):
    if before_meeting_day(meeting):
        refuse(not_before_meeting_day_message(meeting))


# Outcomes allowed per kind of item; a question is decided (with its alternative) or returned.
OUTCOMES = {
    AgendaItem.Kind.PROPOSAL: ("approved", "rejected", "returned"),
    AgendaItem.Kind.QUESTION: ("decided", "returned"),
}


@transaction.atomic
def agenda_item_decide(*, item, outcome, rationale="", alternative=None, by):
    """Note what the strategy group resolved on an item; closing the meeting records it
    as a numbered decision. The meeting is then being held (open)."""
    meeting = _locked(item.meeting)
    if meeting.status == Meeting.Status.CLOSED:
        refuse(closed_no_decisions_message())
    if not permissions.can_decide_meeting(by, meeting):
        refuse(_("Vain asiakkuusstrategiaryhmän jäsenet päättävät sen kokouksessa."))
    _refuse_before_meeting_day(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.decision_id:
        refuse(_("Asiasta on jo tehty päätös."))
    if outcome not in OUTCOMES.get(item.kind, ()):
        refuse(_("Tämä päätös ei sovi tähän asiaan."))
    if item.kind == AgendaItem.Kind.PROPOSAL and item.proposal.status != "submitted":
        refuse(
            _("Ehdotuksesta ei voi päättää, koska sen tila on ”%(status)s”.")
            % {"status": item.proposal.get_status_display()}
        )
    if item.kind == AgendaItem.Kind.QUESTION:
        if item.question.status == StrategicQuestion.Status.DECIDED:
            refuse(_("Kysymys on jo ratkaistu."))
        if outcome == "decided" and item.question.alternatives.exists():
            if alternative is None or alternative.question_id != item.question_id:
                refuse(_("Valitse kysymyksen vaihtoehdoista se, joka päätetään."))
            if alternative.is_empty_slot:
                refuse(_("Vaihtoehtoa ei voi valita ennen kuin sen sanamuoto on kirjoitettu."))
        if outcome != "decided":
            alternative = None
    item.outcome = outcome
    item.outcome_rationale = rationale.strip()
    item.chosen_alternative = alternative
    save_with_history(item, by=by, reason=_("Käsittelyn tulos kirjattu"))
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.OPEN
        save_with_history(meeting, by=by, reason=_("Kokous pidetään"))
    return item


@transaction.atomic
def meeting_close(*, meeting, version=None, by):
    """Close the meeting: number its decisions (per year, dated the meeting's date), apply
    every approved proposal and decided question to its target with history pointing to
    the decision. Any failure rolls everything back."""
    stored = _locked(meeting, version=version)
    if not permissions.can_close_meeting(by, stored):
        if stored.status == Meeting.Status.CLOSED:
            refuse(_("Kokous on jo suljettu."))
        refuse(_("Sinulla ei ole oikeutta sulkea tätä kokousta."))
    _refuse_before_meeting_day(stored)
    items = list(
        stored.agenda_items.select_related("proposal__segment", "question", "chosen_alternative")
        .filter(decision__isnull=True, is_archived=False)
        .exclude(outcome="")
        .exclude(outcome=AgendaItem.Outcome.NOTED)
        .order_by("order", "pk")
    )
    _record_decisions(stored, items, by)
    if stored.status == Meeting.Status.PLANNED:
        stored.status = Meeting.Status.OPEN
    stored.status = Meeting.Status.CLOSED
    stored.closed_at = timezone.now()
    stored.closed_by = by
    if items:
        reason = _("Kokous suljettu; päätökset kirjattu")
    else:
        reason = _("Kokous suljettu ilman päätöksiä")
    save_with_history(stored, by=by, reason=reason)
    # The view tells whether anything was decided (an empty agenda closes with none).
    stored.recorded_decisions = len(items)
    return stored


def _record_decisions(meeting, items, by):
    """A numbered decision per resolved agenda item, each applied to what it decides.
    Numbers are taken in agenda order; the unique (number, year) constraint refuses a
    number another closing took at the same time."""
    year = meeting.date.year
    try:
        with transaction.atomic():
            number = Decision.objects.next_number(year)
            for item in items:
                decision = Decision(
                    number=number,
                    year=year,
                    date=meeting.date,
                    meeting=meeting,
                    decided_by=meeting.body,
                    outcome=item.outcome,
                    title=str(item)[:200],
                    rationale=item.outcome_rationale,
                    proposal=item.proposal,
                    question=item.question,
                    recorded_by=by,
                )
                save_with_history(decision, by=by, reason=_("Päätös kirjattu kokouksen päättyessä"))
                item.decision = decision
                save_with_history(item, by=by, reason=decision.history_reason())
                if item.kind == AgendaItem.Kind.PROPOSAL:
                    _settle_proposal(item.proposal, decision, by)
                else:
                    _settle_question(item.question, item.chosen_alternative, decision, by)
                number += 1
    except IntegrityError as error:
        raise Refusal(
            _(
                "Päätöksiä ei voitu kirjata, koska joku muu kirjasi päätöksiä samaan aikaan. "
                "Yritä uudelleen."
            ),
            code="conflict",
        ) from error


def _settle_proposal(proposal, decision, by):
    proposal = Proposal.objects.select_for_update().select_related("segment").get(pk=proposal.pk)
    proposal.check_step(
        decision.outcome,
        _("Ehdotuksesta ”%(title)s” ei voi päättää, koska sen tila on ”%(status)s”."),
        title=proposal.title,
    )
    proposal.status = decision.outcome
    try:
        save_with_history(proposal, by=by, reason=decision.history_reason())
        if decision.outcome == Decision.Outcome.APPROVED:
            proposal_apply(proposal=proposal, decision=decision, by=by)
        notices.proposal_decided(proposal, decision, by=by)
    except ValidationError as error:
        messages = "; ".join(error.messages)
        raise Refusal(
            _("Ehdotusta ”%(title)s” ei voitu toteuttaa: %(error)s")
            % {"title": proposal.title, "error": messages}
        ) from error


def _settle_question(question, alternative, decision, by):
    question = StrategicQuestion.objects.select_for_update().get(pk=question.pk)
    if question.status == StrategicQuestion.Status.DECIDED:
        refuse(_("Kysymys ”%(title)s” on jo ratkaistu.") % {"title": question.title})
    effects = effects_for(decision, by)
    if decision.outcome == Decision.Outcome.RETURNED:
        question.status = StrategicQuestion.Status.UNDER_PREPARATION
        effects.save(question, _("Strateginen kysymys palautettu valmisteluun"))
        return
    if alternative is not None:
        alternative = QuestionAlternative.objects.select_for_update().get(pk=alternative.pk)
        alternative.is_chosen = True
        effects.save(alternative, _("Strategisen kysymyksen vaihtoehto valittu"))
        _apply_target_value(question, alternative, effects)
    question.status = StrategicQuestion.Status.DECIDED
    question.decision = decision
    effects.save(question, _("Strateginen kysymys ratkaistu"))


def _apply_target_value(question, alternative, effects):
    """The chosen alternative's effect where the model defines one (5.4, 5.5, 5.1.3)."""
    subject = question.subject
    if subject == StrategicQuestion.Subject.DATA_SHARING and alternative.target_value:
        effects.record(
            responsibility_services.data_sharing_set(
                strategy=alternative.target_value,
                decision_reference=effects.decision.reference,
                by=effects.by,
                reason=effects.reason,
            )
        )
    elif subject == StrategicQuestion.Subject.RESPONSIBILITY and alternative.target_value:
        effects.record(
            responsibility_services.policy_set(
                segment=question.segment,
                values={"mode": alternative.target_value},
                decision_reference=effects.decision.reference,
                by=effects.by,
                reason=effects.reason,
                description=_("Asiakasvastuun malli valittu"),
            )
        )
    elif subject == StrategicQuestion.Subject.SERVICE_PROMISE and alternative.promise_id:
        confirm_promise(alternative.promise, effects)
