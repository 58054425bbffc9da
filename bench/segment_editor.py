"""The segment editor at national scale (issue 17, item 3): the editor page's server time
and queries, and the live preview of a segment's rules (segments.evaluation.
placement_preview) for each company segment, in process with Django's test client. Usage:
bench/README.md. Everything it writes (a user) is rolled back at the end.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from timing import Rollback, measure  # noqa: E402

from governance import roles  # noqa: E402
from segments.models import Company, Criterion, Segment  # noqa: E402

REPEAT = 20
PREVIEW_REPEAT = 5
CODES = ["suuryritykset", "kansainvalistyvat", "kotimarkkinat", "paikalliset", "perustajat"]


def preview_times(client, segment, year):
    """Median and worst of PREVIEW_REPEAT previews of the segment's stored rules, the last
    answer and its query count."""
    rules = {c.kind: c.rules for c in Criterion.objects.filter(segment=segment)}
    data = {
        "placement": json.dumps(rules.get("placement")) if rules.get("placement") else "",
        "entry": json.dumps(rules.get("entry")) if rules.get("entry") else "",
        "year": year,
    }
    url = reverse("segments:segment_rule_preview", args=[segment.code])
    times, answer, queries = [], None, 0
    for _ in range(PREVIEW_REPEAT + 1):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.post(url, data)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content
        answer, queries = response.json(), len(captured.captured_queries)
    times = sorted(times[1:])
    return statistics.median(times), times[-1], answer, queries


def main():
    settings.ALLOWED_HOSTS = ["testserver"]
    year = int(sys.argv[1]) if len(sys.argv) > 1 else 2026
    print(f"database {connection.vendor}, {Company.objects.count()} companies, year {year}")
    try:
        with transaction.atomic():
            user = User.objects.create_user("bench-editori", is_staff=True)
            roles.sync_roles()
            user.groups.add(Group.objects.get(name=roles.MINISTRY_STAFF))
            client = Client()
            client.force_login(user)
            for code in ["suuryritykset", "kansainvalistyvat"]:
                url = reverse("segments:segment_edit", args=[code])
                median, p95, queries = measure(client, url, REPEAT)
                print(
                    f"editor page {code:<18} median {median:6.1f} ms  p95 {p95:6.1f} ms  "
                    f"{queries} queries"
                )
            for code in CODES:
                segment = Segment.objects.get(code=code)
                median, worst, answer, queries = preview_times(client, segment, year)
                print(
                    f"preview {code:<22} median {median:6.0f} ms  worst {worst:6.0f} ms  "
                    f"{queries} queries  placed {answer['placed']}, in {answer['moving_in']}, "
                    f"out {answer['moving_out']}"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
