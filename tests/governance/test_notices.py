"""Governance notices: needs messages, proposals, meetings (with an .ics invitation) and
unanswered accessibility feedback. Each reaches the current members of the body concerned
(never the one who acted, never outsiders), in their language, with the link; the e-mails
go through the outbox to a real SMTP server (aiosmtpd)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from core.notifications.models import Notification, UserPreferences
from core.notifications.services import outbox_deliver_due
from governance import roles
from governance.models import AccessibilityFeedback
from governance.services import feedback as feedback_services
from governance.services import meetings as meeting_services
from governance.services import regional as services
from governance.services.notices import feedback_remind_unanswered
from tests.factories import (
    MEETING_DATE,
    on_agenda,
    promise_proposal,
    seat,
    strategy_meeting,
    submitted,
)
from tests.factories.scenarios import decide_at_meeting

pytestmark = pytest.mark.django_db

SITE = "https://asiakkuus.example.fi"


def _kinds(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def _subject(message):
    return " ".join(str(message["Subject"]).split())


def _text(message):
    return " ".join(message.get_body(("plain",)).get_content().split())


@pytest.fixture
def group_a_colleague(make_user):
    """A second member of working group (a), who reads in Swedish."""
    user = make_user("tyoryhma-a-svenska", role=roles.WORKING_GROUP_MEMBER, organisation="finpro")
    seat(user, "tyoryhma-a")
    UserPreferences.objects.create(user=user, language="sv")
    return user


@pytest.fixture
def outsider(make_user):
    """A working-group member of group (b) only: hears nothing of group (a)'s messages."""
    user = make_user("tyoryhma-b-jasen", role=roles.WORKING_GROUP_MEMBER, organisation="vtt")
    seat(user, "tyoryhma-b")
    return user


# --- needs messages ----------------------------------------------------------------------


def test_needs_message_send__the_receiving_group_is_told_in_its_language(
    smtp_server, task, coordinator_user, group_a_member, group_a_colleague, outsider
):
    message = services.needs_message_send(
        task=task,
        to_body=group_a_member.person.body_memberships.get().body,
        subject="Rahoitusneuvonnan tarve",
        text="Salainen yksityiskohta kentältä.",
        by=coordinator_user,
    )

    assert _kinds(group_a_member) == ["needs_message_received"]
    assert _kinds(group_a_colleague) == ["needs_message_received"]
    assert _kinds(outsider) == []
    assert _kinds(coordinator_user) == []  # not told of one's own message
    outbox_deliver_due()
    by_recipient = {m["To"]: m for m in smtp_server.messages}
    assert set(by_recipient) == {group_a_member.email, group_a_colleague.email}
    finnish = by_recipient[group_a_member.email]
    assert _subject(finnish).startswith("Tarveviesti ryhmälle")
    assert "Rahoitusneuvonnan tarve" in _subject(finnish)
    assert finnish["Content-Language"] == "fi"
    swedish = by_recipient[group_a_colleague.email]
    assert swedish["Content-Language"] == "sv"
    assert _subject(swedish).startswith("Behovsmeddelande till gruppen")
    link = f"{SITE}/governance/regional/messages/{message.pk}/"
    for mail in (finnish, swedish):
        assert link in _text(mail)
        # The text itself stays on the message's page.
        assert "Salainen yksityiskohta" not in mail.as_string()


def test_needs_message_answer__the_sender_is_told_not_the_answerer(
    message, coordinator_user, group_a_member, outsider
):
    services.needs_message_acknowledge(message=message, by=group_a_member)
    services.needs_message_answer(message=message, answer="Selvitämme asian.", by=group_a_member)

    assert _kinds(coordinator_user) == ["needs_message_answered"]
    assert "needs_message_answered" not in _kinds(group_a_member)
    assert _kinds(outsider) == []
    notice = Notification.objects.get(user=coordinator_user)
    assert notice.title == "Tarveviestiin vastattu: Rahoitusneuvonnan tarve"
    assert notice.url == message.get_absolute_url()


def test_needs_message_forward__the_strategy_group_is_told(
    message, group_a_member, strategy_member, outsider
):
    services.needs_message_acknowledge(message=message, by=group_a_member)
    services.needs_message_answer(message=message, answer="Vastaus.", by=group_a_member)
    services.needs_message_forward(message=message, by=group_a_member)

    assert _kinds(strategy_member) == ["needs_message_forwarded"]
    assert _kinds(outsider) == []
    assert "needs_message_forwarded" not in _kinds(group_a_member)


def test_needs_message__a_refused_step_notifies_nobody(message, outsider, coordinator_user):
    """Outsiders may not answer; the refused step leaves no notice behind."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.needs_message_acknowledge(message=message, by=outsider)
    assert not Notification.objects.filter(kind="needs_message_answered").exists()


# --- proposals ---------------------------------------------------------------------------


def test_proposal_submit__the_strategy_group_is_told(chair, decider, group_b_member, outsider):
    proposal = submitted(promise_proposal(chair), chair)

    assert _kinds(decider) == ["proposal_submitted"]
    assert _kinds(chair) == []  # the chair submitted it
    assert _kinds(group_b_member) == []  # the preparing group is not the receiver
    notice = Notification.objects.get(user=decider)
    assert notice.title == "Ehdotus esitetty: Palvelulupauksen valinta"
    assert notice.url == proposal.get_absolute_url()


def test_proposal_on_agenda_and_decided__the_preparing_group_is_told(
    chair, decider, group_b_member
):
    meeting = strategy_meeting(decider)
    item = on_agenda(meeting, chair, decider)
    assert "proposal_on_agenda" in _kinds(group_b_member)
    assert "proposal_on_agenda" in _kinds(chair)
    assert "proposal_on_agenda" not in _kinds(decider)

    meeting_services.agenda_item_decide(item=item, outcome="approved", by=decider)
    meeting_services.meeting_close(meeting=meeting, by=decider)

    decided = Notification.objects.get(user=group_b_member, kind="proposal_decided")
    assert decided.title == "Ehdotuksesta päätetty: Palvelulupauksen valinta"
    assert "proposal_decided" not in _kinds(decider)


def test_proposal_decided__a_rejection_is_told_too(chair, decider, group_b_member):
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider, outcome="rejected")
    assert Notification.objects.filter(user=group_b_member, kind="proposal_decided").exists()


# --- meetings ----------------------------------------------------------------------------


def _invitation(mail):
    parts = [p for p in mail.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    assert parts[0].get_param("method") == "REQUEST"
    assert parts[0].get_filename() == "kutsu.ics"
    return Calendar.from_ical(parts[0].get_content())


def test_meeting_called_and_changed__members_get_an_invitation_with_the_same_uid(
    smtp_server, decider, make_user, outsider
):
    member = make_user("strategia-jasen", role=roles.WORKING_GROUP_MEMBER, organisation="vtt")
    seat(member, "asiakkuusstrategiaryhma")
    UserPreferences.objects.create(user=member, language="en")

    meeting = strategy_meeting(decider, title="Kevään kokous")
    assert _kinds(decider) == []  # the one who called it
    assert _kinds(outsider) == []
    outbox_deliver_due()
    (called,) = smtp_server.messages
    assert called["To"] == member.email
    assert called["Content-Language"] == "en"
    first = _invitation(called)
    assert first["METHOD"] == "REQUEST"
    (event,) = first.walk("VEVENT")
    uid = str(event["UID"])
    assert uid == f"meeting-{meeting.pk}@asiakkuus.example.fi"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == MEETING_DATE
    assert str(event["ATTENDEE"]) == f"mailto:{member.email}"
    assert "Kevään kokous" in str(event["SUMMARY"])

    meeting_services.meeting_reschedule(
        meeting=meeting,
        version=meeting.version,
        date=MEETING_DATE + timedelta(days=7),
        title="Kevään kokous",
        location="Aleksanterinkatu 4",
        by=decider,
    )
    outbox_deliver_due()
    changed = smtp_server.messages[1]
    assert _subject(changed).startswith("Meeting changed")
    (event,) = _invitation(changed).walk("VEVENT")
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == MEETING_DATE + timedelta(days=7)
    assert str(event["LOCATION"]) == "Aleksanterinkatu 4"
    meeting.refresh_from_db()
    history = meeting.history.first()
    assert history.history_change_reason == "Kokouksen aika tai paikka muutettu"
    assert history.history_user == decider


def test_meeting_reschedule__no_change_sends_nothing_and_outsiders_are_refused(
    decider, outsider, make_user
):
    from core.refusals import Refusal

    member = make_user("strategia-jasen", role=roles.WORKING_GROUP_MEMBER, organisation="vtt")
    seat(member, "asiakkuusstrategiaryhma")
    meeting = strategy_meeting(decider, title="Kokous")
    meeting_services.meeting_reschedule(
        meeting=meeting, version=meeting.version, date=MEETING_DATE, title="Kokous", by=decider
    )
    assert Notification.objects.filter(user=member).count() == 1
    with pytest.raises(Refusal):
        meeting_services.meeting_reschedule(
            meeting=meeting,
            version=meeting.version,
            date=MEETING_DATE + timedelta(days=1),
            title="Kokous",
            by=outsider,
        )
    meeting.refresh_from_db()
    assert meeting.date == MEETING_DATE
    assert meeting.sequence == 0


# --- accessibility feedback --------------------------------------------------------------


def test_feedback_unanswered__the_handling_staff_are_reminded_once_after_ten_days(
    smtp_server, ministry_user, working_group_user
):
    feedback = feedback_services.feedback_submit(
        message="Kontrasti on liian heikko.", email="palaute@example.fi", language="fi"
    )
    received = timezone.now()
    assert feedback_remind_unanswered(now=received + timedelta(days=9)) == 0
    assert feedback_remind_unanswered(now=received + timedelta(days=10, hours=1)) == 1
    assert feedback_remind_unanswered(now=received + timedelta(days=11)) == 0  # a later sweep

    assert _kinds(ministry_user) == ["feedback_unanswered"]
    assert _kinds(working_group_user) == []  # may not handle feedback
    outbox_deliver_due()
    (mail,) = smtp_server.messages
    assert mail["To"] == ministry_user.email
    assert _subject(mail).startswith("Saavutettavuuspalaute odottaa vastausta")
    # The feedback's text and its sender stay in the admin.
    assert "Kontrasti" not in mail.as_string()
    assert "palaute@example.fi" not in mail.as_string()
    assert f"/admin/governance/accessibilityfeedback/{feedback.pk}/change/" in _text(mail)


def test_feedback_unanswered__a_handler_who_joins_later_is_told_at_the_next_sweep(
    smtp_server, ministry_user, make_user
):
    """Those already told are left out before anything is written; a newcomer is not."""
    feedback_services.feedback_submit(message="Lomake ei toimi.", language="fi")
    later = timezone.now() + timedelta(days=11)
    assert feedback_remind_unanswered(now=later) == 1
    newcomer = make_user("uusi", role=roles.MINISTRY_STAFF, organisation="tem-konserniohjaus")

    assert feedback_remind_unanswered(now=later + timedelta(hours=1)) == 1
    assert feedback_remind_unanswered(now=later + timedelta(hours=2)) == 0
    assert _kinds(newcomer) == ["feedback_unanswered"]
    assert _kinds(ministry_user) == ["feedback_unanswered"]
    outbox_deliver_due()
    assert sorted(m["To"] for m in smtp_server.messages) == sorted(
        [ministry_user.email, newcomer.email]
    )


def test_feedback_unanswered__an_answered_one_is_not_reminded(ministry_user):
    feedback = feedback_services.feedback_submit(message="Hyvä.", language="fi")
    feedback_services.feedback_answer(feedback=feedback, answer="Kiitos.", by=ministry_user)
    later = timezone.now() + timedelta(days=20)
    assert feedback_remind_unanswered(now=later) == 0
    assert AccessibilityFeedback.objects.get().status == "answered"
    assert not Notification.objects.exists()


def test_meeting_changed_in_the_admin__members_get_the_next_invitation(client, decider, make_user):
    from django.urls import reverse

    from tests.admin_forms import change_form_data

    member = make_user("strategia-jasen", role=roles.WORKING_GROUP_MEMBER, organisation="vtt")
    seat(member, "asiakkuusstrategiaryhma")
    meeting = strategy_meeting(decider, title="Kokous")
    client.force_login(decider)
    url = reverse("admin:governance_meeting_change", args=[meeting.pk])
    data = change_form_data(client.get(url), location="Helsinki", change_reason="Paikka sovittu")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""

    meeting.refresh_from_db()
    assert meeting.sequence == 1
    titles = list(
        Notification.objects.filter(user=member).order_by("pk").values_list("title", flat=True)
    )
    assert len(titles) == 2
    assert titles[1].startswith("Kokous muuttunut")
    # Saving again with nothing changed in the day, title or place sends nothing.
    data = change_form_data(client.get(url), change_reason="Ei muutosta")
    client.post(url, data)
    assert Notification.objects.filter(user=member).count() == 2


def test_digest__a_needs_message_chosen_for_the_digest_waits_for_it(
    smtp_server, task, coordinator_user, group_a_member
):
    from core.notifications.services import digests_send, preferences_save

    preferences_save(
        user=group_a_member,
        language="fi",
        deliveries={"needs_message_received": "digest"},
        by=group_a_member,
    )
    services.needs_message_send(
        task=task,
        to_body=group_a_member.person.body_memberships.get().body,
        subject="Rahoitusneuvonnan tarve",
        text="Teksti.",
        by=coordinator_user,
    )
    outbox_deliver_due()
    assert smtp_server.messages == []  # nothing at once

    assert digests_send() == 1
    outbox_deliver_due()
    (digest,) = smtp_server.messages
    assert digest["To"] == group_a_member.email
    assert "Tarveviesti ryhmälle" in _text(digest)
    assert "Rahoitusneuvonnan tarve" in _text(digest)
