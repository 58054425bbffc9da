"""The register of strategic questions the report leaves open (5.1.1, 5.1.3, 5.4, 5.5,
6.3, 8), each with its alternatives and, once settled, the decision."""

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference
from responsibility.models import DataSharingSetting, ResponsibilityPolicy


class StrategicQuestion(models.Model):
    """An open strategic question with alternatives: shared vs own customers, responsibility
    organisation per segment, promise alternatives, candidate segments, regional groups'
    scope (the report's key decisions).

    `subject` tells what a decision on the question changes, so the service can apply the
    chosen alternative: the data-sharing setting, a segment's responsibility policy, its
    service promises, the segment itself, or nothing stored (regional scope, other).

    Invariants: a decided question has its decision and only a decided one does; questions
    about a segment's item name the segment, the group-wide ones do not; one active question
    per subject and segment for the per-segment subjects. Archived, never deleted.
    """

    class Subject(models.TextChoices):
        DATA_SHARING = "data_sharing", _("yhteiset vai omat asiakkaat")
        RESPONSIBILITY = "responsibility", _("asiakasvastuun organisointi")
        SERVICE_PROMISE = "service_promise", _("palvelulupauksen vaihtoehdot")
        SEGMENT_EXISTENCE = "segment_existence", _("segmentin olemassaolo")
        REGIONAL_SCOPE = "regional_scope", _("alueellisten työryhmien kokoonpano")
        OTHER = "other", _("muu kysymys")

    class Status(models.TextChoices):
        OPEN = "open", _("avoin")
        UNDER_PREPARATION = "under_preparation", _("valmistelussa")
        DECIDED = "decided", _("päätetty")

    PER_SEGMENT_SUBJECTS = ("responsibility", "service_promise", "segment_existence")
    GROUP_WIDE_SUBJECTS = ("data_sharing", "regional_scope")

    code = models.SlugField(_("tunnus"), max_length=80, unique=True)
    subject = models.CharField(_("aihe"), max_length=30, choices=Subject.choices)
    title = models.CharField(_("kysymys"), max_length=500)
    description = models.TextField(_("kuvaus"), blank=True, max_length=5000)
    report_reference = models.CharField(_("lähde raportissa"), max_length=50, blank=True)
    segment = reference(
        "segments.Segment", _("segmentti"), related_name="strategic_questions", optional=True
    )
    status = models.CharField(_("tila"), max_length=20, choices=Status.choices, default=Status.OPEN)
    preparing_body = reference(
        "Body", _("valmisteleva toimielin"), related_name="questions_prepared", optional=True
    )
    decision = reference("Decision", _("päätös"), related_name="settled_questions", optional=True)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)
    version = IntegerVersionField()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("strateginen kysymys")
        verbose_name_plural = _("strategiset kysymykset")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="decided") & Q(decision__isnull=False))
                | (~Q(status="decided") & Q(decision__isnull=True)),
                name="question_decided_has_decision",
                violation_error_message=_("Päätetyllä kysymyksellä on päätös, eikä avoimella ole."),
            ),
            models.CheckConstraint(
                condition=~Q(subject__in=["responsibility", "service_promise", "segment_existence"])
                | Q(segment__isnull=False),
                name="question_per_segment_has_segment",
                violation_error_message=_("Valitse segmentti, jota kysymys koskee."),
            ),
            models.CheckConstraint(
                condition=~Q(subject__in=["data_sharing", "regional_scope"])
                | Q(segment__isnull=True),
                name="question_group_wide_has_no_segment",
                violation_error_message=_(
                    "Tämä kysymys koskee koko konsernia, ei yhtä segmenttiä."
                ),
            ),
            models.UniqueConstraint(
                fields=["subject", "segment"],
                condition=Q(
                    subject__in=["responsibility", "service_promise", "segment_existence"],
                    is_archived=False,
                ),
                name="question_one_per_subject_and_segment",
                violation_error_message=_("Segmentillä on jo tätä aihetta koskeva kysymys."),
            ),
        ]

    def __str__(self):
        if self.segment_id:
            return f"{self.title} ({self.segment})"
        return self.title

    def get_absolute_url(self):
        return reverse("governance:question_detail", args=[self.pk])

    @property
    def chosen_alternative(self):
        return next((a for a in self.alternatives.all() if a.is_chosen), None)


def _target_values(subject):
    """The values a chosen alternative may set on the question's target."""
    if subject == StrategicQuestion.Subject.RESPONSIBILITY:
        return [v for v in ResponsibilityPolicy.Mode.values if v != "undecided"]
    if subject == StrategicQuestion.Subject.DATA_SHARING:
        return [v for v in DataSharingSetting.Strategy.values if v != "undecided"]
    return []


class QuestionAlternative(models.Model):
    """One alternative of a strategic question, in the report's order.

    Where the report says an alternative exists but gives no wording (the second promise of
    the domestic-market and international-growth segments, 5.1.3), the slot exists with an
    empty text until a working group writes it. `promise` links a promise alternative to
    its ServicePromise row; `target_value` is the value the question's target takes when
    the alternative is chosen (a responsibility mode, a data-sharing strategy).

    Invariants: at most one chosen alternative per question; an empty slot cannot be chosen;
    a linked promise is the question's segment's; the target value fits the subject.
    """

    question = reference(
        StrategicQuestion, _("kysymys"), related_name="alternatives", on_delete=models.CASCADE
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    label = models.CharField(
        _("tunnus"), max_length=10, blank=True, help_text=_("Esim. a) tai b).")
    )
    text = models.TextField(
        _("vaihtoehto"),
        blank=True,
        max_length=2000,
        help_text=_("Tyhjä, kun raportti mainitsee vaihtoehdon mutta ei sen sanamuotoa."),
    )
    description = models.TextField(_("kuvaus"), blank=True, max_length=5000)
    promise = reference(
        "segments.ServicePromise",
        _("palvelulupaus"),
        related_name="question_alternatives",
        optional=True,
    )
    target_value = models.CharField(
        _("valinnan vaikutus"),
        max_length=30,
        blank=True,
        help_text=_("Arvo, jonka kysymyksen kohde saa, kun tämä vaihtoehto valitaan."),
    )
    is_chosen = models.BooleanField(_("valittu"), default=False)
    report_key = models.CharField(
        _("raportin kohta"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["question__order", "question__code", "order", "pk"]
        verbose_name = _("vaihtoehto")
        verbose_name_plural = _("vaihtoehdot")
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(is_chosen=True),
                name="alternative_one_chosen_per_question",
                violation_error_message=_("Kysymyksessä on jo valittu vaihtoehto."),
            ),
            models.CheckConstraint(
                condition=Q(is_chosen=False)
                | (Q(text_fi__isnull=False) & ~Q(text_fi=""))
                | Q(promise__isnull=False),
                name="alternative_chosen_is_worded",
                violation_error_message=_(
                    "Vaihtoehtoa ei voi valita ennen kuin sen sanamuoto on kirjoitettu."
                ),
            ),
        ]

    def __str__(self):
        text = (
            self.text or (self.promise.text if self.promise_id else "") or _("(sanamuoto puuttuu)")
        )
        return f"{self.label} {text}".strip()

    def get_absolute_url(self):
        return self.question.get_absolute_url()

    @property
    def is_empty_slot(self):
        return not (self.text or "").strip() and not self.promise_id

    def clean(self):
        super().clean()
        errors = {}
        if self.question_id:
            question = self.question
            if self.promise_id and self.promise.segment_id != question.segment_id:
                errors["promise"] = _("Palvelulupaus ei ole kysymyksen segmentin lupaus.")
            allowed = _target_values(question.subject)
            if self.target_value and self.target_value not in allowed:
                errors["target_value"] = (
                    _("Sallitut arvot: %(values)s.") % {"values": ", ".join(allowed)}
                    if allowed
                    else _("Tämän kysymyksen vaihtoehdoilla ei ole vaikutusarvoa.")
                )
        if errors:
            raise ValidationError(errors)
