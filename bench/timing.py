"""What the page benchmarks share: timing a page with the Django test client inside a
transaction that is rolled back at the end (the benchmark's rows go away with it).

Imported by the scripts in bench/ after they have set Django up."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


class Rollback(Exception):
    """Raised at the end of a benchmark's transaction so that its rows are not kept."""


def measure(client, url, repeat, *, warm_up=1):
    """The median and the 95th percentile of `repeat` GETs of `url` in milliseconds, after
    `warm_up` unmeasured ones, and the queries of the last request."""
    times, queries = [], None
    for _ in range(warm_up):
        client.get(url)
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
    times.sort()
    p95 = times[max(int(len(times) * 0.95) - 1, 0)]
    return statistics.median(times), p95, queries
