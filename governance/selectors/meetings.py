"""Reads of meetings (6, 6.1): the list, one meeting with its agenda (proposals, questions
and their alternatives, decisions) and attendance, and what closing it will record."""

from django.db.models import Count, Prefetch

from ..models import AgendaItem, Meeting, Proposal, QuestionAlternative, StrategicQuestion


def meeting_list():
    """The meetings, newest first, with their bodies."""
    return Meeting.objects.filter(is_archived=False).select_related("body").order_by("-date", "-pk")


def meeting_detail_queryset():
    """Meetings with what their page shows: the agenda in order, each item's proposal or
    question (with its alternatives) and decision, and the attendance by organisation."""
    items = (
        AgendaItem.objects.filter(is_archived=False)
        .select_related(
            "proposal__segment",
            "proposal__body",
            "question__segment",
            "decision__decided_by",
            "chosen_alternative",
        )
        .prefetch_related(
            Prefetch(
                "question__alternatives",
                queryset=QuestionAlternative.objects.select_related("promise").order_by(
                    "order", "pk"
                ),
            )
        )
        .order_by("order", "pk")
    )
    return Meeting.objects.select_related("body", "closed_by").prefetch_related(
        Prefetch("agenda_items", queryset=items), "attendances__organisation"
    )


def agenda_proposal_choices(meeting):
    """The submitted proposals not yet on the meeting's agenda, oldest submission first."""
    return (
        Proposal.objects.filter(status=Proposal.Status.SUBMITTED)
        .exclude(agenda_items__meeting=meeting)
        .select_related("segment")
        .order_by("submitted_at", "pk")
    )


def agenda_question_choices(meeting):
    """The open strategic questions not yet on the meeting's agenda, in the register's order."""
    return (
        StrategicQuestion.objects.filter(is_archived=False)
        .exclude(status=StrategicQuestion.Status.DECIDED)
        .exclude(agenda_items__meeting=meeting)
        .select_related("segment")
        .order_by("order", "code")
    )


def meeting_close_consequences(meeting):
    """What closing the meeting will record, for its confirmation page: the decisions by
    outcome, the approved proposals that take effect, and the items left undecided."""
    counts = dict.fromkeys(
        ("approved", "rejected", "returned", "decided", "noted", "undecided", "proposals"), 0
    )
    open_items = meeting.agenda_items.filter(decision__isnull=True, is_archived=False)
    for outcome, kind, n in (
        open_items.values_list("outcome", "kind").annotate(n=Count("pk")).order_by()
    ):
        counts[outcome or "undecided"] += n
        if outcome == AgendaItem.Outcome.APPROVED and kind == AgendaItem.Kind.PROPOSAL:
            counts["proposals"] += n
    counts["decisions"] = sum(counts[k] for k in ("approved", "rejected", "returned", "decided"))
    return counts
