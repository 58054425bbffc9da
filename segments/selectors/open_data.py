"""Reads for the open data (the integration API): what the report says of each segment,
published without a key."""

from django.db.models import OuterRef, Prefetch

from core.history import changed_since
from segments.models import Criterion, Goal, Segment, ServicePromise, Strategy


def segment_open_data(*, updated_since=None):
    """Active segments with their criteria, goals, strategy and confirmed promise, in four
    queries whatever their number; `updated_since`: only those whose segment row or any of
    its items changed at or after that moment."""
    segments = (
        Segment.objects.filter(is_active=True)
        .select_related("strategy")
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("kind")),
            Prefetch("goals", queryset=Goal.objects.order_by("perspective", "order", "pk")),
            Prefetch(
                "promises",
                queryset=ServicePromise.objects.filter(
                    status=ServicePromise.Status.CONFIRMED
                ).order_by("order", "pk"),
                to_attr="confirmed_promises",
            ),
        )
    )
    if updated_since is not None:
        segments = segments.filter(
            changed_since(
                updated_since,
                Segment.history.filter(id=OuterRef("pk")),
                *(
                    model.history.filter(segment_id=OuterRef("pk"))
                    for model in (Criterion, Goal, Strategy, ServicePromise)
                ),
            )
        )
    return segments
