"""Sessions keep their idle timeout without a write per request; the cache is Redis when
REDIS_URL is set (a real server on localhost here) and this process's memory otherwise."""

import os

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import sessions

pytestmark = pytest.mark.django_db


def _session_writes(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_session__pages_soon_after_the_login_write_nothing(client, working_group_user):
    client.force_login(working_group_user)
    before = _expiry(client)
    for _ in range(3):
        assert _session_writes(client, reverse("home")) == []
    assert _expiry(client) == before


def test_session__renewed_once_a_tenth_of_the_idle_time_has_passed(
    client, working_group_user, settings, monkeypatch
):
    client.force_login(working_group_user)
    before = _expiry(client)
    later = sessions.time.time() + settings.SESSION_RENEW_AFTER_SECONDS + 1
    monkeypatch.setattr(sessions.time, "time", lambda: later)
    assert _session_writes(client, reverse("home")) != []
    assert _expiry(client) > before


def test_session__an_idle_session_has_expired(client, working_group_user):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(working_group_user)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _redis_available(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        return False


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    if not _redis_available(REDIS_URL):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis does not answer at {REDIS_URL}")
        pytest.skip(f"Redis does not answer at {REDIS_URL}")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "asiakkuus-test",
        },
        "fragments": settings.CACHES["fragments"],
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


def test_cache__redis_serves_the_sessions_of_every_app_server(
    client, working_group_user, redis_cache
):
    import redis

    client.force_login(working_group_user)
    assert client.get(reverse("home")).status_code == 200
    server = redis.Redis.from_url(REDIS_URL)
    keys = [key.decode() for key in server.keys("asiakkuus-test:*")]
    assert any("django.contrib.sessions.cached_db" in key for key in keys), keys
    # A second app server (another client with the same cookie) reads it from Redis.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert not [q for q in queries if "django_session" in q["sql"]]


@pytest.fixture
def redis_commands(monkeypatch):
    """The commands this process sends Redis, as (name, *keys) tuples, while recording."""
    import redis

    sent = []
    execute_command = redis.Redis.execute_command

    def record(self, *args, **options):
        sent.append(
            tuple(arg.decode(errors="replace") if isinstance(arg, bytes) else arg for arg in args)
        )
        return execute_command(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", record)
    return sent


def test_cache__a_segment_pages_fragment_generations_come_with_the_sessions_user(
    client, working_group_user, redis_cache, redis_commands
):
    """The segment page shows four kinds of cached fragment; their generations are read in
    the round trip that reads the session's user, so a warm page costs Redis two round trips
    (the session, then the user with everything read with them), and a renamed segment
    still shows at the next request (core.auth.read_with_session)."""
    from core import fragments
    from segments.models import Segment

    segment = Segment.objects.get(code="kansainvalistyvat")
    url = reverse("segments:segment_detail", args=[segment.code])
    client.force_login(working_group_user)
    client.get(url)  # renders and keeps the fragments
    redis_commands.clear()

    assert client.get(url).status_code == 200

    assert [command[0] for command in redis_commands] == ["GET", "MGET"], redis_commands
    read_with_user = " ".join(redis_commands[1][1:])
    for name in (
        "segment-page",
        "segment-offering",
        "segment-responsibility",
        "segment-group-seats",
    ):
        assert f"fragments:{name}:generation" in read_with_user
    assert fragments.generation("segment-page")  # outside a request: read on its own
    segment.name_fi = "Kansainvälistyvät (uusi nimi)"
    segment.save()
    assert "Kansainvälistyvät (uusi nimi)" in client.get(url).content.decode()


def test_cache__a_generation_renewed_in_the_request_is_read_afresh(working_group_user, redis_cache):
    """A generation read with the user is not served once this process has renewed it, and
    nothing read for one request is served after it."""
    from core import auth, fragments

    fragments.generation("segment-page")  # exists in the cache now
    auth.CachedModelBackend().get_user(working_group_user.pk)
    read = auth.read_this_request("fragments:segment-page:generation")
    assert read == fragments.generation("segment-page")

    fragments.bump("segment-page")

    assert auth.read_this_request("fragments:segment-page:generation") is None
    assert fragments.generation("segment-page") != read
    auth.CachedModelBackend().get_user(working_group_user.pk)
    auth.forget_this_request()
    assert auth.read_this_request("fragments:segment-page:generation") is None
