"""Writes of the segments app."""

from django.db import transaction

from .models import Criterion


@transaction.atomic
def segment_ensure_criteria(*, segment, by, reason):
    """Give a segment its placement, entry and exit criteria (empty until defined, 5.1.1)."""
    existing = set(segment.criteria.values_list("kind", flat=True))
    created = []
    for kind in Criterion.Kind.values:
        if kind in existing:
            continue
        criterion = Criterion(segment=segment, kind=kind)
        criterion.full_clean()
        criterion._change_reason = reason
        criterion._history_user = by
        criterion.save()
        created.append(criterion)
    return created
