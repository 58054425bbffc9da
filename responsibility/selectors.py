"""Reads of customer responsibility: portfolios, a company's holders, handovers, teams,
coverage per segment and the access log. Each returns rows with their relations already
joined or prefetched, so a page costs the same number of queries at 10 or 10,000 rows."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from segments.models import Company, Segment
from segments.validators import normalize_business_id

from .models import (
    AccessLogEntry,
    Assignment,
    Consent,
    ConsentDisclosure,
    CustomerTeam,
    GroupResponsibility,
    Handover,
    ResponsibilityPolicy,
    TeamMembership,
)
from .models.handover import OVERDUE_AFTER


def _company_search(rows, search, prefix="company__"):
    """Narrow rows by a name prefix or, when it looks like one, an exact Y-tunnus."""
    search = (search or "").strip()
    if not search:
        return rows
    business_id = normalize_business_id(search)
    if business_id[:7].isdigit():
        return rows.filter(**{f"{prefix}business_id": business_id})
    return rows.filter(**{f"{prefix}name__istartswith": search})


def _pending_handover():
    return Exists(
        Handover.objects.filter(company=OuterRef("company_id"), status=Handover.Status.REQUESTED)
    )


def portfolio(
    *,
    organisation,
    role="",
    segment=None,
    region=None,
    person_user=None,
    search="",
    after=None,
    limit=50,
):
    """A page of the organisation's active assignments (its customer portfolio) in company
    name order; keyset-paginated on (company name, assignment id), no count, no OFFSET.

    Returns the page and whether there are more. Each row carries `has_pending_handover`.
    """
    rows = Assignment.objects.filter(organisation=organisation, ends_on__isnull=True)
    if role:
        rows = rows.filter(role=role)
    if segment:
        rows = rows.filter(company__segment=segment)
    if region:
        rows = rows.filter(company__region=region)
    if person_user:
        rows = rows.filter(person__user=person_user)
    rows = _company_search(rows, search)
    if after:
        name, pk = after
        rows = rows.filter(Q(company__name__gt=name) | Q(company__name=name, pk__gt=pk))
    rows = rows.select_related(
        "company__segment", "company__region", "person__user", "team"
    ).annotate(has_pending_handover=_pending_handover())
    page = list(rows.order_by("company__name", "pk")[: limit + 1])
    return page[:limit], len(page) > limit


def company_for_responsibility(business_id):
    """The company of a responsibility page, with its segment and region, or None."""
    return (
        Company.objects.select_related("segment", "region")
        .filter(business_id=normalize_business_id(business_id))
        .first()
    )


@dataclass
class CompanyResponsibility:
    """Everything the company's responsibility page shows."""

    lead: object
    members: list
    teams: list
    history: list  # every assignment, oldest first: the baton's path
    handovers: list
    consents: list
    pending_handover: object


def company_responsibility(company):
    """The company's holders now and before, its handovers and its consents."""
    history = list(
        Assignment.objects.filter(company=company)
        .select_related("organisation", "person__user", "team", "delivery")
        .order_by("starts_on", "pk")
    )
    active = [a for a in history if a.ends_on is None]
    lead = next((a for a in active if a.role == Assignment.Role.LEAD), None)
    teams = {a.team_id: a.team for a in active if a.team_id}
    handovers = list(
        Handover.objects.filter(company=company)
        .select_related(
            "from_organisation", "to_organisation", "to_person__user", "requested_by", "decided_by"
        )
        .order_by("-requested_at", "-pk")
    )
    today = timezone.localdate()
    consents = list(
        Consent.objects.filter(company=company)
        .select_related("recorded_by")
        .prefetch_related(
            "organisations",
            Prefetch(
                "disclosures",
                queryset=ConsentDisclosure.objects.select_related("organisation", "confirmed_by"),
            ),
        )
        .order_by("-given_on", "-pk")
    )
    for consent in consents:
        consent.is_valid_now = consent.is_valid_on(today)
    return CompanyResponsibility(
        lead=lead,
        members=[a for a in active if a.role == Assignment.Role.MEMBER],
        teams=sorted(teams.values(), key=lambda team: team.name),
        history=history,
        handovers=handovers,
        consents=consents,
        pending_handover=next(
            (h for h in handovers if h.status == Handover.Status.REQUESTED), None
        ),
    )


def company_lead(company):
    """The company's current lead with its organisation, person and team, or None."""
    return (
        Assignment.objects.filter(company=company, role=Assignment.Role.LEAD, ends_on__isnull=True)
        .select_related("organisation", "person__user", "team")
        .first()
    )


def company_deliveries(company):
    """The company's projects, newest first, for linking a handover to one."""
    return company.deliveries.select_related("organisation").order_by("-started_on", "pk")


def handover_detail_queryset():
    """Handovers with everything their page shows."""
    return Handover.objects.select_related(
        "company",
        "from_organisation",
        "to_organisation",
        "to_person__user",
        "delivery",
        "requested_by",
        "decided_by",
        "from_assignment__person__user",
        "new_assignment__person__user",
    )


@dataclass
class Inbox:
    """An organisation's handovers: waiting for its answer, waiting for the other's, overdue,
    and recently answered."""

    incoming: list
    outgoing: list
    overdue: list
    decided: list
    more: dict  # section -> True when the list was cut at the limit


def handover_inbox(organisation, *, limit=100):
    """The organisation's handover inbox, each section at most `limit` rows."""
    ours = Handover.objects.filter(
        Q(from_organisation=organisation) | Q(to_organisation=organisation)
    ).select_related("company", "from_organisation", "to_organisation", "requested_by")
    pending = ours.filter(status=Handover.Status.REQUESTED)
    sections = {
        "incoming": pending.filter(to_organisation=organisation).order_by("requested_at", "pk"),
        "outgoing": pending.filter(from_organisation=organisation).order_by("requested_at", "pk"),
        "overdue": pending.filter(requested_at__lt=timezone.now() - OVERDUE_AFTER).order_by(
            "requested_at", "pk"
        ),
        "decided": ours.exclude(status=Handover.Status.REQUESTED)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk"),
    }
    lists, more = {}, {}
    for name, rows in sections.items():
        page = list(rows[: limit + 1])
        lists[name], more[name] = page[:limit], len(page) > limit
    return Inbox(**lists, more=more)


def _count_of(rows):
    """The number of `rows` (correlated to the outer row) as a scalar subquery."""
    counted = rows.order_by().values("team").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def team_list():
    """Active and inactive customer teams with their leader and counts."""
    return (
        CustomerTeam.objects.select_related("leader__user", "leader__organisation")
        # One subquery per count: joining both relations would multiply the rows (members ×
        # customers, some 100,000 for national teams) before grouping them back to a team.
        .annotate(
            member_count=_count_of(TeamMembership.objects.filter(team=OuterRef("pk"))),
            customer_count=_count_of(
                Assignment.objects.filter(team=OuterRef("pk"), ends_on__isnull=True)
            ),
        )
        .order_by("-is_active", "name")
    )


def team_detail_queryset():
    """Teams with their leader and members (person, organisation, role)."""
    return CustomerTeam.objects.select_related(
        "leader__user", "leader__organisation"
    ).prefetch_related(
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.select_related(
                "person__user", "person__organisation"
            ).order_by("role", "person__user__last_name", "person__user__username"),
        )
    )


def team_customers(team, *, limit=200):
    """The customers the team holds now (active assignments with the team), at most `limit`,
    and how many there are in all."""
    rows = Assignment.objects.filter(team=team, ends_on__isnull=True)
    page = list(
        rows.select_related("company__segment", "organisation", "person__user").order_by(
            "company__name", "pk"
        )[:limit]
    )
    total = len(page) if len(page) < limit else rows.count()
    return page, total


@dataclass
class CoverageRow:
    """One segment's companies, how many have an active lead, and its policy."""

    segment: object
    policy: object
    companies: int
    with_lead: int

    @property
    def without_lead(self):
        return self.companies - self.with_lead

    @property
    def share(self):
        """Percentage of the segment's companies with an active lead (None without companies)."""
        return round(100 * self.with_lead / self.companies, 1) if self.companies else None


def coverage():
    """Per segment: active companies, those with an active lead and the share; in two
    aggregate queries whatever the number of companies (one active lead per company is a
    database invariant, so counting active leads counts companies with a lead)."""
    companies = dict(
        Company.objects.filter(is_active=True)
        .values_list("segment_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    with_lead = dict(
        Assignment.objects.filter(
            role=Assignment.Role.LEAD, ends_on__isnull=True, company__is_active=True
        )
        .values_list("company__segment_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    segments = list(
        Segment.objects.filter(Q(is_active=True) | Q(pk__in=[pk for pk in companies if pk]))
        .select_related(
            "responsibility_policy__lead_organisation",
            "responsibility_policy__team_lead_organisation",
        )
        .order_by("number")
    )
    rows = []
    for segment in segments:
        try:
            policy = segment.responsibility_policy
        except ResponsibilityPolicy.DoesNotExist:
            policy = None
        rows.append(
            CoverageRow(
                segment=segment,
                policy=policy,
                companies=companies.get(segment.pk, 0),
                with_lead=with_lead.get(segment.pk, 0),
            )
        )
    unplaced = CoverageRow(
        segment=None,
        policy=None,
        companies=companies.get(None, 0),
        with_lead=with_lead.get(None, 0),
    )
    total = CoverageRow(
        segment=None,
        policy=None,
        companies=sum(companies.values()),
        with_lead=sum(with_lead.values()),
    )
    return rows, unplaced, total


def group_responsibilities():
    """Responsibilities held for a whole segment or a target group, current ones first."""
    return GroupResponsibility.objects.select_related("segment", "organisation", "team").order_by(
        "segment__number", "target_group", "-starts_on"
    )


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
    shows joined (the page, the CSV and the XLSX alike)."""
    rows = AccessLogEntry.objects.all()
    rows = _company_search(rows, company)
    if viewer_organisation:
        rows = rows.filter(viewer_organisation=viewer_organisation)
    if owner_organisation:
        rows = rows.filter(owner_organisation=owner_organisation)
    if viewer:
        rows = rows.filter(viewer__username=viewer)
    # Whole days in local time, as ranges on the indexed column (no function on it).
    if date_from:
        rows = rows.filter(at__gte=_day_start(date_from))
    if date_to:
        rows = rows.filter(at__lt=_day_start(date_to + timedelta(days=1)))
    return rows.select_related(
        "viewer", "viewer_organisation", "owner_organisation", "company", "consent"
    ).order_by("-at", "-pk")


def access_log(*, before=None, limit=50, **filters):
    """A page of the access log, newest first; keyset-paginated on (time, id).

    `before` is the (time, id) of the last row of the previous page; `filters` are those of
    access_log_rows. Returns the page and whether there are more.
    """
    rows = access_log_rows(**filters)
    if before:
        at, pk = before
        rows = rows.filter(Q(at__lt=at) | Q(at=at, pk__lt=pk))
    page = list(rows[: limit + 1])
    return page[:limit], len(page) > limit


def company_access_log(company, *, limit=10):
    """Who has seen the company's data held by another organisation: the newest `limit` rows
    of its access log (one query on the log's company index) and whether there are more."""
    page = list(
        AccessLogEntry.objects.filter(company=company)
        .select_related("viewer", "viewer_organisation", "owner_organisation", "consent")
        .order_by("-at", "-pk")[: limit + 1]
    )
    return page[:limit], len(page) > limit
