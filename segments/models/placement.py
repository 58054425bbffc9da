"""Manual placements: staff's standing decisions on single companies that the yearly
re-segmentation respects, as territory tools respect exempt records."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field

from .company import Company
from .fields import year_range_constraint
from .segment import Segment


class ManualPlacementQuerySet(models.QuerySet):
    def in_force(self, year):
        """Placements not removed whose years cover `year`."""
        return self.filter(removed_at__isnull=True, first_year__lte=year).filter(
            Q(last_year__isnull=True) | Q(last_year__gte=year)
        )


class ManualPlacement(models.Model):
    """A company kept in a segment, moved to one, or left out of re-segmentation by hand,
    with a reason; it applies to every run of its years until it is removed (with a reason)."""

    class Action(models.TextChoices):
        KEEP = "keep", _("pidetään segmentissä")
        MOVE = "move", _("siirretään segmenttiin")
        EXCLUDE = "exclude", _("jätetään uudelleensegmentoinnin ulkopuolelle")

    company = reference(
        Company, _("yritys"), related_name="manual_placements", on_delete=models.CASCADE
    )
    action = models.CharField(_("toimenpide"), max_length=10, choices=Action.choices)
    segment = reference(Segment, _("segmentti"), related_name="+", optional=True)
    reason = models.TextField(_("perustelu"), max_length=2000)
    first_year = models.PositiveSmallIntegerField(
        _("ensimmäinen vuosi"), help_text=_("Sijoitus koskee tämän vuoden ja myöhempien ajoja.")
    )
    last_year = models.PositiveSmallIntegerField(
        _("viimeinen vuosi"),
        null=True,
        blank=True,
        help_text=_("Tyhjä: voimassa, kunnes sijoitus poistetaan."),
    )
    created_by = user_field(_("kirjaaja"), optional=True)
    created_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)
    removed_by = user_field(_("poistaja"), optional=True)
    removed_at = models.DateTimeField(_("poistettu"), null=True, blank=True)
    removal_reason = models.TextField(_("poiston perustelu"), blank=True, max_length=2000)

    objects = ManualPlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("käsin sijoitus")
        verbose_name_plural = _("käsin sijoitukset")
        constraints = [
            # One standing decision per company: a second one replaces the first.
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(removed_at__isnull=True),
                name="placement_one_in_force_per_company",
                violation_error_message=_("Yrityksellä on jo voimassa oleva käsin sijoitus."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(action__in=["keep", "move"], segment__isnull=False)
                    | Q(action="exclude", segment__isnull=True)
                ),
                name="placement_segment_iff_keep_or_move",
                violation_error_message=_(
                    "Kun yritys pidetään segmentissä tai siirretään, valitaan segmentti; kun se jätetään ulkopuolelle, segmenttiä ei valita."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="placement_has_reason",
                violation_error_message=_("Käsin sijoitukselle on kirjattava perustelu."),
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True) | ~Q(removal_reason=""),
                name="placement_removal_has_reason",
                violation_error_message=_("Käsin sijoituksen poistolle on kirjattava perustelu."),
            ),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
                name="placement_years_in_order",
                violation_error_message=_("Viimeinen vuosi ei voi olla ennen ensimmäistä vuotta."),
            ),
            year_range_constraint("first_year", name="placement_year_range"),
        ]

    def __str__(self):
        return f"{self.company_id}: {self.get_action_display()}"

    def get_absolute_url(self):
        return reverse("segments:placement_list") + f"?q={self.company.business_id}"

    @property
    def is_in_force(self):
        return self.removed_at is None
