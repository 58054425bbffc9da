"""Writes of the governance app."""

from django.db import transaction
from django.utils import timezone

from ..models import AccessibilityFeedback


@transaction.atomic
def feedback_submit(*, message, page_url="", name="", email="", language, by=None):
    """Store accessibility feedback from the statement page; anyone may send it."""
    feedback = AccessibilityFeedback(
        message=message, page_url=page_url, name=name, email=email, language=language
    )
    feedback.full_clean()
    feedback._change_reason = "Palaute vastaanotettu saavutettavuusselosteen lomakkeelta"
    if by is not None:
        feedback._history_user = by
    feedback.save()
    return feedback


@transaction.atomic
def feedback_answer(*, feedback, answer, by, reason="Palautteeseen vastattu"):
    """Record the answer given to a feedback; the law gives 14 days for it."""
    feedback.answer = answer
    feedback.status = AccessibilityFeedback.Status.ANSWERED
    feedback.answered_at = timezone.now()
    feedback.full_clean()
    feedback._change_reason = reason
    feedback._history_user = by
    feedback.save()
    return feedback
