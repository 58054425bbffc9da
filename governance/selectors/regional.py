"""Reads of the regional task log, its overviews and the needs messages (report 6.3).

Every read has a fixed number of queries whatever the number of tasks: lists come with
their related rows joined or prefetched, and the overview is one aggregate query per pivot
table over the running counts (RegionalTaskTally, RegionalSegmentTally), the pivoting done
on the few aggregate rows.
"""

from collections import Counter, namedtuple
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.dates import MONTHS

from core.filters import filter_given
from segments.models import Region, Segment

from ..models import (
    Body,
    MessageEvent,
    NeedsMessage,
    RegionalSegmentTally,
    RegionalTask,
    RegionalTaskTally,
)

# Lists of messages show at most this many rows, newest first.
MESSAGE_LIMIT = 100


def task_list(*, region=None, segment=None, kind=None, year=None, month=None):
    """The active tasks of the log, newest first, filtered, with what a row shows."""
    tasks = (
        RegionalTask.objects.active()
        .select_related("region", "body")
        .prefetch_related("segments", "organisations")
        .order_by("-date", "-pk")
    )
    return filter_given(
        tasks, region=region, segments=segment, kind=kind, date__year=year, date__month=month
    )


def recipients_for(task):
    """The segment working groups a message from the task may go to: those covering one of
    the task's segments, or every active segment group when the task names no segment."""
    groups = Body.objects.active().filter(kind=Body.Kind.SEGMENT_GROUP)
    segment_ids = [segment.pk for segment in task.segments.all()]
    if segment_ids:
        groups = groups.filter(segments__in=segment_ids).distinct()
    return groups.order_by("letter")


def task_detail_queryset():
    """A task with its group, segments, organisations and its messages with their path."""
    return RegionalTask.objects.select_related(
        "region", "body", "body__lead_organisation", "created_by"
    ).prefetch_related(
        "segments",
        "organisations",
        Prefetch("messages", queryset=NeedsMessage.objects.with_parties().order_by("-sent_at")),
    )


def message_detail_queryset():
    """A message with its task, the bodies and people of each step, and its path."""
    return NeedsMessage.objects.select_related(
        "task",
        "task__region",
        "task__body",
        "from_body",
        "to_body",
        "forwarded_to",
        "sent_by",
        "acknowledged_by",
        "answered_by",
        "forwarded_by",
        "closed_by",
    ).prefetch_related(
        Prefetch(
            "events",
            queryset=MessageEvent.objects.select_related("body", "by").order_by("at", "pk"),
        )
    )


Inbox = namedtuple("Inbox", ["received", "sent", "more_received", "more_sent"])


def _limited(queryset):
    rows = list(queryset[: MESSAGE_LIMIT + 1])
    return rows[:MESSAGE_LIMIT], len(rows) > MESSAGE_LIMIT


def message_inbox(*, member_body_ids, coordinated_body_ids):
    """A user's messages: received by bodies where they sit, and sent by their region's
    groups; newest first, at most MESSAGE_LIMIT of each."""
    received, more_received = [], False
    sent, more_sent = [], False
    if member_body_ids:
        received, more_received = _limited(
            NeedsMessage.objects.received_by(member_body_ids).with_parties().order_by("-sent_at")
        )
    if coordinated_body_ids:
        sent, more_sent = _limited(
            NeedsMessage.objects.filter(from_body_id__in=coordinated_body_ids)
            .with_parties()
            .order_by("-sent_at")
        )
    return Inbox(received, sent, more_received, more_sent)


BodyMessages = namedtuple("BodyMessages", ["body", "open", "handled", "more_open", "more_handled"])


def messages_for_body(body):
    """A body's inbox for its group page: the messages waiting for it (oldest first: they
    have waited longest) and those it has handled (newest first); two queries."""
    opened, more_open = _limited(
        NeedsMessage.objects.open_for(body).with_parties().order_by("sent_at", "pk")
    )
    handled, more_handled = _limited(
        NeedsMessage.objects.handled_by(body).with_parties().order_by("-sent_at", "-pk")
    )
    return BodyMessages(body, opened, handled, more_open, more_handled)


# --- overviews -----------------------------------------------------------------------------


@dataclass
class Pivot:
    """A table of counts: rows (label, cells, total) against columns, with column totals."""

    caption: str
    row_header: str
    columns: list  # (key, label)
    rows: list = field(default_factory=list)  # (label, [count per column], row total)
    column_totals: list = field(default_factory=list)
    total: int = 0


def _pivot(caption, row_header, row_items, columns, counts):
    """Arrange aggregate rows {(row key, column key): n} into a Pivot with totals."""
    pivot = Pivot(caption=caption, row_header=row_header, columns=columns)
    column_totals = [0] * len(columns)
    for key, label in row_items:
        cells = [counts.get((key, column), 0) for column, _label in columns]
        for index, n in enumerate(cells):
            column_totals[index] += n
        pivot.rows.append((label, cells, sum(cells)))
    pivot.column_totals = column_totals
    pivot.total = sum(column_totals)
    return pivot


def _counts(queryset, row_field, column_field):
    return {
        (row[row_field], row[column_field]): row["n"]
        for row in queryset.values(row_field, column_field).annotate(n=Sum("n")).order_by()
    }


@dataclass
class Overview:
    year: int
    by_region_kind: Pivot
    by_region_month: Pivot
    by_segment_kind: Pivot
    by_segment_month: Pivot


def regional_overview(*, year, captions):
    """Counts of the year's tasks per region and per segment, by kind and by month: one
    aggregate query over the running counts per table, plus the regions and the segments
    (six queries in all, a few hundred counter rows at most whatever the number of tasks).

    A task naming several segments counts once under each; one naming none counts under
    `captions["no_segment"]`. `captions` holds the tables' (translated) texts.
    """
    by_region = RegionalTaskTally.objects.filter(year=year)
    by_segment = RegionalSegmentTally.objects.filter(year=year)
    regions = [(region.pk, region.name) for region in Region.objects.order_by("order", "code")]
    segments = [
        (segment.pk, segment.name) for segment in Segment.objects.filter(is_active=True)
    ] + [(None, captions["no_segment"])]
    kinds = list(RegionalTask.Kind.choices)
    months = [(number, MONTHS[number]) for number in range(1, 13)]
    tables = {
        # table: (its caption, rows, columns, the counts, the row and column fields)
        "by_region_kind": ("region_kind", regions, kinds, by_region, "region_id", "kind"),
        "by_region_month": ("region_month", regions, months, by_region, "region_id", "month"),
        "by_segment_kind": ("segment_kind", segments, kinds, by_segment, "segment_id", "kind"),
        "by_segment_month": (
            "segment_month",
            segments,
            months,
            by_segment,
            "segment_id",
            "month",
        ),
    }
    return Overview(
        year=year,
        **{
            name: _pivot(
                captions[caption],
                captions["region" if row_field == "region_id" else "segment"],
                rows,
                columns,
                _counts(queryset, row_field, column_field),
            )
            for name, (caption, rows, columns, queryset, row_field, column_field) in tables.items()
        },
    )


# --- the running counts --------------------------------------------------------------------


def regional_tally_recount():
    """What the running counts should hold, counted afresh from the tasks: two Counters,
    {(year, month, region id, kind): n} and {(year, month, segment id or None, kind): n};
    two aggregate queries."""
    tasks = (
        RegionalTask.objects.active()
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .order_by()
    )
    by_region = Counter(
        {
            (row["year"], row["month"], row["region_id"], row["kind"]): row["n"]
            for row in tasks.values("year", "month", "region_id", "kind").annotate(n=Count("pk"))
        }
    )
    # The left join gives a task naming no segment one row with segment None.
    by_segment = Counter(
        {
            (row["year"], row["month"], row["segments"], row["kind"]): row["n"]
            for row in tasks.values("year", "month", "segments", "kind").annotate(
                n=Count("pk", distinct=True)
            )
        }
    )
    return by_region, by_segment


def regional_tally_stored():
    """The running counts as stored, in the shape of `regional_tally_recount` (rows of 0
    left out)."""
    by_region = Counter(
        {
            (row.year, row.month, row.region_id, row.kind): row.n
            for row in RegionalTaskTally.objects.filter(n__gt=0).order_by()
        }
    )
    by_segment = Counter(
        {
            (row.year, row.month, row.segment_id, row.kind): row.n
            for row in RegionalSegmentTally.objects.filter(n__gt=0).order_by()
        }
    )
    return by_region, by_segment


def regional_tally_differences():
    """Where the stored counts differ from a recount of the tasks: a list of (table, key,
    stored, counted), empty when they agree."""
    differences = []
    tables = ("region", "segment")
    for table, stored, counted in zip(
        tables, regional_tally_stored(), regional_tally_recount(), strict=True
    ):
        for key in sorted(set(stored) | set(counted), key=repr):
            if stored[key] != counted[key]:
                differences.append((table, key, stored[key], counted[key]))
    return differences
