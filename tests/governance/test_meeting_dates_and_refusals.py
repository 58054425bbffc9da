"""Defects found in the browser walkthrough of meetings: deciding before the meeting's day,
closing an empty meeting, old tabs posting to a closed meeting (a message on the meeting's
page instead of 403, and no browser left on a POST-only address) and the rationale shown
with each decision of a closed meeting."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import AgendaItem, Decision, Meeting
from governance.services import meetings as services
from tests.factories import on_agenda, promise_proposal, strategy_meeting, submitted

pytestmark = pytest.mark.django_db

CLOSED_MESSAGE = "Kokous on jo suljettu; päätöksiä ei voi enää kirjata."


def _texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- 1. Nothing is decided before the meeting's day ------------------------------------------


def test_decide__refused_before_the_meetings_day(chair, decider):
    future = timezone.localdate() + timedelta(days=14)
    meeting = strategy_meeting(decider, future)
    item = on_agenda(meeting, chair, decider)
    with pytest.raises(ValidationError) as error:
        services.agenda_item_decide(item=item, outcome="approved", by=decider)
    assert error.value.messages == [
        f"Kokouksen päätöksiä voi kirjata vasta kokouspäivänä {future:%-d.%-m.%Y}."
    ]
    item.refresh_from_db()
    assert item.outcome == ""
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


def test_close__refused_before_the_meetings_day(decider):
    future = timezone.localdate() + timedelta(days=1)
    meeting = strategy_meeting(decider, future)
    with pytest.raises(ValidationError, match="vasta kokouspäivänä"):
        services.meeting_close(meeting=meeting, by=decider)
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


def test_decide__a_meeting_created_for_today_is_decided_and_closed(client, chair, decider):
    client.force_login(decider)
    response = client.post(
        reverse("governance:meeting_create"),
        {
            "body": "asiakkuusstrategiaryhma",
            "date": timezone.localdate().strftime("%d.%m.%Y"),
            "title": "Tämän päivän kokous",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Tämän päivän kokous")
    item = on_agenda(meeting, chair, decider)
    services.agenda_item_decide(item=item, outcome="approved", rationale="Hyvä.", by=decider)
    closed = services.meeting_close(meeting=meeting, by=decider)
    assert closed.status == "closed"
    assert Decision.objects.filter(meeting=meeting).count() == 1


def test_meeting_page__before_the_day_shows_when_decisions_can_be_recorded(client, chair, decider):
    future = timezone.localdate() + timedelta(days=14)
    meeting = strategy_meeting(decider, future)
    on_agenda(meeting, chair, decider)
    client.force_login(decider)
    response = client.get(meeting.get_absolute_url())
    content = response.content.decode()
    assert f"vasta kokouspäivänä {future:%-d.%-m.%Y}" in content
    assert response.context["items"][0].form is None
    assert reverse("governance:meeting_close", args=[meeting.pk]) not in content


def test_decide_view__before_the_day_is_refused_with_the_message(client, chair, decider):
    future = timezone.localdate() + timedelta(days=3)
    meeting = strategy_meeting(decider, future)
    item = on_agenda(meeting, chair, decider)
    client.force_login(decider)
    response = client.post(
        reverse("governance:agenda_item_decide", args=[meeting.pk, item.pk]),
        {f"kohta-{item.pk}-outcome": "approved"},
    )
    assert response.status_code == 409  # the meeting's state refused it
    assert _texts(response) == [
        f"Kokouksen päätöksiä voi kirjata vasta kokouspäivänä {future:%-d.%-m.%Y}."
    ]
    assert AgendaItem.objects.get(pk=item.pk).outcome == ""


def test_close_view__an_empty_agenda_closes_without_claiming_decisions(client, decider):
    meeting = strategy_meeting(decider)
    client.force_login(decider)
    response = client.post(
        reverse("governance:meeting_close", args=[meeting.pk]), {"version": meeting.version}
    )
    assert response.status_code == 302
    assert _texts(response) == ["Kokous suljettiin ilman päätöksiä."]
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"


def test_close_view__with_decisions_says_they_were_recorded(client, chair, decider):
    meeting = strategy_meeting(decider)
    item = on_agenda(meeting, chair, decider)
    services.agenda_item_decide(item=item, outcome="approved", by=decider)
    meeting.refresh_from_db()
    client.force_login(decider)
    response = client.post(
        reverse("governance:meeting_close", args=[meeting.pk]), {"version": meeting.version}
    )
    assert _texts(response) == ["Kokous suljettiin ja sen päätökset kirjattiin."]


# --- 2. An old tab posting to a closed meeting ---------------------------------------------


@pytest.fixture
def closed_meeting(chair, decider):
    meeting = strategy_meeting(decider)
    decided = on_agenda(meeting, chair, decider)
    services.agenda_item_decide(item=decided, outcome="approved", by=decider)
    # A second item nobody decided: the old tab still shows its decision form.
    other = promise_proposal(chair, choose_new=False)
    pending = services.agenda_item_add(
        meeting=meeting, proposal=submitted(other, chair), by=decider
    )
    services.meeting_close(meeting=meeting, by=decider)
    return meeting, pending


def test_decide_view__after_closing_says_so_instead_of_403(client, decider, closed_meeting):
    meeting, item = closed_meeting
    client.force_login(decider)
    response = client.post(
        reverse("governance:agenda_item_decide", args=[meeting.pk, item.pk]),
        {f"kohta-{item.pk}-outcome": "approved", f"kohta-{item.pk}-rationale": "Myöhässä"},
    )
    assert response.status_code == 409  # the meeting's state refused it
    assert _texts(response) == [CLOSED_MESSAGE]
    item.refresh_from_db()
    assert item.outcome == "" and item.decision_id is None
    assert CLOSED_MESSAGE in response.content.decode()


def test_decide_service__after_closing_has_the_closed_message(decider, closed_meeting):
    _meeting, item = closed_meeting
    with pytest.raises(ValidationError) as error:
        services.agenda_item_decide(item=item, outcome="approved", by=decider)
    assert error.value.messages == [CLOSED_MESSAGE]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("meeting_attendance", {"organisation": "finnvera", "is_present": "1"}),
        ("meeting_minutes", {"minutes": "Myöhässä", "version": "1"}),
        ("meeting_agenda_question", {"question": "1"}),
    ],
)
def test_manage_views__after_closing_say_so_instead_of_403(
    client, decider, closed_meeting, name, data
):
    meeting, _item = closed_meeting
    before = Meeting.objects.get(pk=meeting.pk)
    client.force_login(decider)
    response = client.post(reverse(f"governance:{name}", args=[meeting.pk]), data)
    assert response.status_code == 409  # the meeting's state refused it
    assert _texts(response) == ["Kokous on jo suljettu; sitä ei voi enää muuttaa."]
    after = Meeting.objects.get(pk=meeting.pk)
    assert after.minutes == before.minutes and after.version == before.version
    assert not after.attendances.exists()


def test_decide_view__after_closing_still_403_without_a_seat(client, make_user, closed_meeting):
    from governance import roles

    meeting, item = closed_meeting
    client.force_login(make_user("ulkopuolinen", role=roles.MINISTRY_STAFF, organisation="tem"))
    response = client.post(
        reverse("governance:agenda_item_decide", args=[meeting.pk, item.pk]),
        {f"kohta-{item.pk}-outcome": "approved"},
    )
    assert response.status_code == 403


def test_decide_view__a_refusal_shows_the_meeting_with_409(client, chair, decider, make_user):
    """A refused step (the proposal was withdrawn meanwhile) shows the meeting's page as it
    stands now with the service's message, as 409 Conflict."""
    meeting = strategy_meeting(decider)
    item = on_agenda(meeting, chair, decider)
    client.force_login(decider)
    # The proposal was withdrawn meanwhile: the service refuses the decision.
    item.proposal.status = "withdrawn"
    item.proposal.save()
    response = client.post(
        reverse("governance:agenda_item_decide", args=[meeting.pk, item.pk]),
        {f"kohta-{item.pk}-outcome": "approved"},
    )
    assert response.status_code == 409  # the meeting's state refused it
    assert _texts(response) == ["Ehdotuksesta ei voi päättää, koska sen tila on ”peruttu”."]


# --- 8. The closed meeting's page shows each decision's rationale --------------------------


def test_meeting_page__closed_meeting_shows_the_rationale_with_the_reference(
    client, chair, decider
):
    meeting = strategy_meeting(decider)
    item = on_agenda(meeting, chair, decider)
    services.agenda_item_decide(
        item=item, outcome="approved", rationale="Selkeämpi sanamuoto.", by=decider
    )
    services.meeting_close(meeting=meeting, by=decider)
    client.force_login(decider)
    content = client.get(meeting.get_absolute_url()).content.decode()
    decision = Decision.objects.get(meeting=meeting)
    assert decision.reference in content
    assert "Selkeämpi sanamuoto." in content
    assert content.index(decision.reference) < content.index("Selkeämpi sanamuoto.")
