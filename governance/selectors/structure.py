"""Reads of the governance structure (6, 6.1–6.4): bodies by tier, a body's page, the
user's own seats and the organisation chart."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from ..models import Body, BodyResponsibility, Membership, MinistryUnitRole, Proposal

TIERS = (
    (1, ("strategy_group", "working_committee", "advisory_board")),
    (2, ("segment_group",)),
    (3, ("regional_group",)),
)


def body_queryset():
    """Active bodies with what a list of them shows."""
    return (
        Body.objects.active()
        .select_related("lead_organisation", "region", "parent")
        .prefetch_related("segments")
        .order_by("order", "code")
    )


def bodies_by_tier():
    """[(tier number, [bodies])] in the report's order: one query for the bodies, one for
    their segments."""
    bodies = list(body_queryset())
    return [(tier, [b for b in bodies if b.kind in kinds]) for tier, kinds in TIERS]


def body_detail_queryset():
    """A body with its responsibilities, current and past members and segments."""
    return Body.objects.select_related("lead_organisation", "region", "parent").prefetch_related(
        "segments",
        Prefetch(
            "responsibilities",
            queryset=BodyResponsibility.objects.filter(is_archived=False).order_by("order", "pk"),
        ),
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(is_archived=False)
            .select_related("person__user", "organisation")
            .order_by("role", "organisation__order", "pk"),
        ),
        Prefetch("sub_bodies", queryset=Body.objects.active().order_by("order", "code")),
    )


def body_members(body, *, day=None):
    """The body's members split into the current and the past ones (from the prefetched
    memberships of body_detail_queryset)."""
    day = day or timezone.localdate()
    members = list(body.memberships.all())
    return {
        "current_members": [m for m in members if m.is_current_on(day)],
        "past_members": [m for m in members if not m.is_current_on(day)],
    }


def body_proposals(body):
    """The body's proposals, newest first (archived ones too: they are the record)."""
    return body.proposals.select_related("segment").order_by("-created_at", "-pk")


def body_meetings(body):
    return body.meetings.filter(is_archived=False).order_by("-date", "-pk")


@dataclass
class OrgChart:
    """The three tiers as the organisation chart draws them."""

    strategy_group: Body | None
    beside: list = field(default_factory=list)  # working committee, advisory board
    segment_groups: list = field(default_factory=list)
    regional_groups: list = field(default_factory=list)
    ministry_roles: list = field(default_factory=list)


def org_chart():
    """Every active body with its segments or coordinating TE-centre, and the ministry
    units' roles (6.4); three queries whatever the number of bodies."""
    bodies = list(body_queryset())
    roles = list(
        MinistryUnitRole.objects.filter(is_archived=False)
        .select_related("organisation")
        .order_by("order", "pk")
    )
    kind = Body.Kind
    return OrgChart(
        strategy_group=next((b for b in bodies if b.kind == kind.STRATEGY_GROUP), None),
        beside=[b for b in bodies if b.kind in (kind.WORKING_COMMITTEE, kind.ADVISORY_BOARD)],
        segment_groups=[b for b in bodies if b.kind == kind.SEGMENT_GROUP],
        regional_groups=[b for b in bodies if b.kind == kind.REGIONAL_GROUP],
        ministry_roles=roles,
    )


def proposal_count_by_body():
    """{body id: number of open proposals}."""
    from django.db.models import Count

    rows = (
        Proposal.objects.filter(status__in=["draft", "submitted", "returned"])
        .values("body_id")
        .annotate(n=Count("pk"))
    )
    return {row["body_id"]: row["n"] for row in rows}
