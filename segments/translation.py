"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from simple_history import register

from core.translation import translated

from .models import (
    Attribute,
    Company,
    Criterion,
    Goal,
    ManualPlacement,
    Region,
    ResegmentationRun,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)

translated(Region, "name")
translated(Attribute, "name", "description")
translated(Segment, "name", "description")
# A criterion's text may still be a gap ("not yet defined").
translated(Criterion, "text", required=())
translated(Goal, "text")
translated(Strategy, "text", "points")
translated(ServicePromise, "text")

register(Region, app="segments")
register(SegmentAlias, app="segments")
# Version counters change on every save; they are not part of what changed.
for model in (Segment, Criterion, Goal, Strategy, ServicePromise):
    register(model, app="segments", excluded_fields=["version"])
register(Attribute, app="segments")
register(ManualPlacement, app="segments")
register(
    ResegmentationRun,
    app="segments",
    excluded_fields=["progress_done", "progress_total", "progress_message", "heartbeat_at"],
)
# A company's segment and flag are rewritten by each yearly run, set-based; its transitions
# (SegmentTransition) are their history.
register(Company, app="segments", excluded_fields=["version", "segment", "is_ready_to_move"])
