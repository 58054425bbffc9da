"""Handover notices: the other side is told, in its language, with the link; nobody is told
of their own action or of what they may not see; e-mails go through the outbox to a real
SMTP server (aiosmtpd); overdue requests are reminded of at 14 days and then weekly."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.notifications.models import Notification, OutboxMessage, UserPreferences
from core.notifications.services import digests_send, outbox_deliver_due, preferences_save
from governance import roles
from responsibility import services
from responsibility.models import Handover

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnvera_colleague(make_user):
    """A second Finnvera customer worker, who reads in Swedish."""
    user = make_user("finnvera-svenska", role=roles.AGENCY_CUSTOMER_STAFF, organisation="finnvera")
    UserPreferences.objects.create(user=user, language="sv")
    return user


@pytest.fixture
def bystanders(make_user):
    """Who must hear nothing of a Tekes–Finnvera handover: Finpro's staff, and a Finnvera
    worker without a role (may not see handovers)."""
    return [
        make_user("finpro-sivullinen", role=roles.AGENCY_CUSTOMER_STAFF, organisation="finpro"),
        make_user("finnvera-rooliton", organisation="finnvera"),
    ]


def _subject(message):
    # Django folds a long non-ASCII subject onto a continuation line; a reader unfolds it.
    return " ".join(str(message["Subject"]).split())


def _kinds(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_handover_request__the_receiving_staff_are_told_in_their_language(
    smtp_server, finnvera_user, finnvera_colleague, tekes_user, bystanders, handover
):
    assert _kinds(finnvera_user) == ["handover_requested"]
    assert _kinds(finnvera_colleague) == ["handover_requested"]
    assert _kinds(tekes_user) == []  # not told of one's own request
    for user in bystanders:
        assert _kinds(user) == []

    outbox_deliver_due()
    by_recipient = {m["To"]: m for m in smtp_server.messages}
    link = f"https://asiakkuus.example.fi/responsibility/handovers/{handover.pk}/"
    finnish = by_recipient[finnvera_user.email]
    swedish = by_recipient[finnvera_colleague.email]
    assert _subject(finnish) == "Vastuun siirtopyyntö: Kapula Oy"
    assert finnish["Content-Language"] == "fi"
    assert (
        "Tekes – teknologian ja innovaatioiden kehittämiskeskus pyytää organisaatiotanne "
        "(Finnvera Oyj) ottamaan yrityksen Kapula Oy asiakasvastuun"
    ) in " ".join(finnish.get_body(("plain",)).get_content().split())
    assert _subject(swedish) == "Begäran om överlämning av ansvar: Kapula Oy"
    assert swedish["Content-Language"] == "sv"
    for message in (finnish, swedish):
        assert link in message.get_body(("plain",)).get_content()
        assert f'href="{link}"' in message.get_body(("html",)).get_content()
        # The handover's reason and notes stay behind the page's permission check.
        assert "Rahoitushanke alkaa" not in message.as_string()
        assert "takauksen" not in message.as_string()
    assert len(smtp_server.messages) == 2


def test_handover_accept__the_requesters_are_told_not_the_one_who_accepted(
    finnvera_user, handover, tekes_user, smtp_server
):
    services.handover_accept(handover=handover, by=finnvera_user)

    assert _kinds(tekes_user) == ["handover_accepted"]
    assert _kinds(finnvera_user) == ["handover_requested"]
    outbox_deliver_due()
    assert [_subject(m) for m in smtp_server.messages if m["To"] == tekes_user.email] == [
        "Vastuun siirto hyväksytty: Kapula Oy"
    ]


def test_handover_decline__the_requesters_are_told_without_the_reason(
    handover, finnvera_user, tekes_user, smtp_server
):
    services.handover_decline(handover=handover, by=finnvera_user, reason="Ei resursseja nyt")

    assert _kinds(tekes_user) == ["handover_declined"]
    outbox_deliver_due()
    declined = [m for m in smtp_server.messages if m["To"] == tekes_user.email]
    assert declined[0]["Subject"] == "Vastuun siirto hylätty: Kapula Oy"
    assert "Ei resursseja nyt" not in declined[0].as_string()


def test_handover_notice__written_in_the_event_transaction(finnvera_user, handover):
    """The outbox row and the notification commit with the request, or not at all."""
    assert OutboxMessage.objects.filter(user=finnvera_user).count() == 1
    assert Notification.objects.filter(user=finnvera_user).count() == 1
    assert OutboxMessage.objects.get(user=finnvera_user).idempotency_key == (
        f"handover:{handover.pk}:handover_requested:{finnvera_user.pk}"
    )


def test_handover_notice__a_refused_request_leaves_no_notice(
    finnvera_user, handover, tekes_user, orgs
):
    from core.refusals import Refusal

    with pytest.raises(Refusal):
        services.handover_request(
            company=handover.company,
            from_organisation=orgs["tekes"],
            to_organisation=orgs["finpro"],
            reason="Toinen",
            by=tekes_user,
        )
    assert Notification.objects.count() == 1  # only the first request's


def test_handover_notice__digest_and_off_choices(handover, finnvera_user, tekes_user, smtp_server):
    preferences_save(
        user=finnvera_user,
        language="fi",
        deliveries={"handover_accepted": "off"},
        by=finnvera_user,
    )
    preferences_save(
        user=tekes_user,
        language="en",
        deliveries={"handover_declined": "digest", "handover_accepted": "off"},
        by=tekes_user,
    )
    services.handover_decline(handover=handover, by=finnvera_user, reason="Ei nyt")

    # In the centre at once; no e-mail until the digest.
    assert _kinds(tekes_user) == ["handover_declined"]
    assert not OutboxMessage.objects.filter(user=tekes_user).exists()

    assert digests_send() == 1
    assert digests_send() == 0  # the same day's digest is queued once
    outbox_deliver_due()
    digest = [m for m in smtp_server.messages if m["To"] == tekes_user.email]
    assert len(digest) == 1
    assert digest[0]["Subject"] == "Asiakkuusstrategia: today's notifications (1)"
    body = digest[0].get_body(("plain",)).get_content()
    assert "Responsibility handover declined: Kapula Oy" in body
    assert f"https://asiakkuus.example.fi/responsibility/handovers/{handover.pk}/" in body


def test_handover_overdue__both_sides_reminded_at_14_days_then_weekly(
    finnvera_user, handover, tekes_user
):
    start = handover.requested_at

    assert services.handovers_remind_overdue(now=start + timedelta(days=13)) == 0
    assert services.handovers_remind_overdue(now=start + timedelta(days=14, hours=1)) == 1
    # The same day again, and the next days of that week: no second reminder, and the run
    # says so (the worker logs what it counts).
    assert services.handovers_remind_overdue(now=start + timedelta(days=15)) == 0
    assert services.handovers_remind_overdue(now=start + timedelta(days=20)) == 0
    assert _kinds(tekes_user) == ["handover_overdue"]
    assert _kinds(finnvera_user) == ["handover_overdue", "handover_requested"]

    assert services.handovers_remind_overdue(now=start + timedelta(days=21, hours=1)) == 1
    assert _kinds(tekes_user) == ["handover_overdue", "handover_overdue"]

    services.handover_accept(handover=handover, by=finnvera_user)
    assert services.handovers_remind_overdue(now=start + timedelta(days=40)) == 0
    assert Handover.objects.get(pk=handover.pk).status == "accepted"


def test_handover_overdue__told_by_digest_not_mailed_again_when_the_choice_changes(
    handover, tekes_user
):
    """Told once per step: a recipient told while their choice was the digest gets no
    second copy by e-mail when they choose e-mail at once later that week."""
    start = handover.requested_at
    preferences_save(
        user=tekes_user, language="fi", deliveries={"handover_overdue": "digest"}, by=tekes_user
    )
    services.handovers_remind_overdue(now=start + timedelta(days=14, hours=1))
    preferences_save(
        user=tekes_user, language="fi", deliveries={"handover_overdue": "immediate"}, by=tekes_user
    )
    services.handovers_remind_overdue(now=start + timedelta(days=15))

    assert _kinds(tekes_user) == ["handover_overdue"]
    assert not OutboxMessage.objects.filter(user=tekes_user).exists()


def test_handover_overdue__the_command_runs(handover, tekes_user):
    from io import StringIO

    from django.core.management import call_command

    Handover.objects.filter(pk=handover.pk).update(requested_at=timezone.now() - timedelta(days=15))
    out = StringIO()
    call_command("remind_overdue_handovers", stdout=out)
    assert "Muistutettu 1" in out.getvalue()
    assert _kinds(tekes_user) == ["handover_overdue"]
