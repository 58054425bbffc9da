"""Segments and what the report says of them: criteria, goals, strategies and promises."""

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference
from core.translation import line_items
from segments.rules import RuleError, parse_rules


class Region(models.Model):
    """A TE-centre area (2008): the region a company and a regional working group belong to."""

    code = models.SlugField(_("tunnus"), max_length=40, unique=True)
    name = models.CharField(_("nimi"), max_length=100)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("alue")
        verbose_name_plural = _("alueet")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("admin:segments_region_change", args=[self.pk])


class ReviewStatus(models.TextChoices):
    """Where a goal or a strategy stands: the report asks to review them, then confirm."""

    DRAFT = "draft", _("luonnos")
    UNDER_REVIEW = "under_review", _("tarkasteltavana")
    CONFIRMED = "confirmed", _("vahvistettu")


class Segment(models.Model):
    """A customer segment of TEM's group (report 2.2, 5.1): who its companies typically are."""

    class CustomerGroup(models.TextChoices):
        PERSON = "person", _("henkilöasiakkaat")
        COMPANY = "company", _("yritysasiakkaat")
        COMMUNITY = "community", _("yhteisöasiakkaat")

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("vahvistettu segmentti")
        CANDIDATE = "candidate", _("ehdolla oleva segmentti")
        COMMUNITY = "community", _("yhteisöt")

    code = models.SlugField(_("tunnus"), max_length=50, unique=True)
    number = models.PositiveSmallIntegerField(
        _("numero"), unique=True, help_text=_("Segmenttien järjestys listoissa ja taulukoissa.")
    )
    customer_group = models.CharField(
        _("asiakasryhmä"),
        max_length=20,
        choices=CustomerGroup.choices,
        default=CustomerGroup.COMPANY,
    )
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nimi"), max_length=200)
    description = models.TextField(_("tyyppikuvaus"), blank=True)
    is_cross_cutting = models.BooleanField(
        _("leikkaa useita segmenttejä"),
        default=False,
        help_text=_(
            "Esimerkiksi uudet toimialat, joita ei voi kohdentaa yhteen nykysegmenttiin (5.1)."
        ),
    )
    has_open_promise_alternative = models.BooleanField(
        _("palvelulupauksella avoin vaihtoehto"),
        default=False,
        help_text=_(
            "Raportin mukaan segmentillä oli kaksi vaihtoehtoista palvelulupausta, joista vain "
            "toinen on kirjattu (5.1.3)."
        ),
    )
    report_reference = models.CharField(_("lähde raportissa"), max_length=50, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("arviointijärjestys"),
        default=100,
        help_text=_(
            "Uudelleensegmentoinnissa yritys sijoitetaan ensimmäiseen segmenttiin, jonka "
            "sijoittumiskriteerit se täyttää; pienin numero arvioidaan ensin."
        ),
    )
    is_active = models.BooleanField(_("käytössä"), default=True)
    version = IntegerVersionField()

    class Meta:
        ordering = ["number"]
        verbose_name = _("segmentti")
        verbose_name_plural = _("segmentit")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("segments:segment_detail", args=[self.code])


class SegmentAlias(models.Model):
    """Another name by which the report calls a segment; search finds the segment by it."""

    segment = reference(Segment, _("segmentti"), related_name="aliases", on_delete=models.CASCADE)
    name = models.CharField(_("nimi"), max_length=200)
    report_reference = models.CharField(_("lähde raportissa"), max_length=50, blank=True)

    class Meta:
        ordering = ["segment__number", "name"]
        verbose_name = _("segmentin vaihtoehtoinen nimi")
        verbose_name_plural = _("segmenttien vaihtoehtoiset nimet")
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "name"],
                name="segment_alias_unique",
                violation_error_message=_("Segmentillä on jo tämä vaihtoehtoinen nimi."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.segment.get_absolute_url()


class Criterion(models.Model):
    """A segment's placement, entry or exit ("jump forward") criterion (report 5.1.1).

    The readable text is what people agree on; machine-checkable rules on company
    attributes attach to a criterion (the re-segmentation issue).
    """

    class Kind(models.TextChoices):
        PLACEMENT = "placement", _("sijoittuminen")
        ENTRY = "entry", _("tulo segmenttiin")
        EXIT = "exit", _("hyppy eteenpäin")

    segment = reference(Segment, _("segmentti"), related_name="criteria", on_delete=models.CASCADE)
    kind = models.CharField(_("kriteerin laji"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("kriteeri"), blank=True)
    rules = models.JSONField(
        _("säännöt"),
        null=True,
        blank=True,
        help_text=_(
            'Koneellisesti tarkistettavat ehdot yritysten ominaisuuksille, esim. {"all": '
            '[{"attribute": "henkilosto", "op": "gte", "value": 250}]}. Ryhmät "all" (kaikki) '
            'ja "any" (jokin) voivat olla sisäkkäin. Tyhjä: ei sääntöjä.'
        ),
    )
    version = IntegerVersionField()

    class Meta:
        ordering = ["segment__number", "kind"]
        verbose_name = _("kriteeri")
        verbose_name_plural = _("kriteerit")
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "kind"],
                name="criterion_one_per_kind",
                violation_error_message=_("Segmentillä on jo tämän lajin kriteeri."),
            )
        ]

    def __str__(self):
        return f"{self.segment}: {self.get_kind_display()}"

    def get_absolute_url(self):
        return self.segment.get_absolute_url()

    @property
    def is_defined(self):
        return bool(self.text.strip())

    @property
    def has_rules(self):
        return bool(self.rules)

    def clean(self):
        super().clean()
        if self.rules in ("", {}, []):
            self.rules = None
        if self.rules is not None:
            try:
                # Against the attributes as they are now (the lookup SegmentsConfig installs).
                parse_rules(self.rules)
            except RuleError as error:
                raise ValidationError({"rules": str(error)}) from error


class Goal(models.Model):
    """One goal of a segment, from the public actor's or the customer company's view (5.1.2)."""

    class Perspective(models.TextChoices):
        PUBLIC_ACTOR = "public_actor", _("julkisen toimijan tavoitteet")
        CUSTOMER = "customer", _("asiakasyrityksen tavoitteet")

    segment = reference(Segment, _("segmentti"), related_name="goals", on_delete=models.CASCADE)
    perspective = models.CharField(_("näkökulma"), max_length=20, choices=Perspective.choices)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    text = models.TextField(_("tavoite"), max_length=1000)
    status = models.CharField(
        _("tila"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    report_key = models.CharField(
        _("raportin kohta"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Raportin kohta, josta alkutieto on ladattu; tyhjä käyttäjän lisäämissä tavoitteissa."
        ),
    )
    version = IntegerVersionField()

    class Meta:
        ordering = ["segment__number", "perspective", "order", "pk"]
        verbose_name = _("tavoite")
        verbose_name_plural = _("tavoitteet")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.segment.get_absolute_url()


class Strategy(models.Model):
    """A segment's strategy (5.1.3): how TEM's group works with the segment's customers."""

    segment = models.OneToOneField(
        Segment, verbose_name=_("segmentti"), on_delete=models.CASCADE, related_name="strategy"
    )
    text = models.TextField(_("segmenttikohtainen strategia"), max_length=2000)
    points = models.TextField(
        _("tarkennukset"),
        blank=True,
        max_length=2000,
        help_text=_("Yksi kohta riville."),
    )
    status = models.CharField(
        _("tila"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    version = IntegerVersionField()

    class Meta:
        ordering = ["segment__number"]
        verbose_name = _("strategia")
        verbose_name_plural = _("strategiat")

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.segment.get_absolute_url()

    @staticmethod
    def split_points(points):
        """The points of a strategy text, one per line."""
        return line_items(points)


ONE_CONFIRMED_PROMISE_MESSAGE = _(
    "Segmentillä on jo vahvistettu palvelulupaus. Palauta se ensin vaihtoehdoksi "
    "tai ehdotukseksi; vahvistettuja lupauksia voi olla vain yksi."
)


class ServicePromise(models.Model):
    """What the public actors together promise a segment's customers (5.1.3).

    A segment may weigh several alternative wordings, but only one can be confirmed; and a
    promise published to customers must exist in Swedish too (Language Act 423/2003). An
    alternative that lost a choice is kept as an archived alternative, with its history.
    """

    class Status(models.TextChoices):
        ALTERNATIVE = "alternative", _("vaihtoehto")
        PROPOSED = "proposed", _("ehdotettu")
        CONFIRMED = "confirmed", _("vahvistettu")
        ARCHIVED = "archived", _("arkistoitu vaihtoehto")

    segment = reference(Segment, _("segmentti"), related_name="promises", on_delete=models.CASCADE)
    text = models.TextField(_("palvelulupaus"), max_length=1000)
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.ALTERNATIVE
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    report_key = models.CharField(
        _("raportin kohta"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    version = IntegerVersionField()

    class Meta:
        ordering = ["segment__number", "order", "pk"]
        verbose_name = _("palvelulupaus")
        verbose_name_plural = _("palvelulupaukset")
        constraints = [
            models.UniqueConstraint(
                fields=["segment"],
                condition=Q(status="confirmed"),
                name="promise_one_confirmed_per_segment",
                violation_error_message=ONE_CONFIRMED_PROMISE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | (Q(text_sv__isnull=False) & ~Q(text_sv="")),
                name="promise_confirmed_has_swedish_text",
                violation_error_message=_(
                    "Palvelulupausta ei voi vahvistaa ennen kuin sen ruotsinkielinen teksti on kirjoitettu."
                ),
            ),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.segment.get_absolute_url()
