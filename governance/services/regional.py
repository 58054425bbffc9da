"""Writes of the regional task log and the needs messages upward (report 6.3).

Each write runs in a transaction, validates the rows (constraints included), records who
and why in the history row of the same transaction, and, for a message, appends the step
to its path (MessageEvent). A step the message's status does not allow is refused with a
Finnish message (NeedsMessage.TRANSITIONS is the one list of allowed steps).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import STALE_EDIT_MESSAGE

from .. import permissions
from ..models import Body, MessageEvent, NeedsMessage, RegionalTask


def _set_related(task, *, segments, organisations):
    """Replace the task's segments and organisations without history rows of their own: the
    save that follows writes one history row holding them (m2m_fields)."""
    task.skip_history_when_saving = True
    try:
        task.segments.set(segments)
        task.organisations.set(organisations)
    finally:
        del task.skip_history_when_saving


@transaction.atomic
def regional_task_create(
    *,
    body,
    date,
    kind,
    description,
    segments=(),
    organisations=(),
    outcome="",
    follow_up_on=None,
    by,
):
    """Log a task of a regional group; only the group's own coordinator may."""
    if not permissions.can_log_task(by) or not permissions.coordinates(by, body.pk):
        raise PermissionDenied
    task = RegionalTask(
        region_id=body.region_id,
        body=body,
        date=date,
        kind=kind,
        description=(description or "").strip(),
        outcome=(outcome or "").strip(),
        follow_up_on=follow_up_on,
        created_by=by,
    )
    task.full_clean()
    # The row needs its key before its segments and organisations can be set; the history
    # row is written once all of them are in place, so it shows the task as it was logged.
    task.skip_history_when_saving = True
    try:
        task.save()
    finally:
        del task.skip_history_when_saving
    _set_related(task, segments=segments, organisations=organisations)
    task._change_reason = _("Tehtävä kirjattu")
    task._history_user = by
    task.save()
    # The one history row of the creation is a creation ("+"), not a change.
    task.history.filter(history_id=task.history.latest().history_id).update(history_type="+")
    return task


@transaction.atomic
def regional_task_update(
    *,
    task,
    version,
    date,
    kind,
    description,
    segments=(),
    organisations=(),
    outcome="",
    follow_up_on=None,
    reason,
    by,
):
    """Change a logged task, if nobody else has saved it since `version` (optimistic
    locking); only the task's own coordinator may."""
    if not permissions.can_edit_task(by, task):
        raise PermissionDenied
    # The row is locked while the version is compared, so two saves cannot both pass.
    stored = (
        RegionalTask.objects.select_for_update()
        .filter(pk=task.pk)
        .values_list("version", flat=True)
        .first()
    )
    if stored is None or version != stored:
        raise ValidationError(STALE_EDIT_MESSAGE, code="stale")
    task.version = stored
    task.date = date
    task.kind = kind
    task.description = (description or "").strip()
    task.outcome = (outcome or "").strip()
    task.follow_up_on = follow_up_on
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"change_reason": _("Kirjoita muutoksen syy.")}, code="required")
    task.full_clean()
    _set_related(task, segments=segments, organisations=organisations)
    task._change_reason = reason
    task._history_user = by
    task.save()
    return task


def recipients_for(task):
    """The segment working groups a message from the task may go to: those covering one of
    the task's segments, or every active segment group when the task names no segment."""
    groups = Body.objects.active().filter(kind=Body.Kind.SEGMENT_GROUP)
    segment_ids = [segment.pk for segment in task.segments.all()]
    if segment_ids:
        groups = groups.filter(segments__in=segment_ids).distinct()
    return groups.order_by("letter")


def _event(message, kind, *, body, by, note=""):
    return MessageEvent.objects.create(
        message=message, kind=kind, body=body, by=by, note=(note or "").strip()
    )


def _save_message(message, *, by, reason):
    message.full_clean()
    message._change_reason = reason
    message._history_user = by
    message.save()
    return message


@transaction.atomic
def needs_message_send(*, task, to_body, subject, text, by):
    """Send a needs message upward from a task to a segment working group covering the
    task's segment(s); only the task's own coordinator may."""
    if not permissions.can_send_message(by, task):
        raise PermissionDenied
    if not recipients_for(task).filter(pk=to_body.pk).exists():
        raise ValidationError(
            {"to_body": _("Valitse työryhmä, joka vastaa jostakin tehtävän segmentistä.")},
            code="invalid_recipient",
        )
    message = NeedsMessage(
        task=task,
        from_body=task.body,
        to_body=to_body,
        subject=(subject or "").strip(),
        text=(text or "").strip(),
        sent_by=by,
    )
    _save_message(message, by=by, reason=_("Viesti lähetetty"))
    _event(message, MessageEvent.Kind.SENT, body=task.body, by=by)
    return message


def _locked(message, *, by, to):
    """The message as stored, locked; refused unless `by` may act and the step is allowed."""
    message = (
        NeedsMessage.objects.select_for_update(of=("self",))
        .select_related("to_body", "forwarded_to")
        .get(pk=message.pk)
    )
    if not permissions.can_act_on_message(by, message):
        raise PermissionDenied
    if not message.can_become(to):
        raise ValidationError(
            _(
                "Viestin tila on nyt ”%(status)s”: tätä vaihetta ei voi enää tehdä. "
                "Lataa sivu uudelleen."
            )
            % {"status": message.get_status_display()},
            code="illegal_transition",
        )
    return message


@transaction.atomic
def needs_message_acknowledge(*, message, by, note=""):
    """The receiving working group acknowledges the message: it has seen it."""
    message = _locked(message, by=by, to=NeedsMessage.Status.ACKNOWLEDGED)
    message.status = NeedsMessage.Status.ACKNOWLEDGED
    message.acknowledged_by = by
    message.acknowledged_at = timezone.now()
    _save_message(message, by=by, reason=_("Viesti vastaanotettu"))
    _event(message, MessageEvent.Kind.ACKNOWLEDGED, body=message.to_body, by=by, note=note)
    return message


@transaction.atomic
def needs_message_answer(*, message, answer, by):
    """Answer the message: the working group after acknowledging it, or the strategy group
    once it has been forwarded there.

    The message keeps one answer field (the working group's); the strategy group's answer
    is its step on the path, and it closes the message (FORWARDED → CLOSED)."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Kirjoita vastaus.")}, code="required")
    current = NeedsMessage.objects.only("status").get(pk=message.pk)
    if current.status == NeedsMessage.Status.FORWARDED:
        message = _locked(message, by=by, to=NeedsMessage.Status.CLOSED)
        now = timezone.now()
        message.status = NeedsMessage.Status.CLOSED
        message.closed_by = by
        message.closed_at = now
        _save_message(message, by=by, reason=_("Strategiaryhmä vastasi viestiin"))
        _event(message, MessageEvent.Kind.ANSWERED, body=message.forwarded_to, by=by, note=answer)
        _event(message, MessageEvent.Kind.CLOSED, body=message.forwarded_to, by=by)
        return message
    message = _locked(message, by=by, to=NeedsMessage.Status.ANSWERED)
    message.status = NeedsMessage.Status.ANSWERED
    message.answer = answer
    message.answered_by = by
    message.answered_at = timezone.now()
    _save_message(message, by=by, reason=_("Viestiin vastattu"))
    _event(message, MessageEvent.Kind.ANSWERED, body=message.to_body, by=by, note=answer)
    return message


@transaction.atomic
def needs_message_forward(*, message, by, note=""):
    """The working group forwards an answered message to the strategy group."""
    message = _locked(message, by=by, to=NeedsMessage.Status.FORWARDED)
    strategy_group = Body.objects.active().filter(kind=Body.Kind.STRATEGY_GROUP).first()
    if strategy_group is None:
        raise ValidationError(_("Asiakkuusstrategiaryhmää ei ole: viestiä ei voi välittää."))
    message.status = NeedsMessage.Status.FORWARDED
    message.forwarded_to = strategy_group
    message.forwarded_by = by
    message.forwarded_at = timezone.now()
    _save_message(message, by=by, reason=_("Viesti välitetty strategiaryhmälle"))
    _event(message, MessageEvent.Kind.FORWARDED, body=message.to_body, by=by, note=note)
    return message


@transaction.atomic
def needs_message_close(*, message, by, note=""):
    """The body whose turn it is closes the message without a further step."""
    message = _locked(message, by=by, to=NeedsMessage.Status.CLOSED)
    # Whose turn it was: the strategy group for a forwarded message, else the working group.
    body = message.forwarded_to if message.forwarded_to_id else message.to_body
    message.status = NeedsMessage.Status.CLOSED
    message.closed_by = by
    message.closed_at = timezone.now()
    _save_message(message, by=by, reason=_("Viesti suljettu"))
    _event(message, MessageEvent.Kind.CLOSED, body=body, by=by, note=note)
    return message
