"""A task worker killed in the middle of a step never blocks a year: the run is judged
lost by its heartbeat, nothing half-written stays, and staff retry or cancel it.

These tests start real workers (`manage.py db_worker`) in subprocesses against the test
database and kill them with SIGKILL; on SQLite the database is first copied to a file,
since the subprocesses cannot share an in-memory one."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from core.refusals import Refusal
from segments import runs
from segments.models import Company, ResegmentationRun, RunEntry, SegmentTransition

from .conftest import YEAR

ROOT = Path(__file__).resolve().parents[2]
Status = ResegmentationRun.Status
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
HEARTBEAT_LIMIT_SECONDS = 2


@pytest.fixture
def worker_database(transactional_db, strategy_data, tmp_path):
    """The test database as a URL the worker subprocesses can open, shared with this test."""
    if connection.vendor == "sqlite":
        path = tmp_path / "workers.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(path)])
        original = connections[DEFAULT_DB_ALIAS]
        shared = original.__class__({**original.settings_dict, "NAME": str(path)}, DEFAULT_DB_ALIAS)
        connections[DEFAULT_DB_ALIAS] = shared
        try:
            yield f"sqlite:///{path}"
        finally:
            shared.close()
            connections[DEFAULT_DB_ALIAS] = original
    else:
        s = connection.settings_dict
        yield f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _environment(database_url):
    return {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "worker-recovery-test-key-" + "x" * 40,
        "RESEGMENTATION_HEARTBEAT_LIMIT_SECONDS": str(HEARTBEAT_LIMIT_SECONDS),
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "false",
    }


def _start(database_url, *arguments):
    return subprocess.Popen(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=_environment(database_url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _worker(database_url):
    return _start(
        database_url,
        "manage.py",
        "db_worker",
        "--no-reload",
        "--interval",
        "0.1",
        "--no-startup-delay",
    )


def _paused_worker(database_url, step, flag):
    return _start(database_url, str(ROOT / "tests/segments/paused_worker.py"), step, str(flag))


def _wait_for(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"Not within {timeout} s: {what}")


def _status(run):
    return ResegmentationRun.objects.values_list("status", flat=True).get(pk=run.pk)


def _kill(process):
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        _kill(process)


def _crash_in(database_url, step, flag):
    """Start a worker that will hang in `step`; once it is there, kill it with SIGKILL."""
    worker = _paused_worker(database_url, step, flag)
    try:
        _wait_for(flag.exists, f"the worker to reach the middle of {step}")
    finally:
        _kill(worker)


@override_settings(TASKS=DATABASE_TASKS)
def test_worker_killed_mid_preview_and_mid_apply__the_year_recovers(
    worker_database, world, ministry_user, tmp_path
):
    seg, companies = world
    segments_before = dict(Company.objects.values_list("name", "segment_id"))

    # A worker dies in the middle of the preview's one transaction.
    run = runs.run_start_preview(year=YEAR, by=ministry_user)
    _crash_in(worker_database, "preview", tmp_path / "preview")
    assert _status(run) == Status.PREVIEWING
    with pytest.raises(Refusal, match="on jo käynnissä"):
        runs.run_start_preview(year=YEAR, by=ministry_user)

    # Another worker starts and judges the run lost; nothing of the preview was kept.
    worker = _worker(worker_database)
    try:
        _wait_for(lambda: _status(run) == Status.INTERRUPTED, "the run to be marked interrupted")
        run.refresh_from_db()
        assert run.interrupted_step == Status.PREVIEWING
        assert "Taustatyö pysähtyi" in run.error
        assert not RunEntry.objects.filter(run=run).exists()
        assert DBTaskResult.objects.get(pk=run.task_id).status == "FAILED"

        # Staff retry it with a reason; the live worker makes the preview.
        runs.run_retry(run, by=ministry_user, reason="Taustatyö kaatui, uusi yritys")
        _wait_for(lambda: _status(run) == Status.PREVIEWED, "the retried preview")
    finally:
        _stop(worker)
    run.refresh_from_db()
    assert (run.company_count, run.mover_count) == (7, 3)
    assert run.history.filter(history_change_reason="Taustatyö kaatui, uusi yritys").exists()

    # A worker dies in the middle of the apply's one transaction: all or nothing.
    runs.run_apply_send(run, by=ministry_user)
    _crash_in(worker_database, "apply", tmp_path / "apply")
    worker = _worker(worker_database)
    try:
        _wait_for(lambda: _status(run) == Status.INTERRUPTED, "the apply to be marked interrupted")
        run.refresh_from_db()
        assert run.interrupted_step == Status.APPLYING
        assert not SegmentTransition.objects.exists()
        assert dict(Company.objects.values_list("name", "segment_id")) == segments_before

        # Re-applying works, once.
        runs.run_retry(run, by=ministry_user, reason="Vie voimaan uudelleen")
        _wait_for(lambda: _status(run) == Status.APPLIED, "the retried apply")
    finally:
        _stop(worker)
    assert SegmentTransition.objects.filter(run=run).count() == 3
    assert Company.objects.get(pk=companies["Kasvaja"].pk).segment == seg["suuryritykset"]
