"""Per-user notifications, each user's choices about them, and the e-mail outbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    """What happened. Only names live here; the app where it happens writes the text."""

    HANDOVER_REQUESTED = "handover_requested", _("Vastuun siirtoa pyydetty organisaatiolleni")
    HANDOVER_ACCEPTED = "handover_accepted", _("Pyytämämme vastuun siirto hyväksytty")
    HANDOVER_DECLINED = "handover_declined", _("Pyytämämme vastuun siirto hylätty")
    HANDOVER_OVERDUE = "handover_overdue", _("Vastuun siirtopyyntö odottanut yli 14 päivää")
    NEEDS_MESSAGE_RECEIVED = "needs_message_received", _("Tarveviesti ryhmälleni")
    NEEDS_MESSAGE_ANSWERED = "needs_message_answered", _("Lähettämäämme tarveviestiin vastattu")
    NEEDS_MESSAGE_FORWARDED = (
        "needs_message_forwarded",
        _("Tarveviesti välitetty strategiaryhmälle"),
    )
    PROPOSAL_SUBMITTED = "proposal_submitted", _("Ehdotus esitetty ryhmälleni")
    PROPOSAL_ON_AGENDA = "proposal_on_agenda", _("Ryhmäni ehdotus otettu asialistalle")
    PROPOSAL_DECIDED = "proposal_decided", _("Ryhmäni ehdotuksesta päätetty")
    MEETING_CALLED = "meeting_called", _("Ryhmäni kokous kutsuttu koolle tai muuttunut")
    CONSENT_EXPIRING = "consent_expiring", _("Asiakassuostumus päättymässä 30 päivän kuluessa")
    FEEDBACK_UNANSWERED = (
        "feedback_unanswered",
        _("Saavutettavuuspalaute vastaamatta yli 10 päivää"),
    )
    RUN_PREVIEW_FINISHED = "run_preview_finished", _("Käynnistämäni esikatselu valmistui")
    RUN_PREVIEW_FAILED = "run_preview_failed", _("Käynnistämäni esikatselu epäonnistui")


class Delivery(models.TextChoices):
    """How a user wants the e-mail of one kind; the notification centre lists every kind."""

    IMMEDIATE = "immediate", _("Sähköposti heti")
    DIGEST = "digest", _("Päivän kooste sähköpostina")
    OFF = "off", _("Ei sähköpostia")


class UserPreferences(models.Model):
    """A user's own settings: the language of the e-mails the service sends them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.CASCADE,
        related_name="preferences",
    )
    language = models.CharField(
        _("viestien kieli"), max_length=5, choices=settings.LANGUAGES, default="fi"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user_id"]
        verbose_name = _("käyttäjän asetukset")
        verbose_name_plural = _("käyttäjien asetukset")

    def __str__(self):
        return str(self.user)


class NotificationPreference(models.Model):
    """How one user wants the e-mail of one kind of notification (none stored: at once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("ilmoituksen laji"), max_length=40, choices=Kind.choices)
    delivery = models.CharField(
        _("toimitus"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["user_id", "kind"]
        verbose_name = _("ilmoitusvalinta")
        verbose_name_plural = _("ilmoitusvalinnat")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notification_preference_one_per_kind",
                violation_error_message=_("Tälle ilmoituslajille on jo valinta."),
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()} – {self.get_delivery_display()}"


class Notification(models.Model):
    """Something that happened which one user should know of, in their language, with a link.

    Not historised: a high-volume record of its own, whose only change is being read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastaanottaja"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("laji"), max_length=40, choices=Kind.choices)
    # The event's key: the same event never notifies the same user twice.
    event_key = models.CharField(_("tapahtuman avain"), max_length=200)
    title = models.CharField(_("otsikko"), max_length=300)
    url = models.CharField(_("osoite"), max_length=500)
    created_at = models.DateTimeField(_("luotu"), default=timezone.now)
    read_at = models.DateTimeField(_("luettu"), null=True, blank=True)
    # Waits for the user's daily digest (their choice for this kind was "digest").
    is_digest_pending = models.BooleanField(_("odottaa koostetta"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ilmoitus")
        verbose_name_plural = _("ilmoitukset")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event_key"], name="notification_once_per_event"
            ),
        ]
        indexes = [
            # The unread count in every page's header.
            models.Index(
                fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread_idx"
            ),
            models.Index(fields=["user", "-created_at", "-id"], name="notification_list_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url


class OutboxMessage(models.Model):
    """One e-mail to one recipient, written in the transaction of the event that causes it
    and sent by the task worker: waits while the mail server is away, sent once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("odottaa lähetystä")
        SENT = "sent", _("lähetetty")
        FAILED = "failed", _("lähetys epäonnistui pysyvästi")

    idempotency_key = models.CharField(_("tunniste"), max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient = models.EmailField(_("vastaanottaja"), max_length=254)
    language = models.CharField(_("kieli"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("aihe"), max_length=300)
    body_text = models.TextField(_("teksti"))
    body_html = models.TextField(_("HTML"), blank=True)
    # An iCalendar invitation (METHOD:REQUEST) sent with the message, e.g. a meeting's.
    calendar = models.TextField(_("kalenterikutsu"), blank=True)
    status = models.CharField(
        _("tila"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(_("yrityksiä"), default=0)
    next_attempt_at = models.DateTimeField(_("seuraava yritys"), default=timezone.now)
    # A worker's lease on the row while it sends; a worker lost mid-send lets it lapse.
    claimed_until = models.DateTimeField(_("varattu asti"), null=True, blank=True)
    sent_at = models.DateTimeField(_("lähetetty"), null=True, blank=True)
    last_error = models.TextField(_("viimeisin virhe"), blank=True)
    created_at = models.DateTimeField(_("luotu"), default=timezone.now)
    # Each attempt is a history row (who tried, when, the error); the bodies are not copied.
    history = HistoricalRecords(
        excluded_fields=["body_text", "body_html", "calendar", "claimed_until"]
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lähtevä sähköposti")
        verbose_name_plural = _("lähtevät sähköpostit")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False)
                | (~Q(status="sent") & Q(sent_at__isnull=True)),
                name="outbox_sent_iff_sent_at",
                violation_error_message=_("Lähetetyllä viestillä on lähetysaika, muilla ei."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="pending"),
                name="outbox_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"
