"""django-axes: five wrong passwords lock the pair (username, address), not the address."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.implementation = None  # pick up the setting
    yield
    AxesProxyHandler.implementation = None


def _login(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_axes__five_failures_lock_the_username_from_that_address(
    client, axes_on, working_group_user
):
    for _ in range(5):
        response = _login(client, "tyoryhma", "väärä")
    assert response.status_code == 429
    assert "tilapäisesti estetty" in response.content.decode()
    # Even the right password is refused while locked.
    assert _login(client, "tyoryhma", "testisalasana-123").status_code == 429


def test_axes__a_colleague_behind_the_same_address_can_still_log_in(
    client, axes_on, working_group_user, agency_user
):
    for _ in range(5):
        _login(client, "tyoryhma", "väärä")
    response = _login(client, "virkailija", "testisalasana-123")
    assert response.status_code == 302


def test_axes__a_wrong_password_shows_a_finnish_error_not_a_lockout(
    client, axes_on, working_group_user
):
    response = _login(client, "tyoryhma", "väärä")
    assert response.status_code == 200
    assert "syötä kelvollinen käyttäjätunnus ja salasana" in response.content.decode()


def test_axes__password_spraying_from_one_address_is_locked(client, axes_on, working_group_user):
    """One password tried over many usernames from one address: the pair never reaches
    five, the address does reach its own limit."""
    from django.conf import settings

    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT - 1):
        response = _login(client, f"kayttaja{n}", "Kesä2026!", address="10.9.9.9")
        assert response.status_code == 200, n
    # The failure that reaches the limit is answered with the lock at once.
    assert _login(client, "kayttaja-x", "Kesä2026!", address="10.9.9.9").status_code == 429
    # Even a real account with the right password waits out the lock from that address...
    assert _login(client, "tyoryhma", "testisalasana-123", address="10.9.9.9").status_code == 429
    # ...but not from another one.
    assert _login(client, "tyoryhma", "testisalasana-123", address="10.1.1.1").status_code == 302


def test_axes__one_username_tried_from_many_addresses_is_locked(
    client, axes_on, working_group_user
):
    from django.conf import settings

    for n in range(settings.AXES_USERNAME_FAILURE_LIMIT - 1):
        assert _login(client, "tyoryhma", "väärä", address=f"10.0.{n}.1").status_code == 200
    assert _login(client, "tyoryhma", "väärä", address="10.0.99.1").status_code == 429
    assert _login(client, "tyoryhma", "testisalasana-123", address="10.7.7.7").status_code == 429


def test_axes__a_sprayers_own_successful_login_does_not_clear_the_address(
    client, axes_on, working_group_user
):
    from django.conf import settings

    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    for n in range(limit - 1):
        _login(client, f"kayttaja{n}", "Kesä2026!", address="10.9.9.9")
    assert _login(client, "tyoryhma", "testisalasana-123", address="10.9.9.9").status_code == 302
    client.logout()
    assert _login(client, "kayttaja-y", "Kesä2026!", address="10.9.9.9").status_code == 429


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fi", "Kirjautumisia on epäonnistunut liian monta"),
        ("sv", "För många misslyckade inloggningar"),
        ("en", "Too many failed sign-ins"),
    ],
)
def test_axes__the_lockout_message_is_in_the_users_language(
    client, axes_on, working_group_user, language, text
):
    client.cookies["kieli"] = language
    for _ in range(5):
        response = _login(client, "tyoryhma", "väärä")
    assert response.status_code == 429
    assert text in response.content.decode()


def test_axes__behind_a_proxy_the_forwarded_address_counts_not_a_spoofed_one(
    client, axes_on, working_group_user, settings
):
    settings.TRUSTED_PROXY_COUNT = 1

    def through_proxy(username, password, claimed):
        # The client claims an address; the proxy appends the one it saw.
        return client.post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"{claimed}, 203.0.113.7",
        )

    for n in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        response = through_proxy(f"kayttaja{n}", "Kesä2026!", claimed=f"192.0.2.{n}")
    assert response.status_code == 429  # a new claimed address each time did not help
    # A colleague behind the same proxy, from another address, is not locked out.
    response = client.post(
        reverse("login"),
        {"username": "tyoryhma", "password": "testisalasana-123"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert response.status_code == 302
