"""The annual planning clock (vuosikello, 5.6): planning, follow-up and result-steering
events month by month."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference

from .plans import PlanningLevel


class ClockEvent(models.Model):
    """An event of the annual planning clock (vuosikello, 5.6): planning, follow-up or a
    result-steering negotiation in a month, for a planning level and a body or organisation.

    Invariants: the month is 1–12; a recurring event comes back every year and has no year,
    a one-off event has its year. Archived, never deleted.
    """

    class Kind(models.TextChoices):
        PLANNING = "planning", _("suunnittelu")
        FOLLOW_UP = "follow_up", _("seuranta")
        RESULT_STEERING = "result_steering", _("tulosohjausneuvottelu")
        OTHER = "other", _("muu")

    month = models.PositiveSmallIntegerField(
        _("kuukausi"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    timing = models.CharField(
        _("ajankohta"),
        max_length=100,
        blank=True,
        help_text=_("Päivä tai viikko tarkemmin, esim. ”viikko 5” tai ”15.3.”."),
    )
    year = models.PositiveSmallIntegerField(
        _("vuosi"), null=True, blank=True, help_text=_("Vain kertaluonteiselle tapahtumalle.")
    )
    is_recurring = models.BooleanField(_("toistuu vuosittain"), default=True)
    title = models.CharField(_("otsikko"), max_length=200)
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices)
    level = models.CharField(
        _("suunnittelutaso"), max_length=20, choices=PlanningLevel.choices, blank=True
    )
    body = reference("Body", _("toimielin"), related_name="clock_events", optional=True)
    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="clock_events", optional=True
    )
    description = models.TextField(_("kuvaus"), blank=True, max_length=3000)
    report_reference = models.CharField(_("lähde raportissa"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(_("järjestys kuukauden sisällä"), default=0)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["month", "order", "pk"]
        verbose_name = _("vuosikellon tapahtuma")
        verbose_name_plural = _("vuosikellon tapahtumat")
        constraints = [
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12),
                name="clock_event_month_in_year",
                violation_error_message=_("Kuukausi on 1–12."),
            ),
            models.CheckConstraint(
                condition=Q(is_recurring=True, year__isnull=True)
                | Q(is_recurring=False, year__isnull=False),
                name="clock_event_year_iff_one_off",
                violation_error_message=_(
                    "Kertaluonteiselle tapahtumalle annetaan vuosi; vuosittain toistuvalle ei."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.month}. {self.title}"

    def get_absolute_url(self):
        # The clock of the event's year (this year for a recurring one), at its month.
        url = reverse("governance:clock")
        if self.year:
            url += f"?year={self.year}"
        return f"{url}#kuukausi-{self.month}"

    def clean(self):
        super().clean()
        # Said per case on the year (the constraint's message covers both).
        if self.is_recurring and self.year:
            raise ValidationError(
                {"year": _("Vuosittain toistuvalle tapahtumalle ei anneta vuotta.")}
            )
        if not self.is_recurring and not self.year:
            raise ValidationError({"year": _("Kertaluonteiselle tapahtumalle annetaan vuosi.")})
