"""Local accounts: password change, and reset by e-mail through the outbox to a real SMTP
server (aiosmtpd), in the page's language, throttled per address and per e-mail."""

import re

import pytest
from django.urls import reverse

from core.notifications.models import OutboxMessage
from core.notifications.services import outbox_deliver_due
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

RESET = reverse("password_reset")
CHANGE = reverse("password_change")
NEW_PASSWORD = "uusi-pitka-salasana-2026"


@pytest.fixture
def person(strategy_data):
    return UserFactory(username="unohtaja", email="unohtaja@example.fi")


def _reset_link(message):
    text = message.get_body(("plain",)).get_content()
    return re.search(r"https://asiakkuus\.example\.fi(/accounts/reset/\S+/)", text).group(1)


def test_password_reset__the_link_arrives_and_sets_a_new_password(client, person, smtp_server):
    response = client.post(RESET, {"email": "unohtaja@example.fi"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")

    assert outbox_deliver_due() == (1, 0)
    (message,) = smtp_server.messages
    assert message["To"] == "unohtaja@example.fi"
    assert " ".join(str(message["Subject"]).split()) == (
        "Asiakkuusstrategia: uuden salasanan asettaminen"
    )
    link = _reset_link(message)
    # The link's token is a credential: the outbox row's key (shown in the admin) and its
    # history hold only its digest.
    token = link.rstrip("/").rsplit("/", 1)[1]
    row = OutboxMessage.objects.get()
    assert token not in row.idempotency_key
    assert not any(token in h.idempotency_key for h in row.history.all())

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Aseta uusi salasana" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    # A used link no longer works.
    assert "Linkki ei ole voimassa" in client.get(link, follow=True).content.decode()


def test_password_reset__in_swedish_when_asked_in_swedish(client, person, smtp_server):
    client.post(reverse("set_language"), {"language": "sv", "next": RESET})
    client.post(RESET, {"email": "unohtaja@example.fi"})
    outbox_deliver_due()
    (message,) = smtp_server.messages
    assert " ".join(str(message["Subject"]).split()) == "Kundstrategi: ange ett nytt lösenord"
    assert message["Content-Language"] == "sv"


def test_password_reset__an_unknown_address_looks_the_same_and_sends_nothing(client, person):
    response = client.post(RESET, {"email": "tuntematon@example.fi"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize("email", ["", "ei-osoite", "x" * 300 + "@example.fi", "<script>@x"])
def test_password_reset__bad_addresses_are_refused_with_a_message(client, person, email):
    response = client.post(RESET, {"email": email})
    assert response.status_code == 200
    assert "Lomakkeessa on virheitä" in response.content.decode()
    assert not OutboxMessage.objects.exists()


def test_password_reset__throttled_per_email(client, person, settings):
    settings.PASSWORD_RESET_LIMIT = 3
    for _ in range(3):
        assert client.post(RESET, {"email": "unohtaja@example.fi"}).status_code == 302
    # Requests within the same second make the same link, queued once (the outbox's key).
    queued = OutboxMessage.objects.count()
    assert 1 <= queued <= 3
    refused = client.post(RESET, {"email": "Unohtaja@Example.fi"})
    assert refused.status_code == 429
    assert "liian monta kertaa" in refused.content.decode()
    assert OutboxMessage.objects.count() == queued  # the refused request queued nothing


def test_password_reset__throttled_per_address(client, person, settings):
    settings.PASSWORD_RESET_LIMIT = 2
    client.post(RESET, {"email": "a@example.fi"})
    client.post(RESET, {"email": "b@example.fi"})
    assert client.post(RESET, {"email": "unohtaja@example.fi"}).status_code == 429
    assert not OutboxMessage.objects.exists()


def test_password_change__anonymous_is_sent_to_log_in(client):
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_change__changes_ones_own(client, person):
    client.force_login(person)
    response = client.post(
        CHANGE,
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    ("old", "new1", "new2"),
    [
        ("väärä", NEW_PASSWORD, NEW_PASSWORD),
        (TEST_PASSWORD, "lyhyt", "lyhyt"),
        (TEST_PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x"),
        (TEST_PASSWORD, "", ""),
    ],
)
def test_password_change__bad_input_changes_nothing(client, person, old, new1, new2):
    client.force_login(person)
    response = client.post(
        CHANGE, {"old_password": old, "new_password1": new1, "new_password2": new2}
    )
    assert response.status_code == 200
    assert "Lomakkeessa on virheitä" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


@pytest.mark.parametrize("url", [RESET, reverse("password_reset_done"), CHANGE])
def test_password_pages__query_count_is_small(client, person, count_queries, url):
    client.force_login(person)
    assert count_queries(client, url, warm=True, most=5)
