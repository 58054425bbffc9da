"""The three tiers of the customer strategy work (report 6): the bodies, what each is
responsible for (6.1–6.3) and how the ministry's units take part (6.4); who sits in them
is in `memberships`."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference


class BodyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def of_kind(self, kind):
        return self.filter(kind=kind)


class Body(models.Model):
    """A body (toimielin) of the customer strategy work (report 6).

    Tier 1 is the customer strategy group with its working committee and, beside it, the
    advisory board; tier 2 the three segment working groups (a, b, c); tier 3 the regional
    working groups, one or two per TE-centre area.

    Invariants:
    - the strategy group, the working committee and the advisory board each exist once
      (among bodies not archived); the committee and the board sit under the strategy group
      (`parent`, checked in `clean`), no other body has a parent;
    - a segment working group has a letter (a, b, c), unique among active segment groups;
      no other body has one;
    - a regional group has a region, a variant and a leading organisation (the region's
      TE-centre, checked in `clean`); no other body has a region or a variant; in one region
      there is one active group of each variant, and a combined group excludes a separate
      advisory or operative one (`clean`);
    - governance records are archived (`is_archived`), never deleted.
    """

    class Kind(models.TextChoices):
        STRATEGY_GROUP = "strategy_group", _("asiakkuusstrategiaryhmä")
        WORKING_COMMITTEE = "working_committee", _("työvaliokunta")
        ADVISORY_BOARD = "advisory_board", _("neuvottelukunta")
        SEGMENT_GROUP = "segment_group", _("asiakassegmenttikohtainen työryhmä")
        REGIONAL_GROUP = "regional_group", _("alueellinen asiakkuustyöryhmä")

    class Variant(models.TextChoices):
        """How a region organises its work (6.3): one group, or an advisory board and an
        operative group that does the practical work."""

        COMBINED = "combined", _("yksi alueellinen työryhmä")
        ADVISORY = "advisory", _("alueen neuvottelukunta")
        OPERATIVE = "operative", _("käytännön työtä tekevä operatiivinen ryhmä")

    # The tier-1 bodies exist once each; services look them up by kind.
    SINGLE_KINDS = (Kind.STRATEGY_GROUP, Kind.WORKING_COMMITTEE, Kind.ADVISORY_BOARD)
    # Bodies that sit under the strategy group.
    UNDER_STRATEGY_GROUP = (Kind.WORKING_COMMITTEE, Kind.ADVISORY_BOARD)

    kind = models.CharField(_("laji"), max_length=30, choices=Kind.choices)
    variant = models.CharField(
        _("alueellisen ryhmän muoto"), max_length=20, choices=Variant.choices, blank=True
    )
    code = models.SlugField(_("tunnus"), max_length=60, unique=True)
    name = models.CharField(_("nimi"), max_length=200)
    abbreviation = models.CharField(
        _("lyhenne"),
        max_length=20,
        blank=True,
        help_text=_("Päätösnumeroiden etuliite, esimerkiksi ASR 3/2009."),
    )
    letter = models.CharField(
        _("työryhmän kirjain"),
        max_length=1,
        blank=True,
        help_text=_("Asiakassegmenttikohtaisen työryhmän kirjain a, b tai c (luku 6.2)."),
    )
    description = models.TextField(_("kuvaus"), blank=True, max_length=3000)
    parent = reference("self", _("toimii osana"), related_name="sub_bodies", optional=True)
    lead_organisation = reference(
        "offerings.Organisation",
        _("johtava tai koordinoiva organisaatio"),
        related_name="led_bodies",
        optional=True,
    )
    region = reference("segments.Region", _("alue"), related_name="bodies", optional=True)
    segments = models.ManyToManyField(
        "segments.Segment",
        verbose_name=_("vastuusegmentit"),
        blank=True,
        related_name="bodies",
    )
    report_reference = models.CharField(_("lähde raportissa"), max_length=50, blank=True)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("toimielin")
        verbose_name_plural = _("toimielimet")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(
                    kind__in=["strategy_group", "working_committee", "advisory_board"],
                    is_archived=False,
                ),
                name="body_one_active_per_single_kind",
                violation_error_message=_(
                    "Asiakkuusstrategiaryhmä, työvaliokunta ja neuvottelukunta voivat olla "
                    "toiminnassa kukin vain kerran."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["working_committee", "advisory_board"], parent__isnull=False)
                | (~Q(kind__in=["working_committee", "advisory_board"]) & Q(parent__isnull=True)),
                name="body_parent_only_under_strategy_group",
                violation_error_message=_(
                    "Työvaliokunta ja neuvottelukunta toimivat asiakkuusstrategiaryhmän "
                    "yhteydessä; muilla toimielimillä ei ole ylempää toimielintä."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(kind="segment_group") & Q(letter__in=["a", "b", "c"]))
                | (~Q(kind="segment_group") & Q(letter="")),
                name="body_letter_only_for_segment_groups",
                violation_error_message=_(
                    "Asiakassegmenttikohtaisella työryhmällä on kirjain a, b tai c; muilla "
                    "toimielimillä ei ole kirjainta."
                ),
            ),
            models.UniqueConstraint(
                fields=["letter"],
                condition=Q(kind="segment_group", is_archived=False),
                name="body_segment_group_letter_unique",
                violation_error_message=_("Toiminnassa on jo työryhmä tällä kirjaimella."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="regional_group")
                    & Q(region__isnull=False)
                    & ~Q(variant="")
                    & Q(lead_organisation__isnull=False)
                )
                | (~Q(kind="regional_group") & Q(region__isnull=True) & Q(variant="")),
                name="body_region_only_for_regional_groups",
                violation_error_message=_(
                    "Alueellisella asiakkuustyöryhmällä on alue, muoto ja koordinoiva "
                    "TE-keskus; muilla toimielimillä ei ole aluetta eikä muotoa."
                ),
            ),
            models.UniqueConstraint(
                fields=["region", "variant"],
                condition=Q(kind="regional_group", is_archived=False),
                name="body_one_regional_group_per_variant",
                violation_error_message=_("Alueella on jo tämän muotoinen työryhmä."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:body_detail", args=[self.code])

    @property
    def is_segment_group(self):
        return self.kind == self.Kind.SEGMENT_GROUP

    @property
    def is_regional_group(self):
        return self.kind == self.Kind.REGIONAL_GROUP

    @property
    def is_strategy_group(self):
        return self.kind == self.Kind.STRATEGY_GROUP

    @property
    def kind_differs_from_name(self):
        """Whether naming the kind under the name adds anything ("Työvaliokunta" is both)."""
        return str(self.get_kind_display()).casefold() != str(self.name or "").casefold()

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.parent_id
            and self.kind in self.UNDER_STRATEGY_GROUP
            and self.parent.kind != self.Kind.STRATEGY_GROUP
        ):
            errors["parent"] = _(
                "Työvaliokunta ja neuvottelukunta toimivat asiakkuusstrategiaryhmän yhteydessä."
            )
        if self.kind == self.Kind.REGIONAL_GROUP and self.lead_organisation_id:
            lead = self.lead_organisation
            if lead.kind != "te_centre" or lead.region_id != self.region_id:
                errors["lead_organisation"] = _(
                    "Alueellista asiakkuustyöryhmää koordinoi alueen oma TE-keskus."
                )
        if self.kind == self.Kind.REGIONAL_GROUP and self.region_id and not self.is_archived:
            others = Body.objects.filter(
                kind=self.Kind.REGIONAL_GROUP, region_id=self.region_id, is_archived=False
            ).exclude(pk=self.pk)
            if self.variant == self.Variant.COMBINED:
                clash = others.exists()
            else:
                clash = others.filter(variant=self.Variant.COMBINED).exists()
            if clash:
                errors["variant"] = _(
                    "Alueella on joko yksi alueellinen työryhmä tai erikseen neuvottelukunta "
                    "ja operatiivinen ryhmä, ei molempia."
                )
        if errors:
            raise ValidationError(errors)


class BodyResponsibility(models.Model):
    """One of a body's key responsibilities, as the report lists them (6.1, 6.2, 6.3).

    Rows loaded from the report carry a `report_key` and their text word for word; the
    order is the report's. A responsibility no longer held is archived, not deleted.
    """

    body = reference(
        Body, _("toimielin"), related_name="responsibilities", on_delete=models.CASCADE
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    text = models.TextField(_("tehtäväalue"), max_length=1000)
    report_key = models.CharField(
        _("raportin kohta"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Raportin kohta, josta alkutieto on ladattu; tyhjä käyttäjän lisäämissä."),
    )
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["body__order", "body__code", "order", "pk"]
        verbose_name = _("toimielimen tehtäväalue")
        verbose_name_plural = _("toimielinten tehtäväalueet")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.body.get_absolute_url()


class MinistryUnitRole(models.Model):
    """How the ministry or one of its units takes part in the work (6.4), word for word."""

    organisation = reference(
        "offerings.Organisation", _("ministeriö tai sen yksikkö"), related_name="ministry_roles"
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    text = models.TextField(_("rooli"), max_length=3000)
    report_key = models.CharField(
        _("raportin kohta"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ministeriön yksikön rooli")
        verbose_name_plural = _("ministeriön yksiköiden roolit")

    def __str__(self):
        return f"{self.organisation}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("admin:governance_ministryunitrole_change", args=[self.pk])

    def clean(self):
        super().clean()
        if self.organisation_id and self.organisation.kind not in ("ministry", "ministry_unit"):
            raise ValidationError(
                {"organisation": _("Valitse ministeriö tai jokin sen yksiköistä.")}
            )
