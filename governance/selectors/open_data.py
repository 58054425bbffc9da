"""Reads of the governance app's open data (integration API): the bodies with their duties,
the register of strategic questions with their decisions, and the roadmap of the work."""

from django.db.models import OuterRef, Prefetch

from core.history import changed_since
from governance.models import (
    Body,
    BodyResponsibility,
    Decision,
    QuestionAlternative,
    StrategicQuestion,
    WorkPhase,
)


def body_open_data(*, updated_since=None):
    """Bodies in use with their duties, segments, parent, lead organisation and region, in
    three queries; `updated_since`: those whose own record or duties changed since then."""
    bodies = (
        Body.objects.active()
        .select_related("parent", "lead_organisation", "region")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=BodyResponsibility.objects.filter(is_archived=False).order_by(
                    "order", "pk"
                ),
            ),
            "segments",
        )
    )
    if updated_since is not None:
        bodies = bodies.filter(
            changed_since(
                updated_since,
                Body.history.filter(id=OuterRef("pk")),
                BodyResponsibility.history.filter(body_id=OuterRef("pk")),
            )
        )
    return bodies


def question_open_data(*, updated_since=None):
    """The strategic decisions register: questions in use with their alternatives and, once
    settled, the decision (number, date, outcome, rationale), in two queries;
    `updated_since`: those whose question, alternatives or decision changed since then."""
    questions = (
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
    )
    if updated_since is not None:
        questions = questions.filter(
            changed_since(
                updated_since,
                StrategicQuestion.history.filter(id=OuterRef("pk")),
                QuestionAlternative.history.filter(question_id=OuterRef("pk")),
                Decision.history.filter(id=OuterRef("decision_id")),
            )
        )
    return questions


def work_phase_open_data(*, updated_since=None):
    """The roadmap: the phases of the work in the report's order with their dates, status
    and responsible organisation (one query)."""
    phases = WorkPhase.objects.filter(is_archived=False).select_related("organisation")
    if updated_since is not None:
        phases = phases.filter(
            changed_since(updated_since, WorkPhase.history.filter(id=OuterRef("pk")))
        )
    return phases
