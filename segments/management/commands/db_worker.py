"""The task worker of django-tasks-db, with a watch over lost re-segmentation runs
a sweep of the e-mail outbox (messages whose earlier attempt failed, once due) and a
periodic sweep of the registered reminders (core.notifications.periodic).

A worker killed in the middle of a step (kill -9, a crash, a lost machine) leaves its run
"previewing" or "applying" and its task "running" for ever. This worker marks such runs
interrupted when it starts and then every little while, so that staff can retry or cancel
them; see segments.runs. In the same round it prunes the per-company rows of superseded
runs (segments.resegmentation.runs_prune), so that storage stays flat however many runs
are made."""

import logging
import os
import threading

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.notifications.periodic import reminders_run
from core.notifications.services import outbox_deliver_due
from segments import resegmentation, runs

logger = logging.getLogger("segments.worker")


def _interrupt_lost_runs():
    try:
        for run in runs.runs_interrupt_lost():
            logger.warning(
                "Run %s of %s marked interrupted: its worker was lost.", run.pk, run.year
            )
        pruned = resegmentation.runs_prune()
        if pruned:
            logger.info("Per-company rows of %s superseded runs pruned.", pruned)
    except DatabaseError:
        # SQLite busy with another writer, or the database away for a moment: next round.
        logger.warning("Could not check for lost re-segmentation runs.", exc_info=True)
    finally:
        connections.close_all()


def _send_outbox():
    """E-mails whose earlier attempt failed (the server was away) go out when due."""
    try:
        sent, failed = outbox_deliver_due()
        if sent or failed:
            logger.info("Outbox: %s e-mails sent, %s wait for another attempt.", sent, failed)
    except DatabaseError:
        logger.warning("Could not send the outbox this round.", exc_info=True)
    finally:
        connections.close_all()


def _sweep_outbox(interval, stop):
    while not stop.wait(interval):
        _send_outbox()


def _send_reminders():
    """The apps' reminders (overdue handovers, expiring consents, unanswered feedback):
    each notice has its key, so running them every sweep reminds each recipient once."""
    try:
        results = reminders_run()
        reminded = {name: count for name, count in results.items() if count}
        if reminded:
            logger.info("Reminders: %s", reminded)
    except Exception:
        # A bug in one round must not end the sweep for the worker's lifetime.
        logger.exception("Reminders failed this round.")
    finally:
        connections.close_all()


def _sweep_reminders(interval, stop):
    # At start too: a worker restarted after a night off catches up at once.
    _send_reminders()
    while not stop.wait(interval):
        _send_reminders()


def _watch(interval, stop):
    while not stop.wait(interval):
        _interrupt_lost_runs()


class Command(DatabaseWorkerCommand):
    help = (
        "Taustatyö: ajaa selaimessa käynnistetyt uudelleensegmentoinnit, merkitsee "
        "keskeytyneiksi ajot, joiden taustatyö on pysähtynyt, lähettää odottavat "
        "sähköpostit ja muistutukset."
    )

    def handle(self, *args, **options):
        # With autoreload the parent process only watches files; the child does the work.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            _interrupt_lost_runs()
            interval = max(0.5, min(60.0, runs.heartbeat_limit().total_seconds() / 4))
            stop = threading.Event()
            threading.Thread(
                target=_watch, args=(interval, stop), name="lost-run-watch", daemon=True
            ).start()
            threading.Thread(
                target=_sweep_outbox,
                args=(settings.OUTBOX_SWEEP_SECONDS, stop),
                name="outbox-sweep",
                daemon=True,
            ).start()
            threading.Thread(
                target=_sweep_reminders,
                args=(settings.REMINDER_SWEEP_SECONDS, stop),
                name="reminder-sweep",
                daemon=True,
            ).start()
        super().handle(*args, **options)
