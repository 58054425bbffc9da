"""Meetings of the bodies and the decisions they record (6.1): agenda, attendance, minutes,
numbered decisions and the items each decision changed."""

from concurrency.fields import IntegerVersionField
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Meeting(models.Model):
    """A meeting of a body: planned, then open while it is held and its decisions are
    written down, then closed — closing records the decisions (`Decision` rows) of its
    agenda. A closed meeting has its closing time and closer; it is archived, never deleted.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("suunniteltu")
        OPEN = "open", _("pidetty, avoinna")
        CLOSED = "closed", _("suljettu")

    TRANSITIONS = {
        Status.PLANNED: {Status.OPEN},
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    body = models.ForeignKey(
        "Body", verbose_name=_("toimielin"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("päivämäärä"))
    title = models.CharField(_("otsikko"), max_length=200)
    location = models.CharField(_("paikka"), max_length=200, blank=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    minutes = models.TextField(_("pöytäkirja"), blank=True, max_length=20000)
    closed_at = models.DateTimeField(_("suljettu"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sulkija"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_archived = models.BooleanField(_("arkistoitu"), default=False)
    version = IntegerVersionField()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("kokous")
        verbose_name_plural = _("kokoukset")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="closed") & Q(closed_at__isnull=False))
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="meeting_closed_has_time",
                violation_error_message=_("Suljetulla kokouksella on sulkemisaika, muilla ei."),
            ),
        ]
        indexes = [models.Index(fields=["body", "date"])]

    def __str__(self):
        return f"{self.body}: {self.title} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])

    def can_become(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]


class AgendaItem(models.Model):
    """An item on a meeting's agenda: a proposal, a strategic question, or a matter in
    free text (for information, or for the advisory board to discuss).

    While the meeting is open, `outcome` and `outcome_rationale` note what was resolved;
    closing the meeting turns them into a numbered `Decision`, linked back in `decision`.
    Invariant: the item's kind and what it points to agree (a database constraint); a
    proposal appears once on a meeting's agenda.
    """

    class Kind(models.TextChoices):
        PROPOSAL = "proposal", _("ehdotus")
        QUESTION = "question", _("strateginen kysymys")
        OTHER = "other", _("muu asia")

    class Outcome(models.TextChoices):
        """What the meeting resolved; all but "noted" become a numbered decision."""

        APPROVED = "approved", pgettext_lazy("päätös", "hyväksytty")
        REJECTED = "rejected", pgettext_lazy("päätös", "hylätty")
        RETURNED = "returned", _("palautettu valmisteluun")
        DECIDED = "decided", _("päätetty")
        NOTED = "noted", _("merkitty tiedoksi")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("kokous"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices)
    proposal = models.ForeignKey(
        "Proposal",
        verbose_name=_("ehdotus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    question = models.ForeignKey(
        "StrategicQuestion",
        verbose_name=_("strateginen kysymys"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    title = models.CharField(
        _("otsikko"), max_length=200, blank=True, help_text=_("Pakollinen muulle asialle.")
    )
    text = models.TextField(_("selostus"), blank=True, max_length=5000)
    outcome = models.CharField(
        _("käsittelyn tulos"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
    )
    outcome_rationale = models.TextField(_("perustelut"), blank=True, max_length=5000)
    chosen_alternative = models.ForeignKey(
        "QuestionAlternative",
        verbose_name=_("valittu vaihtoehto"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Kysymystä käsiteltäessä valittu vaihtoehto; kirjataan päätökseksi suljettaessa."
        ),
    )
    decision = models.OneToOneField(
        "Decision",
        verbose_name=_("päätös"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_item",
    )
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("asialistan kohta")
        verbose_name_plural = _("asialistan kohdat")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="proposal", proposal__isnull=False, question__isnull=True)
                | Q(kind="question", question__isnull=False, proposal__isnull=True)
                | (Q(kind="other", proposal__isnull=True, question__isnull=True) & ~Q(title="")),
                name="agenda_item_points_to_its_kind",
                violation_error_message=_(
                    "Ehdotusta koskeva kohta viittaa ehdotukseen, kysymystä koskeva "
                    "kysymykseen; muulla asialla on otsikko."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "proposal"],
                condition=Q(proposal__isnull=False),
                name="agenda_item_proposal_once",
                violation_error_message=_("Ehdotus on jo tämän kokouksen asialistalla."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "question"],
                condition=Q(question__isnull=False),
                name="agenda_item_question_once",
                violation_error_message=_("Kysymys on jo tämän kokouksen asialistalla."),
            ),
        ]

    def __str__(self):
        if self.proposal_id:
            return str(self.proposal)
        if self.question_id:
            return str(self.question)
        return self.title

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


class Attendance(models.Model):
    """Who attended a meeting from one organisation: names or a count, and whether present.

    Invariant: an organisation is listed once per meeting; an absent organisation has no
    attendees counted.
    """

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("kokous"), on_delete=models.CASCADE, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "offerings.Organisation",
        verbose_name=_("organisaatio"),
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
    )
    attendee_names = models.TextField(
        _("osallistujat"), blank=True, max_length=2000, help_text=_("Yksi nimi riville.")
    )
    attendee_count = models.PositiveSmallIntegerField(_("osallistujia"), null=True, blank=True)
    is_present = models.BooleanField(_("paikalla"), default=True)

    class Meta:
        ordering = ["meeting", "organisation__order"]
        verbose_name = _("läsnäolo")
        verbose_name_plural = _("läsnäolot")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                name="attendance_organisation_once",
                violation_error_message=_("Organisaatio on jo kirjattu tähän kokoukseen."),
            ),
            models.CheckConstraint(
                condition=Q(is_present=True) | Q(attendee_count__isnull=True) | Q(attendee_count=0),
                name="attendance_absent_has_no_attendees",
                violation_error_message=_(
                    "Poissa olleelle organisaatiolle ei kirjata osallistujia."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.meeting}"

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()


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
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("kokous"), on_delete=models.PROTECT, related_name="decisions"
    )
    decided_by = models.ForeignKey(
        "Body", verbose_name=_("päättäjä"), on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("päätös"), max_length=20, choices=Outcome.choices)
    title = models.CharField(_("asia"), max_length=200, blank=True)
    rationale = models.TextField(_("perustelut"), blank=True, max_length=5000)
    proposal = models.ForeignKey(
        "Proposal",
        verbose_name=_("ehdotus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    question = models.ForeignKey(
        "StrategicQuestion",
        verbose_name=_("strateginen kysymys"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kirjaaja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
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

    decision = models.ForeignKey(
        Decision, verbose_name=_("päätös"), on_delete=models.CASCADE, related_name="effects"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kohteen tyyppi"), on_delete=models.PROTECT, related_name="+"
    )
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
