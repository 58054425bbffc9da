"""The baton handover (5.4 b): the request, its page with the answers, and the inbox."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import permissions, selectors, services
from ..forms import HandoverAnswerForm, HandoverRequestForm
from ..models import Handover
from .base import OrganisationMixin, add_errors
from .customers import _company_or_404


class HandoverCreateView(OrganisationMixin, PermissionRequiredMixin, TemplateView):
    """The lead organisation asks another to take the customer over."""

    permission_required = "responsibility.add_handover"
    template_name = "responsibility/handover_form.html"

    def _load(self, business_id):
        self.company = _company_or_404(business_id)
        self.lead = selectors.company_lead(self.company)
        if not permissions.can_request_handover(self.request.user, self.lead):
            raise PermissionDenied  # only the lead organisation's staff pass the baton on

    def _form(self, data=None):
        return HandoverRequestForm(data, company=self.company, from_organisation=self.organisation)

    def get(self, request, business_id):
        self._load(business_id)
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, business_id):
        self._load(business_id)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                handover = services.handover_request(
                    company=self.company,
                    from_organisation=self.organisation,
                    **form.cleaned_data,
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Siirtopyyntö lähetettiin: %(organisation)s näkee sen saapuneissa.")
                    % {"organisation": handover.to_organisation},
                )
                return redirect(handover)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            company=self.company,
            lead=self.lead,
            pending=self.company.handovers.filter(status=Handover.Status.REQUESTED).first(),
            **kwargs,
        )


def _handover_or_404(user, pk):
    handover = get_object_or_404(selectors.handover_detail_queryset(), pk=pk)
    if not permissions.can_view_handover(user, handover):
        raise PermissionDenied  # staff of the two organisations and ministry staff only
    return handover


ANSWERS = {
    # action: (service, success message, who may, reason required)
    "accept": (
        services.handover_accept,
        gettext_lazy("Siirto hyväksyttiin: päävastuu siirtyi."),
        "answer",
        False,
    ),
    "decline": (services.handover_decline, gettext_lazy("Siirto hylättiin."), "answer", True),
    "cancel": (
        services.handover_cancel,
        gettext_lazy("Siirtopyyntö peruttiin."),
        "cancel",
        False,
    ),
}


class HandoverDetailView(PermissionRequiredMixin, TemplateView):
    """One handover: what was asked and answered, and the answer forms for those who may."""

    permission_required = "responsibility.view_handover"
    template_name = "responsibility/handover_detail.html"

    def get(self, request, pk):
        handover = _handover_or_404(request.user, pk)
        return self.render_to_response(self.get_context_data(**handover_context(request, handover)))


def handover_context(request, handover, **forms):
    user = request.user
    may_answer = permissions.can_answer_handover(user, handover)
    may_cancel = permissions.can_cancel_handover(user, handover)
    pending = handover.status == Handover.Status.REQUESTED
    context = {
        "handover": handover,
        "can_answer": may_answer and pending,
        "can_cancel": may_cancel and pending,
    }
    for action in ANSWERS:
        context[f"{action}_form"] = forms.get(action) or HandoverAnswerForm(
            prefix=action, reason_required=ANSWERS[action][3]
        )
    return context


class HandoverAnswerView(PermissionRequiredMixin, TemplateView):
    """Accept, decline or cancel a handover (POST). Two answers at once: the second gets the
    service's message ("already answered") on the handover's page, as 409 Conflict.

    Declining cannot be undone, so it is confirmed on a page of its own first (GET): what
    happens, and the reason the requester will read."""

    permission_required = "responsibility.change_handover"
    template_name = "responsibility/handover_detail.html"
    confirm_template_name = "responsibility/handover_decline_confirm.html"
    http_method_names = ["get", "post"]
    action = None

    def _load(self, request, pk):
        handover = _handover_or_404(request.user, pk)
        _service, _success, who, _reason_required = ANSWERS[self.action]
        allowed = (
            permissions.can_answer_handover(request.user, handover)
            if who == "answer"
            else permissions.can_cancel_handover(request.user, handover)
        )
        if not allowed:
            raise PermissionDenied  # another organisation's handover to answer
        return handover

    def get(self, request, pk):
        if self.action != "decline":
            return HttpResponseNotAllowed(["POST"])
        handover = self._load(request, pk)
        if handover.status != Handover.Status.REQUESTED:
            return redirect(handover)
        form = HandoverAnswerForm(prefix="decline", reason_required=True)
        return self._confirm(handover, form)

    def _confirm(self, handover, form, status=200):
        return TemplateResponse(
            self.request,
            self.confirm_template_name,
            {"handover": handover, "form": form},
            status=status,
        )

    def post(self, request, pk):
        handover = self._load(request, pk)
        service, success, _who, reason_required = ANSWERS[self.action]
        form = HandoverAnswerForm(request.POST, prefix=self.action, reason_required=reason_required)
        if form.is_valid():
            try:
                service(handover=handover, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, success)
                return redirect(handover)
        elif self.action == "decline":
            return self._confirm(handover, form)
        handover = _handover_or_404(request.user, pk)  # as it stands now
        context = handover_context(request, handover, **{self.action: form})
        context["failed_action"] = self.action
        return self.render_to_response(self.get_context_data(**context))


class HandoverListView(OrganisationMixin, PermissionRequiredMixin, TemplateView):
    """The organisation's inbox: incoming, outgoing, overdue and recently answered."""

    permission_required = "responsibility.view_handover"
    template_name = "responsibility/handover_list.html"

    def get_context_data(self, **kwargs):
        inbox = selectors.handover_inbox(self.organisation) if self.organisation else None
        return super().get_context_data(organisation=self.organisation, inbox=inbox, **kwargs)
