"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from simple_history import register

from core.translation import translated

from . import models

translated(models.Region, "name")
translated(models.Attribute, "name", "description", "unit")
translated(models.Segment, "name", "description")
# A criterion's text may still be a gap ("not yet defined").
translated(models.Criterion, "text", required=())
translated(models.Goal, "text")
translated(models.Strategy, "text", "points")
translated(models.ServicePromise, "text")

register(models.Region, app="segments")
register(models.SegmentAlias, app="segments")
# Version counters change on every save; they are not part of what changed.
for model in (
    models.Segment,
    models.Criterion,
    models.Goal,
    models.Strategy,
    models.ServicePromise,
):
    register(model, app="segments", excluded_fields=["version"])
register(models.Attribute, app="segments")
register(models.ManualPlacement, app="segments")
register(
    models.ResegmentationRun,
    app="segments",
    excluded_fields=["progress_done", "progress_total", "progress_message", "heartbeat_at"],
)
# A company's segment and flag are rewritten by each yearly run, set-based; its transitions
# (SegmentTransition) are their history.
register(models.Company, app="segments", excluded_fields=["version", "segment", "is_ready_to_move"])
