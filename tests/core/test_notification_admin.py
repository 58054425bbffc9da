"""Ministry staff follow the outbox in the admin, read-only; others do not see it."""

import pytest
from django.urls import reverse

from core.notifications.models import OutboxMessage
from core.notifications.services import outbox_enqueue

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_message():
    message = outbox_enqueue(
        idempotency_key="admin:1",
        recipient="x@example.fi",
        language="fi",
        subject="Aihe",
        text="Salainen linkki https://asiakkuus.example.fi/accounts/reset/abc/",
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=3, last_error="ConnectionRefusedError: [Errno 111]"
    )
    return message


def test_outbox_admin__ministry_staff_read_the_failures(client, ministry_user, failed_message):
    client.force_login(ministry_user)
    listing = client.get(reverse("admin:core_outboxmessage_changelist"), {"virhe": "kylla"})
    assert listing.status_code == 200
    assert "ConnectionRefusedError" in listing.content.decode()
    detail = client.get(reverse("admin:core_outboxmessage_change", args=[failed_message.pk]))
    assert detail.status_code == 200
    page = detail.content.decode()
    assert 'name="_save"' not in page  # read-only
    # The body (a reset link) is not shown to the staff.
    assert "accounts/reset/abc" not in page
    history = client.get(reverse("admin:core_outboxmessage_history", args=[failed_message.pk]))
    assert history.status_code == 200


def test_outbox_admin__nothing_is_added_changed_or_deleted(client, ministry_user, failed_message):
    client.force_login(ministry_user)
    assert client.get(reverse("admin:core_outboxmessage_add")).status_code == 403
    change = reverse("admin:core_outboxmessage_change", args=[failed_message.pk])
    client.post(change, {"recipient": "muu@example.fi"})
    failed_message.refresh_from_db()
    assert failed_message.recipient == "x@example.fi"
    delete = reverse("admin:core_outboxmessage_delete", args=[failed_message.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert OutboxMessage.objects.filter(pk=failed_message.pk).exists()


def test_outbox_admin__other_roles_are_refused(client, agency_user, failed_message):
    client.force_login(agency_user)
    response = client.get(reverse("admin:core_outboxmessage_changelist"))
    assert response.status_code in (302, 403)


def test_outbox_admin__query_count_is_constant(client, ministry_user, count_queries):
    client.force_login(ministry_user)
    url = reverse("admin:core_outboxmessage_changelist")
    for n in range(3):
        outbox_enqueue(
            idempotency_key=f"a:{n}", recipient="x@example.fi", language="fi", subject="s", text="t"
        )
    few = count_queries(client, url, warm=True)
    for n in range(30):
        outbox_enqueue(
            idempotency_key=f"b:{n}", recipient="x@example.fi", language="fi", subject="s", text="t"
        )
    assert count_queries(client, url, warm=True) == few
