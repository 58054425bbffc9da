"""Meetings of the bodies (6.1): agenda, attendance and minutes; the decisions they record
are in `decisions`."""

from concurrency.fields import IntegerVersionField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import reference, user_field

from .states import StateMachine


class Meeting(StateMachine, models.Model):
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

    body = reference("Body", _("toimielin"), related_name="meetings")
    date = models.DateField(_("päivämäärä"))
    title = models.CharField(_("otsikko"), max_length=200)
    location = models.CharField(_("paikka"), max_length=200, blank=True)
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    minutes = models.TextField(_("pöytäkirja"), blank=True, max_length=20000)
    closed_at = models.DateTimeField(_("suljettu"), null=True, blank=True)
    closed_by = user_field(_("sulkija"), optional=True)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)
    # The invitation's SEQUENCE (RFC 5545): raised by each change of the day, title or place,
    # so that calendars replace the event they hold.
    sequence = models.PositiveIntegerField(_("kutsun versio"), default=0, editable=False)
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

    meeting = reference(Meeting, _("kokous"), related_name="agenda_items", on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(_("järjestys"), default=0)
    kind = models.CharField(_("laji"), max_length=20, choices=Kind.choices)
    proposal = reference("Proposal", _("ehdotus"), related_name="agenda_items", optional=True)
    question = reference(
        "StrategicQuestion", _("strateginen kysymys"), related_name="agenda_items", optional=True
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
    chosen_alternative = reference(
        "QuestionAlternative",
        _("valittu vaihtoehto"),
        related_name="+",
        optional=True,
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

    meeting = reference(Meeting, _("kokous"), related_name="attendances", on_delete=models.CASCADE)
    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="meeting_attendances"
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
