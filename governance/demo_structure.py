"""Demo seats and a meeting for walking through the governance pages (never in production).

The report names no people, so the demo gives seats only to the demo users of
governance/demo.py (run `manage.py create_demo_users` first); their seats are keyed by a
`demo/…` report key, so they are recognisable and loading again changes nothing. No
proposals are created: the walkthrough drafts them.

The meeting is dated the day the demo is loaded, not some days ahead: nothing is decided
before a meeting's day (services.meetings), and the walkthrough drafts a proposal, puts it
on the agenda and decides it on the day `make run` is run, whichever day that is.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.history import save_with_history
from offerings.models import Person

from .models import Body, Meeting, Membership

# (username, body code, role)
DEMO_SEATS = [
    ("ministerio", "asiakkuusstrategiaryhma", Membership.Role.CHAIR),
    ("tyoryhma", "tyoryhma-b", Membership.Role.CHAIR),
    ("tyoryhma", "tyoryhma-a", Membership.Role.MEMBER),
    ("koordinaattori", "alue-varsinais-suomi", Membership.Role.COORDINATOR),
]
DEMO_MEETING_TITLE = "Asiakkuusstrategiaryhmän kokous (demo)"
REASON = "Demotiedot: esittelykäyttäjän paikka toimielimessä"
MEETING_REASON = "Demotiedot: kokous latauspäivänä, jotta sen päätöksiä voi kirjata"


@transaction.atomic
def load_demo(*, today=None):
    """Give the demo users their seats and a strategy-group meeting that can decide from
    `today` (default: the local date) on; idempotent. Returns the number of seats created
    and of meetings created or moved to today."""
    today = today or timezone.localdate()
    users = get_user_model().objects.in_bulk(
        {username for username, _b, _r in DEMO_SEATS}, field_name="username"
    )
    bodies = Body.objects.in_bulk({code for _u, code, _r in DEMO_SEATS}, field_name="code")
    created = 0
    for username, code, role in DEMO_SEATS:
        user, body = users.get(username), bodies.get(code)
        if user is None or body is None:
            raise LookupError(
                f"Demokäyttäjää {username} tai toimielintä {code} ei löydy: aja ensin "
                "load_strategy_2008 ja create_demo_users."
            )
        person = Person.objects.select_related("organisation").get(user=user)
        key = f"demo/{username}/{code}"
        if Membership.objects.filter(report_key=key).exists():
            continue
        seat = Membership(
            body=body,
            person=person,
            organisation=person.organisation,
            role=role,
            starts_on=today,
            report_key=key,
        )
        save_with_history(seat, by=None, reason=REASON)
        created += 1
    meetings = _demo_meeting_ready(bodies["asiakkuusstrategiaryhma"], today)
    return created, meetings


def _demo_meeting_ready(strategy_group, today):
    """A demo meeting of the strategy group that can decide today: the one not yet closed,
    moved to today if an earlier load planned it for a later day (before any decision was
    noted on it), or a new one dated today when every demo meeting is closed. Returns how
    many meetings were created or moved (0 when one was ready)."""
    meeting = (
        Meeting.objects.filter(body=strategy_group, title=DEMO_MEETING_TITLE)
        .exclude(status=Meeting.Status.CLOSED)
        .order_by("date", "pk")
        .first()
    )
    if meeting is None:
        meeting = Meeting(
            body=strategy_group,
            date=today,
            title=DEMO_MEETING_TITLE,
            location="Työ- ja elinkeinoministeriö",
        )
        save_with_history(meeting, by=None, reason=MEETING_REASON)
        return 1
    if meeting.date > today and meeting.status == Meeting.Status.PLANNED:
        meeting.date = today
        # A changed day is a new version of the invitation (RFC 5545), as a reschedule is.
        meeting.sequence += 1
        save_with_history(meeting, by=None, reason=MEETING_REASON)
        return 1
    return 0
