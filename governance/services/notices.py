"""What the governance notices say and whom they reach: needs messages, proposals,
meetings and unanswered accessibility feedback.

Each notice is raised by the service that makes the change, inside its transaction
(core.notifications.services.notify). Recipients are the current members of the body
concerned who hold the permission to read the item; a notice carries only names, titles
and dates that they may read on the item's page, with the link to it."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from core.notifications import services as notifications
from core.notifications.models import Kind
from core.notifications.selectors import users_with

from ..models import AccessibilityFeedback, Body
from .calendar import meeting_invitation

# Feedback still unanswered after this many days reaches the staff who handle it, so that
# the 14 days of the Act on the Provision of Digital Services (306/2019) can still be kept.
FEEDBACK_REMIND_AFTER = timedelta(days=10)


def _name(obj):
    """The body's name in the language the message is written in."""
    return lazy(lambda: obj.name, str)()


def _date(day):
    return lazy(lambda: formats.date_format(day, "SHORT_DATE_FORMAT"), str)()


def body_members(body_ids, permission):
    """The active users with a current seat in any of the bodies who hold the permission."""
    today = timezone.localdate()
    seats = (
        Q(person__body_memberships__body_id__in=body_ids)
        & Q(person__body_memberships__is_archived=False)
        & (
            Q(person__body_memberships__starts_on__isnull=True)
            | Q(person__body_memberships__starts_on__lte=today)
        )
        & (
            Q(person__body_memberships__ends_on__isnull=True)
            | Q(person__body_memberships__ends_on__gte=today)
        )
    )
    return list(users_with(permission).filter(seats))


NOTICES = {
    Kind.NEEDS_MESSAGE_RECEIVED: (
        gettext_lazy("Tarveviesti ryhmälle %(body)s: %(subject)s"),
        gettext_lazy(
            "%(from)s lähetti ryhmälle %(body)s tarveviestin ”%(subject)s”. "
            "Kuittaa ja vastaa viestiin palvelussa."
        ),
    ),
    Kind.NEEDS_MESSAGE_ANSWERED: (
        gettext_lazy("Tarveviestiin vastattu: %(subject)s"),
        gettext_lazy("%(body)s vastasi tarveviestiin ”%(subject)s”. Vastaus näkyy palvelussa."),
    ),
    Kind.NEEDS_MESSAGE_FORWARDED: (
        gettext_lazy("Tarveviesti välitetty strategiaryhmälle: %(subject)s"),
        gettext_lazy("%(from)s välitti tarveviestin ”%(subject)s” ryhmälle %(body)s."),
    ),
    Kind.PROPOSAL_SUBMITTED: (
        gettext_lazy("Ehdotus esitetty: %(title)s"),
        gettext_lazy(
            "%(from)s esitti ryhmälle %(body)s ehdotuksen ”%(title)s” (segmentti %(segment)s)."
        ),
    ),
    Kind.PROPOSAL_ON_AGENDA: (
        gettext_lazy("Ehdotus asialistalla: %(title)s"),
        gettext_lazy(
            "Ryhmänne ehdotus ”%(title)s” on otettu kokouksen ”%(meeting)s” (%(date)s) "
            "asialistalle."
        ),
    ),
    Kind.PROPOSAL_DECIDED: (
        gettext_lazy("Ehdotuksesta päätetty: %(title)s"),
        gettext_lazy(
            "%(body)s päätti ryhmänne ehdotuksesta ”%(title)s”: %(outcome)s (%(reference)s)."
        ),
    ),
    Kind.MEETING_CALLED: (
        gettext_lazy("Kokouskutsu: %(body)s %(date)s"),
        gettext_lazy(
            "Ryhmän %(body)s kokous ”%(title)s” pidetään %(date)s%(location)s. "
            "Kalenterikutsu on liitteenä."
        ),
    ),
    Kind.FEEDBACK_UNANSWERED: (
        gettext_lazy("Saavutettavuuspalaute odottaa vastausta (%(received)s)"),
        gettext_lazy(
            "Saavutettavuuspalaute, joka saapui %(received)s, on vielä vastaamatta. "
            "Laki edellyttää vastausta viimeistään %(due)s."
        ),
    ),
}

MEETING_CHANGED = (
    gettext_lazy("Kokous muuttunut: %(body)s %(date)s"),
    gettext_lazy(
        "Ryhmän %(body)s kokouksen tiedot ovat muuttuneet: ”%(title)s” pidetään %(date)s"
        "%(location)s. Päivitetty kalenterikutsu on liitteenä."
    ),
)


def _notify(kind, *, recipients, by, event_key, url, params, texts=None, calendar=None):
    subject, body = texts or NOTICES[kind]
    return notifications.notify(
        kind=kind,
        recipients=recipients,
        by=by,
        event_key=event_key,
        url=url,
        subject=subject,
        body=body,
        params=params,
        calendar=calendar,
    )


# --- Needs messages ----------------------------------------------------------------------

NEEDS_MESSAGE_READERS = "governance.view_needsmessage"


def needs_message_sent(message, *, by):
    """The receiving working group's members hear of a new needs message."""
    _notify(
        Kind.NEEDS_MESSAGE_RECEIVED,
        recipients=body_members([message.to_body_id], NEEDS_MESSAGE_READERS),
        by=by,
        event_key=f"needs_message:{message.pk}:sent",
        url=message.get_absolute_url(),
        params={
            "subject": message.subject,
            "body": _name(message.to_body),
            "from": _name(message.from_body),
        },
    )


def needs_message_answered(message, *, by, answering_body):
    """The sending regional group (and the coordinator who sent it) hear of the answer;
    when the strategy group answered, the working group that forwarded it too."""
    bodies = [message.from_body_id]
    if answering_body.pk != message.to_body_id:
        bodies.append(message.to_body_id)
    recipients = body_members(bodies, NEEDS_MESSAGE_READERS)
    if message.sent_by.has_perm(NEEDS_MESSAGE_READERS):
        recipients.append(message.sent_by)
    _notify(
        Kind.NEEDS_MESSAGE_ANSWERED,
        recipients=recipients,
        by=by,
        event_key=f"needs_message:{message.pk}:answered:{answering_body.pk}",
        url=message.get_absolute_url(),
        params={"subject": message.subject, "body": _name(answering_body)},
    )


def needs_message_forwarded(message, *, by):
    """The strategy group's members, and the sending regional group, hear of the forward."""
    recipients = body_members(
        [message.forwarded_to_id, message.from_body_id], NEEDS_MESSAGE_READERS
    )
    _notify(
        Kind.NEEDS_MESSAGE_FORWARDED,
        recipients=recipients,
        by=by,
        event_key=f"needs_message:{message.pk}:forwarded",
        url=message.get_absolute_url(),
        params={
            "subject": message.subject,
            "from": _name(message.to_body),
            "body": _name(message.forwarded_to),
        },
    )


# --- Proposals ---------------------------------------------------------------------------

PROPOSAL_READERS = "governance.view_proposal"


def _strategy_group():
    return Body.objects.active().filter(kind=Body.Kind.STRATEGY_GROUP).first()


def proposal_submitted(proposal, *, by):
    """The strategy group's members hear of a proposal submitted to them."""
    strategy_group = _strategy_group()
    if strategy_group is None:
        return
    _notify(
        Kind.PROPOSAL_SUBMITTED,
        recipients=body_members([strategy_group.pk], PROPOSAL_READERS),
        by=by,
        event_key=f"proposal:{proposal.pk}:submitted:{proposal.version}",
        url=proposal.get_absolute_url(),
        params={
            "title": proposal.title,
            "from": _name(proposal.body),
            "body": _name(strategy_group),
            "segment": lazy(lambda: proposal.segment.name, str)(),
        },
    )


def proposal_on_agenda(item, *, by):
    """The preparing body's members hear that their proposal is on a meeting's agenda."""
    proposal, meeting = item.proposal, item.meeting
    _notify(
        Kind.PROPOSAL_ON_AGENDA,
        recipients=body_members([proposal.body_id], PROPOSAL_READERS),
        by=by,
        event_key=f"proposal:{proposal.pk}:agenda:{item.pk}",
        url=proposal.get_absolute_url(),
        params={"title": proposal.title, "meeting": meeting.title, "date": _date(meeting.date)},
    )


def proposal_decided(proposal, decision, *, by):
    """The preparing body's members hear what the strategy group decided."""
    _notify(
        Kind.PROPOSAL_DECIDED,
        recipients=body_members([proposal.body_id], PROPOSAL_READERS),
        by=by,
        event_key=f"proposal:{proposal.pk}:decided:{decision.pk}",
        url=proposal.get_absolute_url(),
        params={
            "title": proposal.title,
            "body": _name(decision.decided_by),
            "outcome": lazy(decision.get_outcome_display, str)(),
            "reference": decision.reference,
        },
    )


# --- Meetings ----------------------------------------------------------------------------


def meeting_called(meeting, *, by):
    """The body's members get the meeting's invitation (an .ics), again on every change
    of its date, title or place (the same UID, a higher SEQUENCE)."""
    location = meeting.location

    def where():
        return f", {location}" if location else ""

    _notify(
        Kind.MEETING_CALLED,
        recipients=body_members([meeting.body_id], "governance.view_meeting"),
        by=by,
        event_key=f"meeting:{meeting.pk}:called:{meeting.sequence}",
        url=meeting.get_absolute_url(),
        params={
            "body": _name(meeting.body),
            "title": meeting.title,
            "date": _date(meeting.date),
            "location": lazy(where, str)(),
        },
        texts=MEETING_CHANGED if meeting.sequence else None,
        calendar=lambda user, language: meeting_invitation(
            meeting, attendee=user, language=language
        ),
    )


# --- Accessibility feedback ----------------------------------------------------------------


def feedback_remind_unanswered(*, now=None):
    """Remind the staff who handle accessibility feedback of each feedback unanswered for
    10 days, once (its key); run by the worker's sweep or `manage.py
    remind_unanswered_feedback`. The feedback's text and sender stay in the admin.
    Returns how many feedbacks someone was reminded of in this run."""
    now = now or timezone.now()
    waiting = AccessibilityFeedback.objects.filter(
        status=AccessibilityFeedback.Status.RECEIVED, received_at__lte=now - FEEDBACK_REMIND_AFTER
    ).order_by("received_at", "pk")
    handlers = None
    reminded = 0
    for feedback in waiting:
        if handlers is None:
            handlers = list(users_with("governance.change_accessibilityfeedback"))
        received = timezone.localtime(feedback.received_at).date()
        with transaction.atomic():
            told = _notify(
                Kind.FEEDBACK_UNANSWERED,
                recipients=handlers,
                by=None,
                event_key=f"feedback:{feedback.pk}:unanswered",
                url=feedback.get_absolute_url(),
                params={
                    "received": _date(received),
                    "due": _date(timezone.localtime(feedback.answer_due).date()),
                },
            )
        reminded += bool(told)
    return reminded
