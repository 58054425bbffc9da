"""The access log (906/2019 § 17): its search, and who has seen one company's data."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from segments.selectors.companies import company_search

from ..models import AccessLogEntry


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_rows(
    *,
    company="",
    viewer_organisation=None,
    owner_organisation=None,
    viewer="",
    date_from=None,
    date_to=None,
):
    """The access log's rows that match the search, newest first, with everything a row
    shows joined (the page's keyset pages, the CSV and the XLSX alike)."""
    rows = company_search(AccessLogEntry.objects.all(), company, "company__")
    narrowing = {
        "viewer_organisation": viewer_organisation,
        "owner_organisation": owner_organisation,
        "viewer__username": viewer,
        # Whole days in local time, as ranges on the indexed column (no function on it).
        "at__gte": date_from and _day_start(date_from),
        "at__lt": date_to and _day_start(date_to + timedelta(days=1)),
    }
    return (
        rows.filter(**{name: value for name, value in narrowing.items() if value})
        .select_related("viewer", "viewer_organisation", "owner_organisation", "company", "consent")
        .order_by("-at", "-pk")
    )


def company_access_log(company, *, limit=10):
    """Who has seen the company's data held by another organisation: the newest `limit` rows
    of its access log (one query on the log's company index) and whether there are more."""
    page = list(
        AccessLogEntry.objects.filter(company=company)
        .select_related("viewer", "viewer_organisation", "owner_organisation", "consent")
        .order_by("-at", "-pk")[: limit + 1]
    )
    return page[:limit], len(page) > limit
