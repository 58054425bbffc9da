"""Writes of proposals (6.2): drafting, editing, submitting, withdrawing, archiving and
commenting, and applying an approved proposal to its target in the decision's transaction.

Every write runs in a transaction, checks the preparing body's seat of the acting user,
refuses transitions the state machine (`Proposal.TRANSITIONS`) does not allow with a
Finnish message, and leaves a history row saying who and why.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from offerings.models import Organisation, SegmentOffering, ServiceModel
from responsibility.models import ResponsibilityPolicy
from segments.history import STALE_EDIT_MESSAGE
from segments.models import Goal, ReviewStatus, Segment, ServicePromise, Strategy

from .. import permissions
from ..models import DecisionEffect, Proposal, ProposalComment, StrategicQuestion
from ..models.proposal_content import (
    POLICY_CHOICE_FIELDS,
    POLICY_ORGANISATION_FIELDS,
    POLICY_TEXT_FIELDS,
    SERVICE_MODEL_TEXT_FIELDS,
    current_content,
)


def _save(obj, *, by, reason):
    obj.full_clean()
    obj._change_reason = reason
    obj._history_user = by
    obj.save()
    return obj


def _refuse(message):
    raise ValidationError(message, code="invalid_transition")


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
        _refuse(_("Vain valmistelevan toimielimen jäsenet voivat laatia sen ehdotuksia."))
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
    return _save(proposal, by=by, reason=_("Ehdotus laadittu"))


@transaction.atomic
def proposal_update(*, proposal, version, title, content, rationale="", chosen_promise=None, by):
    """Change a draft or returned proposal, if nobody else saved it since `version`; a
    returned proposal goes back to preparation (draft)."""
    stored = _locked(proposal)
    if stored.version != version:
        raise ValidationError(STALE_EDIT_MESSAGE, code="stale")
    if not permissions.is_member(by, stored.body_id):
        _refuse(_("Vain valmistelevan toimielimen jäsenet voivat muokata sen ehdotuksia."))
    if stored.status not in (Proposal.Status.DRAFT, Proposal.Status.RETURNED):
        _refuse(_("Vain valmisteilla olevaa tai valmisteluun palautettua ehdotusta voi muokata."))
    stored.title = title
    stored.content = content
    stored.rationale = rationale
    stored.chosen_promise = chosen_promise
    reason = _("Ehdotusta muokattu")
    if stored.status == Proposal.Status.RETURNED:
        stored.status = Proposal.Status.DRAFT
        reason = _("Palautettua ehdotusta muokattu; ehdotus on jälleen valmisteilla")
    return _save(stored, by=by, reason=reason)


@transaction.atomic
def proposal_submit(*, proposal, by):
    """The chair of the preparing body submits a draft to the strategy group (6.2)."""
    stored = _locked(proposal)
    if not permissions.is_chair(by, stored.body_id):
        _refuse(_("Vain valmistelevan toimielimen puheenjohtaja voi esittää ehdotuksen."))
    if not stored.can_become(Proposal.Status.SUBMITTED):
        _refuse(
            _("Ehdotusta ei voi esittää, koska sen tila on ”%(status)s”.")
            % {"status": stored.get_status_display()}
        )
    stored.status = Proposal.Status.SUBMITTED
    stored.submitted_by = by
    stored.submitted_at = timezone.now()
    return _save(stored, by=by, reason=_("Ehdotus esitetty asiakkuusstrategiaryhmälle"))


@transaction.atomic
def proposal_withdraw(*, proposal, by, reason=""):
    """Members of the preparing body withdraw an open proposal."""
    stored = _locked(proposal)
    if not permissions.is_member(by, stored.body_id):
        _refuse(_("Vain valmistelevan toimielimen jäsenet voivat perua sen ehdotuksia."))
    if stored.agenda_items.filter(meeting__status__in=["planned", "open"]).exists():
        _refuse(_("Ehdotus on avoimen kokouksen asialistalla; sitä ei voi enää perua."))
    if not stored.can_become(Proposal.Status.WITHDRAWN):
        _refuse(
            _("Ehdotusta ei voi perua, koska sen tila on ”%(status)s”.")
            % {"status": stored.get_status_display()}
        )
    stored.status = Proposal.Status.WITHDRAWN
    return _save(stored, by=by, reason=reason or _("Ehdotus peruttu"))


@transaction.atomic
def proposal_archive(*, proposal, by):
    """A closed proposal (approved, rejected, withdrawn) is archived, never deleted."""
    stored = _locked(proposal)
    if not permissions.is_member(by, stored.body_id):
        _refuse(_("Vain valmistelevan toimielimen jäsenet voivat arkistoida sen ehdotuksia."))
    if not stored.can_become(Proposal.Status.ARCHIVED):
        _refuse(_("Vain käsitelty tai peruttu ehdotus voidaan arkistoida."))
    stored.status = Proposal.Status.ARCHIVED
    return _save(stored, by=by, reason=_("Ehdotus arkistoitu"))


@transaction.atomic
def proposal_comment_add(*, proposal, text, by):
    """A member's (or an advisory-board member's) comment on a proposal."""
    if not permissions.can_comment_proposal(by, proposal):
        _refuse(_("Vain toimielinten jäsenet voivat kommentoida ehdotusta."))
    comment = ProposalComment(proposal=proposal, author=by, text=text.strip())
    return _save(comment, by=by, reason=_("Ehdotusta kommentoitu"))


# --- Applying an approved proposal ------------------------------------------------------


class _Effects:
    """Collects the items a decision changed and writes their DecisionEffect rows."""

    def __init__(self, decision, by):
        self.decision = decision
        self.by = by
        self.reason = decision.history_reason()

    def save(self, obj, description):
        _save(obj, by=self.by, reason=self.reason)
        self.note(obj, description)
        return obj

    def note(self, obj, description):
        """One line per item: a later, more final step on the same item (a new wording
        that is also confirmed) replaces the earlier line rather than adding a second."""
        effect, created = DecisionEffect.objects.get_or_create(
            decision=self.decision,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            defaults={"description": str(description)[:500]},
        )
        if not created and effect.description != str(description)[:500]:
            effect.description = str(description)[:500]
            effect.save(update_fields=["description"])

    def delete(self, obj, description):
        self.note(obj, description)
        obj._change_reason = self.reason
        obj._history_user = self.by
        obj.delete()


def _set_finnish(obj, field, value):
    """Set the Finnish text; a changed text drops its translations, which would be stale."""
    if (getattr(obj, f"{field}_fi") or "") != value:
        setattr(obj, f"{field}_fi", value)
        setattr(obj, f"{field}_sv", "")
        setattr(obj, f"{field}_en", "")


def _apply_goals(proposal, effects):
    goals = list(
        Goal.objects.select_for_update()
        .filter(segment=proposal.segment, perspective=proposal.perspective)
        .order_by("order", "pk")
    )
    lines = proposal.content["lines"]
    for order, line in enumerate(lines, start=1):
        goal = goals[order - 1] if order <= len(goals) else None
        if goal is None:
            goal = Goal(segment=proposal.segment, perspective=proposal.perspective, text_fi=line)
        _set_finnish(goal, "text", line)
        goal.order = order
        goal.status = ReviewStatus.CONFIRMED
        effects.save(goal, _("Tavoite vahvistettu"))
    for goal in goals[len(lines) :]:
        effects.delete(goal, _("Tavoite poistettu listalta: %(text)s") % {"text": goal.text_fi})


def _apply_strategy(proposal, effects):
    strategy = Strategy.objects.select_for_update().filter(segment=proposal.segment).first()
    if strategy is None:
        strategy = Strategy(segment=proposal.segment, text_fi="")
    _set_finnish(strategy, "text", proposal.content["text"])
    _set_finnish(strategy, "points", "\n".join(proposal.content.get("points", [])))
    strategy.status = ReviewStatus.CONFIRMED
    effects.save(strategy, _("Strategia vahvistettu"))


def confirm_promise(promise, effects, *, swedish="", new=None):
    """Confirm one promise of its segment and archive the segment's other wordings (5.1.3).

    The others are archived first: only one promise of a segment may be confirmed. `new` is
    the wording the same decision recorded, so its one line tells both steps.
    """
    is_new = new is not None and new.pk == promise.pk
    others = ServicePromise.objects.select_for_update().filter(segment_id=promise.segment_id)
    for other in others.exclude(pk=promise.pk).exclude(status=ServicePromise.Status.ARCHIVED):
        other.status = ServicePromise.Status.ARCHIVED
        if new is not None and other.pk == new.pk:
            effects.save(other, _("Uusi vaihtoehto kirjattu; ei valittu, arkistoitu"))
        else:
            effects.save(other, _("Palvelulupauksen vaihtoehto arkistoitu"))
    if swedish.strip():
        promise.text_sv = swedish.strip()
    if not (promise.text_sv or "").strip():
        raise ValidationError(
            _("Palvelulupausta ei voi vahvistaa ilman ruotsinkielistä tekstiä."), code="no_sv"
        )
    promise.status = ServicePromise.Status.CONFIRMED
    if is_new:
        effects.save(promise, _("Uusi vaihtoehto kirjattu ja vahvistettu palvelulupaukseksi"))
    else:
        effects.save(promise, _("Palvelulupaus vahvistettu"))
    # The choice between the wordings is made: the segment no longer waits for one (5.1.3).
    segment = Segment.objects.select_for_update().get(pk=promise.segment_id)
    if segment.has_open_promise_alternative:
        segment.has_open_promise_alternative = False
        effects.save(segment, _("Palvelulupauksen vaihtoehtojen valinta tehty"))
    return promise


def _apply_service_promise(proposal, effects):
    content = proposal.content
    segment = proposal.segment
    new = None
    if content.get("new_alternative"):
        wording = content["new_alternative"]
        order = (segment.promises.aggregate(top=Max("order"))["top"] or 0) + 1
        new = ServicePromise(
            segment=segment,
            text_fi=wording["text_fi"].strip(),
            text_sv=(wording.get("text_sv") or "").strip(),
            status=ServicePromise.Status.ALTERNATIVE,
            order=order,
        )
        effects.save(new, _("Uusi vaihtoehto kirjattu"))
    if content.get("choose_new_alternative"):
        chosen = new
        swedish = ""
    else:
        chosen = ServicePromise.objects.select_for_update().get(pk=proposal.chosen_promise_id)
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
    model = ServiceModel.objects.select_for_update().filter(segment=proposal.segment).first()
    if model is None:
        model = ServiceModel(segment=proposal.segment)
    for name in SERVICE_MODEL_TEXT_FIELDS:
        if name in proposal.content:
            _set_finnish(model, name, proposal.content[name])
    if "initiative" in proposal.content:
        model.initiative = proposal.content["initiative"]
    effects.save(model, _("Palvelumalli muutettu"))


def _offering_lookup(segment, entry):
    if entry["kind"] == SegmentOffering.Kind.BASIC:
        return {"kind": "basic", "service_id": entry["service"], "segment": segment}
    return {
        "kind": "transition",
        "service_id": entry["service"],
        "from_segment": segment,
        "to_segment": Segment.objects.get(code=entry["to_segment"]),
    }


def _apply_offering(proposal, effects):
    segment = proposal.segment
    for entry in proposal.content.get("remove", []):
        for row in SegmentOffering.objects.select_for_update().filter(
            **_offering_lookup(segment, entry)
        ):
            effects.delete(row, _("Poistettu tarjoomasta: %(row)s") % {"row": row})
    for entry in proposal.content.get("add", []):
        lookup = _offering_lookup(segment, entry)
        if not SegmentOffering.objects.filter(**lookup).exists():
            effects.save(SegmentOffering(**lookup), _("Lisätty tarjoomaan"))


def _apply_responsibility_policy(proposal, effects):
    policy = (
        ResponsibilityPolicy.objects.select_for_update().filter(segment=proposal.segment).first()
    )
    if policy is None:
        policy = ResponsibilityPolicy(segment=proposal.segment)
    content = proposal.content
    for name in (*POLICY_CHOICE_FIELDS, *POLICY_TEXT_FIELDS, "forms_customer_teams"):
        if name in content:
            setattr(policy, name, content[name])
    for name in POLICY_ORGANISATION_FIELDS:
        if name in content:
            code = content[name]
            setattr(policy, name, Organisation.objects.get(code=code) if code else None)
    policy.decision_reference = effects.decision.reference
    effects.save(policy, _("Asiakasvastuun malli muutettu"))


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
