"""Customer planning on four levels (5.6): plans with goals, actions, investments,
resources, results and metrics."""

from decimal import Decimal

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Abs
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field, written_language


class PlanningLevel(models.TextChoices):
    """The four levels of customer planning the report lists in 5.6."""

    WHOLE_BASE = "whole_base", _("TEM:n asiakaskanta (koko kanta ja segmenttikohtainen tarkastelu)")
    ORGANISATION_BASE = "organisation_base", _("TEM:n eri toimijoiden asiakaskannat")
    PORTFOLIO = "portfolio", _("vastuuhenkilöiden tai -tiimien asiakassalkut")
    CUSTOMER = "customer", _("yksittäisten asiakkuuksien asiakkuussuunnittelu")


class Plan(models.Model):
    """A customer plan of one year on one planning level (5.6), for what the level plans.

    Invariants (a database constraint per level): the whole base names no organisation,
    team, person or company (a segment narrows it to a segment view); an organisation's
    base names the organisation; a portfolio names exactly one of a customer team or a
    responsible person; an individual customer plan names the company (and may name its
    customer team or person). A portfolio or customer plan is owned by an organisation (it
    decides who reads the plan), and its responsible person works there (`clean`).
    Archived, never deleted; optimistic locking.
    """

    level = models.CharField(_("suunnittelutaso"), max_length=20, choices=PlanningLevel.choices)
    year = models.PositiveSmallIntegerField(
        _("vuosi"), validators=[MinValueValidator(2008), MaxValueValidator(2100)]
    )
    title = models.CharField(_("otsikko"), max_length=200)
    description = models.TextField(_("kuvaus"), blank=True, max_length=5000)
    # The title and description are kept as written, in this language.
    original_language = written_language()
    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="plans", optional=True
    )
    segment = reference("segments.Segment", _("segmentti"), related_name="plans", optional=True)
    team = reference(
        "responsibility.CustomerTeam", _("asiakkuustiimi"), related_name="plans", optional=True
    )
    person = reference("offerings.Person", _("vastuuhenkilö"), related_name="plans", optional=True)
    company = reference("segments.Company", _("asiakasyritys"), related_name="plans", optional=True)
    created_by = user_field(_("laatija"), optional=True)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)
    version = IntegerVersionField()

    class Meta:
        ordering = ["-year", "level", "title"]
        verbose_name = _("suunnitelma")
        verbose_name_plural = _("suunnitelmat")
        constraints = [
            models.CheckConstraint(
                condition=~Q(level="whole_base")
                | Q(
                    organisation__isnull=True,
                    team__isnull=True,
                    person__isnull=True,
                    company__isnull=True,
                ),
                name="plan_whole_base_shape",
                violation_error_message=_(
                    "Koko asiakaskannan suunnitelma ei koske yhtä organisaatiota, tiimiä, "
                    "henkilöä tai yritystä."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(level="organisation_base")
                | Q(
                    organisation__isnull=False,
                    team__isnull=True,
                    person__isnull=True,
                    company__isnull=True,
                ),
                name="plan_organisation_base_shape",
                violation_error_message=_(
                    "Toimijan asiakaskannan suunnitelmalle valitaan organisaatio (ei tiimiä, "
                    "henkilöä tai yritystä)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(level="portfolio")
                | (
                    Q(company__isnull=True)
                    & (
                        Q(team__isnull=False, person__isnull=True)
                        | Q(team__isnull=True, person__isnull=False)
                    )
                ),
                name="plan_portfolio_shape",
                violation_error_message=_(
                    "Asiakassalkun suunnitelmalle valitaan joko asiakkuustiimi tai "
                    "vastuuhenkilö (ei yritystä)."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(level="customer") | Q(company__isnull=False),
                name="plan_customer_shape",
                violation_error_message=_("Asiakkuussuunnitelmalle valitaan asiakasyritys."),
            ),
        ]

    def __str__(self):
        return f"{self.title} {self.year}"

    def get_absolute_url(self):
        return reverse("governance:plan_detail", args=[self.pk])

    def clean(self):
        super().clean()
        errors = {}
        if self.level == PlanningLevel.WHOLE_BASE and self.organisation_id:
            errors["organisation"] = _(
                "Koko asiakaskannan suunnitelmalle ei valita organisaatiota."
            )
        elif self.level in (PlanningLevel.PORTFOLIO, PlanningLevel.CUSTOMER) and not (
            self.organisation_id
        ):
            # The owning organisation decides who may read a portfolio or customer plan.
            errors["organisation"] = _(
                "Asiakassalkun ja asiakkuussuunnitelman omistaa organisaatio: valitse se."
            )
        if (
            self.person_id
            and self.organisation_id
            and self.person.organisation_id != self.organisation_id
        ):
            errors["person"] = _("Vastuuhenkilön on kuuluttava valittuun organisaatioon.")
        if errors:
            raise ValidationError(errors)


class PlanItem(models.Model):
    """One line of a plan: a goal, an action, an investment, a resource or a result (5.6:
    "tavoitteet, tekemiset, mittarit, panostukset, resurssit, tulokset"; metrics are
    `Metric` rows)."""

    class Kind(models.TextChoices):
        GOAL = "goal", _("tavoite")
        ACTION = "action", _("tekeminen")
        INVESTMENT = "investment", _("panostus")
        RESOURCE = "resource", _("resurssi")
        RESULT = "result", _("tulos")

    plan = reference(Plan, _("suunnitelma"), related_name="items", on_delete=models.CASCADE)
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("sisältö"), max_length=3000)
    # The text is kept as written, in this language (an item may be written by someone
    # other than the plan's author, in another language).
    original_language = written_language()
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)
    # Two people recording the same item at once: the second save is refused, not lost.
    version = IntegerVersionField()

    class Meta:
        ordering = ["plan", "kind", "order", "pk"]
        verbose_name = _("suunnitelman kohta")
        verbose_name_plural = _("suunnitelman kohdat")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.plan.get_absolute_url()


# A metric within this share of its target (on the wrong side) is at risk; beyond, off track.
DEFAULT_TOLERANCE_PERCENT = Decimal("10")


class MetricStatus(models.TextChoices):
    ON_TRACK = "on_track", _("tavoitteessa")
    AT_RISK = "at_risk", _("vaarassa jäädä tavoitteesta")
    OFF_TRACK = "off_track", _("jäljessä tavoitteesta")
    NO_DATA = "no_data", _("ei toteumaa")


class MetricQuerySet(models.QuerySet):
    def with_status(self):
        """Annotate `computed_status` in the database, by the same rule as `Metric.status`.

        Both sides are scaled by 100 instead of dividing the margin by 100: SQLite stores
        whole decimals as integers and would divide them as integers (4 × 10 / 100 = 0).
        """
        hundred = Value(Decimal("100"))
        actual = F("actual") * hundred
        target = F("target") * hundred
        margin = Abs(F("target")) * F("tolerance_percent")
        return self.annotate(
            computed_status=Case(
                When(actual__isnull=True, then=Value(MetricStatus.NO_DATA.value)),
                When(
                    higher_is_better=True,
                    actual__gte=F("target"),
                    then=Value(MetricStatus.ON_TRACK.value),
                ),
                When(
                    GreaterThanOrEqual(actual, target - margin),
                    higher_is_better=True,
                    then=Value(MetricStatus.AT_RISK.value),
                ),
                When(higher_is_better=True, then=Value(MetricStatus.OFF_TRACK.value)),
                When(actual__lte=F("target"), then=Value(MetricStatus.ON_TRACK.value)),
                When(
                    LessThanOrEqual(actual, target + margin),
                    then=Value(MetricStatus.AT_RISK.value),
                ),
                default=Value(MetricStatus.OFF_TRACK.value),
                output_field=models.CharField(),
            )
        )


class Metric(models.Model):
    """A plan's metric for a year: unit, target and actual, and whether more is better.

    Status, by the stated thresholds: no actual yet — no data; the target reached (at or
    above it when higher is better, at or below it otherwise) — on track; short of it by at
    most `tolerance_percent` of the target's magnitude — at risk; further — off track.
    `MetricQuerySet.with_status()` computes the same in the database.
    """

    plan = reference(Plan, _("suunnitelma"), related_name="metrics", on_delete=models.CASCADE)
    name = models.CharField(_("mittari"), max_length=200)
    unit = models.CharField(_("yksikkö"), max_length=50, blank=True)
    year = models.PositiveSmallIntegerField(
        _("vuosi"), validators=[MinValueValidator(2008), MaxValueValidator(2100)]
    )
    target = models.DecimalField(_("tavoite"), max_digits=16, decimal_places=2)
    actual = models.DecimalField(
        _("toteuma"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    higher_is_better = models.BooleanField(_("suurempi on parempi"), default=True)
    tolerance_percent = models.DecimalField(
        _("vaara-alue (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_TOLERANCE_PERCENT,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Kuinka paljon tavoitteesta saa jäädä, ennen kuin mittari on jäljessä."),
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)
    # Actuals are recorded by several people during the year: a stale save is refused.
    version = IntegerVersionField()

    objects = MetricQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "name", "year"]
        verbose_name = _("mittari")
        verbose_name_plural = _("mittarit")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "name", "year"],
                name="metric_once_per_plan_and_year",
                violation_error_message=_("Suunnitelmassa on jo tämä mittari tälle vuodelle."),
            ),
            models.CheckConstraint(
                condition=Q(tolerance_percent__gte=0, tolerance_percent__lte=100),
                name="metric_tolerance_is_a_percentage",
                violation_error_message=_("Vaara-alue on 0–100 prosenttia."),
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.year}"

    def get_absolute_url(self):
        return self.plan.get_absolute_url()

    @property
    def status(self):
        if self.actual is None:
            return MetricStatus.NO_DATA
        margin = abs(self.target) * self.tolerance_percent / Decimal("100")
        if self.higher_is_better:
            if self.actual >= self.target:
                return MetricStatus.ON_TRACK
            return (
                MetricStatus.AT_RISK
                if self.actual >= self.target - margin
                else MetricStatus.OFF_TRACK
            )
        if self.actual <= self.target:
            return MetricStatus.ON_TRACK
        return (
            MetricStatus.AT_RISK if self.actual <= self.target + margin else MetricStatus.OFF_TRACK
        )

    def get_status_display(self):
        return MetricStatus(self.status).label
