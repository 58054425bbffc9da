"""Writes of proposals (6.2): drafting, editing, submitting, withdrawing, archiving and
commenting, and applying an approved proposal to its target in the decision's transaction.

Every write runs in a transaction, checks the preparing body's seat of the acting user,
refuses transitions the state machine (`Proposal.TRANSITIONS`) does not allow with a
Finnish message, and leaves a history row saying who and why.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import save_changed, save_with_history
from core.refusals import refuse, refuse_stale
from core.translation import write_texts

from .. import permissions
from ..models import DecisionEffect, Proposal, ProposalComment
from ..proposal_targets import current_content, target_of
from . import notices


def _locked(proposal):
    """The proposal re-read under a row lock, so two concurrent steps cannot both pass."""
    return (
        Proposal.objects.select_for_update().select_related("body", "segment").get(pk=proposal.pk)
    )


@transaction.atomic
def proposal_create(
    *,
    body,
    segment,
    target_kind,
    title,
    content,
    rationale="",
    perspective="",
    chosen_promise=None,
    original_language="fi",
    by,
):
    """Draft a proposal of `body` about one of `segment`'s items; the target's current
    content is recorded as the snapshot the proposal is compared against."""
    if not permissions.is_member(by, body):
        refuse(_("Vain valmistelevan toimielimen jäsenet voivat laatia sen ehdotuksia."))
    proposal = Proposal(
        body=body,
        segment=segment,
        target_kind=target_kind,
        perspective=perspective or "",
        chosen_promise=chosen_promise,
        title=title,
        content=content,
        rationale=rationale,
        original_language=original_language,
        created_by=by,
    )
    if segment is not None and target_kind in Proposal.TargetKind.values:
        proposal.current_snapshot = current_content(
            target_kind, segment=segment, perspective=perspective
        )
    return save_with_history(proposal, by=by, reason=_("Ehdotus laadittu"))


@transaction.atomic
def proposal_update(
    *,
    proposal,
    version,
    title,
    content,
    rationale="",
    chosen_promise=None,
    original_language="fi",
    by,
):
    """Change a draft or returned proposal, if nobody else saved it since `version`; a
    returned proposal goes back to preparation (draft)."""
    stored = _locked(proposal)
    if stored.version != version:
        refuse_stale()
    if not permissions.is_member(by, stored.body_id):
        refuse(_("Vain valmistelevan toimielimen jäsenet voivat muokata sen ehdotuksia."))
    if stored.status not in (Proposal.Status.DRAFT, Proposal.Status.RETURNED):
        refuse(_("Vain valmisteilla olevaa tai valmisteluun palautettua ehdotusta voi muokata."))
    # The title and rationale in the column of the language they were written in.
    write_texts(stored, original_language, title=title, rationale=rationale)
    stored.content = content
    stored.chosen_promise = chosen_promise
    reason = _("Ehdotusta muokattu")
    if stored.status == Proposal.Status.RETURNED:
        stored.status = Proposal.Status.DRAFT
        reason = _("Palautettua ehdotusta muokattu; ehdotus on jälleen valmisteilla")
    return save_with_history(stored, by=by, reason=reason)


@transaction.atomic
def proposal_submit(*, proposal, by):
    """The chair of the preparing body submits a draft to the strategy group (6.2)."""
    stored = _locked(proposal)
    if not permissions.is_chair(by, stored.body_id):
        refuse(_("Vain valmistelevan toimielimen puheenjohtaja voi esittää ehdotuksen."))
    stored.check_step(
        Proposal.Status.SUBMITTED, _("Ehdotusta ei voi esittää, koska sen tila on ”%(status)s”.")
    )
    stored.status = Proposal.Status.SUBMITTED
    stored.submitted_by = by
    stored.submitted_at = timezone.now()
    save_with_history(stored, by=by, reason=_("Ehdotus esitetty asiakkuusstrategiaryhmälle"))
    notices.proposal_submitted(stored, by=by)
    return stored


@transaction.atomic
def proposal_withdraw(*, proposal, by, reason=""):
    """Members of the preparing body withdraw an open proposal."""
    stored = _locked(proposal)
    if not permissions.is_member(by, stored.body_id):
        refuse(_("Vain valmistelevan toimielimen jäsenet voivat perua sen ehdotuksia."))
    if stored.agenda_items.filter(meeting__status__in=["planned", "open"]).exists():
        refuse(_("Ehdotus on avoimen kokouksen asialistalla; sitä ei voi enää perua."))
    stored.check_step(
        Proposal.Status.WITHDRAWN, _("Ehdotusta ei voi perua, koska sen tila on ”%(status)s”.")
    )
    stored.status = Proposal.Status.WITHDRAWN
    return save_with_history(stored, by=by, reason=reason or _("Ehdotus peruttu"))


@transaction.atomic
def proposal_archive(*, proposal, by):
    """A closed proposal (approved, rejected, withdrawn) is archived, never deleted."""
    stored = _locked(proposal)
    if not permissions.is_member(by, stored.body_id):
        refuse(_("Vain valmistelevan toimielimen jäsenet voivat arkistoida sen ehdotuksia."))
    stored.check_step(
        Proposal.Status.ARCHIVED, _("Vain käsitelty tai peruttu ehdotus voidaan arkistoida.")
    )
    stored.status = Proposal.Status.ARCHIVED
    return save_with_history(stored, by=by, reason=_("Ehdotus arkistoitu"))


@transaction.atomic
def proposal_comment_add(*, proposal, text, by):
    """A member's (or an advisory-board member's) comment on a proposal."""
    if not permissions.can_comment_proposal(by, proposal):
        refuse(_("Vain toimielinten jäsenet voivat kommentoida ehdotusta."))
    comment = ProposalComment(proposal=proposal, author=by, text=text.strip())
    return save_with_history(comment, by=by, reason=_("Ehdotusta kommentoitu"))


# --- Applying an approved proposal ------------------------------------------------------


class _Effects:
    """Records what a decision changed, one DecisionEffect row per item; its own records
    (questions, alternatives) it saves itself, other apps' content through their services
    (each kind's ProposalTarget.apply)."""

    def __init__(self, decision, by):
        self.decision = decision
        self.by = by
        self.reason = decision.history_reason()

    def save(self, obj, description):
        """Save one of governance's own records as the decision's effect."""
        self.record([save_changed(obj, description, by=self.by, reason=self.reason)])
        return obj

    def record(self, changes):
        """One line per item: a later, more final step on the same item (a new wording that
        is also confirmed) replaces the earlier line rather than adding a second."""
        for change in changes:
            description = str(change.description)[:500]
            content_type = ContentType.objects.get_for_model(change.model)
            effect = DecisionEffect.objects.filter(
                decision=self.decision, content_type=content_type, object_id=change.pk
            ).first()
            if effect is None:
                effect = DecisionEffect(
                    decision=self.decision,
                    content_type=content_type,
                    object_id=change.pk,
                    description=description,
                )
            elif effect.description == description:
                continue
            effect.description = description
            # Made here from the services' own Changes: nothing a user typed to validate.
            save_with_history(effect, by=self.by, reason=self.reason, clean=False)


def proposal_apply(*, proposal, decision, by):
    """Change the approved proposal's target; called inside the meeting's closing
    transaction, so a failure here rolls the whole closing back."""
    # The content is checked again against today's data: the target may have changed
    # since the proposal was drafted (a promise archived, a service gone).
    proposal.full_clean()
    target_of(proposal.target_kind).apply(proposal, _Effects(decision, by))


def effects_for(decision, by):
    """The effect recorder of a decision, for the meeting service's question decisions."""
    return _Effects(decision, by)
