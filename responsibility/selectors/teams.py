"""Customer teams (5.4): their leaders, members, counts and the customers they hold."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from ..models import Assignment, CustomerTeam, TeamMembership


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
