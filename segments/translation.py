"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from modeltranslation.translator import TranslationOptions, translator
from simple_history import register

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


class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


class SegmentTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


class CriterionTranslation(TranslationOptions):
    fields = ("text",)


class GoalTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)


class StrategyTranslation(TranslationOptions):
    fields = ("text", "points")
    required_languages = ("fi",)


class ServicePromiseTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("fi",)


class AttributeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


translator.register(Region, RegionTranslation)
translator.register(Attribute, AttributeTranslation)
translator.register(Segment, SegmentTranslation)
translator.register(Criterion, CriterionTranslation)
translator.register(Goal, GoalTranslation)
translator.register(Strategy, StrategyTranslation)
translator.register(ServicePromise, ServicePromiseTranslation)

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
