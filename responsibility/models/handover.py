"""The baton handover (5.4 b, "kapulan vaihto"): responsibility moves from one organisation
to another; the customer is never without a lead and nothing written is lost."""

from datetime import timedelta

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field

from .assignment import Assignment, ServiceDelivery

# A request left unanswered this long is flagged in both inboxes.
OVERDUE_AFTER = timedelta(days=14)


class Handover(models.Model):
    """A request to pass a customer's lead from one organisation to another, and its answer."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("odottaa vastausta")
        ACCEPTED = "accepted", _("hyväksytty")
        DECLINED = "declined", _("hylätty")
        CANCELLED = "cancelled", _("peruttu")

    company = reference("segments.Company", _("yritys"), related_name="handovers")
    from_organisation = reference(
        "offerings.Organisation", _("luovuttaja"), related_name="handovers_out"
    )
    to_organisation = reference(
        "offerings.Organisation", _("vastaanottaja"), related_name="handovers_in"
    )
    to_person = reference(
        "offerings.Person", _("vastaanottava henkilö"), related_name="handovers_in", optional=True
    )
    reason = models.TextField(_("syy"), max_length=2000)
    notes = models.TextField(_("luovutusmuistio"), blank=True, max_length=10000)
    open_matters = models.TextField(_("avoimet asiat"), blank=True, max_length=5000)
    delivery = reference(ServiceDelivery, _("hanke"), related_name="handovers", optional=True)
    status = models.CharField(
        _("tila"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    requested_by = user_field(_("pyytäjä"))
    requested_at = models.DateTimeField(_("pyydetty"), default=timezone.now)
    decided_by = user_field(_("vastaaja"), optional=True)
    decided_at = models.DateTimeField(_("vastattu"), null=True, blank=True)
    decision_reason = models.TextField(_("vastauksen perustelu"), blank=True, max_length=2000)
    from_assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    new_assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("kapulan vaihto")
        verbose_name_plural = _("kapulan vaihdot")
        indexes = [
            # The inbox's "recently answered", newest first: walked in order and filtered by
            # organisation, it stops at the page's rows instead of sorting every answered
            # handover of the organisation (35 ms at 5,000).
            models.Index(
                F("decided_at").desc(),
                F("id").desc(),
                condition=~Q(status="requested"),
                name="handover_answered_newest_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(status="requested"),
                name="handover_one_pending_per_company",
                violation_error_message=_(
                    "Yrityksen asiakasvastuun siirrosta on jo avoin pyyntö. Odota vastausta tai peru se ensin."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(from_organisation=F("to_organisation")),
                name="handover_between_two_organisations",
                violation_error_message=_("Vastuuta ei voi siirtää organisaatiolta itselleen."),
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="handover_decline_has_reason",
                violation_error_message=_("Kerro, miksi siirto hylätään."),
            ),
            models.CheckConstraint(
                condition=Q(status="requested", decided_at__isnull=True)
                | (~Q(status="requested") & Q(decided_at__isnull=False)),
                name="handover_decided_iff_answered",
                violation_error_message=_("Vastatulla pyynnöllä on vastausaika, avoimella ei."),
            ),
        ]

    def __str__(self):
        return f"{self.company}: {self.from_organisation} → {self.to_organisation}"

    def get_absolute_url(self):
        return reverse("responsibility:handover_detail", args=[self.pk])

    @property
    def is_overdue(self):
        return (
            self.status == self.Status.REQUESTED
            and timezone.now() - self.requested_at > OVERDUE_AFTER
        )
