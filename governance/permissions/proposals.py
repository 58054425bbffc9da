"""Who may act on proposals (6.2): current members of the preparing body draft, edit,
withdraw and archive its proposals, only its chair submits them; members of the strategy
group and of the advisory board ("receive information, read and comment", 6) comment."""

from django.db.models import Q
from django.utils import timezone

from core import fragments

from ..models import Body, Proposal
from .seats import current_seats, is_chair, is_member


def preparing_bodies(user):
    """Bodies where the user may draft proposals: their segment groups and the working
    committee, where they hold a current seat."""
    if not user.has_perm("governance.add_proposal"):
        return []
    return [seat.body for seat in current_seats(user) if seat.body.kind in Proposal.PREPARING_KINDS]


def can_add_proposal(user):
    return bool(preparing_bodies(user))


# The cached map of each user's current working-group seats by segment (see below).
SEGMENT_GROUP_SEATS = "segment-group-seats"


def segment_group_for_proposals(user, segment):
    """The code of the segment's working group in which the user may draft a proposal about
    it (a current seat and the drafting permission), or None: the segment page's "Ehdota
    muutosta" link. Seats change a few times a year while the segment page is the most read
    page, so each user's seats by segment are cached for the day, invalidated by any write
    to bodies, their segments, memberships or people (governance.apps)."""
    if not user.is_authenticated or not user.has_perm("governance.add_proposal"):
        return None
    today = timezone.localdate()
    seats = fragments.cached(
        SEGMENT_GROUP_SEATS, (user.pk, today), lambda: _segment_group_seats(user, today)
    )
    return seats.get(segment.pk)


def _segment_group_seats(user, today):
    """{segment id: code of the first (by code) working group of the segment in which the
    user holds a current seat}, in one query; the seat's conditions are
    `Membership.is_current_on`'s, all on the same membership row (one filter() call)."""
    rows = (
        Body.objects.filter(
            Q(memberships__starts_on__isnull=True) | Q(memberships__starts_on__lte=today),
            Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today),
            kind=Body.Kind.SEGMENT_GROUP,
            is_archived=False,
            memberships__person__user=user,
            memberships__is_archived=False,
        )
        .order_by("-code")
        .values_list("segments", "code")
    )
    # Ordered by code descending: the first code of each segment is written last.
    return {segment_id: code for segment_id, code in rows if segment_id is not None}


def _member_may(user, proposal, statuses):
    return (
        user.has_perm("governance.change_proposal")
        and proposal.status in statuses
        and is_member(user, proposal.body_id)
    )


def can_edit_proposal(user, proposal):
    """Members of the preparing body edit a draft or a returned proposal."""
    return _member_may(user, proposal, ("draft", "returned"))


def can_submit_proposal(user, proposal):
    """Only the chair of the preparing body submits it to the strategy group (6.2)."""
    return (
        user.has_perm("governance.change_proposal")
        and proposal.status == "draft"
        and is_chair(user, proposal.body_id)
    )


def can_withdraw_proposal(user, proposal):
    return _member_may(user, proposal, ("draft", "submitted", "returned"))


def can_archive_proposal(user, proposal):
    return _member_may(user, proposal, ("approved", "rejected", "withdrawn"))


def can_comment_proposal(user, proposal):
    """Members of the preparing body, of the strategy group and of the advisory board."""
    if not user.has_perm("governance.add_proposalcomment") or proposal.status == "archived":
        return False
    return is_member(user, proposal.body_id) or any(
        seat.body.kind in ("strategy_group", "advisory_board") for seat in current_seats(user)
    )


def proposal_page_permissions(user, proposal):
    """What the proposal's page offers the user."""
    return {
        "can_comment": can_comment_proposal(user, proposal),
        "can_edit": can_edit_proposal(user, proposal),
        "can_submit": can_submit_proposal(user, proposal),
        "can_withdraw": can_withdraw_proposal(user, proposal),
        "can_archive": can_archive_proposal(user, proposal),
        "is_member": is_member(user, proposal.body_id),
    }
