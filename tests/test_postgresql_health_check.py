"""core.postgresql: the health check asks the server (Django's SELECT 1) only when the
connection may be gone, and still notices a connection the server has closed.

Each test opens a connection of its own (a second DatabaseWrapper of the default database)
and watches it from the test's connection in pg_stat_activity, whose `query` is the last
statement a backend was sent."""

import time

import pytest
from django.db import connection, connections

from core.postgresql import base

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's backend"),
]


@pytest.fixture
def other():
    """A second connection to the test database, used as a request would (autocommit),
    with health checks on as the settings have them."""
    wrapper = connections.create_connection("default")
    wrapper.settings_dict["CONN_HEALTH_CHECKS"] = True
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def _last_statement(wrapper):
    """What the server last received from `wrapper`'s connection, and whether it is there."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT query FROM pg_stat_activity WHERE pid = %s",
            [wrapper.connection.info.backend_pid],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _new_request(wrapper):
    """What Django does between requests (request_started): the health check is due again."""
    wrapper.close_if_unusable_or_obsolete()


def _query(wrapper, marker):
    with wrapper.cursor() as cursor:
        cursor.execute(f"SELECT '{marker}'")
        return cursor.fetchone()[0]


def test_health_check__a_connection_that_answered_moments_ago_is_not_asked_again(other):
    _query(other, "edellinen sivu")
    _new_request(other)
    other.close_if_health_check_failed()
    assert other.health_check_done
    assert _last_statement(other) == "SELECT 'edellinen sivu'"


def test_health_check__an_idle_connection_is_asked_with_select_1(other, monkeypatch):
    _query(other, "edellinen sivu")
    _new_request(other)
    monkeypatch.setattr(base, "ANSWERED_RECENTLY_SECONDS", 0.0)
    time.sleep(0.01)
    other.close_if_health_check_failed()
    assert _last_statement(other) == "SELECT 1"
    assert other.connection is not None


def test_health_check__a_connection_the_server_closed_is_replaced_at_the_next_request(other):
    _query(other, "edellinen sivu")
    old_pid = other.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [old_pid])
        assert cursor.fetchone()[0] is True
    _new_request(other)
    # Within the window, with no error seen on it: only its socket tells that it is gone.
    assert _query(other, "seuraava sivu") == "seuraava sivu"
    assert other.connection.info.backend_pid != old_pid


def test_health_check__a_connection_whose_last_use_failed_gets_djangos_check(other):
    _query(other, "edellinen sivu")
    other.health_check_done = False
    other.errors_occurred = True
    other.close_if_health_check_failed()
    assert _last_statement(other) == "SELECT 1"


def test_health_check__opening_a_cursor_is_not_an_answer(other):
    """DatabaseRequiredMiddleware opens a cursor on every request without sending anything:
    a connection that has sent nothing for longer than the window is asked, however often
    cursors were opened on it meanwhile."""
    _query(other, "edellinen sivu")
    _new_request(other)
    other.close_if_health_check_failed()  # answered moments ago: not asked
    other.last_answered -= base.ANSWERED_RECENTLY_SECONDS + 1
    other.cursor().close()
    _new_request(other)
    other.close_if_health_check_failed()
    assert _last_statement(other) == "SELECT 1"
