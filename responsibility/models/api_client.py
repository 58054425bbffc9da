"""Systems that read customer data through the integration API: clients of an organisation,
their keys (stored only as a salted hash) and the log of their calls.

They live in responsibility because a key reaches customer data under the same rules as a
person of the client's organisation: the organisation is the viewer (visibility, consents,
the access log), and responsibility is the lowest app that knows companies, organisations
and those rules together."""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field


class Scope(models.TextChoices):
    """What a key may do; each keyed endpoint asks for one."""

    COMPANIES_READ = "companies:read", _("yritysten sijoitus ja ominaisuudet (luku)")
    RESPONSIBILITY_READ = "responsibility:read", _("yrityksen asiakasvastuu (luku)")
    NOTES_READ = "notes:read", _("asiakasmerkinnät (luku)")
    ATTRIBUTES_WRITE = "attributes:write", _("ominaisuuksien arvot (kirjoitus)")


class ApiClient(models.Model):
    """A system of an organisation (a portal, a CRM) that calls the API with its keys, with
    the scopes it was granted and its own rate limit."""

    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="api_clients"
    )
    name = models.CharField(_("nimi"), max_length=200)
    scopes = models.JSONField(
        _("oikeudet"), default=list, blank=True, help_text=_("Mitä järjestelmä saa tehdä.")
    )
    rate_limit_per_minute = models.PositiveIntegerField(
        _("pyyntöjä minuutissa enintään"),
        null=True,
        blank=True,
        help_text=_("Tyhjä: palvelun oletusraja."),
    )
    is_active = models.BooleanField(
        _("käytössä"),
        default=True,
        help_text=_("Pois käytöstä: mikään järjestelmän avain ei kelpaa."),
    )
    created_at = models.DateTimeField(_("luotu"), default=timezone.now)
    # The access log names a user as the viewer: the client's own technical user, which can
    # never sign in, created when the client first reads another organisation's data.
    viewer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("katsojana katselulokissa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="api_client",
    )

    class Meta:
        ordering = ["organisation__order", "name"]
        verbose_name = _("rajapinnan käyttäjä")
        verbose_name_plural = _("rajapinnan käyttäjät")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="api_client_name_per_organisation",
                violation_error_message=_("Organisaatiolla on jo tämän niminen järjestelmä."),
            ),
            models.CheckConstraint(
                condition=Q(rate_limit_per_minute__isnull=True) | Q(rate_limit_per_minute__gt=0),
                name="api_client_rate_limit_positive",
                violation_error_message=_("Pyyntöraja on vähintään yksi pyyntö minuutissa."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def get_absolute_url(self):
        return reverse("admin:responsibility_apiclient_change", args=[self.pk])

    def clean(self):
        super().clean()
        scopes = self.scopes if isinstance(self.scopes, list) else None
        if scopes is None or any(scope not in Scope.values for scope in scopes):
            raise ValidationError({"scopes": _("Tuntematon oikeus.")})
        self.scopes = [scope for scope in Scope.values if scope in scopes]

    def has_scope(self, scope):
        return scope in (self.scopes or [])

    @property
    def requests_per_minute(self):
        return self.rate_limit_per_minute or settings.API_RATE_LIMIT_PER_MINUTE


class ApiKey(models.Model):
    """One key of a client. Only its prefix (to find it) and a salted HMAC-SHA256 of the whole
    key are stored; the key itself is shown once, when it is issued. A rotation issues a new
    key and ends the old ones at a chosen moment."""

    client = reference(ApiClient, _("järjestelmä"), related_name="keys")
    prefix = models.CharField(_("tunniste"), max_length=16, unique=True)
    salt = models.CharField(max_length=32)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("annettu"), default=timezone.now)
    created_by = user_field(_("antaja"), optional=True)
    expires_at = models.DateTimeField(_("voimassa asti"))
    revoked_at = models.DateTimeField(_("peruttu"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rajapinta-avain")
        verbose_name_plural = _("rajapinta-avaimet")

    def __str__(self):
        return f"{self.client.name}: {self.prefix}…"

    def get_absolute_url(self):
        return self.client.get_absolute_url()

    @staticmethod
    def digest(salt, key):
        return hmac.new(salt.encode(), key.encode(), hashlib.sha256).hexdigest()

    def matches(self, key):
        """The key is this one's: compared in constant time."""
        return hmac.compare_digest(self.digest(self.salt, key), self.key_hash)

    def is_valid_at(self, moment):
        return self.revoked_at is None and moment < self.expires_at and self.client.is_active


class ApiCall(models.Model):
    """One call made with a key: which client, which endpoint, the answer and how long it
    took. A log, not a record anyone edits: no history, pruned by `prune_api_calls`."""

    client = reference(ApiClient, _("järjestelmä"), related_name="calls")
    key = reference(ApiKey, _("avain"), related_name="calls", optional=True)
    at = models.DateTimeField(_("aika"), default=timezone.now)
    method = models.CharField(_("metodi"), max_length=10)
    route = models.CharField(_("rajapinnan kohta"), max_length=100)
    path = models.CharField(_("osoite"), max_length=300)
    status = models.PositiveSmallIntegerField(_("tila"))
    duration_ms = models.PositiveIntegerField(_("kesto (ms)"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("rajapintakutsu")
        verbose_name_plural = _("rajapintakutsut")
        indexes = [
            models.Index(fields=["at"], name="api_call_at_idx"),
            models.Index(fields=["client", "at"], name="api_call_client_idx"),
        ]

    def __str__(self):
        return (
            f"{self.at:%d.%m.%Y %H.%M.%S} {self.client_id} {self.method} {self.path} {self.status}"
        )
