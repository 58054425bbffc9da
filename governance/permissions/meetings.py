"""Who may arrange, manage, decide at and close meetings (6, 6.1): a body's own members
arrange its meetings; only the strategy group decides, by its current members."""

from ..models import Body
from .seats import current_seats, is_member


def meeting_bodies(user):
    """Bodies whose meetings the user may arrange: a seat and the meeting permission."""
    if not user.has_perm("governance.add_meeting"):
        return []
    return [seat.body for seat in current_seats(user)]


def can_add_meeting(user):
    return bool(meeting_bodies(user))


def can_manage_meeting(user, meeting):
    """Agenda, attendance and minutes: the body's members with the meeting permissions."""
    return (
        user.has_perm("governance.change_meeting")
        and meeting.status != "closed"
        and is_member(user, meeting.body_id)
    )


def can_decide_meeting(user, meeting):
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
        return can_decide_meeting(user, meeting)
    return can_manage_meeting(user, meeting)
