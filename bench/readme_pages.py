"""Every page the README lists, at national scale: server time (median, p95) and queries,
in process with Django's test client. Usage: bench/README.md.

The pages are read from README.md's table, so a page added there is measured here. Each is
opened as a ministry user, or, where ministry staff may not (the agency pages), as the
agency user of the demo data. What no signed-in user opens comes last, in a transaction
rolled back at the end: the integration API's keyed endpoints with a key of every read
scope, the login page by a visitor not signed in. The placeholders take the first matching
row: a segment, the company in the middle of the table (for the API a company with a lead),
an organisation, a service, a body, a handover; a published strategy version has none in
the bench database.
The garbage collector is set as in each server worker (config/gunicorn.py), unless
--default-gc: with Python's default, a collection of the whole loaded app now and then
lands in a request and is what the slowest pages' p95 measures.
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from timing import Rollback, measure  # noqa: E402

from governance.models import Body  # noqa: E402
from offerings.models import Organisation, Service, ServiceModel  # noqa: E402
from responsibility.models import ApiClient, Assignment, Handover, Scope  # noqa: E402
from responsibility.services.api_clients import api_key_issue  # noqa: E402
from segments.models import Company, Segment  # noqa: E402

REPEAT = 20
TARGET_MS = 150
PAGE = re.compile(r"^\| `(/[^`]*)`")


def readme_paths():
    return [m.group(1) for line in (ROOT / "README.md").open() if (m := PAGE.match(line))]


def placeholders():
    """A row for each placeholder, by the path before it (None: no row to open)."""
    company = Company.objects.order_by("pk")[Company.objects.count() // 2]
    service_model = ServiceModel.objects.select_related("segment").first()
    handover = Handover.objects.order_by("pk").first()
    lead = Assignment.objects.filter(role=Assignment.Role.LEAD).order_by("pk").first()
    return {
        "/segments/": Segment.objects.filter(is_active=True).order_by("number")[0].code,
        "/segments/companies/": company.business_id,
        "/responsibility/companies/": company.business_id,
        "/organisations/": Organisation.objects.order_by("pk")[0].code,
        "/services/": Service.objects.order_by("pk")[0].pk,
        "/service-models/": service_model.segment.code if service_model else None,
        "/governance/groups/": Body.objects.order_by("pk")[0].code,
        "/responsibility/handovers/": handover.pk if handover else None,
        "/api/v1/companies/": lead.company.business_id if lead else company.business_id,
    }


def api_key_client():
    """A test client that sends an API key of every read scope (its rows are the caller's
    to roll back)."""
    reads = [Scope.COMPANIES_READ, Scope.RESPONSIBILITY_READ, Scope.NOTES_READ]
    client = ApiClient.objects.create(
        name="bench/readme_pages.py",
        organisation=Organisation.objects.get(code="finpro"),
        scopes=[str(scope) for scope in reads],
        rate_limit_per_minute=100_000,
    )
    _row, key = api_key_issue(client=client, by=None)
    return Client(HTTP_X_FORWARDED_PROTO="https", HTTP_AUTHORIZATION=f"Bearer {key}")


def open_first(url, candidates, over):
    """Measure `url` as the first of the (who, client) candidates it answers 200; [] when
    one did, otherwise what each was answered."""
    answers = []
    for who, client in candidates:
        status = client.get(url).status_code
        if status == 200:
            report(url, who, client, over)
            return []
        answers.append(f"{status} to {who}")
    return answers


def report(url, who, client, over):
    median, p95, queries = measure(client, url, REPEAT)
    print(f"{url:<48} {who:<10} median {median:6.1f} ms  p95 {p95:6.1f} ms  {queries:3d} queries")
    if p95 > TARGET_MS:
        over.append(url)


def concrete(path, values):
    """The README's path with its placeholder filled in, or None without a row."""
    if "<" not in path:
        return path
    value = values.get(path.split("<")[0])
    return None if value is None else re.sub(r"<[^>]+>", str(value), path, count=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--default-gc",
        action="store_true",
        help="Python's default garbage collection, not the servers' (config/gunicorn.py)",
    )
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    print(
        f"database {connection.vendor}, {Company.objects.count()} companies; "
        f"{REPEAT} requests per page; {'default' if args.default_gc else 'servers'} GC;"
        f" load {os.getloadavg()[0]:.2f}"
    )
    clients = []
    for username in ("ministerio", "tekes"):
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        client.force_login(User.objects.get(username=username))
        clients.append((username, client))
    values = placeholders()
    if not args.default_gc:
        from config import gunicorn

        gunicorn.post_worker_init(worker=None)  # as each server worker does, app loaded
    over, later = [], []
    for path in readme_paths():
        url = concrete(path, values)
        if url is None:
            later.append((path, []))
        elif answers := open_first(url, clients, over):
            later.append((path, answers))
    # What no signed-in user opens, in a transaction rolled back at the end: the API with a
    # key of every read scope, and the login page by a visitor not signed in (it redirects
    # the signed-in).
    try:
        with transaction.atomic():
            others = [
                ("anonymous", Client(HTTP_X_FORWARDED_PROTO="https")),
                ("API key", api_key_client()),
            ]
            for path, answers in later:
                url = concrete(path, values)
                if url is None:
                    print(f"{path:<48} (no row to open)")
                elif more := open_first(url, others, over):
                    print(f"{url:<48} answers {', '.join(answers + more)}")
            raise Rollback
    except Rollback:
        pass
    print(f"over {TARGET_MS} ms p95: {', '.join(over) or 'none'}; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
