"""Published versions of the strategy document: frozen, append-only (issue 15)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field


class StrategyVersion(models.Model):
    """A published version of the year's strategy document: its contents in Finnish, Swedish
    and English as they read at publication (JSON), the decision that approved it and who
    published it. Later data changes do not change it; nothing in the app edits or deletes
    it, and the database refuses UPDATE and DELETE (migration 0007). It is its own record,
    so it keeps no separate history."""

    year = models.PositiveSmallIntegerField(_("vuosi"))
    number = models.PositiveIntegerField(_("versio"))
    published_at = models.DateTimeField(_("julkaistu"), default=timezone.now)
    published_by = user_field(_("julkaisija"))
    decision = reference("Decision", _("hyväksynyt päätös"), related_name="strategy_versions")
    note = models.TextField(_("huomautus"), blank=True, max_length=2000)
    contents = models.JSONField(_("sisältö"))

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("julkaistu strategiaversio")
        verbose_name_plural = _("julkaistut strategiaversiot")
        # The strategy's texts in Swedish and English: translators add the versions that
        # are missing (the translation queue, across the apps). The permission sits with the
        # document those texts make up.
        permissions = [("translate_text", _("Saa lisätä puuttuvia käännöksiä käännösjonossa"))]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number"],
                name="strategy_version_number_unique_per_year",
                violation_error_message=_("Vuoden strategialla on jo tämän numeroinen versio."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="strategy_version_number_positive",
                violation_error_message=_("Version numero on vähintään 1."),
            ),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("governance:strategy_version_detail", args=[self.pk])

    @property
    def label(self):
        """The version's name, e.g. "2026/1"."""
        return f"{self.year}/{self.number}"
