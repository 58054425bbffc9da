"""Translated fields (fi/sv/en columns) of the report's texts; history is registered here,
after the fields exist. Texts people write in the app (proposals, tasks, messages, plans)
are kept in the column of the language they were written in; their translations go into
the other columns (through the translation queue)."""

from simple_history import register

from core.translation import translated, written

from .models import (
    AgendaItem,
    Attendance,
    Body,
    BodyResponsibility,
    ClockEvent,
    Decision,
    DecisionEffect,
    Meeting,
    Membership,
    Metric,
    MinistryUnitRole,
    NeedsMessage,
    Plan,
    PlanItem,
    Proposal,
    ProposalComment,
    QuestionAlternative,
    RegionalTask,
    StrategicQuestion,
    WorkPhase,
)

translated(Body, "name", "description")
translated(BodyResponsibility, "text")
translated(MinistryUnitRole, "text")
translated(StrategicQuestion, "title", "description")
# The text may be an empty slot: the report names an alternative without its wording.
translated(QuestionAlternative, "text", "description", required=())
translated(WorkPhase, "name", "description")
translated(ClockEvent, "title", "description")
written(Proposal, "title", "rationale")
written(RegionalTask, "description", "outcome")
# The answer is written by the receiving working group, in a language of its own.
written(NeedsMessage, "subject", "text", "answer", language_fields={"answer": "answer_language"})
written(Plan, "title", "description")
written(PlanItem, "text")

register(Body, app="governance", m2m_fields=["segments"])
for model in (
    BodyResponsibility,
    MinistryUnitRole,
    Membership,
    ProposalComment,
    AgendaItem,
    Attendance,
    Decision,
    DecisionEffect,
    QuestionAlternative,
    WorkPhase,
    ClockEvent,
    PlanItem,
    Metric,
):
    register(model, app="governance")
# Version counters change on every save; they are not part of what changed.
for model in (Proposal, Meeting, StrategicQuestion, NeedsMessage, Plan):
    register(model, app="governance", excluded_fields=["version"])
register(
    RegionalTask,
    app="governance",
    excluded_fields=["version"],
    m2m_fields=["segments", "organisations"],
)
# MessageEvent is itself the path of a message: append-only, so it has no history table.
