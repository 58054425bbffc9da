"""The task worker's periodic sweep runs every app's reminder: overdue handovers, expiring
consents, unanswered accessibility feedback; one failing does not stop the others."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError

from core.notifications import periodic
from segments.management.commands import db_worker

pytestmark = pytest.mark.django_db


def test_reminders__every_app_registers_its_reminders():
    assert set(periodic.reminders()) == {
        "remind_expiring_consents",
        "remind_overdue_handovers",
        "remind_unanswered_feedback",
    }


def test_reminders_run__one_failing_does_not_stop_the_others(monkeypatch):
    ran = []

    def busy():
        raise DatabaseError("database is locked")

    monkeypatch.setattr(
        periodic,
        "_REMINDERS",
        {"a_busy": busy, "b_fine": lambda: ran.append("b") or 3},
    )
    assert periodic.reminders_run() == {"a_busy": None, "b_fine": 3}
    assert ran == ["b"]


def test_worker_sweep__runs_the_reminders(monkeypatch):
    calls = []
    monkeypatch.setattr(periodic, "_REMINDERS", {"x": lambda: calls.append(1) or 1})
    db_worker._send_reminders()
    assert calls == [1]


def test_worker_sweep__a_bug_in_a_reminder_does_not_end_the_sweep(monkeypatch):
    def broken():
        raise RuntimeError("bug")

    monkeypatch.setattr(periodic, "_REMINDERS", {"x": broken})
    db_worker._send_reminders()  # logged, not raised


def test_send_reminders_command__runs_them_all_once(strategy_data):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        "remind_expiring_consents: 0",
        "remind_overdue_handovers: 0",
        "remind_unanswered_feedback: 0",
    ]
