"""Keeping the running counts of the regional task log (RegionalTaskTally,
RegionalSegmentTally) equal to the tasks, so that the overview reads a few hundred counter
rows instead of counting tens of thousands of tasks.

Every write of a task's counted fields (its date, kind, region, segments, archiving) runs
inside `regional_tallies_kept(task)`, in the write's own transaction: the task's stored
contribution is read (the row locked) before the write and again after it, and only the
difference is added to the counters, by `UPDATE … SET n = n + delta`, so that concurrent
writers of other tasks never lose each other's counts. Bulk loaders call
`regional_tallies_rebuild()` at their end instead.
"""

from collections import Counter
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import F

from ..models import RegionalSegmentTally, RegionalTask, RegionalTaskTally
from ..selectors.regional import regional_tally_recount

__all__ = [
    "regional_tallies_apply",
    "regional_tallies_kept",
    "regional_tallies_rebuild",
    "regional_tally_contribution",
]


def regional_tally_contribution(task_pk):
    """What the stored task adds to the counters: ({(year, month, region id, kind): 1},
    {(year, month, segment id or None, kind): 1 per segment}); nothing for an archived or
    unsaved task. Locks the task's row until the transaction ends, so that two writers of
    one task take turns (the second reads what the first wrote)."""
    if task_pk is None:
        return Counter(), Counter()
    row = (
        RegionalTask.objects.select_for_update()
        .filter(pk=task_pk)
        .values("date", "kind", "region_id", "is_archived")
        .first()
    )
    if row is None or row["is_archived"]:
        return Counter(), Counter()
    segment_ids = RegionalTask.segments.through.objects.filter(regionaltask_id=task_pk)
    segment_ids = list(segment_ids.values_list("segment_id", flat=True)) or [None]
    year, month, kind = row["date"].year, row["date"].month, row["kind"]
    return (
        Counter({(year, month, row["region_id"], kind): 1}),
        Counter({(year, month, segment_id, kind): 1 for segment_id in segment_ids}),
    )


def _ordered(key):
    # One order for every writer (None first), so two transactions adding to the same
    # counters lock them in the same order and cannot deadlock.
    year, month, row, kind = key
    return (year, month, row is not None, row or 0, kind)


def _add(model, row_field, before, after):
    delta = Counter(after)
    delta.subtract(before)
    for key in sorted((key for key, n in delta.items() if n), key=_ordered):
        year, month, row, kind = key
        counter = {"year": year, "month": month, row_field: row, "kind": kind}
        added = model.objects.filter(**counter).update(n=F("n") + delta[key])
        if not added:
            # The first task of its key: create the row at 0 (get_or_create survives a
            # concurrent creation by the unique constraint), then add as above. A negative
            # delta on a missing row means the counters have drifted: the not-negative
            # constraint refuses it rather than let it pass silently.
            model.objects.get_or_create(**counter)
            model.objects.filter(**counter).update(n=F("n") + delta[key])


def regional_tallies_apply(*, before, after):
    """Move the counters from one contribution of a task to another (see
    `regional_tally_contribution`), inside the caller's transaction."""
    _add(RegionalTaskTally, "region_id", before[0], after[0])
    _add(RegionalSegmentTally, "segment_id", before[1], after[1])


@contextmanager
def regional_tallies_kept(task):
    """Around a write of `task` (new or stored): the counters follow what the write changed.
    Use inside the write's transaction; nothing is added if the write raises."""
    before = regional_tally_contribution(task.pk)
    yield
    regional_tallies_apply(before=before, after=regional_tally_contribution(task.pk))


def _lock_tasks():
    """Keep task writers out while the counters are rebuilt. On PostgreSQL, EXCLUSIVE mode
    waits for every transaction that has written or locked a task (each counted write
    starts by locking or inserting its task row) and holds back new ones, while plain reads
    go on; SQLite lets one writer at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {RegionalTask._meta.db_table} IN EXCLUSIVE MODE")


@transaction.atomic
def regional_tallies_rebuild():
    """Recount the counters from the tasks, in one transaction; returns the number of
    counter rows written (by region, by segment)."""
    _lock_tasks()
    by_region, by_segment = regional_tally_recount()
    RegionalTaskTally.objects.all().delete()
    RegionalSegmentTally.objects.all().delete()
    RegionalTaskTally.objects.bulk_create(
        RegionalTaskTally(year=year, month=month, region_id=region, kind=kind, n=n)
        for (year, month, region, kind), n in sorted(
            by_region.items(), key=lambda i: _ordered(i[0])
        )
    )
    RegionalSegmentTally.objects.bulk_create(
        RegionalSegmentTally(year=year, month=month, segment_id=segment, kind=kind, n=n)
        for (year, month, segment, kind), n in sorted(
            by_segment.items(), key=lambda i: _ordered(i[0])
        )
    )
    return len(by_region), len(by_segment)
