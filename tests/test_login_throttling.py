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
