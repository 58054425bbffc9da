"""The e-mail outbox against a real SMTP server (aiosmtpd on localhost): queued in the
event's transaction, sent once, retried with backoff while the server is away."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import OutboxMessage
from core.notifications.services import outbox_deliver_due, outbox_enqueue, retry_delay
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queue(key="testi:1", recipient="vastaanottaja@example.fi", **fields):
    values = {
        "idempotency_key": key,
        "recipient": recipient,
        "language": "fi",
        "subject": "Aihe",
        "text": "Teksti https://asiakkuus.example.fi/x",
        "html": "<p>Teksti</p>",
    }
    values.update(fields)
    return outbox_enqueue(**values)


def test_outbox__a_queued_message_arrives_once(smtp_server):
    _queue()

    assert outbox_deliver_due() == (1, 0)
    assert outbox_deliver_due() == (0, 0)

    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["Subject"] == "Aihe"
    assert received["To"] == "vastaanottaja@example.fi"
    assert received["Content-Language"] == "fi"
    assert received.get_body(("plain",)).get_content().startswith("Teksti https://")
    assert received.get_body(("html",)).get_content().strip() == "<p>Teksti</p>"
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.SENT
    assert message.sent_at is not None
    assert message.attempts == 1
    assert [h.history_change_reason for h in message.history.order_by("history_id")] == [
        "Viesti jonoon",
        "Lähetetty",
    ]


def test_outbox__the_same_key_is_queued_once(smtp_server):
    assert _queue() is not None
    assert _queue(subject="Toinen") is None

    outbox_deliver_due()

    assert OutboxMessage.objects.count() == 1
    assert [m["Subject"] for m in smtp_server.messages] == ["Aihe"]


def test_outbox__server_away__waits_with_backoff_and_goes_out_once_when_back(smtp_server):
    _queue()
    smtp_server.stop()
    now = timezone.now()

    assert outbox_deliver_due(now=now) == (0, 1)
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.last_error
    assert message.next_attempt_at == now + retry_delay(1)
    # Not due yet: the next sweep leaves it alone.
    assert outbox_deliver_due(now=now + timedelta(seconds=1)) == (0, 0)
    # Still away at the next attempt: the wait doubles.
    later = message.next_attempt_at
    assert outbox_deliver_due(now=later) == (0, 1)
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == later + retry_delay(2)
    assert retry_delay(2) == 2 * retry_delay(1)

    smtp_server.start()
    assert outbox_deliver_due(now=message.next_attempt_at) == (1, 0)
    assert outbox_deliver_due(now=message.next_attempt_at + timedelta(days=1)) == (0, 0)

    assert len(smtp_server.messages) == 1
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 3
    assert message.last_error == ""
    assert message.history.filter(history_change_reason="Lähetys epäonnistui").count() == 2


def test_outbox__backoff_is_capped(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 60
    settings.OUTBOX_RETRY_MAX_SECONDS = 3600
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 7, 30)] == [
        60,
        120,
        240,
        3600,
        3600,
    ]


def test_outbox__a_refused_address_fails_for_good_and_the_rest_go_out(smtp_server):
    smtp_server.refuse.add("ei-ole@example.fi")
    _queue(key="a", recipient="ei-ole@example.fi")
    _queue(key="b", recipient="on@example.fi")

    assert outbox_deliver_due() == (1, 1)

    refused = OutboxMessage.objects.get(idempotency_key="a")
    assert refused.status == OutboxMessage.Status.FAILED
    assert "550" in refused.last_error
    assert outbox_deliver_due(now=timezone.now() + timedelta(days=1)) == (0, 0)
    assert [m["To"] for m in smtp_server.messages] == ["on@example.fi"]


def test_outbox__a_message_leased_by_one_worker_is_not_sent_by_another(smtp_server):
    from core.notifications.services import _claim

    _queue()
    claimed = _claim(timezone.now(), 10)

    assert len(claimed) == 1
    assert outbox_deliver_due() == (0, 0)  # the other worker finds nothing free
    # A worker lost mid-send lets its lease lapse; then the message goes out.
    assert outbox_deliver_due(now=timezone.now() + timedelta(minutes=6)) == (1, 0)
    assert len(smtp_server.messages) == 1


def test_outbox__queued_in_a_rolled_back_transaction__nothing_is_sent(smtp_server):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the event failed")

    assert not OutboxMessage.objects.exists()
    assert outbox_deliver_due() == (0, 0)


def test_outbox__the_worker_task_sends_after_commit(
    smtp_server, django_capture_on_commit_callbacks
):
    user = UserFactory(username="jonottaja")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _queue(user=user)

    assert len(callbacks) == 1  # the task is enqueued once the transaction commits
    assert len(smtp_server.messages) == 1


def test_send_outbox_command__sends_what_is_due(smtp_server):
    from io import StringIO

    from django.core.management import call_command

    _queue(key="a")
    _queue(key="b")
    out = StringIO()
    call_command("send_outbox", stdout=out)

    assert "Lähetetty 2" in out.getvalue()
    assert len(smtp_server.messages) == 2


@pytest.mark.django_db(transaction=True)
def test_outbox__on_postgresql_a_row_another_worker_is_claiming_is_skipped_not_waited_for():
    """Two workers claiming at the same moment take different rows (SKIP LOCKED)."""
    import threading

    from django.db import connection, connections, transaction

    from core.notifications.services import _claim

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises whole transactions")
    # Written directly: queued through the service, the worker task would send them at once
    # (this test's transactions commit).
    for key in ("a", "b"):
        OutboxMessage.objects.create(
            idempotency_key=key, recipient="x@example.fi", language="fi", subject="s", body_text="t"
        )
    locked = threading.Event()
    release = threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                first = (
                    OutboxMessage.objects.select_for_update(skip_locked=True).order_by("id").first()
                )
                assert first.idempotency_key == "a"
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        claimed = _claim(timezone.now(), 10)
    finally:
        release.set()
        thread.join()

    assert [m.idempotency_key for m in claimed] == ["b"]
