"""Django's PostgreSQL backend, with a health check that costs no round trip while a
connection is in steady use.

Django's health check (CONN_HEALTH_CHECKS) sends `SELECT 1` before each request's first
query on a reused connection: a statement sent and answered on the loopback for every
page, about 125 µs of the app's CPU and 60 µs of PostgreSQL's on this two-core virtual
machine, against 8 µs for looking at the socket (bench/README.md, the figures of
2026-12-06, third session).

What the check is there to catch is a connection the server has closed since it last
answered: a restart, an administrator's `pg_terminate_backend`, an idle timeout. The server
then sends its error and closes the socket, so the socket turns readable; while nothing has
arrived and a statement was answered moments ago, the connection is used without asking.
A readable socket, a connection that has not answered for `ANSWERED_RECENTLY_SECONDS`
(where a firewall may have dropped it silently) or one whose last use raised an error gets
Django's own check.

The trade-off: a server lost without a word within those seconds (a host that dies, a
network cut, an address moved to another host) is not noticed before the request's own
first query, which fails (one error a worker's connection) where `SELECT 1` might have
been refused at once and the connection replaced unseen. Django then closes the connection
and the next request opens a new one.
"""

import select
import time

import psycopg
from django.db.backends.postgresql import base
from django.db.backends.utils import CursorWrapper

# A connection that answered a statement within this many seconds and has nothing waiting
# on its socket is not asked again; one that has not answered for longer is (SELECT 1).
ANSWERED_RECENTLY_SECONDS = 5.0


class _NotesAnswers:
    """Records on the connection when the server last answered a statement."""

    def execute(self, sql, params=None):
        result = super().execute(sql, params)
        self.db.last_answered = time.monotonic()
        return result

    def executemany(self, sql, param_list):
        result = super().executemany(sql, param_list)
        self.db.last_answered = time.monotonic()
        return result


class _CursorWrapper(_NotesAnswers, CursorWrapper):
    pass


class _CursorDebugWrapper(_NotesAnswers, base.CursorDebugWrapper):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    # When the server last answered on this connection (a statement, the check, the login);
    # opening a cursor sends nothing, so it does not count.
    last_answered = float("-inf")

    def make_cursor(self, cursor):
        return _CursorWrapper(cursor, self)

    def make_debug_cursor(self, cursor):
        return _CursorDebugWrapper(cursor, self)

    def connect(self):
        super().connect()
        self.last_answered = time.monotonic()

    def close_if_health_check_failed(self):
        checking = (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
        )
        if checking and self._answered_recently():
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
        if checking and self.connection is not None:
            self.last_answered = time.monotonic()  # Django's check was answered

    def _answered_recently(self):
        if (
            self.errors_occurred
            or time.monotonic() - self.last_answered > ANSWERED_RECENTLY_SECONDS
        ):
            return False
        connection = self.connection
        if connection.closed or connection.broken:
            return False
        # Anything on the socket of an idle connection (the server's farewell, its end of
        # file) or an error on it: let Django's check read it.
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)
            return not poller.poll(0)
        except (OSError, ValueError, psycopg.Error):
            return False
