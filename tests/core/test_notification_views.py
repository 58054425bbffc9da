"""The notification centre and the preferences page: one's own only, a constant number of
queries, the unread count in the header and on the front page."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.auth import CachedModelBackend, read_with_user_value
from core.notifications.models import (
    Kind,
    Notification,
    NotificationPreference,
    UserPreferences,
)
from core.notifications.selectors import unread_count
from core.notifications.services import notifications_mark_read, unread_cache_key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:notification_list")
MARK = reverse("notifications:notification_mark_read")
PREFERENCES = reverse("notifications:preferences")


def _notifications(user, count, *, read=False):
    return Notification.objects.bulk_create(
        Notification(
            user=user,
            kind="handover_requested",
            event_key=f"e:{user.pk}:{n}:{read}",
            title=f"Ilmoitus {n} käyttäjälle {user.username}",
            url="/responsibility/handovers/",
            read_at=timezone.now() if read else None,
        )
        for n in range(count)
    )


@pytest.fixture
def reader(strategy_data):
    return UserFactory(username="lukija")


@pytest.fixture
def other(strategy_data):
    return UserFactory(username="toinen")


@pytest.mark.parametrize("url", [LIST, PREFERENCES])
def test_notification_pages__anonymous_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_notification_mark_read__anonymous_changes_nothing(client, reader):
    _notifications(reader, 1)
    assert client.post(MARK).status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_notification_list__shows_one_own_only(client, reader, other):
    """Any signed-in user, with or without a role, has a centre: their own notifications."""
    _notifications(reader, 2)
    _notifications(other, 1)
    client.force_login(reader)

    page = client.get(LIST).content.decode()

    assert "Ilmoitus 0 käyttäjälle lukija" in page
    assert "käyttäjälle toinen" not in page


def test_notification_list__unread_count_in_header(client, reader):
    _notifications(reader, 3)
    _notifications(reader, 2, read=True)
    client.force_login(reader)

    page = client.get(reverse("home")).content.decode()

    assert "3 lukematonta" in page
    assert "Sinulla on 3 lukematonta ilmoitusta." in page


def test_notification_list__query_count_is_constant(client, reader, count_queries):
    client.force_login(reader)
    _notifications(reader, 5)
    few = count_queries(client, LIST, warm=True)
    _notifications(reader, 45, read=True)
    many = count_queries(client, LIST, warm=True)
    assert few == many
    assert many <= 6


def test_notification_header__unread_count_is_cached(client, reader, count_queries):
    _notifications(reader, 2)
    client.force_login(reader)
    count_queries(client, reverse("home"))
    assert count_queries.any_sql("core_notification")
    count_queries(client, reverse("home"))
    assert not count_queries.any_sql("core_notification")


def test_notification_header__unread_count_read_with_the_session_user(client, reader):
    """The header's count comes in the cache round trip that reads the session's user, not
    in a read of its own (core.auth.read_with_user)."""
    _notifications(reader, 2)
    client.force_login(reader)
    client.get(reverse("home"))  # the count is cached now
    with mock.patch("core.notifications.selectors.cache", wraps=caches["default"]) as cache:
        page = client.get(reverse("home")).content.decode()

    assert "2 lukematonta" in page
    cache.get.assert_not_called()


def test_unread_count__a_change_after_the_user_was_read_is_not_hidden(reader):
    """A count read with the user is not served once this process has changed it: a request
    that marks notifications read and then shows the header shows the new count."""
    _notifications(reader, 2)
    unread_count(CachedModelBackend().get_user(reader.pk))  # the count is cached now
    user = CachedModelBackend().get_user(reader.pk)
    assert read_with_user_value(user, unread_cache_key(reader.pk)) == 2

    notifications_mark_read(user=reader, ids=[Notification.objects.first().pk])

    assert read_with_user_value(user, unread_cache_key(reader.pk)) is None
    assert unread_count(user) == 1


def test_notification_mark_read__one_of_own(client, reader, django_capture_on_commit_callbacks):
    first, second = _notifications(reader, 2)
    client.force_login(reader)
    client.get(reverse("home"))  # the count is cached now

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(MARK, {"notification": first.pk})

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None
    # The cached count is dropped with the change.
    assert "1 lukematon" in client.get(reverse("home")).content.decode()


def test_notification_mark_read__anothers_is_untouched(client, reader, other):
    (theirs,) = _notifications(other, 1)
    client.force_login(reader)

    client.post(MARK, {"notification": theirs.pk})
    client.post(MARK)  # "all": all of one's own, none of another's

    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_notification_mark_read__all(client, reader):
    _notifications(reader, 3)
    client.force_login(reader)
    client.post(MARK)
    assert not Notification.objects.filter(user=reader, read_at__isnull=True).exists()


@pytest.mark.parametrize("value", ["x", "-1", "0" * 30, "1; DROP TABLE x", ""])
def test_notification_mark_read__bad_values_change_nothing(client, reader, value):
    _notifications(reader, 1)
    client.force_login(reader)
    response = client.post(MARK, {"notification": value})
    assert response.status_code == 302
    expected_unread = 0 if value == "" else 1  # empty means "all"
    assert Notification.objects.filter(read_at__isnull=True).count() == expected_unread


def test_notification_mark_read__needs_csrf(reader):
    _notifications(reader, 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.post(MARK).status_code == 403
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_notification_list__get_only(client, reader):
    client.force_login(reader)
    assert client.post(LIST).status_code == 405


def test_preferences__saved_with_history(client, reader):
    client.force_login(reader)
    data = {
        # Every kind has its choice on the page; the new kinds are left at once.
        **{f"kind_{kind}": "immediate" for kind in Kind.values},
        "language": "sv",
        "kind_handover_requested": "immediate",
        "kind_handover_accepted": "digest",
        "kind_handover_declined": "off",
        "kind_handover_overdue": "immediate",
    }

    response = client.post(PREFERENCES, data)

    assert response.status_code == 302
    preferences = UserPreferences.objects.get(user=reader)
    assert preferences.language == "sv"
    assert preferences.history.get().history_user == reader
    chosen = dict(
        NotificationPreference.objects.filter(user=reader).values_list("kind", "delivery")
    )
    assert chosen["handover_accepted"] == "digest"
    assert chosen["handover_declined"] == "off"
    history = NotificationPreference.history.filter(user_id=reader.pk)
    assert history.count() == len(Kind.values)
    assert {h.history_change_reason for h in history} == {"Ilmoitusvalinta muutettu"}
    # The page shows the saved choices.
    form = client.get(PREFERENCES).context["form"]
    assert form.initial["language"] == "sv"
    assert form.initial["kind_handover_accepted"] == "digest"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"language": "de"},
        {"language": "fi", "kind_handover_requested": "sometimes"},
        {"language": "<script>", "kind_handover_requested": "x" * 10000},
    ],
)
def test_preferences__bad_values_are_refused_and_nothing_changes(client, reader, data):
    client.force_login(reader)
    response = client.post(PREFERENCES, data)
    assert response.status_code == 200
    assert "Lomakkeessa on virheitä" in response.content.decode()
    assert not UserPreferences.objects.exists()
    assert not NotificationPreference.objects.exists()


def test_preferences__only_ones_own(client, reader, other):
    """The page has no address for another user: posting saves only one's own."""
    client.force_login(reader)
    client.post(
        PREFERENCES,
        {
            "language": "en",
            "user": other.pk,
            **{f"kind_{k}": "off" for k in Kind.values},
        },
    )
    assert not UserPreferences.objects.filter(user=other).exists()
    assert UserPreferences.objects.get(user=reader).language == "en"


def test_preferences__query_count_is_constant(client, reader, count_queries):
    client.force_login(reader)
    assert count_queries(client, PREFERENCES, warm=True, most=6)
