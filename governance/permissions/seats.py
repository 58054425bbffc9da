"""The user's seats in the bodies: what the structure's predicates rest on."""

from django.db.models import Q
from django.utils import timezone

from offerings.selectors import person_of

from ..models import Body, Membership


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


def member_body_ids(user):
    """The bodies in which the user holds a current seat (not archived, period covers
    today), in one query of their ids (the needs-message pages need no more)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_regional_member_body_ids"):
        today = timezone.localdate()
        user._regional_member_body_ids = set(
            Membership.objects.filter(
                Q(starts_on__isnull=True) | Q(starts_on__lte=today),
                Q(ends_on__isnull=True) | Q(ends_on__gte=today),
                person__user=user,
                is_archived=False,
                body__is_archived=False,
            ).values_list("body_id", flat=True)
        )
    return user._regional_member_body_ids
