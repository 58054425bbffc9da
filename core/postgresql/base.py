"""Django's PostgreSQL backend, with a health check that costs no round trip while a
connection is in steady use.

Django's health check (CONN_HEALTH_CHECKS) sends `SELECT 1` before each request's first
query on a reused connection: a statement sent and answered on the loopback for every
page, about 125 µs of the app's CPU and 60 µs of PostgreSQL's on this two-core virtual
machine, against 8 µs for looking at the socket (bench/README.md, the figures of
2026-12-06, third session). What the check is there to catch is a
connection the server has closed since it last answered: a restart, a failover, an
administrator's `pg_terminate_backend`, an idle timeout. The server then sends its error
and closes the socket, so the socket turns readable; while nothing has arrived and the
connection answered moments ago, it is usable without asking. A readable socket, a
connection idle for longer than `ANSWERED_RECENTLY_SECONDS` (where a firewall may have
dropped it silently) or one whose last use raised an error gets Django's own check.
"""

import select
import time

from django.db.backends.postgresql import base

# A connection that has answered within this many seconds and has nothing waiting on its
# socket is not asked again; one idle for longer is (Django's SELECT 1).
ANSWERED_RECENTLY_SECONDS = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    # When this connection last sent the server a statement (a cursor opened for one, or the
    # health check answered).
    _last_used = float("-inf")

    def create_cursor(self, name=None):
        self._last_used = time.monotonic()
        return super().create_cursor(name)

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and self._answered_recently()
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
        if self.connection is not None:
            self._last_used = time.monotonic()

    def _answered_recently(self):
        if self.errors_occurred or time.monotonic() - self._last_used > ANSWERED_RECENTLY_SECONDS:
            return False
        connection = self.connection
        if connection.closed or connection.broken:
            return False
        # Anything on the socket of an idle connection (the server's farewell, its end of
        # file) or an error on it: let Django's check read it.
        poller = select.poll()
        poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)
        return not poller.poll(0)
