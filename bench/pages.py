"""Benchmark (c) and (d) of the re-segmentation issue: server time (p95) and query counts of
the pages at national scale, in process with Django's test client. Usage: bench/README.md.

Everything it writes (a user, a run, its transitions) is rolled back at the end.
"""

import os
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
from segments import resegmentation as reseg  # noqa: E402
from segments.models import Company, Segment, SegmentTransition  # noqa: E402

REPEAT = 30


def main():
    settings.ALLOWED_HOSTS = ["testserver"]
    n = Company.objects.count()
    print(f"database {connection.vendor}, {n} companies; {REPEAT} requests per page")
    try:
        with transaction.atomic():
            user = User.objects.create_user("bench-ministerio", is_staff=True)
            roles.sync_roles()
            user.groups.add(Group.objects.get(name=roles.MINISTRY_STAFF))
            client = Client()
            client.force_login(user)
            started = time.perf_counter()
            run = reseg.run_preview(reseg.run_start(year=2026, by=user))
            print(f"(setup) preview for the run page: {time.perf_counter() - started:.1f} s")
            company = Company.objects.order_by("pk")[n // 2]
            segment = Segment.objects.get(code="paikalliset")
            pages = [
                ("company list", reverse("segments:company_list")),
                (
                    "company list, segment filter",
                    reverse("segments:company_list") + f"?segment={segment.pk}",
                ),
                (
                    "company list, name prefix",
                    reverse("segments:company_list") + "?q=" + company.name[:6],
                ),
                ("company list, no-match prefix", reverse("segments:company_list") + "?q=Zzqx"),
                (
                    "company list, Y-tunnus",
                    reverse("segments:company_list") + "?q=" + company.business_id,
                ),
                ("company list, ready to move", reverse("segments:company_list") + "?ready=on"),
                ("company detail", company.get_absolute_url()),
                ("run preview page", run.get_absolute_url()),
                ("run preview, movers to local", run.get_absolute_url() + f"?to={segment.pk}"),
            ]
            for label, url in pages:
                median, p95, queries = measure(client, url, REPEAT)
                print(
                    f"(c) {label:<32} median {median:6.1f} ms  p95 {p95:6.1f} ms  {queries} queries"
                )
            started = time.perf_counter()
            reseg.run_apply(run, by=user)
            print(f"(setup) apply for the dynamics page: {time.perf_counter() - started:.1f} s")
            median, p95, queries = measure(client, reverse("segments:segment_dynamics"), REPEAT)
            print(
                f"(c) {'segment dynamics':<32} median {median:6.1f} ms  p95 {p95:6.1f} ms  {queries} queries"
            )
            # The same year again: every idempotent re-run has (almost) no movers.
            started = time.perf_counter()
            rerun = reseg.run_preview(reseg.run_start(year=2026, by=user))
            print(
                f"(setup) re-run preview: {time.perf_counter() - started:.1f} s, "
                f"{rerun.mover_count} movers"
            )
            median, p95, queries = measure(client, rerun.get_absolute_url(), REPEAT)
            print(
                f"(c) {'run page, re-run (few movers)':<32} median {median:6.1f} ms  p95 {p95:6.1f} ms  {queries} queries"
            )
            deep_transitions = max(1, SegmentTransition.objects.count() // 50 // 2)
            for label, url in [
                ("admin company changelist", "/admin/segments/company/"),
                ("admin changelist, page 5000", "/admin/segments/company/?p=5000"),
                ("admin changelist, page 7999", "/admin/segments/company/?p=7999"),
                ("admin transitions", "/admin/segments/segmenttransition/"),
                (
                    f"admin transitions, page {deep_transitions}",
                    f"/admin/segments/segmenttransition/?p={deep_transitions}",
                ),
                (
                    "admin attribute values, Y-tunnus",
                    f"/admin/segments/attributevalue/?q={company.business_id}",
                ),
                ("admin attribute values", "/admin/segments/attributevalue/"),
                ("admin changelist, Y-tunnus", f"/admin/segments/company/?q={company.business_id}"),
                # The synthetic names share "Testiyritys ": a selective prefix, and one
                # that nearly every company matches.
                (
                    "admin changelist, name prefix",
                    "/admin/segments/company/?q=" + company.name[:16],
                ),
                (
                    "admin changelist, shared prefix",
                    "/admin/segments/company/?q=" + company.name[:6],
                ),
                (
                    "admin changelist, segment filter",
                    f"/admin/segments/company/?segment__id__exact={segment.pk}",
                ),
            ]:
                median, p95, queries = measure(client, url, REPEAT)
                print(
                    f"(d) {label:<32} median {median:6.1f} ms  p95 {p95:6.1f} ms  {queries} queries"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
