"""Benchmark of the regional task log (6.3) at 50,000 tasks: server time (median, p95) and
query counts of the task log and the overview, in process with Django's test client.

Usage (a scratch SQLite file, or PostgreSQL with DATABASE_URL=postgres://…):

    export DEBUG=true DATABASE_URL=sqlite:////tmp/bench-regional.sqlite3
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python manage.py load_strategy_2008
    .venv/bin/python bench/regional_overview.py [--tasks 50000]

Everything it writes (a user, the tasks, their segments and organisations, the overview's
counters) is rolled back at the end, so the database is left as it was found. The tasks are
bulk-inserted (no history), past the services, so the overview's counters are rebuilt
after them (`regional_tallies_rebuild`, timed), as any bulk loader does: the rows are what
is measured, not how they were written.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from timing import Rollback, measure  # noqa: E402

from governance import roles  # noqa: E402
from governance.models import Body, RegionalTask  # noqa: E402
from governance.services.regional_tallies import regional_tallies_rebuild  # noqa: E402
from offerings.models import Organisation  # noqa: E402
from segments.models import Segment  # noqa: E402

REPEAT = 20
BATCH = 5000


def build_tasks(count, *, by, year):
    """`count` tasks over every regional group and the year, 1–3 segments and 1–3
    organisations each (a fixed seed: the same rows every run)."""
    rng = random.Random(2008)
    bodies = list(Body.objects.filter(kind=Body.Kind.REGIONAL_GROUP, is_archived=False))
    segments = list(Segment.objects.filter(is_active=True).values_list("pk", flat=True))
    organisations = list(Organisation.objects.values_list("pk", flat=True))
    kinds = RegionalTask.Kind.values
    start = datetime.date(year, 1, 1)
    SegmentLink = RegionalTask.segments.through
    OrganisationLink = RegionalTask.organisations.through
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        tasks = RegionalTask.objects.bulk_create(
            RegionalTask(
                region_id=body.region_id,
                body=body,
                date=start + datetime.timedelta(days=rng.randrange(365)),
                kind=rng.choice(kinds),
                description=f"Bench-tehtävä {made + i}",
                created_by=by,
            )
            for i, body in enumerate(rng.choice(bodies) for _ in range(size))
        )
        SegmentLink.objects.bulk_create(
            SegmentLink(regionaltask_id=task.pk, segment_id=segment)
            for task in tasks
            for segment in rng.sample(segments, rng.randint(1, 3))
        )
        OrganisationLink.objects.bulk_create(
            OrganisationLink(regionaltask_id=task.pk, organisation_id=organisation)
            for task in tasks
            for organisation in rng.sample(organisations, rng.randint(1, 3))
        )
        made += size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=50_000)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    try:
        with transaction.atomic():
            user = User.objects.create_user("bench-alueet")
            roles.sync_roles()
            user.groups.add(Group.objects.get(name=roles.MINISTRY_STAFF))
            started = time.perf_counter()
            build_tasks(args.tasks, by=user, year=args.year)
            built = time.perf_counter() - started
            started = time.perf_counter()
            regions, segments = regional_tallies_rebuild()
            counted = time.perf_counter() - started
            total = RegionalTask.objects.count()
            print(
                f"database {connection.vendor}, {total} tasks "
                f"(built {args.tasks} in {built:.1f} s, counters rebuilt in {counted:.2f} s: "
                f"{regions} region and {segments} segment rows); "
                f"{REPEAT} requests per page"
            )
            client = Client()
            client.force_login(user)
            region = Body.objects.filter(kind=Body.Kind.REGIONAL_GROUP).first().region_id
            segment = Segment.objects.get(code="perustajat").pk
            log = reverse("governance:regionaltask_list")
            overview = reverse("governance:regional_overview")
            pages = [
                ("task log, first page", log),
                ("task log, page 100", log + "?page=100"),
                ("task log, one region", f"{log}?region={region}"),
                ("task log, segment and month", f"{log}?segment={segment}&month=6"),
                ("task log, kind and year", f"{log}?kind=needs_analysis&year={args.year}"),
                ("overview of the year", f"{overview}?year={args.year}"),
            ]
            for label, url in pages:
                median, p95, queries = measure(client, url, REPEAT)
                print(f"{label:<30} median {median:7.1f} ms  p95 {p95:7.1f} ms  {queries} queries")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
