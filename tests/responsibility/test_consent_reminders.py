"""Expiring consents: the organisations holding the customer hear 30 days before the last
valid day and again a week before, once each, whatever the sweeps; others hear nothing;
the e-mail goes through the outbox to a real SMTP server (aiosmtpd)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.notifications.models import Notification
from core.notifications.services import outbox_deliver_due
from responsibility.services.reminders import consents_remind_expiring
from tests.factories import consent_given

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent(company, orgs, tekes_user, tekes_lead):
    today = timezone.localdate()
    return consent_given(
        company,
        tekes_user,
        organisations=[orgs["finpro"]],
        disclosers=[orgs["tekes"]],
        given_on=today - timedelta(days=300),
        expires_on=today + timedelta(days=40),
    )


def _reminders(user):
    return Notification.objects.filter(user=user, kind="consent_expiring").count()


def test_consents_remind_expiring__holders_told_at_30_and_7_days_once_each(
    smtp_server, consent, tekes_user, finpro_user, finnvera_user
):
    today = timezone.localdate()
    assert consents_remind_expiring(today=today) == 0  # 40 days left
    assert consents_remind_expiring(today=today + timedelta(days=10)) == 1  # 30 left
    assert consents_remind_expiring(today=today + timedelta(days=11)) == 0  # the next day
    assert _reminders(tekes_user) == 1
    assert consents_remind_expiring(today=today + timedelta(days=33)) == 1  # 7 left
    assert consents_remind_expiring(today=today + timedelta(days=35)) == 0
    assert _reminders(tekes_user) == 2
    # Finpro may read the data but does not hold the customer; Finnvera has nothing to do
    # with it: neither is told.
    assert _reminders(finpro_user) == 0
    assert _reminders(finnvera_user) == 0
    assert consents_remind_expiring(today=today + timedelta(days=41)) == 0  # expired

    outbox_deliver_due()
    assert [m["To"] for m in smtp_server.messages] == [tekes_user.email] * 2
    first = smtp_server.messages[0]
    subject = " ".join(str(first["Subject"]).split())
    expires = consent.expires_on
    assert (
        subject
        == f"Asiakassuostumus päättyy {expires.day}.{expires.month}.{expires.year}: Kapula Oy"
    )
    text = " ".join(first.get_body(("plain",)).get_content().split())
    assert "30 päivää" in text
    assert "https://asiakkuus.example.fi/responsibility/companies/" in text


def test_consents_remind_expiring__a_withdrawn_consent_is_not_reminded(consent, tekes_user):
    from responsibility import services

    services.consent_withdraw(consent=consent, by=tekes_user)
    today = timezone.localdate()
    assert consents_remind_expiring(today=today + timedelta(days=20)) == 0
    assert _reminders(tekes_user) == 0


def test_remind_expiring_consents_command(consent, tekes_user):
    from io import StringIO

    out = StringIO()
    consent.expires_on = timezone.localdate() + timedelta(days=5)
    consent.save()
    call_command("remind_expiring_consents", stdout=out)
    assert out.getvalue().strip() == "Muistutettu 1 suostumuksesta."
    assert _reminders(tekes_user) == 1
