"""The real task worker (`manage.py db_worker` in a subprocess) sends the outbox: with the
mail server away the message waits and is retried; when the server returns it arrives, once.
"""

import os
import subprocess
import sys
import time

from django.test import override_settings

from core.notifications.models import OutboxMessage
from core.notifications.services import outbox_enqueue
from tests.segments import test_worker_recovery as recovery
from tests.segments.test_worker_recovery import DATABASE_TASKS, ROOT, _stop, _wait_for

# The test database shared with the worker subprocess (a file copy on SQLite).
worker_database = recovery.worker_database


def _worker(database_url, smtp_port):
    environment = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "outbox-worker-test-key-" + "x" * 40,
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "SITE_URL": "https://asiakkuus.example.fi",
        "OUTBOX_SWEEP_SECONDS": "1",
        "OUTBOX_RETRY_BASE_SECONDS": "1",
        "OUTBOX_RETRY_MAX_SECONDS": "2",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_outbox_worker__mail_server_away_then_back__delivered_once(worker_database, smtp_server):
    smtp_server.stop()
    # Committed at once (a transactional test): the send task waits in the database.
    outbox_enqueue(
        idempotency_key="tyontekija:1",
        recipient="vastaanottaja@example.fi",
        language="fi",
        subject="Odottaa palvelinta",
        text="https://asiakkuus.example.fi/notifications/",
    )
    message = OutboxMessage.objects.get()
    worker = _worker(worker_database, smtp_server.port)
    try:
        _wait_for(
            lambda: OutboxMessage.objects.get(pk=message.pk).attempts >= 2,
            "two failed attempts while the server is away",
        )
        assert OutboxMessage.objects.get(pk=message.pk).status == "pending"
        assert smtp_server.messages == []

        smtp_server.start()
        _wait_for(
            lambda: OutboxMessage.objects.get(pk=message.pk).status == "sent",
            "the message sent once the server is back",
        )
        # A few more sweeps: nothing is sent twice.
        time.sleep(3)
    finally:
        _stop(worker)

    assert [m["Subject"] for m in smtp_server.messages] == ["Odottaa palvelinta"]
    message.refresh_from_db()
    assert message.attempts >= 3
    assert message.history.filter(history_change_reason="Lähetys epäonnistui").count() >= 2
