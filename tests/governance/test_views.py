"""The accessibility statement and its feedback channel, open to everyone."""

import pytest
from django.urls import reverse

from governance.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

URL = "/accessibility/"


def test_accessibility_statement__open_without_login_and_linked_from_every_page(
    client, working_group_user
):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Saavutettavuusseloste" in response.content.decode()
    assert f'href="{URL}"' in client.get(reverse("login")).content.decode()
    client.force_login(working_group_user)
    for page in ["/", "/organisations/", "/organisations/tem/", "/ei-ole/"]:
        assert f'href="{URL}"' in client.get(page).content.decode(), page


def test_feedback__is_stored_with_history_and_answer_due_in_14_days(client):
    response = client.post(
        URL,
        {
            "message": "Kuvaajalta puuttuu tekstivastine.",
            "page_url": "/segments/",
            "email": "a@example.fi",
        },
    )
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "Kuvaajalta puuttuu tekstivastine."
    assert feedback.language == "fi"
    assert (feedback.answer_due - feedback.received_at).days == 14
    history = feedback.history.get()
    assert history.history_change_reason.startswith("Palaute vastaanotettu")
    assert "Kiitos palautteesta" in client.get(URL).content.decode()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": ""}, "Kirjoita palaute."),
        ({"message": "   \n  "}, "Kirjoita palaute."),
        ({"message": "x" * 5001}, "Palaute on liian pitkä: enintään 5000 merkkiä (nyt 5001)."),
        ({"message": "ok", "email": "ei-osoite"}, "Tarkista sähköpostiosoite"),
        ({"message": "ok", "page_url": "/" * 501}, "Sivun osoite on liian pitkä"),
        ({"message": "null\x00tavu"}, "Tyhjiä merkkejä (null) ei sallita."),
    ],
)
def test_feedback__bad_input_gets_a_clear_message_and_saves_nothing(client, data, error):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_feedback__hostile_markup_is_stored_as_text_and_shown_escaped(client, ministry_user):
    client.post(URL, {"message": "<script>alert(1)</script>"})
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "<script>alert(1)</script>"
    client.force_login(ministry_user)
    page = client.get(reverse("admin:governance_accessibilityfeedback_change", args=[feedback.pk]))
    assert "<script>alert(1)</script>" not in page.content.decode()


def test_feedback__needs_a_csrf_token(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"message": "ilman tokenia"})
    assert response.status_code == 403
    assert not AccessibilityFeedback.objects.exists()


def test_feedback__only_ministry_staff_read_it_in_the_admin(
    client, ministry_user, working_group_user
):
    client.post(URL, {"message": "palaute"})
    changelist = reverse("admin:governance_accessibilityfeedback_changelist")
    client.force_login(working_group_user)
    assert client.get(changelist).status_code == 302  # not staff: to the admin login
    client.force_login(ministry_user)
    assert client.get(changelist).status_code == 200


def test_feedback__ministry_staff_answer_it_in_the_admin_and_history_keeps_who(
    client, ministry_user
):
    client.post(URL, {"message": "Kontrasti on liian heikko."})
    feedback = AccessibilityFeedback.objects.get()
    client.force_login(ministry_user)
    response = client.post(
        reverse("admin:governance_accessibilityfeedback_change", args=[feedback.pk]),
        {"answer": "Korjattu, kiitos!", "change_reason": "Vastaus lähetetty sähköpostilla"},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == AccessibilityFeedback.Status.ANSWERED
    assert feedback.answered_at is not None
    latest = feedback.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        ministry_user,
        "Vastaus lähetetty sähköpostilla",
    )
