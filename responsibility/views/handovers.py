"""The baton handover (5.4 b): the request, its page with the answers, and the inbox."""

from dataclasses import dataclass

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from core.views import ServiceFormView

from .. import permissions, selectors, services
from ..forms import HandoverAnswerForm, HandoverRequestForm
from ..models import Handover
from .base import MethodFirstMixin, OrganisationMixin
from .customers import _company_or_404


class HandoverCreateView(OrganisationMixin, PermissionRequiredMixin, ServiceFormView):
    """The lead organisation asks another to take the customer over."""

    permission_required = "responsibility.add_handover"
    template_name = "responsibility/handover_form.html"
    form_class = HandoverRequestForm

    def setup_objects(self, business_id):
        self.company = _company_or_404(business_id)
        self.lead = selectors.company_lead(self.company)
        if not permissions.can_request_handover(self.request.user, self.lead):
            raise PermissionDenied  # only the lead organisation's staff pass the baton on

    def get_form_kwargs(self):
        return {"company": self.company, "from_organisation": self.organisation}

    def get_context_data(self, **kwargs):
        pending = selectors.pending_handover(self.company)
        return super().get_context_data(
            company=self.company, lead=self.lead, pending=pending, **kwargs
        )

    def perform(self, data):
        return services.handover_request(
            company=self.company, from_organisation=self.organisation, **data, by=self.request.user
        )

    def get_success_message(self, handover):
        return _("Siirtopyyntö lähetettiin: %(organisation)s näkee sen saapuneissa.") % {
            "organisation": handover.to_organisation
        }


def _handover_or_404(user, pk):
    handover = get_object_or_404(selectors.handover_detail_queryset(), pk=pk)
    if not permissions.can_view_handover(user, handover):
        raise PermissionDenied  # staff of the two organisations and ministry staff only
    return handover


@dataclass(frozen=True)
class Answer:
    """An answer to a handover: its service, its success message, who may give it (a
    permission predicate) and whether it needs a reason."""

    service: object
    success: str
    may: object
    reason_required: bool = False


ANSWERS = {
    "accept": Answer(
        services.handover_accept,
        gettext_lazy("Siirto hyväksyttiin: päävastuu siirtyi."),
        permissions.can_answer_handover,
    ),
    "decline": Answer(
        services.handover_decline,
        gettext_lazy("Siirto hylättiin."),
        permissions.can_answer_handover,
        reason_required=True,
    ),
    "cancel": Answer(
        services.handover_cancel,
        gettext_lazy("Siirtopyyntö peruttiin."),
        permissions.can_cancel_handover,
    ),
}


def handover_context(user, handover, **forms):
    """The handover page: the handover and the answer forms (`forms` those already filled)."""
    pending = handover.status == Handover.Status.REQUESTED
    context = {
        "handover": handover,
        "can_answer": pending and permissions.can_answer_handover(user, handover),
        "can_cancel": pending and permissions.can_cancel_handover(user, handover),
    }
    for action, answer in ANSWERS.items():
        context[f"{action}_form"] = forms.get(action) or HandoverAnswerForm(
            prefix=action, reason_required=answer.reason_required
        )
    return context


class HandoverDetailView(PermissionRequiredMixin, TemplateView):
    """One handover: what was asked and answered, and the answer forms for those who may."""

    permission_required = "responsibility.view_handover"
    template_name = "responsibility/handover_detail.html"

    def get_context_data(self, **kwargs):
        handover = _handover_or_404(self.request.user, self.kwargs["pk"])
        return super().get_context_data(**handover_context(self.request.user, handover), **kwargs)


class HandoverAnswerView(PermissionRequiredMixin, MethodFirstMixin, ServiceFormView):
    """Accept, decline or cancel a handover (POST). Two answers at once: the second gets the
    service's message ("already answered") on the handover's page, as 409 Conflict.

    Declining cannot be undone, so it is confirmed on a page of its own first (GET): what
    happens, and the reason the requester will read; a reason left out is asked there."""

    permission_required = "responsibility.change_handover"
    template_name = "responsibility/handover_detail.html"
    confirm_template_name = "responsibility/handover_decline_confirm.html"
    form_class = HandoverAnswerForm
    action = None
    answered = False  # True once the service was asked: its errors show on the handover

    http_method_names = ["get", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.action != "decline":
            self.http_method_names = ["post"]  # only declining is confirmed first (GET)

    def setup_objects(self, pk):
        self.answer = ANSWERS[self.action]
        self.handover = _handover_or_404(self.request.user, pk)
        if not self.answer.may(self.request.user, self.handover):
            raise PermissionDenied  # another organisation's handover to answer

    def get(self, request, *args, **kwargs):
        if self.handover.status != Handover.Status.REQUESTED:
            return redirect(self.handover)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"prefix": self.action, "reason_required": self.answer.reason_required}

    def _confirming(self):
        return self.action == "decline" and not self.answered

    def get_template_names(self):
        return [self.confirm_template_name if self._confirming() else self.template_name]

    def get_context_data(self, form, **kwargs):
        if self._confirming():
            return super().get_context_data(handover=self.handover, form=form, **kwargs)
        handover = _handover_or_404(self.request.user, self.handover.pk)  # as it stands now
        context = handover_context(self.request.user, handover, **{self.action: form})
        return super().get_context_data(**context, failed_action=self.action, **kwargs)

    def perform(self, data):
        self.answered = True
        return self.answer.service(
            handover=self.handover, by=self.request.user, reason=data["reason"]
        )

    def get_success_url(self, handover):
        return self.handover.get_absolute_url()

    def get_success_message(self, handover):
        return self.answer.success


class HandoverListView(OrganisationMixin, PermissionRequiredMixin, TemplateView):
    """The organisation's inbox: incoming, outgoing, overdue and recently answered."""

    permission_required = "responsibility.view_handover"
    template_name = "responsibility/handover_list.html"

    def get_context_data(self, **kwargs):
        inbox = selectors.handover_inbox(self.organisation) if self.organisation else None
        return super().get_context_data(organisation=self.organisation, inbox=inbox, **kwargs)
