"""Meeting pages (6, 6.1): who may read, arrange and decide, the forms' Finnish errors, and
the query count of a meeting's page."""

import pytest
from django.urls import reverse

from governance import roles
from governance.models import Meeting, Membership, StrategicQuestion
from governance.services import meetings as services
from tests.factories import on_agenda, promise_proposal, seat, strategy_meeting, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(decider):
    return strategy_meeting(decider)


def test_meeting_pages__anonymous_and_no_role(meeting, assert_closed_to_outsiders):
    assert_closed_to_outsiders(
        [
            reverse("governance:meeting_list"),
            reverse("governance:meeting_detail", args=[meeting.pk]),
            reverse("governance:meeting_create"),
        ]
    )


@pytest.mark.parametrize("role", roles.ROLES)
def test_meeting_pages__every_role_reads_none_without_a_seat_acts(client, make_user, meeting, role):
    user = make_user(f"lukija-{len(role)}", role=role, organisation="vtt")
    client.force_login(user)
    assert client.get(reverse("governance:meeting_list")).status_code == 200
    response = client.get(reverse("governance:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert not response.context["can_manage"] and not response.context["can_decide"]
    assert client.get(reverse("governance:meeting_create")).status_code == 403
    for name in ("meeting_attendance", "meeting_minutes", "meeting_close"):
        assert client.post(reverse(f"governance:{name}", args=[meeting.pk])).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


def test_meeting_create__bad_input_in_finnish(client, decider):
    client.force_login(decider)
    response = client.post(
        reverse("governance:meeting_create"),
        {"body": "tyoryhma-b", "date": "31.2.2009", "title": ""},
    )
    content = response.content.decode()
    assert "Valitse toimielin, jossa sinulla on paikka." in content
    assert "Anna päivämäärä muodossa p.k.vvvv" in content
    assert "Anna kokoukselle otsikko." in content
    assert not Meeting.objects.exists()


def test_meeting_detail__decision_form_only_for_deciders(client, decider, meeting, make_user):
    chair = make_user("pj-b", role=roles.WORKING_GROUP_MEMBER, organisation="tekes")
    seat(chair, "tyoryhma-b", Membership.Role.CHAIR)
    item = on_agenda(meeting, chair, decider)
    client.force_login(decider)
    response = client.get(reverse("governance:meeting_detail", args=[meeting.pk]))
    assert response.context["items"][0].form is not None
    client.force_login(chair)
    response = client.post(
        reverse("governance:agenda_item_decide", args=[meeting.pk, item.pk]),
        {f"kohta-{item.pk}-outcome": "approved"},
    )
    assert response.status_code == 403


def test_meeting_decide__bad_outcome_and_missing_alternative(client, decider, meeting):
    question = StrategicQuestion.objects.get(code="yhteiset-vai-omat-asiakkaat")
    item = services.agenda_item_add(meeting=meeting, question=question, by=decider)
    client.force_login(decider)
    url = reverse("governance:agenda_item_decide", args=[meeting.pk, item.pk])
    response = client.post(url, {f"kohta-{item.pk}-outcome": "approved"})
    assert "Tämä päätös ei sovi tähän asiaan." in response.content.decode()
    response = client.post(url, {f"kohta-{item.pk}-outcome": "decided"})
    assert "Valitse vaihtoehto, joka päätetään." in response.content.decode()
    response = client.post(
        url, {f"kohta-{item.pk}-outcome": "decided", f"kohta-{item.pk}-alternative": "abc"}
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.outcome == ""


def test_meeting_close__stale_and_closed_twice(client, decider, meeting):
    client.force_login(decider)
    url = reverse("governance:meeting_close", args=[meeting.pk])
    response = client.post(url, {"version": meeting.version + 5})
    # Refused: the meeting's page with the message, 409 Conflict.
    assert response.status_code == 409
    assert "Joku muu on tallentanut" in response.content.decode()
    assert client.post(url, {"version": meeting.version}).status_code == 302
    response = client.post(url, {"version": meeting.version})
    assert response.status_code == 409
    assert "Kokous on jo suljettu." in response.content.decode()


def test_meeting_attendance__records_and_refuses_bad_count(client, decider, meeting):
    client.force_login(decider)
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    response = client.post(
        url, {"organisation": "finnvera", "is_present": "1", "attendee_count": "x"}
    )
    assert "Anna osallistujien määrä numeroina." in response.content.decode()
    response = client.post(
        url, {"organisation": "finnvera", "is_present": "1", "attendee_count": "2"}
    )
    assert response.status_code == 302
    assert meeting.attendances.get().attendee_count == 2


def test_meeting_detail__queries_do_not_grow_with_the_agenda(
    client, decider, meeting, count_queries
):
    client.force_login(decider)
    url = reverse("governance:meeting_detail", args=[meeting.pk])
    questions = list(StrategicQuestion.objects.order_by("order"))
    services.agenda_item_add(meeting=meeting, question=questions[0], by=decider)
    small = count_queries(client, url, warm=True)
    for question in questions[1:6]:
        services.agenda_item_add(meeting=meeting, question=question, by=decider)
    assert count_queries(client, url) == small


def test_meeting_close__confirmed_with_what_will_be_recorded(client, chair, decider, meeting):
    item = on_agenda(meeting, chair, decider)
    services.agenda_item_decide(item=item, outcome="approved", by=decider)
    other = submitted(promise_proposal(chair, choose_new=False), chair)
    services.agenda_item_add(meeting=meeting, proposal=other, by=decider)
    meeting.refresh_from_db()
    client.force_login(decider)
    url = reverse("governance:meeting_close", args=[meeting.pk])
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail and f'action="{url}"' not in detail
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 käsittelyn tulos kirjataan numeroiduksi päätökseksi" in page
    assert "hyväksytty 1, hylätty 0" in page
    assert "1 hyväksytty ehdotus tulee voimaan" in page
    assert "1 asialistan asialla ei ole käsittelyn tulosta" in page
    assert Meeting.objects.get(pk=meeting.pk).status != "closed"
    assert client.post(url, {"version": meeting.version}).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).status == "closed"
    # The confirmation of a closed meeting sends back to the meeting.
    assert client.get(url).status_code == 302


def test_meeting_close__confirmation_only_for_those_who_close(client, working_group_user, meeting):
    client.force_login(working_group_user)
    assert client.get(reverse("governance:meeting_close", args=[meeting.pk])).status_code == 403
