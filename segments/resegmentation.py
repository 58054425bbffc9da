"""The yearly re-segmentation (5.1.1): a run's steps and states. Start a run for a year,
preview it (evaluate every company against the segments' rules in the database), let staff
review single companies, and apply it all in one transaction.

The statements themselves are built elsewhere: where the rules put each company in
segments.evaluation, what applying writes in segments.transitions. Everything is set-based
(INSERT … SELECT and UPDATE statements over whole tables): at national scale (about 400,000
companies) a row-by-row loop would take minutes.
"""

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.db import analyze, space_reclaim
from core.history import save_with_history
from core.notifications.models import Kind
from core.notifications.services import notify
from core.refusals import Refusal

from . import transitions
from .evaluation import (
    ENTRY_COLUMNS,
    MOVER,
    entry_rows,
    run_counts,
    run_matrix,
    segments_in_priority_order,
)
from .models import Company, ResegmentationRun, RunEntry, SegmentTransition

__all__ = [
    "MOVER",
    "entries_recompute",
    "run_apply",
    "run_counts",
    "run_preview",
    "run_request_apply",
    "run_start",
    "runs_prune",
    "segments_in_priority_order",
]

Status = ResegmentationRun.Status
PREVIEW_STEPS = 3
APPLY_STEPS = 4


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
    return save_with_history(run, by=by, reason=_("Uudelleensegmentointi käynnistetty"))


# --- Preview --------------------------------------------------------------------------------


def run_preview(run, *, report=None):
    """Evaluate every active company against the rules and the manual placements in force;
    write one entry per company.

    The run's earlier entries are replaced, so a preview can be repeated. If the run stops
    being this worker's meanwhile (marked interrupted or cancelled), nothing is kept.
    """
    _preview_take(run)
    try:
        _progress(run, 0, PREVIEW_STEPS, _("Luetaan säännöt"), report)
        _entries_write(run, report)
        _progress(run, PREVIEW_STEPS - 1, PREVIEW_STEPS, _("Lasketaan yhteenveto"), report)
        _preview_finish(run)
        _progress(run, PREVIEW_STEPS, PREVIEW_STEPS, _("Esikatselu valmis"), report)
    except Refusal:
        raise
    except Exception as error:
        RunEntry.objects.filter(run=run).delete()
        with transaction.atomic():
            failed = ResegmentationRun.objects.filter(pk=run.pk, status=Status.PREVIEWING).update(
                status=Status.FAILED, error=str(error)[:2000]
            )
            if failed:
                _notify_starter(run, Kind.RUN_PREVIEW_FAILED)
        raise
    run.refresh_from_db()
    # This preview supersedes the year's earlier runs: their per-company rows go (their
    # counts, matrix and transitions stay), so storage stays flat however many runs.
    runs_prune()
    return run


RUN_NOTICES = {
    Kind.RUN_PREVIEW_FINISHED: (
        gettext_lazy("Uudelleensegmentoinnin esikatselu valmis: %(year)s"),
        gettext_lazy(
            "Käynnistämäsi vuoden %(year)s uudelleensegmentoinnin esikatselu on valmis. "
            "Tarkista siirtyjät ja vie ajo voimaan palvelussa."
        ),
    ),
    Kind.RUN_PREVIEW_FAILED: (
        gettext_lazy("Uudelleensegmentoinnin esikatselu epäonnistui: %(year)s"),
        gettext_lazy(
            "Käynnistämäsi vuoden %(year)s uudelleensegmentoinnin esikatselu epäonnistui. "
            "Virhe ja uusi yritys löytyvät ajon sivulta."
        ),
    ),
}


def _notify_starter(run, kind):
    """Tell the user who started the run that its preview finished or failed, in the
    transaction that records it. The rule "never of one's own action" does not apply: the
    user started the run, but the worker finished it, later, while they may be away; so
    `by` is None. The error itself stays on the run's page (ministry staff only)."""
    starter = (
        ResegmentationRun.objects.filter(pk=run.pk).values_list("created_by", flat=True).first()
    )
    user = get_user_model().objects.filter(pk=starter).first() if starter else None
    if user is None or not user.has_perm("segments.view_resegmentationrun"):
        return
    subject, body = RUN_NOTICES[kind]
    notify(
        kind=kind,
        recipients=[user],
        by=None,
        event_key=f"run:{run.pk}:{kind}:{timezone.now().isoformat()}",
        url=run.get_absolute_url(),
        subject=subject,
        body=body,
        params={"year": run.year},
    )


def _preview_take(run):
    """Mark the run as being previewed by this worker; refused in a state without a preview."""
    started = ResegmentationRun.objects.filter(
        pk=run.pk, status__in=(Status.QUEUED, Status.PREVIEWED, Status.FAILED)
    ).update(status=Status.PREVIEWING, error="", heartbeat_at=timezone.now())
    if not started:
        run.refresh_from_db()
        raise Refusal(
            _("Esikatselua ei voi laskea ajolle, jonka tila on %(status)s.")
            % {"status": run.get_status_display()}
        )


def _entries_write(run, report):
    """The run's entries, anew: one statement evaluates every company (placement in priority
    order, entry rules, manual placements, and the exit ("jump forward") rules)."""
    rows = entry_rows(run)
    with transaction.atomic():
        RunEntry.objects.filter(run=run).delete()
        # Inside the transaction on purpose: the run's row stays locked until the entries
        # are committed, so a liveness check waits instead of judging the worker dead in the
        # middle of its one long statement.
        _progress(run, 1, PREVIEW_STEPS, _("Arvioidaan yritykset sääntöjen mukaan"), report)
        _insert_select(RunEntry, ENTRY_COLUMNS, rows)
    analyze(RunEntry)


def _preview_finish(run):
    """The run's counts and matrix, and its state "previewed", unless it was judged lost or
    cancelled meanwhile: then it is no longer this worker's and its entries go."""
    counts = run_counts(run)
    with transaction.atomic():
        finished = ResegmentationRun.objects.filter(pk=run.pk, status=Status.PREVIEWING).update(
            status=Status.PREVIEWED,
            previewed_at=timezone.now(),
            heartbeat_at=timezone.now(),
            matrix=run_matrix(run),
            **counts,
        )
        if finished:
            _notify_starter(run, Kind.RUN_PREVIEW_FINISHED)
    if not finished:
        RunEntry.objects.filter(run=run).delete()
        raise Refusal(_("Ajo keskeytettiin tai peruttiin esikatselun aikana."))


def entries_recompute(run, company_ids):
    """Evaluate some companies of a previewed run again (after a manual placement changed)
    and refresh the run's counts; the caller holds the run's row lock."""
    for row in entry_rows(run).filter(pk__in=company_ids):
        values = dict(zip(ENTRY_COLUMNS, row, strict=True))
        RunEntry.objects.filter(run=run, company_id=values["company"]).update(
            rule_segment_id=values["rule_segment"],
            to_segment_id=values["to_segment"],
            placement_id=values["placement"],
            is_ready_to_move=values["is_ready_to_move"],
            is_listed=values["is_listed"],
            company_name=values["company_name"],
        )
    ResegmentationRun.objects.filter(pk=run.pk).update(**run_counts(run))


# --- Apply ----------------------------------------------------------------------------------


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
        run = _apply(run, by=by, report=report)
    except Refusal:
        raise
    except Exception as error:
        ResegmentationRun.objects.filter(pk=run.pk, status=Status.APPLYING).update(
            status=Status.PREVIEWED, error=str(error)[:2000]
        )
        raise
    # After the commit: the moved companies' and the new transitions' statistics, and the
    # year's earlier runs' per-company rows, which this run supersedes.
    analyze(Company, SegmentTransition)
    runs_prune()
    return run


@transaction.atomic
def _apply(run, *, by, report):
    run = _apply_take(run)
    _progress(run, 0, APPLY_STEPS, _("Kirjataan siirtymät"), report)
    now = timezone.now()
    transitions.earlier_transitions_update(run, by=by, now=now)
    _insert_select(
        SegmentTransition,
        transitions.TRANSITION_COLUMNS,
        transitions.new_transition_rows(run, by=by, now=now),
    )
    _progress(run, 1, APPLY_STEPS, _("Päivitetään yritysten segmentit"), report)
    transitions.companies_move(run)
    _progress(run, 2, APPLY_STEPS, _("Päivitetään siirtymään valmiit yritykset"), report)
    transitions.ready_flags_set(run)
    _progress(run, 3, APPLY_STEPS, _("Merkitään ajo voimaan viedyksi"), report)
    run.status = Status.APPLIED
    run.applied_by = by
    run.applied_at = now
    run.error = ""
    save_with_history(
        run,
        by=by,
        reason=_("Uudelleensegmentointi viety voimaan"),
        clean=False,
        update_fields=["status", "applied_by", "applied_at", "error"],
    )
    _progress(run, APPLY_STEPS, APPLY_STEPS, _("Valmis"), report)
    return run


def _apply_take(run):
    """The run's row, locked until the apply commits; refused unless previewed or applying."""
    run = ResegmentationRun.objects.select_for_update().get(pk=run.pk)
    if run.status not in (Status.PREVIEWED, Status.APPLYING):
        raise Refusal(
            _("Vain esikatseltu ajo voidaan viedä voimaan (tila nyt: %(status)s).")
            % {"status": run.get_status_display()}
        )
    return run


# --- Pruning --------------------------------------------------------------------------------


def runs_prune():
    """Delete the per-company entries of superseded runs: every run but the newest of its
    year, once it is no longer being worked on. Their counts, matrix and transitions stay.
    The space they leave is made reusable at once (core.db.space_reclaim), so that storage
    stays flat however many previews are made. Returns the number of runs pruned."""
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
    if pruned:
        # The next preview writes its entries into the space these leave.
        space_reclaim(RunEntry)
    return pruned
