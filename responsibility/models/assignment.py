"""Who holds a customer (5.4): organisations, people and customer teams, with time ranges."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference

from .fields import ends_after_start

ONE_LEAD_MESSAGE = _(
    "Yrityksellä on jo voimassa oleva päävastuullinen. Päätä se ensin tai siirrä vastuu "
    "kapulan vaihdolla; yrityksellä voi olla kerrallaan vain yksi päävastuullinen."
)


class ServiceDelivery(models.Model):
    """A project in which an organisation serves a customer; in the handover mode (5.4 b)
    responsibility follows the active project."""

    company = reference("segments.Company", _("yritys"), related_name="deliveries")
    organisation = reference("offerings.Organisation", _("organisaatio"), related_name="deliveries")
    service = reference("offerings.Service", _("palvelu"), related_name="deliveries", optional=True)
    title = models.CharField(_("hanke"), max_length=300)
    started_on = models.DateField(_("alkoi"))
    ended_on = models.DateField(_("päättyi"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("palveluhanke")
        verbose_name_plural = _("palveluhankkeet")
        constraints = [
            ends_after_start(
                name="delivery_ends_after_start",
                message=_("Hanke ei voi päättyä ennen kuin se alkaa."),
                start="started_on",
                end="ended_on",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("responsibility:company_responsibility", args=[self.company.business_id])


class CustomerTeam(models.Model):
    """People from several organisations who hold customers together (5.4)."""

    name = models.CharField(_("nimi"), max_length=200, unique=True)
    description = models.TextField(_("kuvaus"), blank=True, max_length=2000)
    leader = reference("offerings.Person", _("vetäjä"), related_name="teams_led")
    is_active = models.BooleanField(_("toiminnassa"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("asiakkuustiimi")
        verbose_name_plural = _("asiakkuustiimit")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("responsibility:team_detail", args=[self.pk])


class TeamMembership(models.Model):
    """A person in a customer team, with a role."""

    class Role(models.TextChoices):
        LEADER = "leader", _("vetäjä")
        MEMBER = "member", _("jäsen")
        EXPERT = "expert", _("asiantuntija")

    team = models.ForeignKey(CustomerTeam, on_delete=models.CASCADE, related_name="memberships")
    person = reference("offerings.Person", _("henkilö"), related_name="team_memberships")
    role = models.CharField(_("rooli"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["team", "role", "person__user__last_name"]
        verbose_name = _("tiimin jäsenyys")
        verbose_name_plural = _("tiimien jäsenyydet")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "person"],
                name="team_member_once",
                violation_error_message=_("Henkilö on jo tiimin jäsen."),
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def get_absolute_url(self):
        return self.team.get_absolute_url()


class Assignment(models.Model):
    """A holder of a customer: an organisation, and within it a person or a customer team,
    as the lead or a member, from a date to a date (open: still holds it)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("päävastuullinen")
        MEMBER = "member", _("mukana")

    company = reference("segments.Company", _("yritys"), related_name="assignments")
    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="assignments"
    )
    person = reference(
        "offerings.Person", _("vastuuhenkilö"), related_name="assignments", optional=True
    )
    team = reference(CustomerTeam, _("asiakkuustiimi"), related_name="assignments", optional=True)
    role = models.CharField(_("rooli"), max_length=10, choices=Role.choices)
    delivery = reference(
        ServiceDelivery, _("aktiivinen hanke"), related_name="assignments", optional=True
    )
    starts_on = models.DateField(_("alkaen"))
    # Exclusive: the first day it no longer holds. A handover ends one lead and starts the
    # next on the same day, and the two do not overlap.
    ends_on = models.DateField(
        _("päättyen"),
        null=True,
        blank=True,
        help_text=_("Ensimmäinen päivä, jona vastuu ei enää ole voimassa."),
    )
    note = models.TextField(_("huomio"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["company", "-starts_on"]
        verbose_name = _("asiakasvastuu")
        verbose_name_plural = _("asiakasvastuut")
        constraints = [
            # The customer's one lead at any moment (5.4). On PostgreSQL an exclusion
            # constraint on the date ranges guards the past too (migration 0002).
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(role="lead", ends_on__isnull=True),
                name="assignment_one_active_lead",
                violation_error_message=ONE_LEAD_MESSAGE,
            ),
            ends_after_start(
                name="assignment_ends_after_start",
                message=_("Vastuu ei voi päättyä ennen kuin se alkaa."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "role"],
                condition=Q(ends_on__isnull=True),
                name="assignment_active_org_idx",
            ),
        ]

    def __str__(self):
        holder = self.person or self.team or self.organisation
        return f"{self.company}: {holder} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("responsibility:company_responsibility", args=[self.company.business_id])

    @property
    def is_active(self):
        return self.ends_on is None


class GroupResponsibility(models.Model):
    """Responsibility for a whole segment or a target group within it, not a named customer
    (5.4: "not always a named contact")."""

    segment = reference("segments.Segment", _("segmentti"), related_name="group_responsibilities")
    target_group = models.CharField(
        _("kohderyhmä"), max_length=300, blank=True, help_text=_("Tyhjä: koko segmentti.")
    )
    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="group_responsibilities"
    )
    team = reference(
        CustomerTeam, _("asiakkuustiimi"), related_name="group_responsibilities", optional=True
    )
    starts_on = models.DateField(_("alkaen"))
    ends_on = models.DateField(_("päättyen"), null=True, blank=True)

    class Meta:
        ordering = ["segment__number", "target_group"]
        verbose_name = _("ryhmän asiakasvastuu")
        verbose_name_plural = _("ryhmien asiakasvastuut")
        constraints = [
            ends_after_start(
                name="group_responsibility_ends_after_start",
                message=_("Vastuu ei voi päättyä ennen kuin se alkaa."),
            ),
        ]

    def __str__(self):
        return f"{self.segment}{': ' + self.target_group if self.target_group else ''} – {self.organisation}"

    def get_absolute_url(self):
        return reverse("responsibility:coverage") + f"#segmentti-{self.segment_id}"
