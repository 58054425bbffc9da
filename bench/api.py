"""Benchmarks of the integration API at national scale (issue 14, item 6), in process with
Django's test client (server time, no network): (a) a company by Y-tunnus, p95; (b) walking
every company with the cursor at 1,000 a page; (c) an upload of 400,000 × 5 attribute values
as the task worker imports it, and the same upload again (nothing changes). Usage:
bench/README.md. Run it on a copy of the bench database: (c) writes the values it uploads
and the client, key and call log rows it needs stay."""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from offerings.models import Organisation  # noqa: E402
from responsibility.models import ApiClient  # noqa: E402
from responsibility.services.api_clients import api_key_issue  # noqa: E402
from segments import value_uploads  # noqa: E402
from segments.models import Attribute, Company, ValueUpload  # noqa: E402

SCOPES = ["companies:read", "attributes:write"]


def _key():
    client, _created = ApiClient.objects.get_or_create(
        name="bench/api.py",
        defaults={
            "organisation": Organisation.objects.get(code="finpro"),
            "scopes": SCOPES,
            "rate_limit_per_minute": 100_000,
        },
    )
    _row, key = api_key_issue(client=client, by=None)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def company_by_business_id(client, headers, repeat):
    """(a) p50 and p95 of GET /api/v1/companies/<y-tunnus>/ for random companies."""
    ids = list(Company.objects.values_list("business_id", flat=True))
    rng = random.Random(2008)
    for business_id in rng.sample(ids, 20):  # warm up
        client.get(f"/api/v1/companies/{business_id}/", **headers)
    times = []
    for business_id in rng.sample(ids, repeat):
        started = time.perf_counter()
        response = client.get(f"/api/v1/companies/{business_id}/", **headers)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def walk(client, headers, max_pages=None):
    """(b) every company through the cursor, 1,000 a page (or the first `max_pages` pages):
    (seconds, rows, pages)."""
    started = time.perf_counter()
    url, rows, pages = "/api/v1/companies/?page_size=1000", 0, 0
    while url and (max_pages is None or pages < max_pages):
        page = client.get(url, **headers).json()
        rows += len(page["results"])
        pages += 1
        url = page["next"]
    return time.perf_counter() - started, rows, pages


def upload_table(year):
    """The register's companies with five values each for `year`, as the upload's CSV."""
    codes = list(Attribute.objects.order_by("order", "code").values_list("code", flat=True)[:5])
    rng = random.Random(year)
    lines = [";".join(["y_tunnus", *(f"{code}:{year}" for code in codes)])]
    for business_id in Company.objects.order_by("business_id").values_list(
        "business_id", flat=True
    ):
        lines.append(
            f"{business_id};{rng.randint(1, 500)};{rng.randint(10_000, 9_000_000)}"
            f";{rng.randint(0, 100) / 100};{rng.randint(-20, 60) / 100};{rng.randint(0, 30) / 100}"
        )
    return ("\n".join(lines) + "\n").encode()


def upload(client, headers, body):
    """(c) POST the body (answered 202) and import it as the task worker does:
    (seconds to answer, seconds to import, the outcome)."""
    started = time.perf_counter()
    response = client.post("/api/v1/attribute-values/", body, content_type="text/csv", **headers)
    answered = time.perf_counter() - started
    assert response.status_code == 202, response.content[:500]
    upload_id = response.json()["id"]
    started = time.perf_counter()
    value_uploads.value_upload_process(upload_id)
    imported = time.perf_counter() - started
    return answered, imported, ValueUpload.objects.get(pk=upload_id).outcome


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--year", type=int, default=2027)
    parser.add_argument("--skip", default="", help="parts to skip, e.g. bc")
    parser.add_argument("--walk-pages", type=int, default=None, help="(b): stop after N pages")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    # The worker takes the task; here the bench imports it itself, timed.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    print(
        f"database {connection.vendor}, {Company.objects.count()} companies; "
        f"load average {os.getloadavg()}"
    )
    client, headers = Client(), _key()
    if "a" not in args.skip:
        p50, p95 = company_by_business_id(client, headers, args.repeat)
        print(
            f"(a) company by Y-tunnus, {args.repeat} requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms"
        )
    if "b" not in args.skip:
        seconds, rows, pages = walk(client, headers, args.walk_pages)
        print(f"(b) cursor walk: {rows} companies in {pages} pages, {seconds:.1f} s")
    if "c" not in args.skip:
        body = upload_table(args.year)
        print(f"(c) upload body: {len(body) / 1e6:.1f} MB CSV; load average {os.getloadavg()}")
        for attempt in ("first", "again"):
            answered, imported, outcome = upload(client, headers, body)
            counts = {
                k: outcome.get(k) for k in ("values_created", "values_updated", "values_unchanged")
            }
            print(
                f"(c) upload {attempt}: 202 in {answered:.1f} s, imported in {imported:.1f} s, "
                f"ok={outcome.get('ok')} {counts}"
            )
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
