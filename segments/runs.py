"""A re-segmentation run's life around the task worker: sending its steps to the worker,
judging a worker lost by the run's heartbeat, and retrying or cancelling with a reason.

A worker can die at any moment (a crash, `kill -9`, a lost machine). Each step writes in
one transaction, so a dead worker leaves nothing half-written; what it leaves is a run that
says "previewing" or "applying" for ever and a year in which no new run may start. The
heartbeat (`ResegmentationRun.heartbeat_at`, written at every step) tells such a run apart
from a live one; the worker checks at start and every little while (`manage.py db_worker`).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.history import save_with_history
from core.refusals import Refusal

from . import tasks
from .models import ResegmentationRun, RunEntry
from .resegmentation import run_request_apply, run_start

Status = ResegmentationRun.Status
logger = logging.getLogger(__name__)

REASON_MAX_LENGTH = 2000


class WorkerLost(Exception):
    """The task's worker stopped without finishing it (recorded on the task's result)."""


def heartbeat_limit():
    """How long a busy run may go without a sign of life before its worker counts as lost."""
    return timedelta(seconds=settings.RESEGMENTATION_HEARTBEAT_LIMIT_SECONDS)


def _enqueue(run_id, task, *args):
    # After the commit, so that the worker finds the run as this transaction left it; the
    # task's id tells a step still waiting for a worker from one a worker took and lost.
    def send():
        result = task.enqueue(run_id, *args)
        ResegmentationRun.objects.filter(pk=run_id).update(task_id=str(result.id))

    transaction.on_commit(send)


def run_start_preview(*, year, by):
    """Create a run for a year and send its preview to the worker."""
    with transaction.atomic():
        run = run_start(year=year, by=by)
        _enqueue(run.pk, tasks.preview_run)
    return run


def run_apply_send(run, *, by):
    """Send a reviewed run to the worker to be applied."""
    with transaction.atomic():
        run_request_apply(run, by=by)
        _enqueue(run.pk, tasks.apply_run, by.pk if by else None)


def _task_results(run, status):
    """The run's latest task result in `status` (none when the task ran elsewhere, e.g.
    immediately in tests, or the id is not the database backend's)."""
    if not run.task_id:
        return []
    try:
        return list(DBTaskResult.objects.filter(pk=run.task_id, status=status))
    except (ValueError, ValidationError):
        return []


def _task_waiting(run):
    """True when the run's step is still in the queue: no worker has taken it yet."""
    return bool(_task_results(run, TaskResultStatus.READY))


def runs_interrupt_lost(*, now=None):
    """Mark interrupted every busy run whose worker has stopped; returns those runs.

    A live worker's long transaction keeps its run's row locked: the conditional update
    below waits for it and then finds the run finished or its heartbeat fresh."""
    cutoff = (now or timezone.now()) - heartbeat_limit()
    lost = ResegmentationRun.objects.filter(status__in=ResegmentationRun.WORKER_STEPS).filter(
        Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=cutoff)
    )
    interrupted = []
    for run in lost:
        if not _task_waiting(run) and _interrupt(run, cutoff=cutoff):
            interrupted.append(run)
    return interrupted


@transaction.atomic
def _interrupt(run, *, cutoff):
    step = run.status
    message = _(
        "Taustatyö pysähtyi kesken vaiheen ”%(step)s” eikä ole antanut elonmerkkiä "
        "%(minutes)s minuuttiin. Vaiheesta ei jäänyt mitään kesken tallennettua; "
        "käynnistä ajo uudelleen tai peru se."
    ) % {"step": run.get_status_display(), "minutes": _minutes(heartbeat_limit())}
    taken = (
        ResegmentationRun.objects.filter(pk=run.pk, status=step)
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=cutoff))
        .update(status=Status.INTERRUPTED, interrupted_step=step, error=message)
    )
    if not taken:
        return False
    if step == Status.PREVIEWING:
        # A preview that died after committing its entries but before its summary.
        RunEntry.objects.filter(run=run).delete()
    for result in _task_results(run, TaskResultStatus.RUNNING):
        result.set_failed(WorkerLost(message))
    run.refresh_from_db()
    _record(run, reason=_("Taustatyö pysähtyi; ajo merkittiin keskeytyneeksi"), by=None)
    logger.warning("Re-segmentation run %s (%s) interrupted: worker lost", run.pk, step)
    return True


def _minutes(delta):
    return max(1, round(delta.total_seconds() / 60))


def _record(run, *, reason, by, fields=()):
    """Save the run's state so that its history shows the change, who and why."""
    save_with_history(
        run,
        by=by,
        reason=reason,
        clean=False,
        update_fields=["status", "interrupted_step", "status_note", "error", *fields],
    )


def _clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(_("Kirjoita perustelu."))
    if len(reason) > REASON_MAX_LENGTH:
        raise Refusal(
            _("Perustelu on liian pitkä (enintään %(limit)s merkkiä).")
            % {"limit": REASON_MAX_LENGTH}
        )
    return reason


@transaction.atomic
def run_retry(run, *, by, reason):
    """Run an interrupted or failed step again: the preview, or the apply (all or nothing)."""
    reason = _clean_reason(reason)
    run = ResegmentationRun.objects.select_for_update().get(pk=run.pk)
    if not run.can_retry:
        raise Refusal(_("Vain keskeytynyt tai epäonnistunut ajo voidaan käynnistää uudelleen."))
    busy = ResegmentationRun.objects.filter(year=run.year, status__in=ResegmentationRun.BUSY)
    if busy.exclude(pk=run.pk).exists():
        raise Refusal(
            _("Vuoden %(year)s uudelleensegmentointi on jo käynnissä.") % {"year": run.year}
        )
    applying = run.interrupted_step == Status.APPLYING
    run.status = Status.APPLYING if applying else Status.QUEUED
    run.interrupted_step = ""
    run.status_note = reason
    run.error = ""
    run.heartbeat_at = timezone.now()
    run.progress_done = 0
    _record(run, reason=reason, by=by, fields=["heartbeat_at", "progress_done"])
    if applying:
        _enqueue(run.pk, tasks.apply_run, by.pk if by else None)
    else:
        _enqueue(run.pk, tasks.preview_run)
    return run


def run_cancel(run, *, by, reason):
    """Give up a run that is not being worked on; its per-company results go, its history
    stays, and the year is free for a new run."""
    reason = _clean_reason(reason)
    # A run whose worker is gone is judged first, so that it can be cancelled at once.
    runs_interrupt_lost()
    with transaction.atomic():
        run = ResegmentationRun.objects.select_for_update().get(pk=run.pk)
        if not run.can_cancel:
            if run.is_busy:
                raise Refusal(
                    _(
                        "Ajo on taustatyön työn alla, eikä sitä voi perua nyt. Jos taustatyö on "
                        "pysähtynyt, ajo merkitään keskeytyneeksi %(minutes)s minuutin kuluessa."
                    )
                    % {"minutes": _minutes(heartbeat_limit())}
                )
            raise Refusal(_("Voimaan vietyä tai jo peruttua ajoa ei voi perua."))
        RunEntry.objects.filter(run=run).delete()
        run.status = Status.CANCELLED
        run.interrupted_step = ""
        run.status_note = reason
        _record(run, reason=reason, by=by)
    return run
