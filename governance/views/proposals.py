"""Proposal pages (6.2): the list, drafting in two steps (what about, then the content
against the current text), the proposal with its diff, comments, history and decision,
editing, and the steps submit, withdraw, comment and archive."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView, TemplateView

from .. import permissions
from ..forms.proposals import (
    CONTENT_FORMS,
    CommentForm,
    ProposalFilterForm,
    ProposalTargetForm,
)
from ..models.proposal_content import current_content
from ..selectors import proposals as selectors
from ..services import proposals as services

PAGE_SIZE = 25


def add_errors(form, error):
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)


class ProposalListView(PermissionRequiredMixin, ListView):
    """Proposals, newest first, filtered by status, body and segment."""

    permission_required = "governance.view_proposal"
    template_name = "governance/proposal_list.html"
    context_object_name = "proposals"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.filter_form = ProposalFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return selectors.proposal_list(
            status=filters.get("status", ""),
            body=filters.get("body"),
            segment=filters.get("segment"),
        )

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form,
            query=query.urlencode(),
            can_add=permissions.can_add_proposal(self.request.user),
            **kwargs,
        )


def _content_form(target, data=None, proposal=None):
    """The content form of the target's kind, starting from the target's current text."""
    form_class = CONTENT_FORMS[target["target_kind"]]
    snapshot = (
        proposal.current_snapshot
        if proposal is not None
        else current_content(
            target["target_kind"], segment=target["segment"], perspective=target["perspective"]
        )
    )
    initial = {}
    if proposal is not None:
        initial = {"title": proposal.title, "rationale": proposal.rationale}
        initial["version"] = proposal.version
        if proposal.target_kind == "goals":
            initial["lines"] = "\n".join(proposal.content.get("lines", []))
        elif proposal.target_kind == "strategy":
            initial["text"] = proposal.content.get("text", "")
            initial["points"] = "\n".join(proposal.content.get("points", []))
    return form_class(
        data, segment=target["segment"], snapshot=snapshot, proposal=proposal, initial=initial
    )


class ProposalCreateView(PermissionRequiredMixin, TemplateView):
    """Step 1 chooses the body (where the user sits), segment and target; step 2 (the same
    address with those in the query) asks for the content, prefilled with the current text."""

    permission_required = "governance.add_proposal"
    template_name = "governance/proposal_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(self.permission_required):
            self.bodies = permissions.preparing_bodies(request.user)
            if not self.bodies:
                raise PermissionDenied  # drafting needs a seat in a preparing body
        return super().dispatch(request, *args, **kwargs)

    def _target(self):
        data = self.request.GET
        if "segment" in data or "target_kind" in data:
            form = ProposalTargetForm(data, bodies=self.bodies)
            return form, (form.cleaned_data if form.is_valid() else None)
        # A first visit (perhaps from a body's page with ?body=…) shows no errors yet.
        initial = {
            "body": data.get("body") or (self.bodies[0].code if len(self.bodies) == 1 else None)
        }
        return ProposalTargetForm(initial=initial, bodies=self.bodies), None

    def get(self, request):
        target_form, target = self._target()
        content_form = _content_form(target) if target else None
        return self.render_to_response(
            self.get_context_data(target_form=target_form, target=target, form=content_form)
        )

    def post(self, request):
        target_form, target = self._target()
        if target is None:
            return self.render_to_response(
                self.get_context_data(target_form=target_form, target=None, form=None)
            )
        form = _content_form(target, request.POST)
        if form.is_valid():
            try:
                proposal = services.proposal_create(
                    body=target["body"],
                    segment=target["segment"],
                    target_kind=target["target_kind"],
                    perspective=target["perspective"],
                    chosen_promise=form.cleaned_data["chosen_promise"],
                    title=form.cleaned_data["title"],
                    content=form.cleaned_data["content"],
                    rationale=form.cleaned_data["rationale"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Ehdotus tallennettiin valmisteilla olevaksi."))
                return redirect(proposal)
        return self.render_to_response(
            self.get_context_data(target_form=target_form, target=target, form=form)
        )


def _proposal_or_404(pk):
    return get_object_or_404(selectors.proposal_detail_queryset(), pk=pk)


class ProposalDetailView(PermissionRequiredMixin, TemplateView):
    """The proposal shown against the current text, with comments, history and decision."""

    permission_required = "governance.view_proposal"
    template_name = "governance/proposal_detail.html"

    def get(self, request, pk, comment_form=None):
        proposal = _proposal_or_404(pk)
        return self.render_to_response(
            self.get_context_data(**proposal_context(request, proposal, comment_form))
        )


def proposal_context(request, proposal, comment_form=None):
    user = request.user
    return {
        "proposal": proposal,
        "diff": selectors.proposal_diff(proposal),
        "target_changed": selectors.target_changed_since_drafting(proposal),
        "history": selectors.proposal_history(proposal),
        "comment_form": comment_form or CommentForm(),
        "can_comment": permissions.can_comment_proposal(user, proposal),
        "can_edit": permissions.can_edit_proposal(user, proposal),
        "can_submit": permissions.can_submit_proposal(user, proposal),
        "can_withdraw": permissions.can_withdraw_proposal(user, proposal),
        "can_archive": permissions.can_archive_proposal(user, proposal),
        "is_member": permissions.is_member(user, proposal.body_id),
    }


class ProposalEditView(PermissionRequiredMixin, TemplateView):
    """Edit a draft or returned proposal (optimistic locking through its version)."""

    permission_required = "governance.change_proposal"
    template_name = "governance/proposal_form.html"

    def _load(self, pk):
        proposal = _proposal_or_404(pk)
        if not permissions.can_edit_proposal(self.request.user, proposal):
            raise PermissionDenied  # members of the preparing body, draft or returned only
        target = {
            "body": proposal.body,
            "segment": proposal.segment,
            "target_kind": proposal.target_kind,
            "perspective": proposal.perspective,
        }
        return proposal, target

    def get(self, request, pk):
        proposal, target = self._load(pk)
        form = _content_form(target, proposal=proposal)
        return self.render_to_response(
            self.get_context_data(proposal=proposal, target=target, form=form)
        )

    def post(self, request, pk):
        proposal, target = self._load(pk)
        form = _content_form(target, request.POST, proposal=proposal)
        if form.is_valid():
            version = form.cleaned_data.get("version")
            try:
                services.proposal_update(
                    proposal=proposal,
                    version=version,
                    title=form.cleaned_data["title"],
                    content=form.cleaned_data["content"],
                    rationale=form.cleaned_data["rationale"],
                    chosen_promise=form.cleaned_data["chosen_promise"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Muutokset tallennettiin."))
                return redirect(proposal)
        return self.render_to_response(
            self.get_context_data(proposal=proposal, target=target, form=form)
        )


ACTIONS = {
    # action: (permission, service, success message). Membership is checked here; the
    # service refuses a step the state machine does not allow, with its Finnish message.
    "submit": (
        "governance.change_proposal",
        services.proposal_submit,
        gettext_lazy("Ehdotus esitettiin asiakkuusstrategiaryhmälle."),
    ),
    "withdraw": (
        "governance.change_proposal",
        services.proposal_withdraw,
        gettext_lazy("Ehdotus peruttiin."),
    ),
    "archive": (
        "governance.change_proposal",
        services.proposal_archive,
        gettext_lazy("Ehdotus arkistoitiin."),
    ),
}


# Steps that cannot be undone are confirmed on a page of their own first (GET), which says
# what will happen; the step itself is the POST from that page.
CONFIRMED_FIRST = {"withdraw": "governance/proposal_withdraw_confirm.html"}


def proposal_action(request, pk, action):
    """A step of the proposal's state machine (POST); a refused step is shown on the
    proposal's page with its message and 409 Conflict (someone else's step came first)."""
    if request.method not in ("POST", "GET") or (
        request.method == "GET" and action not in CONFIRMED_FIRST
    ):
        return HttpResponseNotAllowed(["POST"])
    permission, service, success = ACTIONS[action]
    if not request.user.has_perm(permission):
        raise PermissionDenied
    proposal = _proposal_or_404(pk)
    if not permissions.is_member(request.user, proposal.body_id):
        raise PermissionDenied  # only the preparing body's members act on its proposals
    if request.method == "GET":
        if not permissions.can_withdraw_proposal(request.user, proposal):
            messages.error(request, _("Ehdotusta ei voi perua sen nykyisessä tilassa."))
            return redirect(proposal)
        return render(
            request,
            CONFIRMED_FIRST[action],
            {"proposal": proposal, **selectors.proposal_withdraw_consequences(proposal)},
        )
    arguments = {}
    if action == "withdraw":
        arguments["reason"] = request.POST.get("reason", "").strip()[:2000]
    try:
        service(proposal=proposal, by=request.user, **arguments)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        proposal = _proposal_or_404(pk)  # as it stands now
        return render(
            request,
            ProposalDetailView.template_name,
            proposal_context(request, proposal),
            status=409,
        )
    messages.success(request, success)
    return redirect(proposal)


def proposal_comment(request, pk):
    """POST a comment; errors are shown on the proposal's page with the comment kept."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.has_perm("governance.add_proposalcomment"):
        raise PermissionDenied
    proposal = _proposal_or_404(pk)
    if not permissions.can_comment_proposal(request.user, proposal):
        raise PermissionDenied  # members of the bodies involved, and the advisory board
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_comment_add(
                proposal=proposal, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                add_errors(form, error)
            else:
                # The proposal's state refused the comment: back to its page (PRG).
                for text in error.messages:
                    messages.error(request, text)
                return redirect(proposal.get_absolute_url() + "#kommentit")
        else:
            messages.success(request, _("Kommentti lisättiin."))
            return redirect(proposal.get_absolute_url() + "#kommentit")
    return render(
        request, ProposalDetailView.template_name, proposal_context(request, proposal, form)
    )
