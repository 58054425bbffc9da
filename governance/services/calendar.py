"""A meeting as an iCalendar invitation (RFC 5545, METHOD:REQUEST of RFC 5546): what the
meeting-called e-mail carries, so that the meeting lands in each member's calendar."""

from datetime import UTC, timedelta
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event, vCalAddress, vText


def meeting_uid(meeting):
    """The same for every invitation of one meeting: a calendar updates the event it has
    rather than adding a second one."""
    host = urlsplit(settings.SITE_URL).hostname or "asiakkuusstrategia"
    return f"meeting-{meeting.pk}@{host}"


def meeting_invitation(meeting, *, attendee, language):
    """The meeting's invitation to one member, in their language. A meeting has a day but
    no hour, so the event is the whole day (DTSTART;VALUE=DATE, which needs no time zone);
    the stamp is in UTC. SEQUENCE grows with every change of the meeting."""
    with translation.override(language):
        summary = f"{meeting.body.name}: {meeting.title}"
    calendar = Calendar()
    calendar.add("prodid", "-//TEM//Asiakkuusstrategia//FI")
    calendar.add("version", "2.0")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.date)
    event.add("dtend", meeting.date + timedelta(days=1))
    event.add("summary", summary)
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", settings.SITE_URL + meeting.get_absolute_url())
    event.add("status", "CONFIRMED")
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = vText("Asiakkuusstrategia")
    event.add("organizer", organizer)
    guest = vCalAddress(f"mailto:{attendee.email}")
    guest.params["role"] = vText("REQ-PARTICIPANT")
    guest.params["partstat"] = vText("NEEDS-ACTION")
    guest.params["rsvp"] = vText("FALSE")
    event.add("attendee", guest)
    calendar.add_component(event)
    return calendar.to_ical().decode()
