"""Proposal pages (6.2): the list, drafting in two steps (what about, then the content
against the current text), the proposal with its diff, comments, history and decision,
editing, and the steps submit, withdraw, comment and archive."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from core.pagination import query_without

from .. import permissions
from ..forms.proposals import (
    CommentForm,
    ProposalFilterForm,
    ProposalStepForm,
    ProposalTargetForm,
    ProposalWithdrawForm,
)
from ..proposal_targets import target_of
from ..selectors import proposals as selectors
from ..services import proposals as services
from .base import GovernanceFormView, PageStepView

PAGE_SIZE = 25
DETAIL_TEMPLATE = "governance/proposal_detail.html"


class ProposalListView(PermissionRequiredMixin, ListView):
    """Proposals, newest first, filtered by status, body and segment."""

    permission_required = "governance.view_proposal"
    template_name = "governance/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filter_form = ProposalFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.proposal_list(**filters)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form,
            query=query_without(self.request.GET, "page"),
            can_add=permissions.can_add_proposal(self.request.user),
            **kwargs,
        )


def target_step(query, bodies):
    """Step 1 of drafting from the address's query: (its form, the chosen target or None).
    A first visit (from a body's page with ?body=…, or from a segment's page with ?body=…
    &segment=…) shows the form prefilled and no errors yet; the form itself always sends
    `perspective` (a select), so its answer is checked even without a kind chosen."""
    if "target_kind" in query or "perspective" in query:
        form = ProposalTargetForm(query, bodies=bodies)
        return form, (form.cleaned_data if form.is_valid() else None)
    initial = {
        "body": query.get("body") or (bodies[0].code if len(bodies) == 1 else None),
        "segment": query.get("segment"),
    }
    return ProposalTargetForm(initial=initial, bodies=bodies), None


def target_facts(target):
    """The kind of the target (its ProposalTarget) and its label, for the pages."""
    kind = target_of(target["target_kind"])
    return {"target": target, "kind": kind, "target_label": kind.label(target["perspective"])}


class ProposalFormView(GovernanceFormView):
    """What drafting and editing share: the content form of the target's kind."""

    template_name = "governance/proposal_form.html"
    target = None
    proposal = None

    def get_form(self, data=None, files=None):
        if self.target is None:
            return None
        return target_of(self.target["target_kind"]).content_form(
            data,
            segment=self.target["segment"],
            perspective=self.target["perspective"],
            proposal=self.proposal,
        )

    def get_context_data(self, **kwargs):
        facts = target_facts(self.target) if self.target else {"target": None}
        return super().get_context_data(proposal=self.proposal, **facts, **kwargs)


class ProposalCreateView(ProposalFormView):
    """Step 1 chooses the body (where the user sits), segment and target; step 2 (the same
    address with those in the query) asks for the content, prefilled with the current text."""

    permission_required = "governance.add_proposal"
    success_message = gettext_lazy("Ehdotus tallennettiin valmisteilla olevaksi.")

    def setup_objects(self, **kwargs):
        bodies = permissions.preparing_bodies(self.request.user)
        if not bodies:
            raise PermissionDenied  # drafting needs a seat in a preparing body
        self.target_form, self.target = target_step(self.request.GET, bodies)

    def post(self, request, *args, **kwargs):
        if self.target is None:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(target_form=self.target_form, **kwargs)

    def perform(self, data):
        return services.proposal_create(
            **self.target,
            chosen_promise=data["chosen_promise"],
            title=data["title"],
            content=data["content"],
            rationale=data["rationale"],
            original_language=data["original_language"],
            by=self.request.user,
        )


class ProposalEditView(ProposalFormView):
    """Edit a draft or returned proposal (optimistic locking through its version)."""

    permission_required = "governance.change_proposal"
    success_message = gettext_lazy("Muutokset tallennettiin.")

    def setup_objects(self, pk, **kwargs):
        self.proposal = proposal_or_404(pk)
        if not permissions.can_edit_proposal(self.request.user, self.proposal):
            raise PermissionDenied  # members of the preparing body, draft or returned only
        self.target = {
            name: getattr(self.proposal, name)
            for name in ("body", "segment", "target_kind", "perspective")
        }

    def perform(self, data):
        return services.proposal_update(
            proposal=self.proposal,
            version=data.get("version"),
            title=data["title"],
            content=data["content"],
            rationale=data["rationale"],
            chosen_promise=data["chosen_promise"],
            original_language=data["original_language"],
            by=self.request.user,
        )


def proposal_or_404(pk):
    return get_object_or_404(selectors.proposal_detail_queryset(), pk=pk)


def proposal_page(request, proposal, comment_form=None):
    """The proposal page's context: the proposal against the current text, its comments,
    history and decision, and the steps the user may take."""
    kind = target_of(proposal.target_kind)
    return {
        "proposal": proposal,
        "kind": kind,
        "target_label": kind.label(proposal.perspective),
        "diff": selectors.proposal_diff(proposal),
        "target_changed": selectors.target_changed_since_drafting(proposal),
        "history": selectors.proposal_history(proposal),
        "comment_form": comment_form or CommentForm(),
        **permissions.proposal_page_permissions(request.user, proposal),
    }


class ProposalDetailView(PermissionRequiredMixin, TemplateView):
    """The proposal shown against the current text, with comments, history and decision."""

    permission_required = "governance.view_proposal"
    template_name = DETAIL_TEMPLATE

    def get_context_data(self, pk, **kwargs):
        proposal = proposal_or_404(pk)
        return super().get_context_data(**proposal_page(self.request, proposal), **kwargs)


class ProposalPageStepView(PageStepView):
    """A step posted from the proposal's page. A refused step (someone else's step came
    first) shows the proposal's page as it stands now with the message, 409 Conflict."""

    page_template = DETAIL_TEMPLATE
    method_first = True

    def setup_objects(self, pk, **kwargs):
        self.proposal = proposal_or_404(pk)
        self.authorise()

    def authorise(self):
        if not permissions.is_member(self.request.user, self.proposal.body_id):
            raise PermissionDenied  # only the preparing body's members act on its proposals

    def page_context(self, form=None):
        return proposal_page(self.request, proposal_or_404(self.proposal.pk), form)


class ProposalStepView(ProposalPageStepView):
    """A step of the proposal's state machine (POST): `service` refuses a step the state
    machine does not allow, with its Finnish message."""

    permission_required = "governance.change_proposal"
    form_class = ProposalStepForm
    service = None

    def perform(self, data):
        return self.service(proposal=self.proposal, by=self.request.user, **data)

    def page_context(self, form=None):
        return super().page_context()  # the step's own form is not on the page


class ProposalSubmitView(ProposalStepView):
    service = staticmethod(services.proposal_submit)
    success_message = gettext_lazy("Ehdotus esitettiin asiakkuusstrategiaryhmälle.")


class ProposalArchiveView(ProposalStepView):
    service = staticmethod(services.proposal_archive)
    success_message = gettext_lazy("Ehdotus arkistoitiin.")


class ProposalWithdrawView(ProposalStepView):
    """Withdrawing cannot be undone: it is confirmed first on a page of its own (GET) that
    says what will happen; the step itself is the POST from that page."""

    http_method_names = ["get", "post"]
    form_class = ProposalWithdrawForm
    service = staticmethod(services.proposal_withdraw)
    success_message = gettext_lazy("Ehdotus peruttiin.")

    def get(self, request, *args, **kwargs):
        if not permissions.can_withdraw_proposal(request.user, self.proposal):
            messages.error(request, _("Ehdotusta ei voi perua sen nykyisessä tilassa."))
            return redirect(self.proposal)
        consequences = selectors.proposal_withdraw_consequences(self.proposal)
        context = {"proposal": self.proposal, **consequences}
        return TemplateResponse(request, "governance/proposal_withdraw_confirm.html", context)


class ProposalCommentView(ProposalPageStepView):
    """POST a comment; errors are shown on the proposal's page with the comment kept, and a
    refusal by the proposal's state goes back to its page with the message (PRG)."""

    permission_required = "governance.add_proposalcomment"
    form_class = CommentForm
    success_message = gettext_lazy("Kommentti lisättiin.")

    def authorise(self):
        if not permissions.can_comment_proposal(self.request.user, self.proposal):
            raise PermissionDenied  # members of the bodies involved, and the advisory board

    def perform(self, data):
        user = self.request.user
        return services.proposal_comment_add(proposal=self.proposal, text=data["text"], by=user)

    def get_success_url(self, result):
        return self.proposal.get_absolute_url() + "#kommentit"

    def refused(self, texts):
        for text in texts:
            messages.error(self.request, text)
        return redirect(self.get_success_url(None))
