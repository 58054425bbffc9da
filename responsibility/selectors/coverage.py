"""Responsibility coverage per segment (5.4): companies with and without an active lead."""

from dataclasses import dataclass

from django.db.models import Count, Q

from segments.models import Company, Segment

from ..models import Assignment, GroupResponsibility, ResponsibilityPolicy


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


def _per_segment(rows, segment_field):
    return dict(rows.values_list(segment_field).annotate(n=Count("pk")).order_by())


def _policy(segment):
    try:
        return segment.responsibility_policy
    except ResponsibilityPolicy.DoesNotExist:
        return None


def coverage():
    """Per segment: active companies, those with an active lead and the share; in two
    aggregate queries whatever the number of companies (one active lead per company is a
    database invariant, so counting active leads counts companies with a lead).

    Returns (rows per segment, the unplaced companies' row, the total row)."""
    companies = _per_segment(Company.objects.filter(is_active=True), "segment_id")
    with_lead = _per_segment(
        Assignment.objects.filter(
            role=Assignment.Role.LEAD, ends_on__isnull=True, company__is_active=True
        ),
        "company__segment_id",
    )
    segments = (
        Segment.objects.filter(Q(is_active=True) | Q(pk__in=[pk for pk in companies if pk]))
        .select_related(
            "responsibility_policy__lead_organisation",
            "responsibility_policy__team_lead_organisation",
        )
        .order_by("number")
    )

    def row(segment, key):
        policy = _policy(segment) if segment else None
        return CoverageRow(segment, policy, companies.get(key, 0), with_lead.get(key, 0))

    total = CoverageRow(None, None, sum(companies.values()), sum(with_lead.values()))
    return [row(segment, segment.pk) for segment in segments], row(None, None), total


def group_responsibilities():
    """Responsibilities held for a whole segment or a target group, current ones first."""
    return GroupResponsibility.objects.select_related("segment", "organisation", "team").order_by(
        "segment__number", "target_group", "-starts_on"
    )
