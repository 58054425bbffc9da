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

from core.history import Change, save_changed, save_with_history
from core.refusals import refuse, refuse_stale
from offerings import services as offering_services
from responsibility import services as responsibility_services
from segments import services as segment_services
from segments.models import ServicePromise

from .. import permissions
from ..models import DecisionEffect, Proposal, ProposalComment, StrategicQuestion
from ..models.proposal_content import (
    POLICY_CHOICE_FIELDS,
    POLICY_ORGANISATION_FIELDS,
    POLICY_TEXT_FIELDS,
    SERVICE_MODEL_TEXT_FIELDS,
    current_content,
)


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
        created_by=by,
    )
    if segment is not None and target_kind in Proposal.TargetKind.values:
        proposal.current_snapshot = current_content(
            target_kind, segment=segment, perspective=perspective
        )
    return save_with_history(proposal, by=by, reason=_("Ehdotus laadittu"))


@transaction.atomic
def proposal_update(*, proposal, version, title, content, rationale="", chosen_promise=None, by):
    """Change a draft or returned proposal, if nobody else saved it since `version`; a
    returned proposal goes back to preparation (draft)."""
    stored = _locked(proposal)
    if stored.version != version:
        refuse_stale()
    if not permissions.is_member(by, stored.body_id):
        refuse(_("Vain valmistelevan toimielimen jäsenet voivat muokata sen ehdotuksia."))
    if stored.status not in (Proposal.Status.DRAFT, Proposal.Status.RETURNED):
        refuse(_("Vain valmisteilla olevaa tai valmisteluun palautettua ehdotusta voi muokata."))
    stored.title = title
    stored.content = content
    stored.rationale = rationale
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
    if not stored.can_become(Proposal.Status.SUBMITTED):
        refuse(
            _("Ehdotusta ei voi esittää, koska sen tila on ”%(status)s”.")
            % {"status": stored.get_status_display()}
        )
    stored.status = Proposal.Status.SUBMITTED
    stored.submitted_by = by
    stored.submitted_at = timezone.now()
    return save_with_history(stored, by=by, reason=_("Ehdotus esitetty asiakkuusstrategiaryhmälle"))


@transaction.atomic
def proposal_withdraw(*, proposal, by, reason=""):
    """Members of the preparing body withdraw an open proposal."""
    stored = _locked(proposal)
    if not permissions.is_member(by, stored.body_id):
        refuse(_("Vain valmistelevan toimielimen jäsenet voivat perua sen ehdotuksia."))
    if stored.agenda_items.filter(meeting__status__in=["planned", "open"]).exists():
        refuse(_("Ehdotus on avoimen kokouksen asialistalla; sitä ei voi enää perua."))
    if not stored.can_become(Proposal.Status.WITHDRAWN):
        refuse(
            _("Ehdotusta ei voi perua, koska sen tila on ”%(status)s”.")
            % {"status": stored.get_status_display()}
        )
    stored.status = Proposal.Status.WITHDRAWN
    return save_with_history(stored, by=by, reason=reason or _("Ehdotus peruttu"))


@transaction.atomic
def proposal_archive(*, proposal, by):
    """A closed proposal (approved, rejected, withdrawn) is archived, never deleted."""
    stored = _locked(proposal)
    if not permissions.is_member(by, stored.body_id):
        refuse(_("Vain valmistelevan toimielimen jäsenet voivat arkistoida sen ehdotuksia."))
    if not stored.can_become(Proposal.Status.ARCHIVED):
        refuse(_("Vain käsitelty tai peruttu ehdotus voidaan arkistoida."))
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
    (questions, alternatives) it saves itself, other apps' content through their services."""

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
            effect, created = DecisionEffect.objects.get_or_create(
                decision=self.decision,
                content_type=ContentType.objects.get_for_model(change.model),
                object_id=change.pk,
                defaults={"description": description},
            )
            if not created and effect.description != description:
                effect.description = description
                effect.save(update_fields=["description"])


def _apply_goals(proposal, effects):
    effects.record(
        segment_services.goal_list_replace(
            segment=proposal.segment,
            perspective=proposal.perspective,
            lines=proposal.content["lines"],
            by=effects.by,
            reason=effects.reason,
        )
    )


def _apply_strategy(proposal, effects):
    effects.record(
        segment_services.strategy_set(
            segment=proposal.segment,
            text=proposal.content["text"],
            points=proposal.content.get("points", []),
            by=effects.by,
            reason=effects.reason,
        )
    )


def confirm_promise(promise, effects, *, swedish="", new=None):
    """Confirm the promise through the segments app, recording the decision's effects."""
    effects.record(
        segment_services.promise_confirm(
            promise=promise, swedish=swedish, new=new, by=effects.by, reason=effects.reason
        )
    )


def _apply_service_promise(proposal, effects):
    content = proposal.content
    segment = proposal.segment
    new = None
    if content.get("new_alternative"):
        wording = content["new_alternative"]
        new = segment_services.promise_alternative_add(
            segment=segment,
            text_fi=wording["text_fi"],
            text_sv=wording.get("text_sv") or "",
            by=effects.by,
            reason=effects.reason,
        )
        effects.record([Change.of(new, _("Uusi vaihtoehto kirjattu"))])
    if content.get("choose_new_alternative"):
        chosen = new
        swedish = ""
    else:
        chosen = ServicePromise.objects.get(pk=proposal.chosen_promise_id)
        swedish = content.get("chosen_text_sv", "")
    confirm_promise(chosen, effects, swedish=swedish, new=new)
    _settle_promise_question(segment, chosen, new, effects)


def _settle_promise_question(segment, chosen, new, effects):
    """The register's promise question of the segment (5.1.3) is settled by the same
    decision: the new wording fills the empty slot, and the chosen one is marked."""
    question = (
        StrategicQuestion.objects.select_for_update()
        .filter(subject="service_promise", segment=segment, is_archived=False)
        .exclude(status=StrategicQuestion.Status.DECIDED)
        .first()
    )
    if question is None:
        return
    alternatives = list(question.alternatives.filter(is_archived=False).order_by("order", "pk"))
    if new is not None:
        slot = next((a for a in alternatives if a.is_empty_slot), None)
        if slot is not None:
            slot.text_fi = new.text_fi
            slot.text_sv = new.text_sv
            slot.promise = new
            effects.save(slot, _("Strategisen kysymyksen vaihtoehto kirjattu"))
    chosen_alternative = next((a for a in alternatives if a.promise_id == chosen.pk), None)
    if chosen_alternative is not None:
        chosen_alternative.is_chosen = True
        if new is not None and chosen_alternative.promise_id == new.pk:
            label = _("Strategisen kysymyksen vaihtoehto kirjattu ja valittu")
        else:
            label = _("Strategisen kysymyksen vaihtoehto valittu")
        effects.save(chosen_alternative, label)
    question.status = StrategicQuestion.Status.DECIDED
    question.decision = effects.decision
    effects.save(question, _("Strateginen kysymys ratkaistu"))


def _apply_service_model(proposal, effects):
    content = proposal.content
    texts = {name: content[name] for name in SERVICE_MODEL_TEXT_FIELDS if name in content}
    effects.record(
        offering_services.service_model_change(
            segment=proposal.segment,
            texts=texts,
            initiative=content.get("initiative"),
            by=effects.by,
            reason=effects.reason,
        )
    )


def _apply_offering(proposal, effects):
    effects.record(
        offering_services.segment_offering_change(
            segment=proposal.segment,
            add=proposal.content.get("add", []),
            remove=proposal.content.get("remove", []),
            by=effects.by,
            reason=effects.reason,
        )
    )


def _apply_responsibility_policy(proposal, effects):
    content = proposal.content
    names = (
        *POLICY_CHOICE_FIELDS,
        *POLICY_TEXT_FIELDS,
        "forms_customer_teams",
        *POLICY_ORGANISATION_FIELDS,
    )
    effects.record(
        responsibility_services.policy_set(
            segment=proposal.segment,
            values={name: content[name] for name in names if name in content},
            decision_reference=effects.decision.reference,
            by=effects.by,
            reason=effects.reason,
        )
    )


_APPLY = {
    "goals": _apply_goals,
    "strategy": _apply_strategy,
    "service_promise": _apply_service_promise,
    "service_model": _apply_service_model,
    "offering": _apply_offering,
    "responsibility_policy": _apply_responsibility_policy,
}


def proposal_apply(*, proposal, decision, by):
    """Change the approved proposal's target; called inside the meeting's closing
    transaction, so a failure here rolls the whole closing back."""
    # The content is checked again against today's data: the target may have changed
    # since the proposal was drafted (a promise archived, a service gone).
    proposal.full_clean()
    _APPLY[proposal.target_kind](proposal, _Effects(decision, by))


def effects_for(decision, by):
    """The effect recorder of a decision, for the meeting service's question decisions."""
    return _Effects(decision, by)
