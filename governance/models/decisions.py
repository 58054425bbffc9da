"""The numbered decisions of the bodies (6.1, 8) and the items each decision changed."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import reference, user_field


class DecisionQuerySet(models.QuerySet):
    def next_number(self, year):
        """The next free number of `year` (the service takes it under a lock)."""
        last = self.filter(year=year).aggregate(models.Max("number"))["number__max"]
        return (last or 0) + 1


class Decision(models.Model):
    """A numbered decision of a body at a meeting ("ASR 3/2009"): on a proposal (approve,
    reject, return for preparation), on a strategic question (decided, or returned), or on
    another agenda matter (decided).

    Invariants: the number is unique within its year (a database constraint) and the year
    is the decision date's (`clean`); a decision concerns at most one proposal or question;
    approve and reject concern a proposal, and a proposal is approved or rejected at most
    once; the body is the meeting's. The history rows of the items a decision changes carry
    `history_reason()` as their change reason, and `DecisionEffect` rows link the decision
    to each changed item. Decisions are permanent: never archived, never deleted.
    """

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("päätös", "hyväksytty")
        REJECTED = "rejected", pgettext_lazy("päätös", "hylätty")
        RETURNED = "returned", _("palautettu valmisteluun")
        DECIDED = "decided", _("päätetty")

    number = models.PositiveIntegerField(_("numero"))
    year = models.PositiveSmallIntegerField(_("vuosi"))
    date = models.DateField(_("päivämäärä"))
    meeting = reference("Meeting", _("kokous"), related_name="decisions")
    decided_by = reference("Body", _("päättäjä"), related_name="decisions")
    outcome = models.CharField(_("päätös"), max_length=20, choices=Outcome.choices)
    title = models.CharField(_("asia"), max_length=200, blank=True)
    rationale = models.TextField(_("perustelut"), blank=True, max_length=5000)
    proposal = reference("Proposal", _("ehdotus"), related_name="decisions", optional=True)
    question = reference(
        "StrategicQuestion", _("strateginen kysymys"), related_name="decisions", optional=True
    )
    recorded_by = user_field(_("kirjaaja"), optional=True)
    recorded_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("päätös")
        verbose_name_plural = _("päätökset")
        constraints = [
            models.UniqueConstraint(
                fields=["number", "year"],
                name="decision_number_unique_per_year",
                violation_error_message=_("Tämän vuoden päätöksillä on jo tämä numero."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="decision_number_positive",
                violation_error_message=_("Päätöksen numero on vähintään 1."),
            ),
            models.CheckConstraint(
                condition=Q(proposal__isnull=True) | Q(question__isnull=True),
                name="decision_one_subject",
                violation_error_message=_(
                    "Päätös koskee joko ehdotusta tai strategista kysymystä, ei molempia."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(outcome__in=["approved", "rejected"]) | Q(proposal__isnull=False),
                name="decision_approve_reject_a_proposal",
                violation_error_message=_("Hyväksyä tai hylätä voi vain ehdotuksen."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="decided") | Q(proposal__isnull=True),
                name="decision_proposal_is_approved_rejected_or_returned",
                violation_error_message=_(
                    "Ehdotus hyväksytään, hylätään tai palautetaan valmisteluun."
                ),
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(outcome__in=["approved", "rejected"]),
                name="decision_proposal_settled_once",
                violation_error_message=_("Ehdotuksesta on jo tehty lopullinen päätös."),
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("governance:decision_detail", args=[self.pk])

    @property
    def reference(self):
        """The decision's reference, e.g. "ASR 3/2009" (without a prefix if the body has none)."""
        prefix = self.decided_by.abbreviation if self.decided_by_id else ""
        number = f"{self.number}/{self.year}"
        return f"{prefix} {number}" if prefix else number

    def history_reason(self):
        """The change reason written on the history rows of the items this decision changes."""
        return _("Päätös %(reference)s (%(date)s): %(outcome)s") % {
            "reference": self.reference,
            "date": f"{self.date:%d.%m.%Y}",
            "outcome": self.get_outcome_display(),
        }

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.year and self.date.year != self.year:
            errors["year"] = _("Päätöksen vuosi on sen päivämäärän vuosi.")
        if self.meeting_id and self.decided_by_id and self.meeting.body_id != self.decided_by_id:
            errors["decided_by"] = _("Päätöksen tekee kokouksen pitänyt toimielin.")
        if self.proposal_id and self.decided_by_id and self.decided_by.kind != "strategy_group":
            errors["decided_by"] = _("Ehdotuksista päättää asiakkuusstrategiaryhmä.")
        if errors:
            raise ValidationError(errors)


class DecisionEffect(models.Model):
    """An item a decision changed (a promise confirmed, a goal list replaced, a policy
    chosen…): the link from the decision to the item, and from the item back to the
    decision. Written in the same transaction as the change; append-only."""

    decision = reference(Decision, _("päätös"), related_name="effects", on_delete=models.CASCADE)
    content_type = reference(ContentType, _("kohteen tyyppi"), related_name="+")
    object_id = models.PositiveBigIntegerField(_("kohteen tunniste"))
    item = GenericForeignKey("content_type", "object_id")
    description = models.CharField(_("muutos"), max_length=500)
    created_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = _("päätöksen vaikutus")
        verbose_name_plural = _("päätösten vaikutukset")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "content_type", "object_id"],
                name="decision_effect_item_once",
                violation_error_message=_("Päätöksen vaikutus tähän kohteeseen on jo kirjattu."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.decision}: {self.description}"

    def get_absolute_url(self):
        return self.decision.get_absolute_url()

    # Lines recorded before the labels said plainly what happened to the item.
    LEGACY_LABELS = {
        "Uusi palvelulupauksen vaihtoehto kirjattu": "Uusi vaihtoehto kirjattu",
        "Vaihtoehdon sanamuoto kirjattu": "Strategisen kysymyksen vaihtoehto kirjattu",
        "Vaihtoehto valittu": "Strategisen kysymyksen vaihtoehto valittu",
        "Kysymys ratkaistu": "Strateginen kysymys ratkaistu",
    }

    @property
    def label(self):
        """What happened to the item, in words (the recorded line)."""
        return self.LEGACY_LABELS.get(self.description, self.description)

    def _target(self):
        # Set by governance.selectors.decisions.attach_effect_items (None if removed).
        return getattr(self, "target", None)

    @property
    def target_url(self):
        """The changed item's page: a promise on its segment's page, at the promises; an
        alternative of a strategic question on the question's page."""
        target = self._target()
        if target is None:
            return ""
        url = target.get_absolute_url()
        if self.content_type.model == "servicepromise":
            url += "#lupaukset"
        return url

    @property
    def target_name(self):
        """The link's text: the segment of a promise, the question of an alternative."""
        target = self._target()
        if target is None:
            return ""
        model = self.content_type.model
        if model == "servicepromise":
            return target.segment.name
        if model == "questionalternative":
            return target.question.title
        if model == "strategicquestion":
            return target.title
        return str(target)

    @property
    def target_detail(self):
        """The item itself where the link names its container (a promise's or an
        alternative's wording), for the decision's own page."""
        target = self._target()
        if target is None or self.content_type.model not in (
            "servicepromise",
            "questionalternative",
        ):
            return ""
        return str(target)
