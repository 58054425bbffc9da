"""The regional working groups' task log (6.3) and the needs messages sent upward from it
to the segment working groups ("vie tarvittaessa viestiä ylöspäin")."""

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field, written_language

from .states import StateMachine


class RegionalTaskQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)


class RegionalTask(models.Model):
    """A task a regional working group carried out, logged by its TE-centre coordinator.

    `kind` is one of the nine key tasks of 6.3, labelled with the report's own words.
    Invariants: the body is a regional group of the task's region (`clean`); a follow-up
    date is not before the task's date. Archived, never deleted; optimistic locking.
    """

    class Kind(models.TextChoices):
        # The report's list in 6.3, in its order and word for word.
        GUIDING_CUSTOMER_WORK = (
            "guiding_customer_work",
            _(
                "ohjaa julkisten yrityspalveluiden käytännön asiakastyötä ylemmiltä ryhmiltä "
                "tulevien linjausten mukaisesti"
            ),
        )
        IMPLEMENTING_STRATEGIES = (
            "implementing_strategies",
            _(
                "jalkauttaa asiakassegmenttikohtaiselta tasolta tulevat strategiat ja käytännön "
                "toimintamallit oman alueensa käytännön asiakastyöhön"
            ),
        )
        DIVISION_OF_LABOUR = (
            "division_of_labour",
            _("huomioi tehdyt työnjakosopimukset ja eri toimijoiden roolit"),
        )
        ORDERER_PRODUCER = (
            "orderer_producer",
            _("varmistaa ja sopii tilaaja-tuottajamalli mukaisesta palvelutuotannosta"),
        )
        REGIONAL_PRIORITIES = "regional_priorities", _("huomioi alueelliset painopisteet")
        NEEDS_ANALYSIS = (
            "needs_analysis",
            _("tekee jatkuvaa asiakastarveanalyysiä => vie tarvittaessa viestiä ylöspäin"),
        )
        IMPACT_FOLLOW_UP = "impact_follow_up", _("tekee jatkuvaa vaikuttavuuden seuranta")
        SERVICE_MODEL_DEVELOPMENT = (
            "service_model_development",
            _(
                "kehittää asiakaspalvelumalleja yhteistyössä asiakassegmenttikohtaisten "
                "työryhmien kanssa"
            ),
        )
        BUSINESS_STRATEGY = (
            "business_strategy",
            _("osallistuu alueellisen elinkeinostrategian työstämiseen"),
        )

    region = reference("segments.Region", _("alue"), related_name="regional_tasks")
    body = reference("Body", _("alueellinen työryhmä"), related_name="regional_tasks")
    date = models.DateField(_("päivämäärä"))
    kind = models.CharField(_("tehtäväalue"), max_length=40, choices=Kind.choices)
    segments = models.ManyToManyField(
        "segments.Segment", verbose_name=_("segmentit"), blank=True, related_name="regional_tasks"
    )
    organisations = models.ManyToManyField(
        "offerings.Organisation",
        verbose_name=_("mukana olleet organisaatiot"),
        blank=True,
        related_name="regional_tasks",
    )
    description = models.TextField(_("kuvaus"), max_length=5000)
    outcome = models.TextField(_("tulos"), blank=True, max_length=5000)
    # The description and outcome are kept as written, in this language.
    original_language = written_language()
    follow_up_on = models.DateField(_("seuranta"), null=True, blank=True)
    created_by = user_field(_("kirjaaja"))
    created_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)
    version = IntegerVersionField()

    objects = RegionalTaskQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("alueellinen tehtävä")
        verbose_name_plural = _("alueelliset tehtävät")
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("date")),
                name="regional_task_follow_up_after_date",
                violation_error_message=_("Seurantapäivä ei voi olla ennen tehtävän päivää."),
            ),
        ]
        # The log and its overviews (counts by region, kind and month) at tens of thousands.
        indexes = [
            models.Index(fields=["region", "date"]),
            models.Index(fields=["kind", "date"]),
            models.Index(fields=["body", "date"]),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("governance:regionaltask_detail", args=[self.pk])

    def is_follow_up_overdue(self, today=None):
        """The follow-up date has passed (the page says so in words, not by colour alone)."""
        today = today or timezone.localdate()
        return self.follow_up_on is not None and self.follow_up_on < today

    def clean(self):
        super().clean()
        if (
            self.body_id
            and self.region_id
            and (self.body.kind != "regional_group" or self.body.region_id != self.region_id)
        ):
            raise ValidationError(
                {"body": _("Valitse tehtävän alueen alueellinen asiakkuustyöryhmä.")}
            )


class NeedsMessageQuerySet(models.QuerySet):
    def with_parties(self):
        """The task, its region and the bodies and people a list of messages names."""
        return self.select_related(
            "task", "task__region", "from_body", "to_body", "forwarded_to", "sent_by"
        )

    def received_by(self, body_ids):
        """Messages sent to, or forwarded to, any of the bodies."""
        return self.filter(Q(to_body_id__in=body_ids) | Q(forwarded_to_id__in=body_ids))

    def open_for(self, body):
        """Messages waiting for the body to act: new or acknowledged ones sent to it, and
        those forwarded to it and not yet closed."""
        return self.filter(
            Q(to_body=body, status__in=[NeedsMessage.Status.SENT, NeedsMessage.Status.ACKNOWLEDGED])
            | Q(forwarded_to=body, status=NeedsMessage.Status.FORWARDED)
        )

    def handled_by(self, body):
        """Messages the body has answered, forwarded or closed."""
        return self.filter(
            Q(
                to_body=body,
                status__in=[
                    NeedsMessage.Status.ANSWERED,
                    NeedsMessage.Status.FORWARDED,
                    NeedsMessage.Status.CLOSED,
                ],
            )
            | Q(forwarded_to=body, status=NeedsMessage.Status.CLOSED)
        )


class NeedsMessage(StateMachine, models.Model):
    """A message sent upward from a regional task to a segment working group, which
    acknowledges it, answers it and may forward it to the strategy group.

    Status: sent → acknowledged → answered → forwarded; any open message → closed.
    `TRANSITIONS` is the one list. Each step is stamped (who, when) here, and a
    `MessageEvent` row per step keeps the path for the page.

    Invariants (database constraints): each status carries the stamps of the steps it
    implies — acknowledged, answered and forwarded messages their acknowledgement, answered
    and forwarded ones a written answer, a forwarded one its recipient and time, a closed
    one its closing time. The recipient is a segment working group and the forward goes to
    the strategy group (`clean`).
    """

    class Status(models.TextChoices):
        SENT = "sent", _("lähetetty")
        ACKNOWLEDGED = "acknowledged", _("vastaanotettu")
        ANSWERED = "answered", _("vastattu")
        FORWARDED = "forwarded", _("välitetty strategiaryhmälle")
        CLOSED = "closed", _("suljettu")

    TRANSITIONS = {
        Status.SENT: {Status.ACKNOWLEDGED, Status.CLOSED},
        Status.ACKNOWLEDGED: {Status.ANSWERED, Status.CLOSED},
        Status.ANSWERED: {Status.FORWARDED, Status.CLOSED},
        Status.FORWARDED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    task = reference(RegionalTask, _("tehtävä"), related_name="messages")
    from_body = reference("Body", _("lähettäjä"), related_name="messages_sent")
    to_body = reference("Body", _("vastaanottaja"), related_name="messages_received")
    subject = models.CharField(_("aihe"), max_length=200)
    text = models.TextField(_("viesti"), max_length=5000)
    # The subject and text are kept as written, in this language.
    original_language = written_language()
    status = models.CharField(_("tila"), max_length=20, choices=Status.choices, default=Status.SENT)
    sent_by = user_field(_("lähettäjä"))
    sent_at = models.DateTimeField(_("lähetetty"), auto_now_add=True)
    acknowledged_by = user_field(_("vastaanottaja"), optional=True)
    acknowledged_at = models.DateTimeField(_("vastaanotettu"), null=True, blank=True)
    answer = models.TextField(_("vastaus"), blank=True, max_length=5000)
    answer_language = written_language(_("vastauksen kieli"))
    answered_by = user_field(_("vastaaja"), optional=True)
    answered_at = models.DateTimeField(_("vastattu"), null=True, blank=True)
    forwarded_to = reference(
        "Body", _("välitetty toimielimelle"), related_name="messages_forwarded", optional=True
    )
    forwarded_by = user_field(_("välittäjä"), optional=True)
    forwarded_at = models.DateTimeField(_("välitetty"), null=True, blank=True)
    closed_by = user_field(_("sulkija"), optional=True)
    closed_at = models.DateTimeField(_("suljettu"), null=True, blank=True)
    version = IntegerVersionField()

    objects = NeedsMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("viesti ylöspäin")
        verbose_name_plural = _("viestit ylöspäin")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["acknowledged", "answered", "forwarded"])
                | Q(acknowledged_at__isnull=False),
                name="message_acknowledged_has_time",
                violation_error_message=_("Vastaanotetulla viestillä on vastaanottoaika."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "forwarded"])
                | (Q(answered_at__isnull=False) & ~Q(answer="")),
                name="message_answered_has_answer",
                violation_error_message=_("Vastatulla viestillä on vastaus ja vastausaika."),
            ),
            models.CheckConstraint(
                condition=~Q(status="forwarded")
                | Q(forwarded_to__isnull=False, forwarded_at__isnull=False),
                name="message_forwarded_has_recipient",
                violation_error_message=_("Välitetyllä viestillä on vastaanottaja ja välitysaika."),
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False),
                name="message_closed_has_time",
                violation_error_message=_("Suljetulla viestillä on sulkemisaika."),
            ),
        ]
        indexes = [
            models.Index(fields=["to_body", "status"]),
            models.Index(fields=["from_body", "status"]),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("governance:needsmessage_detail", args=[self.pk])

    @property
    def handling_body_id(self):
        """The body whose turn it is: the strategy group once the message is forwarded to
        it, the receiving working group before that."""
        if self.status == self.Status.FORWARDED or (
            self.status == self.Status.CLOSED and self.forwarded_to_id
        ):
            return self.forwarded_to_id
        return self.to_body_id

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED

    def clean(self):
        super().clean()
        errors = {}
        if self.to_body_id and self.to_body.kind != "segment_group":
            errors["to_body"] = _("Viesti lähetetään asiakassegmenttikohtaiselle työryhmälle.")
        if self.forwarded_to_id and self.forwarded_to.kind != "strategy_group":
            errors["forwarded_to"] = _("Viesti välitetään asiakkuusstrategiaryhmälle.")
        if self.task_id and self.from_body_id and self.task.body_id != self.from_body_id:
            errors["from_body"] = _("Viestin lähettää tehtävän kirjannut alueellinen työryhmä.")
        if errors:
            raise ValidationError(errors)


class MessageEvent(models.Model):
    """One step on a needs message's path (sent, acknowledged, answered, forwarded, closed):
    who, when, in which body, with an optional note. Append-only: it is the message's own
    history, so it has no history table of its own."""

    class Kind(models.TextChoices):
        SENT = "sent", _("lähetetty")
        ACKNOWLEDGED = "acknowledged", _("vastaanotettu")
        ANSWERED = "answered", _("vastattu")
        FORWARDED = "forwarded", _("välitetty strategiaryhmälle")
        CLOSED = "closed", _("suljettu")

    message = reference(NeedsMessage, _("viesti"), related_name="events", on_delete=models.CASCADE)
    kind = models.CharField(_("vaihe"), max_length=20, choices=Kind.choices)
    body = reference("Body", _("toimielin"), related_name="+", optional=True)
    by = user_field(_("tekijä"))
    at = models.DateTimeField(_("aika"), auto_now_add=True)
    note = models.TextField(_("huomautus"), blank=True, max_length=5000)
    # The note is kept as written, in this language.
    language = written_language(_("huomautuksen kieli"))

    class Meta:
        ordering = ["message", "at", "pk"]
        verbose_name = _("viestin vaihe")
        verbose_name_plural = _("viestien vaiheet")

    def __str__(self):
        return f"{self.message}: {self.get_kind_display()} {self.at:%d.%m.%Y %H.%M}"

    def get_absolute_url(self):
        return self.message.get_absolute_url()
