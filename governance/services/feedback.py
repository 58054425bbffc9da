"""Writes of the accessibility feedback (the Act on the Provision of Digital Services)."""

from django.db import transaction
from django.utils import timezone

from core.history import save_with_history

from ..models import AccessibilityFeedback


@transaction.atomic
def feedback_submit(*, message, page_url="", name="", email="", language, by=None):
    """Store accessibility feedback from the statement page; anyone may send it (`by` is the
    signed-in sender, or None)."""
    feedback = AccessibilityFeedback(
        message=message, page_url=page_url, name=name, email=email, language=language
    )
    reason = "Palaute vastaanotettu saavutettavuusselosteen lomakkeelta"
    return save_with_history(feedback, by=by, reason=reason)


@transaction.atomic
def feedback_answer(*, feedback, answer, by, reason="Palautteeseen vastattu"):
    """Record the answer given to a feedback; the law gives 14 days for it."""
    feedback.answer = answer
    feedback.status = AccessibilityFeedback.Status.ANSWERED
    feedback.answered_at = timezone.now()
    return save_with_history(feedback, by=by, reason=reason)
