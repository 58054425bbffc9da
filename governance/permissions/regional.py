"""Who may do what in the regional task log and with the needs messages (6.3):
- a TE-centre coordinator logs, edits and sends messages from the tasks of the regional
  groups their own TE-centre coordinates (`Body.lead_organisation`), never another region's;
- a needs message is acknowledged, answered, forwarded or closed by a current member of
  the body whose turn it is (the receiving working group; the strategy group once it has
  been forwarded there) who also holds `change_needsmessage`;
- everyone with the view permissions reads every task and message.
"""

from responsibility.permissions import organisation_of

from ..models import Body
from .seats import member_body_ids


def coordinated_bodies(user):
    """The active regional groups the user's organisation (a TE-centre) coordinates."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_regional_coordinated_bodies"):
        organisation = organisation_of(user)
        bodies = []
        if organisation is not None and organisation.kind == "te_centre":
            bodies = list(
                Body.objects.active()
                .filter(kind=Body.Kind.REGIONAL_GROUP, lead_organisation=organisation)
                .select_related("region")
                .order_by("order", "code")
            )
        user._regional_coordinated_bodies = bodies
    return user._regional_coordinated_bodies


def coordinated_region(user):
    """The region whose groups the user coordinates, or None."""
    bodies = coordinated_bodies(user)
    return bodies[0].region if bodies else None


def coordinates(user, body_id):
    return any(body.pk == body_id for body in coordinated_bodies(user))


def can_log_task(user):
    """A coordinator whose TE-centre coordinates at least one regional group."""
    return user.has_perm("governance.add_regionaltask") and bool(coordinated_bodies(user))


def _coordinator_may(user, permission, task):
    return user.has_perm(permission) and not task.is_archived and coordinates(user, task.body_id)


def can_edit_task(user, task):
    """Only the coordinator(s) of the task's own regional group; ministry staff read only."""
    return _coordinator_may(user, "governance.change_regionaltask", task)


def can_send_message(user, task):
    """The task's own coordinator sends needs messages upward from it."""
    return _coordinator_may(user, "governance.add_needsmessage", task)


def can_act_on_message(user, message):
    """A current member of the body whose turn it is, with the permission to handle messages.

    Whether the step itself is allowed (the status) is the service's question, so that a
    late second click gets its Finnish message rather than a refusal."""
    return user.has_perm("governance.change_needsmessage") and (
        message.handling_body_id in member_body_ids(user)
    )
