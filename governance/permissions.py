"""Who may act on the governance structure, proposals, meetings and decisions (6, 6.1, 6.2).

Roles give permissions; a seat limits them: only current members of the preparing body
act on its proposals, only its chair submits them, and only members of the strategy group
decide. Advisory-board members "receive information, read and comment" (6), so they may
comment on any proposal. Everyone with a view permission reads everything.
"""

from django.utils import timezone

from offerings.models import Person

from .models import Body, Membership


def person_of(user):
    """The user's Person, or None; read once per request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_governance_person"):
        user._governance_person = Person.objects.filter(user=user).first()
    return user._governance_person


def current_seats(user, *, day=None):
    """The user's current seats (Membership rows with their bodies); one query per request."""
    person = person_of(user)
    if person is None:
        return []
    cache_key = "_governance_seats"
    if day is None and hasattr(user, cache_key):
        return getattr(user, cache_key)
    day = day or timezone.localdate()
    seats = [
        seat
        for seat in Membership.objects.select_related("body", "organisation").filter(
            person=person, is_archived=False, body__is_archived=False
        )
        if seat.is_current_on(day)
    ]
    if day == timezone.localdate():
        setattr(user, cache_key, seats)
    return seats


def seat_in(user, body):
    """The user's current seat in the body, or None."""
    body_id = body.pk if isinstance(body, Body) else body
    return next((seat for seat in current_seats(user) if seat.body_id == body_id), None)


def is_member(user, body):
    return seat_in(user, body) is not None


def is_chair(user, body):
    seat = seat_in(user, body)
    return seat is not None and seat.role == Membership.Role.CHAIR


def preparing_bodies(user):
    """Bodies where the user may draft proposals: their segment groups and the working
    committee, where they hold a current seat."""
    if not user.has_perm("governance.add_proposal"):
        return []
    return [seat.body for seat in current_seats(user) if seat.body.kind in _PREPARING_KINDS]


_PREPARING_KINDS = ("segment_group", "working_committee")


def can_add_proposal(user):
    return bool(preparing_bodies(user))


def can_edit_proposal(user, proposal):
    """Members of the preparing body edit a draft or a returned proposal."""
    return (
        user.has_perm("governance.change_proposal")
        and proposal.status in ("draft", "returned")
        and is_member(user, proposal.body_id)
    )


def can_submit_proposal(user, proposal):
    """Only the chair of the preparing body submits it to the strategy group (6.2)."""
    return (
        user.has_perm("governance.change_proposal")
        and proposal.status == "draft"
        and is_chair(user, proposal.body_id)
    )


def can_withdraw_proposal(user, proposal):
    return (
        user.has_perm("governance.change_proposal")
        and proposal.status in ("draft", "submitted", "returned")
        and is_member(user, proposal.body_id)
    )


def can_archive_proposal(user, proposal):
    return (
        user.has_perm("governance.change_proposal")
        and proposal.status in ("approved", "rejected", "withdrawn")
        and is_member(user, proposal.body_id)
    )


def can_comment_proposal(user, proposal):
    """Members of the preparing body, of the strategy group and of the advisory board."""
    if not user.has_perm("governance.add_proposalcomment") or proposal.status == "archived":
        return False
    return is_member(user, proposal.body_id) or any(
        seat.body.kind in ("strategy_group", "advisory_board") for seat in current_seats(user)
    )


def meeting_bodies(user):
    """Bodies whose meetings the user may arrange: a seat and the meeting permission."""
    if not user.has_perm("governance.add_meeting"):
        return []
    return [seat.body for seat in current_seats(user)]


def can_manage_meeting(user, meeting):
    """Agenda, attendance and minutes: the body's members with the meeting permissions."""
    return (
        user.has_perm("governance.change_meeting")
        and meeting.status != "closed"
        and is_member(user, meeting.body_id)
    )


def can_decide(user, meeting):
    """Only the strategy group decides, at its own meeting, by its current members (6.1)."""
    return (
        user.has_perm("governance.add_decision")
        and meeting.body.kind == Body.Kind.STRATEGY_GROUP
        and meeting.status != "closed"
        and is_member(user, meeting.body_id)
    )


def can_close_meeting(user, meeting):
    """The strategy group's meetings are closed by those who decide; others by members."""
    if meeting.body.kind == Body.Kind.STRATEGY_GROUP:
        return can_decide(user, meeting)
    return can_manage_meeting(user, meeting)
