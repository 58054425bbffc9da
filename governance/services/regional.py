"""Writes of the regional task log and the needs messages upward (report 6.3).

Each write runs in a transaction, validates the rows (constraints included), records who
and why in the history row of the same transaction, keeps the overview's running counts in
the same transaction (regional_tallies), and, for a message, appends the step
to its path (MessageEvent). A step the message's status does not allow is refused with a
Finnish message (NeedsMessage.TRANSITIONS is the one list of allowed steps).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import save_with_history
from core.refusals import check_version, refuse
from core.translation import write_texts

from .. import permissions
from ..models import Body, MessageEvent, NeedsMessage, RegionalTask
from ..selectors.regional import recipients_for
from . import notices
from .regional_tallies import regional_tallies_kept

__all__ = [
    "needs_message_acknowledge",
    "needs_message_answer",
    "needs_message_close",
    "needs_message_forward",
    "needs_message_send",
    "recipients_for",
    "regional_task_create",
    "regional_task_update",
]


def _set_related(task, *, segments, organisations):
    """Replace the task's segments and organisations without history rows of their own: the
    save that follows writes one history row holding them (m2m_fields)."""
    task.skip_history_when_saving = True
    try:
        task.segments.set(segments)
        task.organisations.set(organisations)
    finally:
        del task.skip_history_when_saving


def _set_texts(task, *, date, kind, description, outcome, follow_up_on, original_language):
    task.date = date
    task.kind = kind
    # Each text in the column of the language it was written in.
    write_texts(
        task,
        original_language,
        description=(description or "").strip(),
        outcome=(outcome or "").strip(),
    )
    task.follow_up_on = follow_up_on


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
    original_language="fi",
    by,
):
    """Log a task of a regional group; only the group's own coordinator may."""
    if not permissions.can_log_task(by) or not permissions.coordinates(by, body.pk):
        raise PermissionDenied
    task = RegionalTask(region_id=body.region_id, body=body, created_by=by)
    _set_texts(
        task,
        date=date,
        kind=kind,
        description=description,
        outcome=outcome,
        follow_up_on=follow_up_on,
        original_language=original_language,
    )
    task.full_clean()
    with regional_tallies_kept(task):
        # The row needs its key before its segments and organisations can be set; the
        # history row is written once all of them are in place, so it shows the task as it
        # was logged.
        task.skip_history_when_saving = True
        try:
            task.save()
        finally:
            del task.skip_history_when_saving
        _set_related(task, segments=segments, organisations=organisations)
        save_with_history(task, by=by, reason=_("Tehtävä kirjattu"), clean=False)
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
    original_language="fi",
    reason,
    by,
):
    """Change a logged task, if nobody else has saved it since `version` (optimistic
    locking); only the task's own coordinator may."""
    if not permissions.can_edit_task(by, task):
        raise PermissionDenied
    check_version(task, version)
    _set_texts(
        task,
        date=date,
        kind=kind,
        description=description,
        outcome=outcome,
        follow_up_on=follow_up_on,
        original_language=original_language,
    )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"change_reason": _("Kirjoita muutoksen syy.")}, code="required")
    task.full_clean()
    with regional_tallies_kept(task):
        _set_related(task, segments=segments, organisations=organisations)
        save_with_history(task, by=by, reason=reason, clean=False)
    return task


def _event(message, kind, *, body, by, note="", language="fi"):
    # MessageEvent is the message's path itself: append-only, with no history of its own.
    event = MessageEvent(
        message=message, kind=kind, body=body, by=by, note=(note or "").strip(), language=language
    )
    event.full_clean(exclude=["message", "body", "by"])  # an unknown language is refused
    event.save()
    return event


@transaction.atomic
def needs_message_send(*, task, to_body, subject, text, original_language="fi", by):
    """Send a needs message upward from a task to a segment working group covering the
    task's segment(s), written in `original_language`; only the task's own coordinator
    may."""
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
        original_language=original_language,
        sent_by=by,
    )
    save_with_history(message, by=by, reason=_("Viesti lähetetty"))
    _event(message, MessageEvent.Kind.SENT, body=task.body, by=by)
    notices.needs_message_sent(message, by=by)
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
    message.check_step(
        to,
        _(
            "Viestin tila on nyt ”%(status)s”: tätä vaihetta ei voi enää tehdä. "
            "Lataa sivu uudelleen."
        ),
    )
    return message


Status = NeedsMessage.Status

# Each step: the stamps it sets (<stamp>_by, <stamp>_at) and the reason it records.
STEPS = {
    Status.ACKNOWLEDGED: ("acknowledged", gettext_lazy("Viesti vastaanotettu")),
    Status.ANSWERED: ("answered", gettext_lazy("Viestiin vastattu")),
    Status.FORWARDED: ("forwarded", gettext_lazy("Viesti välitetty strategiaryhmälle")),
    Status.CLOSED: ("closed", gettext_lazy("Viesti suljettu")),
}


def _step(message, status, *, by, body, note="", language="fi", reason=None, event=None, **values):
    """Move the locked message to `status`, stamped, with `values`, and append the step,
    taken in `body`, to its path (an event of the status's kind, or `event`)."""
    stamp, default_reason = STEPS[status]
    message.status = status
    setattr(message, f"{stamp}_by", by)
    setattr(message, f"{stamp}_at", timezone.now())
    for name, value in values.items():
        setattr(message, name, value)
    save_with_history(message, by=by, reason=str(reason or default_reason))
    _event(
        message, MessageEvent.Kind(event or status), body=body, by=by, note=note, language=language
    )
    return message


@transaction.atomic
def needs_message_acknowledge(*, message, by, note="", original_language="fi"):
    """The receiving working group acknowledges the message: it has seen it."""
    message = _locked(message, by=by, to=Status.ACKNOWLEDGED)
    body = message.to_body
    return _step(
        message, Status.ACKNOWLEDGED, by=by, body=body, note=note, language=original_language
    )


@transaction.atomic
def needs_message_answer(*, message, answer, original_language="fi", by):
    """Answer the message: the working group after acknowledging it, or the strategy group
    once it has been forwarded there.

    The message keeps one answer field (the working group's); the strategy group's answer
    is its step on the path, and it closes the message (FORWARDED → CLOSED)."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Kirjoita vastaus.")}, code="required")
    current = NeedsMessage.objects.only("status").get(pk=message.pk)
    if current.status == Status.FORWARDED:
        return _strategy_group_answer(message, answer, language=original_language, by=by)
    message = _locked(message, by=by, to=Status.ANSWERED)
    body = message.to_body
    # The answer goes into the column of its own language (the message's subject and text
    # keep theirs): its translations are added through the translation queue.
    write_texts(message, original_language, answer=answer)
    _step(
        message,
        Status.ANSWERED,
        by=by,
        body=body,
        note=answer,
        language=original_language,
    )
    notices.needs_message_answered(message, by=by, answering_body=body)
    return message


def _strategy_group_answer(message, answer, *, language, by):
    message = _locked(message, by=by, to=Status.CLOSED)
    body = message.forwarded_to
    reason = _("Strategiaryhmä vastasi viestiin")
    answered = MessageEvent.Kind.ANSWERED
    _step(
        message,
        Status.CLOSED,
        by=by,
        body=body,
        note=answer,
        language=language,
        reason=reason,
        event=answered,
    )
    _event(message, MessageEvent.Kind.CLOSED, body=body, by=by)
    notices.needs_message_answered(message, by=by, answering_body=body)
    return message


@transaction.atomic
def needs_message_forward(*, message, by, note="", original_language="fi"):
    """The working group forwards an answered message to the strategy group."""
    message = _locked(message, by=by, to=Status.FORWARDED)
    strategy_group = Body.objects.active().filter(kind=Body.Kind.STRATEGY_GROUP).first()
    if strategy_group is None:
        refuse(_("Asiakkuusstrategiaryhmää ei ole: viestiä ei voi välittää."))
    body = message.to_body
    _step(
        message,
        Status.FORWARDED,
        by=by,
        body=body,
        note=note,
        language=original_language,
        forwarded_to=strategy_group,
    )
    notices.needs_message_forwarded(message, by=by)
    return message


@transaction.atomic
def needs_message_close(*, message, by, note="", original_language="fi"):
    """The body whose turn it is closes the message without a further step: the strategy
    group for a forwarded message, else the working group."""
    message = _locked(message, by=by, to=Status.CLOSED)
    body = message.forwarded_to if message.forwarded_to_id else message.to_body
    return _step(message, Status.CLOSED, by=by, body=body, note=note, language=original_language)
