"""Progress of the customer strategy work (section 7): its phases, with dates and status."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference


class WorkPhase(models.Model):
    """A phase of the work as section 7 lists them, in the report's order.

    The report gives the phases without dates: `starts_on` and `ends_on` stay empty until
    known, and `timing` keeps what the report says of the schedule in words. Invariants:
    the order is unique; a phase does not end before it starts. Archived, never deleted.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("suunniteltu")
        ONGOING = "ongoing", _("käynnissä")
        DONE = "done", _("valmis")

    order = models.PositiveSmallIntegerField(_("järjestys"), unique=True)
    name = models.CharField(_("vaihe"), max_length=300)
    description = models.TextField(_("kuvaus"), blank=True, max_length=3000)
    timing = models.CharField(
        _("aikataulu sanallisesti"),
        max_length=200,
        blank=True,
        help_text=_("Raportin maininta aikataulusta, kun päivämääriä ei ole."),
    )
    starts_on = models.DateField(_("alkaa"), null=True, blank=True)
    ends_on = models.DateField(_("päättyy"), null=True, blank=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    organisation = reference(
        "offerings.Organisation", _("vastuuorganisaatio"), related_name="work_phases", optional=True
    )
    report_reference = models.CharField(_("lähde raportissa"), max_length=50, blank=True)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["order"]
        verbose_name = _("työn vaihe")
        verbose_name_plural = _("työn vaiheet")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="work_phase_period_forwards",
                violation_error_message=_("Vaihe ei voi päättyä ennen kuin se alkaa."),
            ),
        ]

    def __str__(self):
        return f"{self.order}) {self.name}"

    def get_absolute_url(self):
        return f"{reverse('governance:roadmap')}#vaihe-{self.order}"
