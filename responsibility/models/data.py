"""Customer data between organisations (5.5): the strategic choice, consents, the data an
organisation holds, and the log of every view across organisations.

Law: the Act on the business-services customer information system (293/2017) and Finnvera's
secrecy (Act 443/1998, §§ 5–6); each disclosure is logged (Information Management Act
906/2019 § 17).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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


class Consent(models.Model):
    """A customer company's consent for named organisations to see a kind of its data."""

    company = models.ForeignKey(
        "segments.Company",
        verbose_name=_("yritys"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    scope = models.CharField(_("tiedot"), max_length=20, choices=DataScope.choices)
    organisations = models.ManyToManyField(
        "offerings.Organisation",
        verbose_name=_("organisaatiot, jotka saavat nähdä"),
        related_name="consents",
    )
    given_by = models.CharField(_("antaja (yrityksen edustaja)"), max_length=200)
    given_on = models.DateField(_("annettu"))
    expires_on = models.DateField(_("voimassa asti"), null=True, blank=True)
    withdrawn_on = models.DateField(_("peruttu"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kirjaaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("kirjattu"), auto_now_add=True)

    class Meta:
        ordering = ["-given_on"]
        verbose_name = _("asiakassuostumus")
        verbose_name_plural = _("asiakassuostumukset")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("given_on")),
                name="consent_expires_after_given",
                violation_error_message=_("Suostumus ei voi päättyä ennen kuin se on annettu."),
            ),
        ]

    def __str__(self):
        return f"{self.company}: {self.get_scope_display()}"

    def get_absolute_url(self):
        return reverse("responsibility:company_responsibility", args=[self.company.business_id])

    def is_valid_on(self, day=None):
        day = day or timezone.localdate()
        return (
            self.given_on <= day
            and (self.expires_on is None or day <= self.expires_on)
            and (self.withdrawn_on is None or day < self.withdrawn_on)
        )


class CustomerNote(models.Model):
    """Data an organisation holds about a customer: a contact note or a project summary."""

    company = models.ForeignKey(
        "segments.Company", verbose_name=_("yritys"), on_delete=models.PROTECT, related_name="notes"
    )
    organisation = models.ForeignKey(
        "offerings.Organisation",
        verbose_name=_("organisaatio"),
        on_delete=models.PROTECT,
        related_name="customer_notes",
    )
    kind = models.CharField(_("laji"), max_length=20, choices=DataScope.choices)
    text = models.TextField(_("teksti"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kirjoittaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
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
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("katsoja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    viewer_organisation = models.ForeignKey(
        "offerings.Organisation",
        verbose_name=_("katsojan organisaatio"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner_organisation = models.ForeignKey(
        "offerings.Organisation",
        verbose_name=_("tietojen omistaja"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    company = models.ForeignKey(
        "segments.Company", verbose_name=_("yritys"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("tiedot"), max_length=20, choices=DataScope.choices)
    basis = models.CharField(_("peruste"), max_length=10, choices=Basis.choices)
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("suostumus"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

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
