"""The front page's waiting work: what the signed-in user's organisation or groups are
waiting for them to do, counted, each with the page where it is done."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from responsibility.models import Handover
from responsibility.models.handover import OVERDUE_AFTER
from responsibility.permissions import organisation_of

from ..models import AccessibilityFeedback, Body, NeedsMessage, Proposal
from ..models.feedback import FEEDBACK_ANSWER_DAYS
from ..permissions.seats import current_seats


@dataclass(frozen=True)
class WaitingWork:
    """One kind of waiting work: how many, in words, and where to do it."""

    label: str
    count: int
    url: str
    is_overdue: bool = False


def _handovers(user, organisation):
    """Incoming requests to answer, and requests either way waiting over 14 days: one
    query for both counts."""
    if organisation is None or not user.has_perm("responsibility.view_handover"):
        return []
    overdue_since = timezone.now() - OVERDUE_AFTER
    counts = Handover.objects.filter(
        Q(to_organisation=organisation) | Q(from_organisation=organisation),
        status=Handover.Status.REQUESTED,
    ).aggregate(
        incoming=Count("pk", filter=Q(to_organisation=organisation)),
        overdue=Count("pk", filter=Q(requested_at__lte=overdue_since)),
    )
    url = reverse("responsibility:handover_list")
    items = []
    if user.has_perm("responsibility.change_handover"):
        items.append(WaitingWork(_("Saapuvat vastuun siirtopyynnöt"), counts["incoming"], url))
    items.append(
        WaitingWork(
            _("Yli 14 päivää vastausta odottaneet vastuun siirrot"),
            counts["overdue"],
            url,
            is_overdue=True,
        )
    )
    return items


def _messages_to_answer(user):
    # The seats are read once a request (the proposals' check reads the same list).
    body_ids = {seat.body_id for seat in current_seats(user)}
    if not body_ids or not user.has_perm("governance.change_needsmessage"):
        return None
    Status = NeedsMessage.Status
    count = NeedsMessage.objects.filter(
        Q(to_body_id__in=body_ids, status__in=[Status.SENT, Status.ACKNOWLEDGED])
        | Q(forwarded_to_id__in=body_ids, status=Status.FORWARDED)
    ).count()
    return WaitingWork(
        _("Vastausta odottavat tarveviestit"), count, reverse("governance:needsmessage_list")
    )


def _proposals_to_decide(user):
    """Submitted proposals wait for the strategy group: for its members who decide."""
    deciding = any(seat.body.kind == Body.Kind.STRATEGY_GROUP for seat in current_seats(user))
    if not deciding or not user.has_perm("governance.add_decision"):
        return None
    count = Proposal.objects.filter(status=Proposal.Status.SUBMITTED).count()
    url = reverse("governance:proposal_list") + "?status=" + Proposal.Status.SUBMITTED
    return WaitingWork(_("Päätettävät ehdotukset"), count, url)


def _overdue_feedback(user):
    if not user.has_perm("governance.change_accessibilityfeedback"):
        return None
    count = AccessibilityFeedback.objects.filter(
        status=AccessibilityFeedback.Status.RECEIVED,
        received_at__lte=timezone.now() - timedelta(days=FEEDBACK_ANSWER_DAYS),
    ).count()
    url = reverse("admin:governance_accessibilityfeedback_changelist") + "?status__exact=received"
    return WaitingWork(
        _("Yli 14 päivää vastaamatta olleet saavutettavuuspalautteet"), count, url, True
    )


def waiting_work_for(user):
    """The user's waiting work, each kind the user may do with its count (zero included,
    so that "nothing waits" is said too); a fixed number of queries whatever the rows."""
    if not user.is_authenticated:
        return []
    organisation = organisation_of(user)
    items = [
        *_handovers(user, organisation),
        _messages_to_answer(user),
        _proposals_to_decide(user),
        _overdue_feedback(user),
    ]
    return [item for item in items if item is not None]
