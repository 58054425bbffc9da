"""The public actors: organisations of the ministry's group and the people who work in them."""

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference


class Organisation(models.Model):
    """A public actor of TEM's administrative branch: the ministry, a unit, an agency or a TE-centre."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministeriö")
        MINISTRY_UNIT = "ministry_unit", _("ministeriön yksikkö")
        AGENCY = "agency", _("valtakunnallinen toimija")
        TE_CENTRE = "te_centre", _("TE-keskus")

    code = models.SlugField(_("tunnus"), max_length=50, unique=True)
    kind = models.CharField(_("tyyppi"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nimi"), max_length=200)
    abbreviation = models.CharField(_("lyhenne"), max_length=30, blank=True)
    parent = reference("self", _("kuuluu organisaatioon"), related_name="units", optional=True)
    region = reference("segments.Region", _("alue"), related_name="organisations", optional=True)
    report_reference = models.CharField(
        _("lähde raportissa"),
        max_length=50,
        blank=True,
        help_text=_("Loppuraportin (15.12.2008) luvut, joissa organisaatio mainitaan."),
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    is_active = models.BooleanField(_("toiminnassa"), default=True)
    # Optimistic locking: a save based on a stale copy is refused, never silently applied.
    version = IntegerVersionField()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("organisaatio")
        verbose_name_plural = _("organisaatiot")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="te_centre", region__isnull=False)
                    | (~Q(kind="te_centre") & Q(region__isnull=True))
                ),
                name="organisation_region_iff_te_centre",
                violation_error_message=_(
                    "Alue annetaan vain TE-keskukselle, ja jokaisella TE-keskuksella on oltava alue."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="ministry_unit") | Q(parent__isnull=False),
                name="organisation_unit_has_parent",
                violation_error_message=_(
                    "Ministeriön yksiköllä on oltava ministeriö, johon se kuuluu."
                ),
            ),
            models.UniqueConstraint(
                fields=["region"],
                condition=Q(kind="te_centre"),
                name="organisation_one_te_centre_per_region",
                violation_error_message=_("Alueella on jo TE-keskus."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offerings:organisation_detail", args=[self.code])


class Person(models.Model):
    """A user of the service and the organisation they work for (roles are auth groups)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.CASCADE,
        related_name="person",
    )
    organisation = reference(Organisation, _("organisaatio"), related_name="people")
    title = models.CharField(_("tehtävänimike"), max_length=200, blank=True)

    class Meta:
        ordering = ["organisation__order", "user__last_name", "user__first_name", "user__username"]
        verbose_name = _("henkilö")
        verbose_name_plural = _("henkilöt")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()

    def get_absolute_url(self):
        return reverse("admin:offerings_person_change", args=[self.pk])
