"""The language switcher also sets the signed-in user's message language, so the e-mails
follow the language the user chose; before signing in it changes only the page."""

import pytest
from django.urls import reverse

from core.notifications.models import UserPreferences
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SWITCH = reverse("set_language")


def test_language_switcher__sets_the_signed_in_users_message_language(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(SWITCH, {"language": "sv", "next": "/"})

    assert response.status_code == 302
    preferences = UserPreferences.objects.get(user=user)
    assert preferences.language == "sv"
    history = preferences.history.get()
    assert history.history_user == user
    assert history.history_change_reason == "Kieli valittu kielivalikosta"
    # Choosing it again writes nothing new.
    client.post(SWITCH, {"language": "sv", "next": "/"})
    assert preferences.history.count() == 1
    client.post(SWITCH, {"language": "en", "next": "/"})
    assert UserPreferences.objects.get(user=user).language == "en"


def test_language_switcher__an_unknown_language_changes_nothing(client):
    user = UserFactory()
    UserPreferences.objects.create(user=user, language="fi")
    client.force_login(user)

    response = client.post(SWITCH, {"language": "de", "next": "/"})

    assert response.status_code == 302
    assert UserPreferences.objects.get(user=user).language == "fi"


def test_language_switcher__before_sign_in_only_the_page_changes(client):
    response = client.post(SWITCH, {"language": "sv", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert not UserPreferences.objects.exists()
