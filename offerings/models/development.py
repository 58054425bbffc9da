"""Developing the offering (5.2, 5.3, 5.7): harmonisation and long-term work, the service model
of each segment, and the shared tools."""

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference

from .offering import ServiceChannel
from .organisation import Organisation


class DevelopmentItem(models.Model):
    """A piece of offering development: harmonising the current offering in a sub-working
    group, or long-term development (5.2's two parallel paths)."""

    class Kind(models.TextChoices):
        HARMONISATION = "harmonisation", _("nykytarjooman yhteensovittaminen")
        LONG_TERM = "long_term", _("tarjooman pitkäjänteinen kehittäminen")

    class Status(models.TextChoices):
        PLANNED = "planned", _("suunniteltu")
        IN_PROGRESS = "in_progress", _("käynnissä")
        DONE = "done", _("valmis")

    kind = models.CharField(_("kehittämispolku"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("aihe"), max_length=300)
    sub_working_group = models.CharField(_("alatyöryhmä"), max_length=300, blank=True)
    coordinator = reference(
        Organisation, _("koordinoiva organisaatio"), related_name="development_items", optional=True
    )
    segments = models.ManyToManyField(
        "segments.Segment",
        verbose_name=_("segmentit"),
        blank=True,
        related_name="development_items",
    )
    deadline = models.DateField(_("määräaika"), null=True, blank=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    result = models.TextField(_("tulos"), blank=True, max_length=5000)
    report_key = models.CharField(max_length=50, unique=True, null=True, blank=True, editable=False)
    version = IntegerVersionField()

    class Meta:
        ordering = ["kind", "deadline", "title"]
        verbose_name = _("kehittämistehtävä")
        verbose_name_plural = _("kehittämistehtävät")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("offerings:development_list") + f"#tehtava-{self.pk}"


class ServiceModel(models.Model):
    """How a segment is served (5.3): who does what, how, with whom, on whose initiative, in
    which channels; what is produced in-house and what by partners."""

    class Initiative(models.TextChoices):
        CUSTOMER = "customer", _("asiakkaan aloitteesta")
        AGENCY = "agency", _("toimijan aloitteesta")
        PROACTIVE = "proactive", _("ennakoiva yhteydenotto")

    class LifecycleStage(models.TextChoices):
        # The customer's and the customership's life cycle (5.3); the report names no stages,
        # so these are the usual ones of customer relationship management.
        AWARENESS = "awareness", _("tunnistaminen ja tavoittaminen")
        START = "start", _("asiakkuuden alku")
        GROWTH = "growth", _("kehittyminen ja kasvu")
        TRANSITION = "transition", _("siirtymä toiseen segmenttiin")
        RENEWAL = "renewal", _("murros tai uudistuminen")
        END = "end", _("asiakkuuden päättyminen")

    # The model's texts, translated (fi/sv/en): proposed, imported and edited as a set.
    TEXT_FIELDS = (
        "who_does_what",
        "how",
        "with_whom",
        "distribution_channels",
        "in_house",
        "partners",
        "marketing_principles",
    )

    segment = models.OneToOneField(
        "segments.Segment",
        verbose_name=_("segmentti"),
        on_delete=models.PROTECT,
        related_name="service_model",
    )
    who_does_what = models.TextField(_("kuka tekee mitä"), blank=True, max_length=5000)
    how = models.TextField(_("miten"), blank=True, max_length=5000)
    with_whom = models.TextField(_("kenen kanssa"), blank=True, max_length=5000)
    initiative = models.CharField(
        _("kenen aloitteesta"), max_length=20, choices=Initiative.choices, blank=True
    )
    service_channels = models.ManyToManyField(
        ServiceChannel, verbose_name=_("palvelukanavat"), blank=True, related_name="service_models"
    )
    distribution_channels = models.TextField(_("jakelukanavat"), blank=True, max_length=2000)
    in_house = models.TextField(_("oma tuotanto"), blank=True, max_length=5000)
    partners = models.TextField(_("kumppaneiden tuottamat"), blank=True, max_length=5000)
    marketing_principles = models.TextField(
        _("markkinointiviestinnän periaatteet"), blank=True, max_length=5000
    )
    lifecycle_stages = models.JSONField(_("elinkaaren vaiheet"), default=list, blank=True)
    version = IntegerVersionField()

    class Meta:
        ordering = ["segment__number"]
        verbose_name = _("palvelumalli")
        verbose_name_plural = _("palvelumallit")

    def __str__(self):
        return str(self.segment)

    def get_absolute_url(self):
        return reverse("offerings:service_model_detail", args=[self.segment.code])

    def clean(self):
        super().clean()
        stages = self.lifecycle_stages
        if not isinstance(stages, list) or any(s not in self.LifecycleStage.values for s in stages):
            raise ValidationError(
                {
                    "lifecycle_stages": _("Elinkaaren vaiheet ovat luettelo arvoista: %(values)s.")
                    % {"values": ", ".join(self.LifecycleStage.values)}
                }
            )


class SharedTool(models.Model):
    """A tool the actors share, or a need for a new one (5.7: to be surveyed)."""

    class Kind(models.TextChoices):
        CURRENT = "current", _("nykyinen yhteiskäyttöinen työkalu")
        NEED = "need", _("tarve uudelle työkalulle")

    kind = models.CharField(_("laji"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("nimi"), max_length=200)
    description = models.TextField(_("kuvaus"), blank=True, max_length=5000)
    owner = reference(Organisation, _("ylläpitäjä"), related_name="tools", optional=True)
    users = models.ManyToManyField(
        Organisation, verbose_name=_("käyttäjäorganisaatiot"), blank=True, related_name="tools_used"
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("työkalu")
        verbose_name_plural = _("työkalut")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offerings:tool_list") + f"#tyokalu-{self.pk}"
