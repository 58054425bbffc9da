"""Who sits in the bodies (6): seats of organisations and people, with roles and periods."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from core.fields import reference


class Membership(models.Model):
    """A seat in a body: an organisation, and within it a named person if known, with a role
    and a period (the report names no people, so an organisation may sit alone).

    Invariants: the period runs forwards; a body has at most one open chair (no end date,
    not archived) — a database constraint — and chairs' periods never overlap (`clean`);
    a person sits once at a time in a body; the person works for the organisation.
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("puheenjohtaja")
        COORDINATOR = "coordinator", _("koordinaattori")
        SECRETARY = "secretary", _("sihteeri")
        MEMBER = "member", _("jäsen")

    body = reference("Body", _("toimielin"), related_name="memberships", on_delete=models.CASCADE)
    person = reference(
        "offerings.Person", _("henkilö"), related_name="body_memberships", optional=True
    )
    organisation = reference(
        "offerings.Organisation", _("organisaatio"), related_name="body_memberships"
    )
    role = models.CharField(_("rooli"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("alkaen"), null=True, blank=True)
    ends_on = models.DateField(
        _("päättyy"), null=True, blank=True, help_text=_("Tyhjä: jäsenyys on voimassa.")
    )
    report_key = models.CharField(
        _("raportin kohta"), max_length=80, unique=True, null=True, blank=True, editable=False
    )
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["body__order", "body__code", "role", "organisation__order", "pk"]
        verbose_name = _("jäsenyys")
        verbose_name_plural = _("jäsenyydet")
        constraints = [
            models.UniqueConstraint(
                fields=["body"],
                condition=Q(role="chair", ends_on__isnull=True, is_archived=False),
                name="membership_one_open_chair_per_body",
                violation_error_message=_(
                    "Toimielimellä on jo puheenjohtaja. Päätä edellisen puheenjohtajan kausi ensin."
                ),
            ),
            models.UniqueConstraint(
                fields=["body", "person"],
                condition=Q(person__isnull=False, ends_on__isnull=True, is_archived=False),
                name="membership_person_once_per_body",
                violation_error_message=_("Henkilö on jo tämän toimielimen jäsen."),
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="membership_period_forwards",
                violation_error_message=_("Jäsenyys ei voi päättyä ennen kuin se alkaa."),
            ),
        ]

    def __str__(self):
        who = self.person or self.organisation
        return f"{who}, {self.get_role_display()} – {self.body}"

    def get_absolute_url(self):
        return self.body.get_absolute_url()

    def is_current_on(self, day):
        """Whether the seat is held on `day` (an unknown start counts as already begun)."""
        return (
            not self.is_archived
            and (self.starts_on is None or self.starts_on <= day)
            and (self.ends_on is None or day <= self.ends_on)
        )

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.person_id
            and self.organisation_id
            and self.person.organisation_id != self.organisation_id
        ):
            errors["person"] = _("Henkilö ei työskentele valitussa organisaatiossa.")
        if self.role == self.Role.CHAIR and self.body_id and not self.is_archived:
            chairs = Membership.objects.filter(
                body_id=self.body_id, role=self.Role.CHAIR, is_archived=False
            ).exclude(pk=self.pk)
            if any(_overlaps(self, other) for other in chairs):
                errors["role"] = _(
                    "Puheenjohtajien kaudet eivät voi mennä päällekkäin: toimielimellä on "
                    "tuolloin jo puheenjohtaja."
                )
        if errors:
            raise ValidationError(errors)


def _overlaps(a, b):
    """Whether two periods (open ends unbounded) share a day."""
    a_start, a_end = a.starts_on, a.ends_on
    b_start, b_end = b.starts_on, b.ends_on
    starts_before_b_ends = b_end is None or a_start is None or a_start <= b_end
    b_starts_before_a_ends = a_end is None or b_start is None or b_start <= a_end
    return starts_before_b_ends and b_starts_before_a_ends
