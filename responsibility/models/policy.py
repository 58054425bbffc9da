"""How responsibility is organised in each segment (5.4): one of the report's two alternatives."""

from concurrency.fields import IntegerVersionField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference


class ResponsibilityPolicy(models.Model):
    """A segment's choice of customer responsibility: long-term (a) or handover (b), 5.4.

    The report leaves the choice open (section 8's second key decision); each segment's slot
    starts "not yet decided".
    """

    class Mode(models.TextChoices):
        UNDECIDED = "undecided", _("ei vielä päätetty")
        LONG_TERM = "long_term", _("a) pitkäjänteinen asiakasvastuu")
        HANDOVER = "handover", _("b) vaihtuva asiakasvastuu (kapulan vaihto)")

    class Scope(models.TextChoices):
        NAMED = "named", _("nimetyt asiakkaat")
        SEGMENT = "segment", _("koko segmentti")
        TARGET_GROUP = "target_group", _("segmentin kohderyhmä")

    class Emphasis(models.TextChoices):
        REACTIVE = "reactive", _("reaktiivinen")
        PROACTIVE = "proactive", _("proaktiivinen")
        BOTH = "both", _("molemmat")

    segment = models.OneToOneField(
        "segments.Segment",
        verbose_name=_("segmentti"),
        on_delete=models.PROTECT,
        related_name="responsibility_policy",
    )
    mode = models.CharField(
        _("asiakasvastuun malli"), max_length=20, choices=Mode.choices, default=Mode.UNDECIDED
    )
    scope = models.CharField(_("vastuun kohde"), max_length=20, choices=Scope.choices, blank=True)
    target_group = models.TextField(_("kohderyhmän kuvaus"), blank=True, max_length=2000)
    lead_organisation = reference(
        "offerings.Organisation", _("päävastuullinen organisaatio"), related_name="+", optional=True
    )
    forms_customer_teams = models.BooleanField(_("muodostetaan asiakkuustiimejä"), default=False)
    team_lead_organisation = reference(
        "offerings.Organisation", _("tiimejä johtaa"), related_name="+", optional=True
    )
    competences = models.TextField(_("painottuvat osaamiset"), blank=True, max_length=3000)
    emphasis = models.CharField(_("painotus"), max_length=20, choices=Emphasis.choices, blank=True)
    information_flow = models.TextField(
        _("miten tieto siirtyy toimijoiden välillä"), blank=True, max_length=3000
    )
    decision_reference = models.CharField(
        _("päätös"),
        max_length=200,
        blank=True,
        help_text=_("Asiakkuusstrategiaryhmän päätös, jolla malli on valittu."),
    )
    version = IntegerVersionField()

    class Meta:
        ordering = ["segment__number"]
        verbose_name = _("asiakasvastuun malli")
        verbose_name_plural = _("asiakasvastuun mallit")
        constraints = [
            models.CheckConstraint(
                condition=~Q(scope="target_group") | ~Q(target_group=""),
                name="policy_target_group_described",
                violation_error_message=_("Kun vastuu koskee kohderyhmää, kuvaa kohderyhmä."),
            ),
        ]

    def __str__(self):
        return f"{self.segment}: {self.get_mode_display()}"

    def get_absolute_url(self):
        return reverse("responsibility:coverage") + f"#segmentti-{self.segment_id}"
