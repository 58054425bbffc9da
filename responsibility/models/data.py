"""Customer data between organisations (5.5): the strategic choice, consents, the data an
organisation holds, and the log of every view across organisations.

Law: the Act on the business-services customer information system (293/2017) and Finnvera's
secrecy (Act 443/1998, §§ 5–6); each disclosure is logged (Information Management Act
906/2019 § 17).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field

from .fields import ends_after_start

# Organisations whose customer data is under bank secrecy (Finnvera: Act 443/1998 § 5).
# Their data opens only on a consent that names them as a discloser and that their own
# staff recorded or confirmed, whatever the group's data-sharing choice. Kept here, not as a
# flag on the organisation: it is a rule of disclosing customer data, and changing it is a
# change of law, made in code and reviewed, not a field anyone with the admin may tick.
BANK_SECRECY_ORGANISATIONS = frozenset({"finnvera"})


def is_under_bank_secrecy(organisation):
    """Whether the organisation's customer data is under bank secrecy."""
    return organisation.code in BANK_SECRECY_ORGANISATIONS


class DataScope(models.TextChoices):
    """Which kind of customer data a note is, and which kinds a consent covers."""

    CONTACT_NOTES = "contact_notes", _("yhteydenpitomuistiinpanot")
    PROJECT_SUMMARIES = "project_summaries", _("hankeyhteenvedot")


class DataSharingSetting(models.Model):
    """The group's strategic choice (5.5, section 8's first key decision): shared customers,
    or exchange of data on the customer's consent. One row."""

    class Strategy(models.TextChoices):
        UNDECIDED = "undecided", _("ei vielä päätetty (tiedot vaihtuvat suostumuksella)")
        SHARED = "shared", _("yhteiset asiakkaat")
        CONSENT = "consent", _("suostumukseen perustuva tiedonvaihto")

    strategy = models.CharField(
        _("linjaus"), max_length=20, choices=Strategy.choices, default=Strategy.UNDECIDED
    )
    decision_reference = models.CharField(_("päätös"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("asiakastiedon linjaus")
        verbose_name_plural = _("asiakastiedon linjaus")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="data_sharing_single_row")]

    def __str__(self):
        return self.get_strategy_display()

    def get_absolute_url(self):
        return reverse("admin:responsibility_datasharingsetting_change", args=[self.pk])

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def is_shared(self):
        return self.strategy == self.Strategy.SHARED


EXPIRES_BEFORE_GIVEN = _("Suostumus ei voi päättyä ennen kuin se on annettu.")


class Consent(models.Model):
    """A customer company's consent that named organisations (the disclosers) release a kind
    of its data to other named organisations (the recipients)."""

    company = reference("segments.Company", _("yritys"), related_name="consents")
    scope = models.CharField(_("tiedot"), max_length=20, choices=DataScope.choices)
    organisations = models.ManyToManyField(
        "offerings.Organisation",
        verbose_name=_("organisaatiot, jotka saavat nähdä"),
        related_name="consents",
    )
    disclosers = models.ManyToManyField(
        "offerings.Organisation",
        through="ConsentDisclosure",
        verbose_name=_("organisaatiot, joiden tiedot luovutetaan"),
        related_name="disclosing_consents",
    )
    given_by = models.CharField(_("antaja (yrityksen edustaja)"), max_length=200)
    given_on = models.DateField(_("annettu"))
    expires_on = models.DateField(_("voimassa asti"), null=True, blank=True)
    withdrawn_on = models.DateField(_("peruttu"), null=True, blank=True)
    recorded_by = user_field(_("kirjaaja"))
    recorded_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("asiakassuostumus")
        verbose_name_plural = _("asiakassuostumukset")
        constraints = [
            ends_after_start(
                name="consent_expires_after_given",
                message=EXPIRES_BEFORE_GIVEN,
                start="given_on",
                end="expires_on",
            ),
        ]

    def __str__(self):
        return f"{self.company}: {self.get_scope_display()}"

    def get_absolute_url(self):
        return reverse("responsibility:company_responsibility", args=[self.company.business_id])

    def clean(self):
        super().clean()
        # The constraint's rule, said on the field where the date is wrong.
        if self.given_on and self.expires_on and self.expires_on < self.given_on:
            raise ValidationError({"expires_on": EXPIRES_BEFORE_GIVEN})

    def is_valid_on(self, day=None):
        day = day or timezone.localdate()
        return (
            self.given_on <= day
            and (self.expires_on is None or day <= self.expires_on)
            and (self.withdrawn_on is None or day < self.withdrawn_on)
        )

    # The three below read prefetched `organisations` and `disclosures` (with their
    # organisation): no query per consent.

    def covers(self, organisation):
        """The organisation is one of those the consent lets see the data."""
        return any(o.pk == organisation.pk for o in self.organisations.all())

    def names_discloser(self, organisation):
        """The consent names the organisation as one whose data it releases."""
        return any(d.organisation_id == organisation.pk for d in self.disclosures.all())

    def releases(self, organisation):
        """The consent releases the organisation's data: it names it as a discloser, and
        under bank secrecy the organisation's own staff have recorded or confirmed it."""
        return any(d.organisation_id == organisation.pk and d.opens for d in self.disclosures.all())


class ConsentDisclosure(models.Model):
    """An organisation whose data a consent releases. Under bank secrecy (Act 443/1998 § 5)
    its part opens nothing until its own staff have recorded the consent or confirmed it;
    who confirmed and when are kept here (and in the history)."""

    consent = reference(
        Consent, _("suostumus"), related_name="disclosures", on_delete=models.CASCADE
    )
    organisation = reference(
        "offerings.Organisation", _("luovuttava organisaatio"), related_name="consent_disclosures"
    )
    confirmed_by = user_field(
        _("vahvistaja"),
        optional=True,
        help_text=_("Luovuttavan organisaation henkilö, joka kirjasi tai vahvisti suostumuksen."),
    )
    confirmed_at = models.DateTimeField(_("vahvistettu"), null=True, blank=True)

    class Meta:
        ordering = ["consent", "organisation__order", "organisation__code"]
        verbose_name = _("suostumuksen luovuttaja")
        verbose_name_plural = _("suostumusten luovuttajat")
        constraints = [
            models.UniqueConstraint(
                fields=["consent", "organisation"],
                name="consent_discloser_once",
                violation_error_message=_("Organisaatio on jo suostumuksen luovuttaja."),
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True, confirmed_at__isnull=True)
                | Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="consent_disclosure_confirmed_by_and_at",
                violation_error_message=_("Vahvistuksella on sekä vahvistaja että aika."),
            ),
        ]

    def __str__(self):
        return f"{self.consent}: {self.organisation}"

    def get_absolute_url(self):
        return self.consent.get_absolute_url() + f"#suostumus-{self.consent_id}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    @property
    def needs_confirmation(self):
        """Under bank secrecy and not yet confirmed by the organisation's own staff."""
        return not self.is_confirmed and is_under_bank_secrecy(self.organisation)

    @property
    def opens(self):
        return not self.needs_confirmation


class CustomerNote(models.Model):
    """Data an organisation holds about a customer: a contact note or a project summary."""

    company = reference("segments.Company", _("yritys"), related_name="notes")
    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="customer_notes"
    )
    kind = models.CharField(_("laji"), max_length=20, choices=DataScope.choices)
    text = models.TextField(_("teksti"), max_length=10000)
    author = user_field(_("kirjoittaja"))
    created_at = models.DateTimeField(_("kirjoitettu"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("asiakastieto")
        verbose_name_plural = _("asiakastiedot")

    def __str__(self):
        return f"{self.company} / {self.organisation}: {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("responsibility:company_notes", args=[self.company.business_id])


class AccessLogQuerySet(models.QuerySet):
    """Queries of the access log: reads and inserts only.

    The database refuses an UPDATE or DELETE of a row as well (migration 0003's triggers);
    refusing here too gives the app's code a plain Python error before any SQL is sent.
    """

    def update(self, **kwargs):
        raise PermissionError("Katselulokin rivejä ei voi muuttaa.")

    def delete(self):
        raise PermissionError("Katselulokin rivejä ei voi poistaa.")


class AccessLogEntry(models.Model):
    """One view of another organisation's customer data: who, whose, which company, when, on
    what basis. Append-only: the application never changes or removes a row, and the
    database refuses to (migration 0003). Every reference is PROTECT: a company, a user, an
    organisation or a consent that has been seen cannot be deleted from under its log."""

    class Basis(models.TextChoices):
        SHARED = "shared", _("yhteiset asiakkaat")
        CONSENT = "consent", _("asiakkaan suostumus")

    at = models.DateTimeField(_("aika"), default=timezone.now, db_index=True)
    viewer = user_field(_("katsoja"))
    viewer_organisation = reference(
        "offerings.Organisation", _("katsojan organisaatio"), related_name="+"
    )
    owner_organisation = reference(
        "offerings.Organisation", _("tietojen omistaja"), related_name="+"
    )
    company = reference("segments.Company", _("yritys"), related_name="+")
    scope = models.CharField(_("tiedot"), max_length=20, choices=DataScope.choices)
    basis = models.CharField(_("peruste"), max_length=10, choices=Basis.choices)
    consent = reference(Consent, _("suostumus"), related_name="+", optional=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("katselulokin rivi")
        verbose_name_plural = _("katseluloki")
        indexes = [models.Index(fields=["company", "at"], name="access_log_company_idx")]

    def __str__(self):
        return (
            f"{self.at:%d.%m.%Y %H.%M} {self.viewer} → {self.company} ({self.owner_organisation})"
        )

    def save(self, *args, **kwargs):
        # The log is evidence (906/2019 § 17): a row, once written, is never rewritten.
        if self.pk is not None:
            raise PermissionError("Katselulokin rivejä ei voi muuttaa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Katselulokin rivejä ei voi poistaa.")
