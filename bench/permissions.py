"""Server time and queries of a segment page with Django's ModelBackend (permission sets read
from the database on every request) and with core.auth.CachedModelBackend (read from the
cache), in process with Django's test client. Usage: bench/README.md.

The user it signs in is deleted at the end. It is created outside a transaction: sets read
in a transaction that changed permissions are not cached (core.auth), so a user made inside
the measuring transaction would never be served from the cache.
"""

import os
import sys
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
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402
from timing import measure  # noqa: E402

from governance import roles  # noqa: E402

REPEAT = 200
AXES = "axes.backends.AxesStandaloneBackend"
BACKENDS = {
    "ModelBackend": "django.contrib.auth.backends.ModelBackend",
    "CachedModelBackend": "core.auth.CachedModelBackend",
}


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
                    median, p95, queries = measure(client, url, REPEAT, warm_up=10)
                print(f"{name:20} median {median:5.1f} ms  p95 {p95:5.1f} ms  {queries} queries")
    finally:
        user.delete()


if __name__ == "__main__":
    main()
