"""Every page the README lists, at national scale: server time (median, p95) and queries,
in process with Django's test client. Usage: bench/README.md.

The pages are read from README.md's table, so a page added there is measured here. Each is
opened as a ministry user, or, where ministry staff may not (the agency pages), as the
agency user of the demo data. The placeholders take the first matching row: a segment,
the company in the middle of the table, an organisation, a service, a body, a handover.
"""

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
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from timing import measure  # noqa: E402

from governance.models import Body  # noqa: E402
from offerings.models import Organisation, Service, ServiceModel  # noqa: E402
from responsibility.models import Handover  # noqa: E402
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
    return {
        "/segments/": Segment.objects.filter(is_active=True).order_by("number")[0].code,
        "/segments/companies/": company.business_id,
        "/responsibility/companies/": company.business_id,
        "/organisations/": Organisation.objects.order_by("pk")[0].code,
        "/services/": Service.objects.order_by("pk")[0].pk,
        "/service-models/": service_model.segment.code if service_model else None,
        "/governance/groups/": Body.objects.order_by("pk")[0].code,
        "/responsibility/handovers/": handover.pk if handover else None,
    }


def concrete(path, values):
    """The README's path with its placeholder filled in, or None without a row."""
    if "<" not in path:
        return path
    value = values.get(path.split("<")[0])
    return None if value is None else re.sub(r"<[^>]+>", str(value), path, count=1)


def main():
    settings.ALLOWED_HOSTS = ["testserver"]
    print(
        f"database {connection.vendor}, {Company.objects.count()} companies; "
        f"{REPEAT} requests per page; load {os.getloadavg()[0]:.2f}"
    )
    clients = []
    for username in ("ministerio", "tekes"):
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        client.force_login(User.objects.get(username=username))
        clients.append((username, client))
    values = placeholders()
    over = []
    for path in readme_paths():
        url = concrete(path, values)
        if url is None:
            print(f"{path:<48} (no row to open)")
            continue
        for username, client in clients:
            status = client.get(url).status_code
            if status == 200:
                median, p95, queries = measure(client, url, REPEAT)
                print(
                    f"{url:<48} {username:<10} median {median:6.1f} ms  p95 {p95:6.1f} ms  "
                    f"{queries:3d} queries"
                )
                if p95 > TARGET_MS:
                    over.append(url)
                break
        else:
            print(f"{url:<48} answers {status} to every bench user")
    print(f"over {TARGET_MS} ms p95: {', '.join(over) or 'none'}; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
