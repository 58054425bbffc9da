"""Uploads of yearly attribute values by the agencies' systems (integration API), processed
by the task worker when they are large."""

import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import user_field


class ValueUpload(models.Model):
    """One upload of yearly attribute values sent to the task worker: its body until it is
    processed, then its outcome (counts or errors). A job record, like a re-segmentation run:
    the values it writes are the facts, so it keeps no history of its own."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("jonossa")
        RUNNING = "running", _("käsitellään")
        SUCCEEDED = "succeeded", _("valmis")
        FAILED = "failed", _("epäonnistui")

    # A random id in the status address: another client cannot guess its way to it.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    submitted_by = user_field(_("lähettäjä"), optional=True)
    submitted_at = models.DateTimeField(_("lähetetty"), auto_now_add=True)
    started_at = models.DateTimeField(_("aloitettu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("valmistunut"), null=True, blank=True)
    # The values as the import's CSV; emptied once processed (the outcome is what is kept).
    body = models.BinaryField(_("sisältö"), default=b"")
    size = models.PositiveIntegerField(_("koko (tavua)"), default=0)
    # The import's outcome: counts, summary and the listed errors (see segments.value_uploads).
    outcome = models.JSONField(_("tulos"), default=dict, blank=True)
    # The language the client asked for (Accept-Language): the worker writes the outcome's
    # messages in it, as a small upload answered at once gets them.
    language = models.CharField(_("kieli"), max_length=5, default="fi")

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("arvojen lähetys")
        verbose_name_plural = _("arvojen lähetykset")

    def __str__(self):
        return f"{self.submitted_at:%Y-%m-%d %H:%M} {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("api:value_upload_detail", args=[self.pk])
