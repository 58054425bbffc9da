"""Reads of the decisions register (8): decisions with what they changed, the strategic
questions with their alternatives, and the decisions behind a segment's items."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from core.filters import filter_given
from segments.models import Goal, ServicePromise, Strategy

from ..models import (
    AgendaItem,
    Decision,
    DecisionEffect,
    Meeting,
    QuestionAlternative,
    StrategicQuestion,
)

# Foreign keys an item's get_absolute_url() follows; fetched with the item.
_URL_RELATIONS = ("segment", "question", "service")


def decision_years():
    return list(Decision.objects.order_by("-year").values_list("year", flat=True).distinct())


def decision_list(*, year=None):
    """Decisions, newest first, with their subject and effects."""
    decisions = Decision.objects.select_related(
        "decided_by", "meeting", "proposal__segment", "question__segment"
    ).prefetch_related(
        Prefetch("effects", queryset=DecisionEffect.objects.select_related("content_type"))
    )
    return filter_given(decisions, year=year).order_by("-year", "-number")


def decision_detail_queryset():
    return decision_list().select_related("recorded_by", "question__preparing_body")


def attach_effect_items(decisions):
    """Give every effect of the decisions `.target` (the changed item, or None if it was
    removed): one query per kind of item, whatever the number of decisions."""
    effects = [effect for decision in decisions for effect in decision.effects.all()]
    wanted = defaultdict(set)
    for effect in effects:
        wanted[effect.content_type_id].add(effect.object_id)
    found = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        names = {f.name for f in model._meta.get_fields()}
        related = [name for name in _URL_RELATIONS if name in names]
        for obj in model._default_manager.select_related(*related).filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    for effect in effects:
        effect.target = found.get((effect.content_type_id, effect.object_id))
    return decisions


def question_list():
    """The register's questions in the report's order, with alternatives and decisions."""
    return (
        StrategicQuestion.objects.filter(is_archived=False)
        .select_related("segment", "preparing_body", "decision__decided_by")
        .prefetch_related(
            Prefetch(
                "alternatives",
                queryset=QuestionAlternative.objects.filter(is_archived=False)
                .select_related("promise")
                .order_by("order", "pk"),
            )
        )
        .order_by("order", "code")
    )


def question_detail_queryset():
    return question_list().prefetch_related(
        Prefetch(
            "decisions",
            queryset=Decision.objects.select_related("decided_by", "meeting").prefetch_related(
                Prefetch("effects", queryset=DecisionEffect.objects.select_related("content_type"))
            ),
        ),
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.select_related("meeting__body").filter(
                meeting__status__in=[Meeting.Status.PLANNED, Meeting.Status.OPEN]
            ),
            to_attr="pending_agenda_items",
        ),
    )


def segment_item_decisions(segment):
    """{(model name, item id): latest Decision} for the segment's goals, strategy and
    promises — one query for all of them, however many items the segment has."""
    types = ContentType.objects.get_for_models(Goal, Strategy, ServicePromise)
    condition = (
        Q(
            content_type=types[Goal],
            object_id__in=Goal.objects.filter(segment=segment).values("pk"),
        )
        | Q(
            content_type=types[Strategy],
            object_id__in=Strategy.objects.filter(segment=segment).values("pk"),
        )
        | Q(
            content_type=types[ServicePromise],
            object_id__in=ServicePromise.objects.filter(segment=segment).values("pk"),
        )
    )
    found = {}
    names = {ct.pk: model._meta.model_name for model, ct in types.items()}
    effects = (
        DecisionEffect.objects.filter(condition)
        .select_related("decision__decided_by")
        .order_by("decision__date", "decision__year", "decision__number")
    )
    for effect in effects:
        # Later decisions overwrite earlier ones: the item shows the one that set it last.
        found[(names[effect.content_type_id], effect.object_id)] = effect.decision
    return found
