"""Racing two writers for real: threads that start together, each on its own database
connection. Row locks only mean something on PostgreSQL; SQLite's shared in-memory test
database locks whole tables, so the races run where the locks are real (CI runs both)."""

import threading

import pytest
from django.db import connection, connections

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's shared in-memory test database locks whole tables; CI proves this on PostgreSQL",
)


def race(target, times=2):
    """Run `target` in `times` threads that start together; returns ("ok", result) or
    ("error", exception) per thread."""
    barrier = threading.Barrier(times)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(("ok", target()))
        except Exception as error:  # the loser's error is the result
            results.append(("error", error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results
