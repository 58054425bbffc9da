"""The user who started a re-segmentation hears when its preview is ready or failed: the
worker finished it, so "never of one's own action" does not apply; nobody else hears; the
error itself stays on the run's page. The e-mail goes to a real SMTP server (aiosmtpd)."""

import pytest

from core.notifications.models import Notification, UserPreferences
from core.notifications.services import outbox_deliver_due
from segments import resegmentation as reseg

pytestmark = pytest.mark.django_db

YEAR = 2026


def test_preview_finished__the_starter_is_told_in_their_language(
    world, smtp_server, ministry_user, working_group_user
):
    UserPreferences.objects.create(user=ministry_user, language="sv")
    run = reseg.run_start(year=YEAR, by=ministry_user)
    reseg.run_preview(run)

    notice = Notification.objects.get(user=ministry_user)
    assert notice.kind == "run_preview_finished"
    assert notice.url == f"/segments/runs/{run.pk}/"
    assert not Notification.objects.filter(user=working_group_user).exists()
    outbox_deliver_due()
    (mail,) = smtp_server.messages
    assert mail["To"] == ministry_user.email
    assert mail["Content-Language"] == "sv"
    text = mail.get_body(("plain",)).get_content()
    assert f"https://asiakkuus.example.fi/segments/runs/{run.pk}/" in text
    assert "Förhandsvisningen av omsegmenteringen är klar: 2026" in " ".join(
        str(mail["Subject"]).split()
    )


def test_preview_failed__the_starter_is_told_without_the_error(
    world, monkeypatch, smtp_server, ministry_user
):
    run = reseg.run_start(year=YEAR, by=ministry_user)

    def broken(*args, **kwargs):
        raise RuntimeError("tietokantavirhe salaisuus")

    monkeypatch.setattr(reseg, "_insert_select", broken)
    with pytest.raises(RuntimeError):
        reseg.run_preview(run)

    notice = Notification.objects.get(user=ministry_user)
    assert notice.kind == "run_preview_failed"
    assert notice.title == f"Uudelleensegmentoinnin esikatselu epäonnistui: {YEAR}"
    outbox_deliver_due()
    (mail,) = smtp_server.messages
    assert "salaisuus" not in mail.get_body(("plain",)).get_content()
    assert "salaisuus" not in mail.get_body(("html",)).get_content()


def test_preview__a_run_started_by_nobody_notifies_nobody(world):
    reseg.run_preview(reseg.run_start(year=YEAR, by=None))
    assert not Notification.objects.exists()
