"""Applying a re-segmentation run, set-based: one transition per mover, every mover's
company in its new segment, the ready-to-move flags as the run found them. Each step is one
statement (or two) over whole tables, run in the apply's one transaction
(segments.resegmentation)."""

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Exists,
    OuterRef,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from .evaluation import MOVER
from .models import Company, ManualPlacement, RunEntry, SegmentTransition

TRANSITION_COLUMNS = [
    "company",
    "year",
    "from_segment",
    "to_segment",
    "cause",
    "reason",
    "run",
    "created_by",
    "created_at",
]


def movers(run):
    """The run's entries of companies that move."""
    return RunEntry.objects.filter(run=run).filter(MOVER)


def _placement_of(run):
    """The placement that decided a company's move in this run (works both over the run's
    entries and over transitions: both have company_id)."""
    return ManualPlacement.objects.filter(
        company_id=OuterRef("company_id"),
        pk__in=RunEntry.objects.filter(run=run, placement__isnull=False).values("placement_id"),
    )


def _transition_cause(run):
    return Case(
        When(Exists(_placement_of(run)), then=Value(SegmentTransition.Cause.OVERRIDE)),
        default=Value(SegmentTransition.Cause.RULE),
        output_field=CharField(),
    )


def _transition_reason(run):
    reason = Subquery(_placement_of(run).values("reason")[:1], output_field=TextField())
    return Coalesce(reason, Value(""), output_field=TextField())


def earlier_transitions_update(run, *, by, now):
    """A company moved earlier in the same year (an earlier run) keeps one transition: from
    where it was at the start, to where this run puts it. One UPDATE."""
    entry_of = RunEntry.objects.filter(run=run, company_id=OuterRef("company_id"))
    SegmentTransition.objects.filter(
        year=run.year, company_id__in=movers(run).values("company_id")
    ).update(
        to_segment_id=Subquery(entry_of.values("to_segment_id")[:1]),
        cause=_transition_cause(run),
        reason=_transition_reason(run),
        run=run,
        created_by=by,
        created_at=now,
    )


def new_transition_rows(run, *, by, now):
    """One row in TRANSITION_COLUMNS order per mover without a transition in the year."""
    return (
        movers(run)
        .exclude(
            Exists(
                SegmentTransition.objects.filter(year=run.year, company_id=OuterRef("company_id"))
            )
        )
        .annotate(
            year_ref=Value(run.year, output_field=BigIntegerField()),
            cause_ref=_transition_cause(run),
            reason_ref=_transition_reason(run),
            by_ref=Value(by.pk if by else None, output_field=BigIntegerField()),
            at_ref=Value(now),
        )
        .values_list(
            "company_id",
            "year_ref",
            "from_segment_id",
            "to_segment_id",
            "cause_ref",
            "reason_ref",
            "run_id",
            "by_ref",
            "at_ref",
        )
        .order_by()
    )


def companies_move(run):
    """Every mover's company to the segment the run puts it in. One UPDATE."""
    Company.objects.filter(pk__in=movers(run).values("company_id")).update(
        segment_id=Subquery(
            RunEntry.objects.filter(run=run, company_id=OuterRef("pk")).values("to_segment_id")[:1]
        )
    )


def ready_flags_set(run):
    """Companies flagged ready to move forward exactly where the run's entries say so. Two
    UPDATEs, each touching only the flags that change."""
    ready = RunEntry.objects.filter(run=run, is_ready_to_move=True).values("company_id")
    Company.objects.filter(is_ready_to_move=True).exclude(pk__in=ready).update(
        is_ready_to_move=False
    )
    Company.objects.filter(is_ready_to_move=False, pk__in=ready).update(is_ready_to_move=True)
