"""Sign-in with the organisation's account (OpenID Connect): the rules, kept by ministry
staff, that turn the identity provider's claims into a user's organisation and role groups,
and the link between a provider's account and a user."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference

from .organisation import Organisation


class OrganisationClaimRule(models.Model):
    """A rule placing a user who signs in with the organisation's account in an organisation."""

    class Match(models.TextChoices):
        EMAIL_DOMAIN = "email_domain", _("sähköpostiosoitteen verkkotunnus")
        CLAIM_VALUE = "claim_value", _("väitteen arvo")

    match = models.CharField(
        _("ehto"), max_length=20, choices=Match.choices, default=Match.EMAIL_DOMAIN
    )
    claim = models.CharField(
        _("väite"),
        max_length=100,
        blank=True,
        help_text=_(
            "Tunnistuspalvelun väitteen (claim) nimi, esim. tid tai organization. "
            "Sähköpostin verkkotunnusta käytettäessä tyhjä."
        ),
    )
    value = models.CharField(
        _("arvo"),
        max_length=255,
        help_text=_("Verkkotunnus (esim. tekes.fi) tai väitteen arvo sellaisenaan."),
    )
    organisation = reference(Organisation, _("organisaatio"), related_name="claim_rules")
    order = models.PositiveSmallIntegerField(
        _("järjestys"),
        default=100,
        help_text=_("Jos usea sääntö täsmää, pienin järjestysnumero ratkaisee."),
    )
    is_active = models.BooleanField(_("käytössä"), default=True)
    note = models.CharField(_("huomautus"), max_length=500, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("kirjautumisen organisaatiosääntö")
        verbose_name_plural = _("kirjautumisen organisaatiosäännöt")
        constraints = [
            models.UniqueConstraint(
                fields=["match", "claim", "value"],
                name="organisation_claim_rule_unique",
                violation_error_message=_("Samalla ehdolla ja arvolla on jo sääntö."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(match="email_domain", claim="") | (Q(match="claim_value") & ~Q(claim=""))
                ),
                name="organisation_claim_rule_claim_iff_value_match",
                violation_error_message=_(
                    "Väitteen nimi annetaan vain, kun ehtona on väitteen arvo, ja silloin se on pakollinen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.claim or '@'} = {self.value} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("admin:offerings_organisationclaimrule_change", args=[self.pk])

    def clean(self):
        # A domain is compared in lower case, without the "@" people tend to type.
        self.value = self.value.strip()
        self.claim = self.claim.strip()
        if self.match == self.Match.EMAIL_DOMAIN:
            self.value = self.value.lstrip("@").lower()
            if "." not in self.value or "@" in self.value or " " in self.value:
                raise ValidationError(
                    {"value": _("Anna verkkotunnus ilman @-merkkiä, esimerkiksi tekes.fi.")}
                )


class RoleClaimRule(models.Model):
    """A rule giving a user who signs in with the organisation's account a role group."""

    claim = models.CharField(
        _("väite"),
        max_length=100,
        default="groups",
        help_text=_("Väitteen (claim) nimi, esim. groups tai roles."),
    )
    value = models.CharField(
        _("arvo"),
        max_length=255,
        help_text=_(
            "Ryhmän tai roolin tunniste sellaisenaan (Entra ID:ssä esim. ryhmän object id)."
        ),
    )
    group = reference("auth.Group", _("rooli"), related_name="claim_rules")
    gives_admin_access = models.BooleanField(
        _("pääsy ylläpitoon"),
        default=False,
        help_text=_("Käyttäjä pääsee ylläpitosivuille (ministeriön henkilöstö)."),
    )
    is_active = models.BooleanField(_("käytössä"), default=True)
    note = models.CharField(_("huomautus"), max_length=500, blank=True)

    class Meta:
        ordering = ["claim", "value", "pk"]
        verbose_name = _("kirjautumisen roolisääntö")
        verbose_name_plural = _("kirjautumisen roolisäännöt")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "value", "group"],
                name="role_claim_rule_unique",
                violation_error_message=_(
                    "Samalla väitteellä ja arvolla on jo sääntö tälle roolille."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.claim} = {self.value} → {self.group}"

    def get_absolute_url(self):
        return reverse("admin:offerings_roleclaimrule_change", args=[self.pk])

    def clean(self):
        self.claim = self.claim.strip()
        self.value = self.value.strip()


class SignInIdentity(models.Model):
    """The identity provider's account (issuer and subject) a user signs in with."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.CASCADE,
        related_name="sign_in_identity",
    )
    issuer = models.CharField(_("tunnistuspalvelu"), max_length=255)
    subject = models.CharField(_("tunniste"), max_length=255)
    created_at = models.DateTimeField(_("luotu"), auto_now_add=True)

    class Meta:
        ordering = ["issuer", "subject"]
        verbose_name = _("organisaation tunnus")
        verbose_name_plural = _("organisaation tunnukset")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"],
                name="sign_in_identity_unique",
                violation_error_message=_("Tunnus on jo liitetty käyttäjään."),
            ),
        ]

    def __str__(self):
        return f"{self.subject} ({self.issuer})"

    def get_absolute_url(self):
        return reverse("admin:offerings_signinidentity_change", args=[self.pk])
