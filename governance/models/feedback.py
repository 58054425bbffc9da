"""The accessibility feedback that the Act on the Provision of Digital Services requires."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# Act on the Provision of Digital Services (306/2019) § 15: feedback is answered in 14 days.
FEEDBACK_ANSWER_DAYS = 14


class AccessibilityFeedback(models.Model):
    """Feedback on the service's accessibility, sent from the accessibility statement page."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("vastaanotettu")
        ANSWERED = "answered", _("vastattu")

    message = models.TextField(_("palaute"), max_length=5000)
    page_url = models.CharField(_("sivu, jota palaute koskee"), max_length=500, blank=True)
    name = models.CharField(_("nimi"), max_length=200, blank=True)
    email = models.EmailField(_("sähköposti"), blank=True)
    language = models.CharField(_("kieli"), max_length=5, choices=settings.LANGUAGES)
    received_at = models.DateTimeField(_("vastaanotettu"), auto_now_add=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    answered_at = models.DateTimeField(_("vastattu"), null=True, blank=True)
    answer = models.TextField(_("vastaus"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("saavutettavuuspalaute")
        verbose_name_plural = _("saavutettavuuspalautteet")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="received", answered_at__isnull=True)
                | Q(status="answered", answered_at__isnull=False),
                name="feedback_answered_has_time",
                violation_error_message=_(
                    "Vastatulla palautteella on oltava vastaamisaika, vastaamattomalla ei."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.received_at:%d.%m.%Y} – {self.message[:60]}"

    def get_absolute_url(self):
        return reverse("admin:governance_accessibilityfeedback_change", args=[self.pk])

    @property
    def answer_due(self):
        return self.received_at + timedelta(days=FEEDBACK_ANSWER_DAYS)
