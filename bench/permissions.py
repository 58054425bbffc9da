"""Server time and queries of a segment page with Django's ModelBackend (permission sets read
from the database on every request) and with core.auth.CachedModelBackend (read from the
cache), in process with Django's test client. Usage: bench/README.md.

The user it signs in is deleted at the end. It is created outside a transaction: sets read
in a transaction that changed permissions are not cached (core.auth), so a user made inside
the measuring transaction would never be served from the cache.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("AXES_ENABLED", "false")  # force_login's log lines only

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from governance import roles  # noqa: E402

REPEAT = 200
AXES = "axes.backends.AxesStandaloneBackend"
BACKENDS = {
    "ModelBackend": "django.contrib.auth.backends.ModelBackend",
    "CachedModelBackend": "core.auth.CachedModelBackend",
}


def measure(client, url):
    """Median and p95 server time (ms) of `url` and its queries, after a warm-up."""
    for _ in range(10):
        client.get(url)
    times, queries = [], None
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured.captured_queries)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main():
    settings.ALLOWED_HOSTS = ["testserver"]
    url = reverse("segments:segment_detail", args=["suuryritykset"])
    print(f"database {connection.vendor}; {REPEAT} requests of {url} each, after 10 to warm up")
    user = User.objects.create_user("bench-tyoryhma")
    try:
        roles.sync_roles()
        user.groups.add(Group.objects.get(name=roles.WORKING_GROUP_MEMBER))
        # Alternating, twice, so that neither backend has the warmer machine.
        for _ in range(2):
            for name, path in BACKENDS.items():
                with override_settings(AUTHENTICATION_BACKENDS=[AXES, path]):
                    client = Client()
                    client.force_login(user, backend=path)
                    median, p95, queries = measure(client, url)
                print(f"{name:20} median {median:5.1f} ms  p95 {p95:5.1f} ms  {queries} queries")
    finally:
        user.delete()


if __name__ == "__main__":
    main()
