"""Proposals flowing upward (6.2): a segment working group, or the working committee,
prepares a change to one of its segments' items for the strategy group to decide."""

from concurrency.fields import IntegerVersionField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fields import reference, user_field, written_language
from segments.models import Goal

from ..proposal_targets.registry import target_of
from .states import StateMachine


class Proposal(StateMachine, models.Model):
    """A proposed change to one item of a segment, with its rationale, for the strategy group.

    The target is identified by `target_kind` and `segment` (and `perspective` for a goal
    list; `chosen_promise` when the proposal chooses between promise alternatives), so the
    service applying an approved proposal finds it in the same transaction. `content` holds
    the proposed content in the shape the kind defines (governance/proposal_targets);
    `current_snapshot` the target's content when the proposal was drafted (for the diff).

    Status: draft → submitted → approved / rejected / returned; returned → draft (back to
    preparation); draft, submitted or returned → withdrawn; a closed proposal (approved,
    rejected, withdrawn) → archived. `TRANSITIONS` is the one list; services refuse others.

    Invariants: the preparing body is a segment working group or the working committee, and
    a segment group proposes only about its own segments (`clean`, and the service); the
    perspective is given exactly for goal lists; a chosen promise only for promises, of the
    same segment; a submitted proposal records who submitted it and when. Optimistic
    locking through `version`.
    """

    class TargetKind(models.TextChoices):
        GOALS = "goals", _("tavoitelista")
        STRATEGY = "strategy", _("segmenttikohtainen strategia")
        SERVICE_PROMISE = "service_promise", _("palvelulupaus")
        SERVICE_MODEL = "service_model", _("palvelumalli")
        OFFERING = "offering", _("tarjooma")
        RESPONSIBILITY_POLICY = "responsibility_policy", _("asiakasvastuun malli")

    class Status(models.TextChoices):
        DRAFT = "draft", _("valmisteilla")
        SUBMITTED = "submitted", _("esitetty strategiaryhmälle")
        APPROVED = "approved", pgettext_lazy("päätös", "hyväksytty")
        REJECTED = "rejected", pgettext_lazy("päätös", "hylätty")
        RETURNED = "returned", _("palautettu valmisteluun")
        WITHDRAWN = "withdrawn", _("peruttu")
        ARCHIVED = "archived", _("arkistoitu")

    TRANSITIONS = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.APPROVED, Status.REJECTED, Status.RETURNED, Status.WITHDRAWN},
        Status.RETURNED: {Status.DRAFT, Status.WITHDRAWN},
        Status.APPROVED: {Status.ARCHIVED},
        Status.REJECTED: {Status.ARCHIVED},
        Status.WITHDRAWN: {Status.ARCHIVED},
        Status.ARCHIVED: set(),
    }
    # Statuses in which the proposal has been submitted at least once.
    SUBMITTED_STATUSES = (Status.SUBMITTED, Status.APPROVED, Status.REJECTED, Status.RETURNED)
    # Bodies that prepare proposals for the strategy group (6.1, 6.2).
    PREPARING_KINDS = ("segment_group", "working_committee")

    title = models.CharField(_("otsikko"), max_length=200)
    body = reference("Body", _("valmisteleva toimielin"), related_name="proposals")
    segment = reference("segments.Segment", _("segmentti"), related_name="proposals")
    target_kind = models.CharField(_("ehdotuksen kohde"), max_length=30, choices=TargetKind.choices)
    perspective = models.CharField(
        _("tavoitteiden näkökulma"),
        max_length=20,
        choices=Goal.Perspective.choices,
        blank=True,
    )
    chosen_promise = reference(
        "segments.ServicePromise",
        _("vahvistettavaksi ehdotettu palvelulupaus"),
        related_name="proposals",
        optional=True,
    )
    content = models.JSONField(_("ehdotettu sisältö"), default=dict, blank=True)
    current_snapshot = models.JSONField(
        _("nykyinen sisältö valmisteltaessa"), default=dict, blank=True, editable=False
    )
    rationale = models.TextField(_("perustelut"), blank=True, max_length=5000)
    # The title and rationale are kept as written, in this language. The proposed wordings
    # (content) become the segment's Finnish texts when decided, so they are Finnish; their
    # Swedish and English versions follow through the translation queue.
    original_language = written_language(_("otsikon ja perustelujen kieli"))
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = user_field(_("laatija"))
    created_at = models.DateTimeField(_("laadittu"), auto_now_add=True)
    submitted_by = user_field(_("esittäjä"), optional=True)
    submitted_at = models.DateTimeField(_("esitetty"), null=True, blank=True)
    version = IntegerVersionField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ehdotus")
        verbose_name_plural = _("ehdotukset")
        constraints = [
            models.CheckConstraint(
                condition=(Q(target_kind="goals") & ~Q(perspective=""))
                | (~Q(target_kind="goals") & Q(perspective="")),
                name="proposal_perspective_only_for_goals",
                violation_error_message=_(
                    "Tavoitelistaa koskevassa ehdotuksessa valitaan näkökulma; muissa ei."
                ),
            ),
            models.CheckConstraint(
                condition=Q(chosen_promise__isnull=True) | Q(target_kind="service_promise"),
                name="proposal_chosen_promise_only_for_promises",
                violation_error_message=_(
                    "Vahvistettava palvelulupaus valitaan vain palvelulupausta koskevassa "
                    "ehdotuksessa."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "approved", "rejected", "returned"])
                | Q(submitted_by__isnull=False, submitted_at__isnull=False),
                name="proposal_submitted_has_submitter",
                violation_error_message=_(
                    "Strategiaryhmälle esitetyllä ehdotuksella on esittäjä ja esitysaika."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status"]),
            models.Index(fields=["segment", "status"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:proposal_detail", args=[self.pk])

    @property
    def is_editable(self):
        """Only a draft is edited; a returned proposal goes back to draft first."""
        return self.status == self.Status.DRAFT

    @property
    def is_open(self):
        return self.status in (self.Status.DRAFT, self.Status.SUBMITTED, self.Status.RETURNED)

    def clean(self):
        super().clean()
        errors = {}
        if self.body_id and self.body.kind not in self.PREPARING_KINDS:
            errors["body"] = _(
                "Ehdotuksia valmistelevat asiakassegmenttikohtaiset työryhmät ja työvaliokunta."
            )
        elif (
            self.body_id
            and self.segment_id
            and self.body.kind == "segment_group"
            and not self.body.segments.filter(pk=self.segment_id).exists()
        ):
            errors["segment"] = _("Segmentti ei kuulu työryhmän vastuusegmentteihin.")
        if self.chosen_promise_id and self.segment_id:
            promise = self.chosen_promise
            if promise.segment_id != self.segment_id:
                errors["chosen_promise"] = _("Palvelulupaus ei ole tämän segmentin lupaus.")
            elif promise.status == "archived":
                errors["chosen_promise"] = _("Arkistoitua vaihtoehtoa ei voi vahvistaa.")
        if errors:
            raise ValidationError(errors)
        if self.segment_id and self.target_kind in self.TargetKind.values:
            target_of(self.target_kind).validate(
                self.content,
                segment=self.segment,
                chosen_promise=self.chosen_promise if self.chosen_promise_id else None,
            )


class ProposalComment(models.Model):
    """A member's comment on a proposal (the advisory board comments too); archived, never
    deleted, so the discussion stays as it was."""

    proposal = reference(Proposal, _("ehdotus"), related_name="comments", on_delete=models.CASCADE)
    author = user_field(_("kirjoittaja"))
    text = models.TextField(_("kommentti"), max_length=5000)
    created_at = models.DateTimeField(_("kirjoitettu"), auto_now_add=True)
    is_archived = models.BooleanField(_("arkistoitu"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ehdotuksen kommentti")
        verbose_name_plural = _("ehdotusten kommentit")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.proposal.get_absolute_url()
