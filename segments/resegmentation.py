"""The yearly re-segmentation (5.1.1): evaluate every company against the segments' rules in
the database, let staff review single companies, and apply it all in one transaction.

Everything here is set-based (INSERT … SELECT and UPDATE statements over whole tables): at
national scale (about 400,000 companies) a row-by-row loop would take minutes.
"""

from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from core.refusals import Refusal

from . import rules as rule_engine
from .models import (
    Attribute,
    Company,
    ManualPlacement,
    ResegmentationRun,
    RunEntry,
    Segment,
    SegmentTransition,
)

Status = ResegmentationRun.Status


def segments_in_priority_order():
    """Active segments in evaluation order, with their parsed rules by criterion kind."""
    segments = list(
        Segment.objects.filter(is_active=True)
        .prefetch_related("criteria")
        .order_by("priority", "number")
    )
    attributes = {a.code: a for a in Attribute.objects.all()}
    parsed = []
    for segment in segments:
        by_kind = {}
        for criterion in segment.criteria.all():
            if criterion.rules:
                by_kind[criterion.kind] = rule_engine.parse_rules(criterion.rules, attributes)
        parsed.append((segment, by_kind))
    return parsed


def _target_expression(segments):
    """The segment the rules place a company in: the first, in priority order, whose
    placement rules it meets and, unless it is already there, whose entry rules too."""
    whens = []
    for segment, by_kind in segments:
        if "placement" not in by_kind:
            continue
        condition = rule_engine.to_q(by_kind["placement"])
        if "entry" in by_kind:
            condition &= Q(segment_id=segment.pk) | rule_engine.to_q(by_kind["entry"])
        whens.append(When(condition, then=Value(segment.pk)))
    if not whens:
        return Value(None, output_field=BigIntegerField())
    return Case(*whens, default=Value(None), output_field=BigIntegerField())


def _company_pivot(year, attributes):
    """Active companies with one column per attribute: its value in the run's year."""
    companies = Company.objects.filter(is_active=True)
    if not attributes:
        return companies
    return companies.annotate(
        year_values=FilteredRelation(
            "attribute_values",
            condition=Q(
                attribute_values__year=year,
                attribute_values__attribute__in=[a.pk for a in attributes],
            ),
        )
    ).annotate(**rule_engine.pivot_annotations(attributes))


def _insert_select(model, columns, queryset):
    """INSERT INTO model (columns) SELECT … : the queryset's values_list in column order."""
    select_sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {select_sql}", params)
        return cursor.rowcount


def _progress(run, done, total, message, report=None):
    # A queryset update: visible to the run's page at once, and no history row per step.
    # It is also the worker's heartbeat.
    ResegmentationRun.objects.filter(pk=run.pk).update(
        progress_done=done,
        progress_total=total,
        progress_message=message[:200],
        heartbeat_at=timezone.now(),
    )
    if report:
        report(done, total, message)


def run_start(*, year, by):
    """Create a run for a year; refused while another run of that year is busy."""
    if ResegmentationRun.objects.filter(year=year, status__in=ResegmentationRun.BUSY).exists():
        raise Refusal(_("Vuoden %(year)s uudelleensegmentointi on jo käynnissä.") % {"year": year})
    run = ResegmentationRun(
        year=year, created_by=by, status=Status.QUEUED, heartbeat_at=timezone.now()
    )
    run.full_clean()
    run._change_reason = _("Uudelleensegmentointi käynnistetty")
    run._history_user = by
    run.save()
    return run


def _placement_in_force(year):
    """The company's manual placement in force in `year` (at most one: a constraint)."""
    return FilteredRelation(
        "manual_placements",
        condition=Q(
            manual_placements__removed_at__isnull=True, manual_placements__first_year__lte=year
        )
        & (
            Q(manual_placements__last_year__isnull=True) | Q(manual_placements__last_year__gte=year)
        ),
    )


ENTRY_COLUMNS = [
    "run",
    "company",
    "from_segment",
    "rule_segment",
    "to_segment",
    "placement",
    "is_ready_to_move",
    "is_listed",
]


def _entry_rows(run):
    """One row per active company in ENTRY_COLUMNS order: where it is, where the rules
    place it, where it goes (a manual placement in force overrides the rules), whether it
    then meets that segment's exit rules, and whether reviewers should see it."""
    segments = segments_in_priority_order()
    attributes = set()
    for _segment, by_kind in segments:
        for node in by_kind.values():
            attributes |= rule_engine.attributes_in(node)
    pivot = _company_pivot(run.year, sorted(attributes, key=lambda a: a.pk))
    target = _target_expression(segments)
    Action = ManualPlacement.Action
    to_segment = Case(
        When(placement_ref__action=Action.EXCLUDE, then=F("segment_id")),
        When(
            placement_ref__action__in=[Action.KEEP, Action.MOVE],
            then=F("placement_ref__segment_id"),
        ),
        default=target,
        output_field=BigIntegerField(),
    )
    # Where the company ends up: its placement's or the rules' segment, or where it is.
    final = Coalesce(to_segment, F("segment_id"), output_field=BigIntegerField())
    exits = [
        When(Q(final_ref=segment.pk) & rule_engine.to_q(by_kind["exit"]), then=Value(True))
        for segment, by_kind in segments
        if "exit" in by_kind
    ]
    ready = (
        Case(*exits, default=Value(False), output_field=BooleanField())
        if exits
        else Value(False, output_field=BooleanField())
    )
    listed = Case(
        When(
            Q(placement_ref__id__isnull=False)
            | Q(target__isnull=True)
            | Q(segment_id__isnull=True)
            | ~Q(target=F("segment_id")),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )
    return (
        pivot.annotate(placement_ref=_placement_in_force(run.year))
        .annotate(
            run_ref=Value(run.pk, output_field=BigIntegerField()),
            target=target,
            to_ref=to_segment,
            final_ref=final,
            ready_ref=ready,
            listed_ref=listed,
            placement_id_ref=F("placement_ref__id"),
        )
        .values_list(
            "run_ref",
            "id",
            "segment_id",
            "target",
            "to_ref",
            "placement_id_ref",
            "ready_ref",
            "listed_ref",
        )
        .order_by()
    )


def _analyze(model):
    if connection.vendor == "postgresql":
        # Fresh statistics for the queries that follow a bulk write (autovacuum lags).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def run_preview(run, *, report=None):
    """Evaluate every active company against the rules and the manual placements in force;
    write one entry per company.

    The run's earlier entries are replaced, so a preview can be repeated. If the run stops
    being this worker's meanwhile (marked interrupted or cancelled), nothing is kept.
    """
    started = ResegmentationRun.objects.filter(
        pk=run.pk, status__in=(Status.QUEUED, Status.PREVIEWED, Status.FAILED)
    ).update(status=Status.PREVIEWING, error="", heartbeat_at=timezone.now())
    if not started:
        run.refresh_from_db()
        raise Refusal(
            _("Esikatselua ei voi laskea ajolle, jonka tila on %(status)s.")
            % {"status": run.get_status_display()}
        )
    try:
        total = 3
        _progress(run, 0, total, _("Luetaan säännöt"), report)
        rows = _entry_rows(run)
        with transaction.atomic():
            RunEntry.objects.filter(run=run).delete()
            # Inside the transaction on purpose: the run's row stays locked until the
            # entries are committed, so a liveness check waits instead of judging the
            # worker dead in the middle of its one long statement.
            _progress(run, 1, total, _("Arvioidaan yritykset sääntöjen mukaan"), report)
            # One statement evaluates every company: placement in priority order, entry
            # rules, manual placements, and the exit ("jump forward") rules.
            _insert_select(RunEntry, ENTRY_COLUMNS, rows)
        _analyze(RunEntry)

        _progress(run, total - 1, total, _("Lasketaan yhteenveto"), report)
        counts = run_counts(run)
        matrix = [
            list(row)
            for row in RunEntry.objects.filter(run=run)
            .values_list("from_segment_id", "rule_segment_id")
            .annotate(n=Count("pk"))
            .order_by()
        ]
        finished = ResegmentationRun.objects.filter(pk=run.pk, status=Status.PREVIEWING).update(
            status=Status.PREVIEWED,
            previewed_at=timezone.now(),
            heartbeat_at=timezone.now(),
            matrix=matrix,
            **counts,
        )
        if not finished:
            # Judged lost meanwhile (or cancelled): the run is no longer this worker's.
            RunEntry.objects.filter(run=run).delete()
            raise Refusal(_("Ajo keskeytettiin tai peruttiin esikatselun aikana."))
        _progress(run, total, total, _("Esikatselu valmis"), report)
    except Refusal:
        raise
    except Exception as error:
        RunEntry.objects.filter(run=run).delete()
        ResegmentationRun.objects.filter(pk=run.pk, status=Status.PREVIEWING).update(
            status=Status.FAILED, error=str(error)[:2000]
        )
        raise
    run.refresh_from_db()
    return run


def entries_recompute(run, company_ids):
    """Evaluate some companies of a previewed run again (after a manual placement changed)
    and refresh the run's counts; the caller holds the run's row lock."""
    rows = _entry_rows(run).filter(pk__in=company_ids)
    for row in rows:
        values = dict(zip(ENTRY_COLUMNS, row, strict=True))
        RunEntry.objects.filter(run=run, company_id=values["company"]).update(
            rule_segment_id=values["rule_segment"],
            to_segment_id=values["to_segment"],
            placement_id=values["placement"],
            is_ready_to_move=values["is_ready_to_move"],
            is_listed=values["is_listed"],
        )
    ResegmentationRun.objects.filter(pk=run.pk).update(**run_counts(run))


# A mover goes somewhere, and somewhere else than where it is (or it had no segment).
MOVER = Q(to_segment__isnull=False) & (
    Q(from_segment__isnull=True) | ~Q(to_segment=F("from_segment"))
)


def _movers(run):
    return RunEntry.objects.filter(run=run).filter(MOVER)


def run_counts(run):
    """Companies, movers, unplaced, ready-to-move and placed-by-hand of a run, in one query."""
    return RunEntry.objects.filter(run=run).aggregate(
        company_count=Count("pk"),
        mover_count=Count("pk", filter=MOVER),
        unplaced_count=Count("pk", filter=Q(rule_segment__isnull=True)),
        ready_count=Count("pk", filter=Q(is_ready_to_move=True)),
        manual_count=Count("pk", filter=Q(placement__isnull=False)),
    )


def run_request_apply(run, *, by):
    """Mark a previewed run to be applied by the worker; refused in any other state."""
    updated = ResegmentationRun.objects.filter(pk=run.pk, status=Status.PREVIEWED).update(
        status=Status.APPLYING, error="", heartbeat_at=timezone.now()
    )
    if not updated:
        raise Refusal(_("Vain esikatseltu ajo voidaan viedä voimaan."))


def run_apply(run, *, by, report=None):
    """Write every new placement and one transition per mover, all or nothing.

    On failure nothing is written and the run returns to "previewed" with the error shown.
    """
    # A committed sign of life before the long transaction, which keeps the run's row
    # locked (and so the liveness check waiting) until it ends.
    ResegmentationRun.objects.filter(pk=run.pk, status=Status.APPLYING).update(
        heartbeat_at=timezone.now()
    )
    try:
        return _apply(run, by=by, report=report)
    except Refusal:
        raise
    except Exception as error:
        ResegmentationRun.objects.filter(pk=run.pk, status=Status.APPLYING).update(
            status=Status.PREVIEWED, error=str(error)[:2000]
        )
        raise


def _apply(run, *, by, report):
    with transaction.atomic():
        run = ResegmentationRun.objects.select_for_update().get(pk=run.pk)
        if run.status not in (Status.PREVIEWED, Status.APPLYING):
            raise Refusal(
                _("Vain esikatseltu ajo voidaan viedä voimaan (tila nyt: %(status)s).")
                % {"status": run.get_status_display()}
            )
        total = 4
        _progress(run, 0, total, _("Kirjataan siirtymät"), report)
        now = timezone.now()
        movers = _movers(run)
        # The placement that decided a company's move in this run (works both over the
        # run's entries and over transitions: both have company_id).
        placement_of = ManualPlacement.objects.filter(
            company_id=OuterRef("company_id"),
            pk__in=RunEntry.objects.filter(run=run, placement__isnull=False).values("placement_id"),
        )
        cause = Case(
            When(Exists(placement_of), then=Value(SegmentTransition.Cause.OVERRIDE)),
            default=Value(SegmentTransition.Cause.RULE),
            output_field=CharField(),
        )
        reason = Subquery(placement_of.values("reason")[:1], output_field=TextField())
        # A company moved earlier in the same year (an earlier run) keeps one transition:
        # from where it was at the start, to where it is now.
        earlier = SegmentTransition.objects.filter(
            year=run.year, company_id__in=movers.values("company_id")
        )
        entry_of = RunEntry.objects.filter(run=run, company_id=OuterRef("company_id"))
        earlier.update(
            to_segment_id=Subquery(entry_of.values("to_segment_id")[:1]),
            cause=cause,
            reason=Coalesce(reason, Value(""), output_field=TextField()),
            run=run,
            created_by=by,
            created_at=now,
        )
        new = (
            movers.exclude(
                Exists(
                    SegmentTransition.objects.filter(
                        year=run.year, company_id=OuterRef("company_id")
                    )
                )
            )
            .annotate(
                year_ref=Value(run.year, output_field=BigIntegerField()),
                cause_ref=cause,
                reason_ref=Coalesce(reason, Value(""), output_field=TextField()),
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
        _insert_select(
            SegmentTransition,
            [
                "company",
                "year",
                "from_segment",
                "to_segment",
                "cause",
                "reason",
                "run",
                "created_by",
                "created_at",
            ],
            new,
        )
        _progress(run, 1, total, _("Päivitetään yritysten segmentit"), report)
        Company.objects.filter(pk__in=movers.values("company_id")).update(
            segment_id=Subquery(
                RunEntry.objects.filter(run=run, company_id=OuterRef("pk")).values("to_segment_id")[
                    :1
                ]
            )
        )
        _progress(run, 2, total, _("Päivitetään siirtymään valmiit yritykset"), report)
        ready = RunEntry.objects.filter(run=run, is_ready_to_move=True).values("company_id")
        Company.objects.filter(is_ready_to_move=True).exclude(pk__in=ready).update(
            is_ready_to_move=False
        )
        Company.objects.filter(is_ready_to_move=False, pk__in=ready).update(is_ready_to_move=True)
        _progress(run, 3, total, _("Merkitään ajo voimaan viedyksi"), report)
        run.status = Status.APPLIED
        run.applied_by = by
        run.applied_at = now
        run._change_reason = _("Uudelleensegmentointi viety voimaan")
        run._history_user = by
        run.error = ""
        run.save(update_fields=["status", "applied_by", "applied_at", "error"])
        _progress(run, total, total, _("Valmis"), report)
    return run


def runs_prune():
    """Delete the per-company entries of superseded runs: every run but the newest of its
    year, once it is no longer being worked on. Their counts, matrix and transitions stay.
    Returns the number of runs pruned."""
    newest_of_year = {}
    for run in ResegmentationRun.objects.order_by("year", "-created_at").only("pk", "year"):
        newest_of_year.setdefault(run.year, run.pk)
    superseded = (
        ResegmentationRun.objects.exclude(pk__in=newest_of_year.values())
        .exclude(status__in=ResegmentationRun.BUSY)
        .filter(entries_pruned_at__isnull=True)
    )
    pruned = 0
    for run in superseded:
        with transaction.atomic():
            RunEntry.objects.filter(run=run).delete()
            ResegmentationRun.objects.filter(pk=run.pk).update(entries_pruned_at=timezone.now())
        pruned += 1
    return pruned
