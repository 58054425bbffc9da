"""Responsibility coverage per segment (5.4): companies with and without an active lead."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce

from segments.models import Company, Segment

from ..models import (
    Assignment,
    CoverageCount,
    DataSharingSetting,
    GroupResponsibility,
    ResponsibilityPolicy,
)
from ..models.coverage import UNPLACED


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


def _policy(segment):
    try:
        return segment.responsibility_policy
    except ResponsibilityPolicy.DoesNotExist:
        return None


@dataclass(frozen=True)
class CompanyCounts:
    """The active companies per segment key, and a version of them for a cache's key: the
    counts change with every move, which no signal announces (database triggers)."""

    counts: dict

    def of(self, segment):
        return self.counts.get(segment.pk, 0)

    @property
    def version(self):
        return ",".join(f"{key}:{count}" for key, count in sorted(self.counts.items()))


def segment_policy(segment):
    """The segment's responsibility policy (5.4) with its organisations, or None while it has
    no row, and the group's data-sharing choice (5.5), unsaved "not yet decided" while its
    single row does not exist (a read writes nothing): two queries."""
    policy = (
        ResponsibilityPolicy.objects.select_related("lead_organisation", "team_lead_organisation")
        .filter(segment=segment)
        .first()
    )
    data_sharing = DataSharingSetting.objects.filter(pk=1).first() or DataSharingSetting(pk=1)
    return policy, data_sharing


def segment_company_counts():
    """The active companies of each segment (the segment list's column), from the kept
    counts: one query of a dozen rows."""
    return CompanyCounts(dict(CoverageCount.objects.values_list("segment_key", "companies")))


def coverage():
    """Per segment: active companies, those with an active lead and the share, read from
    the counts the database keeps (CoverageCount): two queries whatever the number of
    companies.

    Returns (rows per segment, the unplaced companies' row, the total row)."""
    counts = {
        count.segment_key: (count.companies, count.with_lead)
        for count in CoverageCount.objects.all()
    }
    placed = [key for key, (companies, _with_lead) in counts.items() if key and companies]
    segments = (
        Segment.objects.filter(Q(is_active=True) | Q(pk__in=placed))
        .select_related(
            "responsibility_policy__lead_organisation",
            "responsibility_policy__team_lead_organisation",
        )
        .order_by("number")
    )

    def row(segment, key):
        policy = _policy(segment) if segment else None
        return CoverageRow(segment, policy, *counts.get(key, (0, 0)))

    total = CoverageRow(
        None,
        None,
        sum(companies for companies, _with_lead in counts.values()),
        sum(with_lead for _companies, with_lead in counts.values()),
    )
    return [row(segment, segment.pk) for segment in segments], row(None, UNPLACED), total


def coverage_recount():
    """The coverage counts computed from the companies and their leads, as the database's
    counts should stand: {segment key: (companies, with lead)}, only keys with companies.
    One aggregate over every active company (one active lead per company is a database
    invariant, so a company with an active lead counts once)."""
    has_lead = Exists(
        Assignment.objects.filter(
            company_id=OuterRef("pk"), role=Assignment.Role.LEAD, ends_on__isnull=True
        )
    )
    rows = (
        Company.objects.filter(is_active=True)
        .annotate(key=Coalesce("segment_id", Value(UNPLACED)))
        .values("key")
        .annotate(companies=Count("pk"), with_lead=Count("pk", filter=Q(has_lead)))
        .order_by()
    )
    return {row["key"]: (row["companies"], row["with_lead"]) for row in rows}


def coverage_count_differences():
    """Where the kept counts differ from a recount: [(segment key, kept, recounted)], each
    count as (companies, with lead); empty when they agree. A key kept with zero companies
    agrees with no companies."""
    kept = {
        count.segment_key: (count.companies, count.with_lead)
        for count in CoverageCount.objects.all()
    }
    recounted = coverage_recount()
    return [
        (key, kept.get(key, (0, 0)), recounted.get(key, (0, 0)))
        for key in sorted(kept.keys() | recounted.keys())
        if kept.get(key, (0, 0)) != recounted.get(key, (0, 0))
    ]


def group_responsibilities():
    """Responsibilities held for a whole segment or a target group, current ones first."""
    return GroupResponsibility.objects.select_related("segment", "organisation", "team").order_by(
        "segment__number", "target_group", "-starts_on"
    )
