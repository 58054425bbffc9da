"""What the public actors offer (report 4, 5, 5.2, 6.2): why, to meet which needs, to whom."""

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field, written_language

from .organisation import Organisation


class Rationale(models.Model):
    """One of the five reasons why public business services exist (report 4)."""

    code = models.SlugField(_("tunnus"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    title = models.TextField(_("peruste"), max_length=500)

    class Meta:
        ordering = ["order"]
        verbose_name = _("julkisten yrityspalvelujen peruste")
        verbose_name_plural = _("julkisten yrityspalvelujen perusteet")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("offerings:rationale_list") + f"#{self.code}"


class RationalePoint(models.Model):
    """A sub-point of a rationale, word for word from the report."""

    rationale = models.ForeignKey(Rationale, on_delete=models.CASCADE, related_name="points")
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    text = models.TextField(_("alakohta"), max_length=1000)
    report_key = models.CharField(max_length=50, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["rationale__order", "order"]
        verbose_name = _("perusteen alakohta")
        verbose_name_plural = _("perusteen alakohdat")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.rationale.get_absolute_url()


class CustomerNeed(models.Model):
    """A customer company's need in the needs-mapping model common to all segments (5.2)."""

    code = models.SlugField(_("tunnus"), max_length=50, unique=True)
    name = models.CharField(_("tarve"), max_length=200)
    description = models.TextField(_("kuvaus"), blank=True, max_length=2000)
    segments = models.ManyToManyField(
        "segments.Segment",
        verbose_name=_("segmentit, joissa tarve on olennainen"),
        blank=True,
        related_name="needs",
    )
    source_goals = models.ManyToManyField(
        "segments.Goal",
        verbose_name=_("lähde: asiakasyrityksen tavoitteet (5.1.2)"),
        blank=True,
        related_name="needs",
        help_text=_("Raportin kohdat, joista tarve on johdettu."),
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    is_active = models.BooleanField(_("käytössä"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("asiakastarve")
        verbose_name_plural = _("asiakastarpeet")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offerings:service_list") + f"?need={self.pk}"


class ServiceChannel(models.Model):
    """A channel in which a service is delivered (Yritys-Suomi web, phone, face to face, …)."""

    code = models.SlugField(_("tunnus"), max_length=50, unique=True)
    name = models.CharField(_("nimi"), max_length=200)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("palvelukanava")
        verbose_name_plural = _("palvelukanavat")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offerings:service_list") + f"?channel={self.pk}"


class Service(models.Model):
    """A public business service: who produces it, how, at what price, for which needs."""

    class ProductionMode(models.TextChoices):
        IN_HOUSE = "in_house", _("oma tuotanto")
        PROCURED = "procured", _("ostopalvelu")
        PARTNER = "partner", _("kumppanin tuottama")

    class Pricing(models.TextChoices):
        FREE = "free", _("maksuton")
        SUBSIDISED = "subsidised", _("tuettu hinta")
        MARKET = "market", _("markkinahinta")

    class Status(models.TextChoices):
        CURRENT = "current", _("käytössä")
        HARMONISING = "harmonising", _("yhtenäistettävänä")
        PLANNED = "planned", _("suunnitteilla")
        RETIRED = "retired", _("lakkautettu")

    name = models.CharField(_("nimi"), max_length=200)
    description = models.TextField(_("kuvaus"), blank=True, max_length=5000)
    producers = models.ManyToManyField(
        Organisation, verbose_name=_("tuottajat"), related_name="services_produced"
    )
    production_mode = models.CharField(
        _("tuotantotapa"),
        max_length=20,
        choices=ProductionMode.choices,
        default=ProductionMode.IN_HOUSE,
    )
    partner = models.CharField(
        _("kumppani tai palveluntuottaja"),
        max_length=200,
        blank=True,
        help_text=_("Pakollinen, kun palvelu on ostopalvelu tai kumppanin tuottama."),
    )
    pricing = models.CharField(
        _("hinnoittelu"), max_length=20, choices=Pricing.choices, default=Pricing.FREE
    )
    charging_note = models.CharField(_("veloitus"), max_length=500, blank=True)
    channels = models.ManyToManyField(
        ServiceChannel, verbose_name=_("palvelukanavat"), blank=True, related_name="services"
    )
    rationales = models.ManyToManyField(
        Rationale, verbose_name=_("perusteet"), blank=True, related_name="services"
    )
    needs = models.ManyToManyField(
        CustomerNeed, verbose_name=_("asiakastarpeet"), blank=True, related_name="services"
    )
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.CURRENT
    )
    owner = reference(
        Organisation,
        _("omistaja"),
        related_name="services_owned",
        help_text=_("Organisaatio, joka vastaa palvelun kehittämisestä ja tiedoista."),
    )
    is_demo = models.BooleanField(
        _("demoaineisto"),
        default=False,
        help_text=_("Esimerkkipalvelu; raportti ei luettele palveluja."),
    )
    version = IntegerVersionField()

    class Meta:
        ordering = ["name"]
        verbose_name = _("palvelu")
        verbose_name_plural = _("palvelut")
        constraints = [
            models.CheckConstraint(
                condition=Q(production_mode="in_house") | ~Q(partner=""),
                name="service_partner_named",
                violation_error_message=_(
                    "Ostopalvelulle tai kumppanin tuottamalle palvelulle on nimettävä kumppani."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offerings:service_detail", args=[self.pk])


class SegmentOffering(models.Model):
    """A service offered to a segment: a basic service of the segment, or a targeted transition
    service for companies moving from one segment to another (report 5)."""

    class Kind(models.TextChoices):
        BASIC = "basic", _("peruspalvelu")
        TRANSITION = "transition", _("täsmäpalvelu segmentistä toiseen siirtyville")

    service = reference(Service, _("palvelu"), related_name="offerings", on_delete=models.CASCADE)
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices)
    segment = reference("segments.Segment", _("segmentti"), related_name="offerings", optional=True)
    from_segment = reference("segments.Segment", _("mistä"), related_name="+", optional=True)
    to_segment = reference("segments.Segment", _("mihin"), related_name="+", optional=True)

    class Meta:
        ordering = ["kind", "service__name"]
        verbose_name = _("segmentin tarjooma")
        verbose_name_plural = _("segmenttien tarjooma")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="basic",
                        segment__isnull=False,
                        from_segment__isnull=True,
                        to_segment__isnull=True,
                    )
                    | Q(
                        kind="transition",
                        segment__isnull=True,
                        from_segment__isnull=False,
                        to_segment__isnull=False,
                    )
                ),
                name="offering_shape_by_kind",
                violation_error_message=_(
                    "Peruspalvelulle annetaan segmentti; täsmäpalvelulle segmentti, josta siirrytään, ja segmentti, johon siirrytään."
                ),
            ),
            models.CheckConstraint(
                condition=Q(from_segment__isnull=True) | ~Q(from_segment=F("to_segment")),
                name="offering_transition_moves",
                violation_error_message=_(
                    "Täsmäpalvelun lähtö- ja kohdesegmentti eivät voi olla sama."
                ),
            ),
            models.UniqueConstraint(
                fields=["service", "segment"],
                condition=Q(kind="basic"),
                name="offering_basic_once",
                violation_error_message=_("Palvelu on jo tämän segmentin peruspalvelu."),
            ),
            models.UniqueConstraint(
                fields=["service", "from_segment", "to_segment"],
                condition=Q(kind="transition"),
                name="offering_transition_once",
                violation_error_message=_("Palvelu on jo tämän siirtymän täsmäpalvelu."),
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.BASIC:
            return f"{self.service}: {self.segment}"
        return f"{self.service}: {self.from_segment} → {self.to_segment}"

    def get_absolute_url(self):
        return self.service.get_absolute_url()


class Finding(models.Model):
    """A gap (a need no one serves) or an overlap (several organisations serve it) in a
    segment, opened from the matrix for someone to work on (6.2)."""

    class Kind(models.TextChoices):
        GAP = "gap", _("puute")
        OVERLAP = "overlap", _("päällekkäisyys")

    class Status(models.TextChoices):
        OPEN = "open", _("avoin")
        RESOLVED = "resolved", _("ratkaistu")

    segment = reference("segments.Segment", _("segmentti"), related_name="findings")
    need = reference(CustomerNeed, _("tarve"), related_name="findings")
    kind = models.CharField(_("laji"), max_length=10, choices=Kind.choices)
    note = models.TextField(_("huomio"), max_length=5000)
    # The note is kept as written, in this language.
    original_language = written_language()
    owner = reference(settings.AUTH_USER_MODEL, _("vastuuhenkilö"), related_name="findings")
    status = models.CharField(_("tila"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = user_field(_("avaaja"))
    created_at = models.DateTimeField(_("avattu"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("havainto")
        verbose_name_plural = _("havainnot")
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "need", "kind"],
                condition=Q(status="open"),
                name="finding_one_open_per_cell",
                violation_error_message=_("Tästä kohdasta on jo avoin havainto."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.need} / {self.segment}"

    def get_absolute_url(self):
        return reverse("offerings:finding_list") + f"#havainto-{self.pk}"
