"""Demo seats and a meeting for walking through the governance pages (never in production).

The report names no people, so the demo gives seats only to the demo users of
governance/demo.py (run `manage.py create_demo_users` first); their seats are keyed by a
`demo/…` report key, so they are recognisable and loading again changes nothing. No
proposals are created: the walkthrough drafts them.
"""

from datetime import timedelta

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


@transaction.atomic
def load_demo(*, today=None):
    """Give the demo users their seats and plan one strategy-group meeting; idempotent.
    Returns the number of seats and meetings created."""
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
    strategy_group = bodies["asiakkuusstrategiaryhma"]
    meetings = 0
    if not Meeting.objects.filter(body=strategy_group, title=DEMO_MEETING_TITLE).exists():
        meeting = Meeting(
            body=strategy_group,
            date=today + timedelta(days=14),
            title=DEMO_MEETING_TITLE,
            location="Työ- ja elinkeinoministeriö",
        )
        save_with_history(meeting, by=None, reason="Demotiedot: tuleva kokous")
        meetings = 1
    return created, meetings
