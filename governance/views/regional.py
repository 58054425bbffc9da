"""The regional task log, its overviews and the needs messages upward (report 6.3).

Views authorise (permission, then the object-level predicate of governance.permissions),
call one selector or service, and render. Everyone with the view permissions reads every
task and message; writes are kept to the task's own coordinator and to current members of
the body whose turn it is.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import permissions
from ..forms.regional import (
    MESSAGE_ACTIONS,
    NeedsMessageForm,
    RegionalOverviewForm,
    RegionalTaskFilterForm,
    RegionalTaskForm,
    task_arguments,
)
from ..models import NeedsMessage
from ..selectors import regional as selectors
from ..services import regional as services
from .base import GovernanceFormView, PageStepView

PAGE_SIZE = 50


def _task_or_404(pk):
    return get_object_or_404(selectors.task_detail_queryset(), pk=pk)


def _message_or_404(pk):
    return get_object_or_404(selectors.message_detail_queryset(), pk=pk)


def _filter_data(query, region):
    """The task log's filters from the address; a coordinator's own region by default
    ("Kaikki" shows all)."""
    data = query.copy()
    data.pop("page", None)
    if not data and region is not None:
        data["region"] = str(region.pk)
    return data


class RegionalTaskListView(PermissionRequiredMixin, TemplateView):
    """The task log, 50 to a page; a coordinator sees their own region first."""

    permission_required = "governance.view_regionaltask"
    template_name = "governance/regionaltask_list.html"

    def get_context_data(self, **kwargs):
        region = permissions.coordinated_region(self.request.user)
        data = _filter_data(self.request.GET, region)
        form = RegionalTaskFilterForm(data or None)
        tasks = Paginator(selectors.task_list(**form.filters()), PAGE_SIZE)
        page = tasks.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form,
            page=page,
            query=data.urlencode(),
            today=timezone.localdate(),
            can_log=permissions.can_log_task(self.request.user),
            own_region=region,
            **kwargs,
        )


class RegionalTaskDetailView(PermissionRequiredMixin, TemplateView):
    """One task with its messages; its coordinator also finds the edit and send links."""

    permission_required = "governance.view_regionaltask"
    template_name = "governance/regionaltask_detail.html"

    def get_context_data(self, **kwargs):
        task = _task_or_404(self.kwargs["pk"])
        user = self.request.user
        return super().get_context_data(
            task=task,
            today=timezone.localdate(),
            can_edit=permissions.can_edit_task(user, task),
            can_send=permissions.can_send_message(user, task),
            **kwargs,
        )


class RegionalTaskCreateView(GovernanceFormView):
    """A coordinator logs a task of a regional group their TE-centre coordinates."""

    permission_required = "governance.add_regionaltask"
    template_name = "governance/regionaltask_form.html"
    form_class = RegionalTaskForm
    success_message = gettext_lazy("Tehtävä kirjattiin.")

    def setup_objects(self, **kwargs):
        if not permissions.can_log_task(self.request.user):
            raise PermissionDenied  # not a TE-centre that coordinates a regional group

    def get_form_kwargs(self):
        return {"bodies": permissions.coordinated_bodies(self.request.user)}

    def perform(self, data):
        user = self.request.user
        return services.regional_task_create(**task_arguments(data), by=user)


class RegionalTaskUpdateView(GovernanceFormView):
    """The task's own coordinator edits it; a stale copy is refused, with why asked."""

    permission_required = "governance.change_regionaltask"
    template_name = "governance/regionaltask_form.html"
    form_class = RegionalTaskForm
    success_message = gettext_lazy("Tehtävä tallennettiin.")

    def setup_objects(self, pk, **kwargs):
        self.task = _task_or_404(pk)
        if not permissions.can_edit_task(self.request.user, self.task):
            raise PermissionDenied  # another region's task, or an archived one

    def get_form_kwargs(self):
        return {"bodies": permissions.coordinated_bodies(self.request.user), "task": self.task}

    def perform(self, data):
        user = self.request.user
        return services.regional_task_update(task=self.task, **task_arguments(data), by=user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, **kwargs)


class RegionalOverviewView(PermissionRequiredMixin, TemplateView):
    """Counts of a year's tasks per region and per segment, by kind and by month."""

    permission_required = "governance.view_regionaltask"
    template_name = "governance/regional_overview.html"

    CAPTIONS = {
        "region_kind": gettext_lazy("Tehtävät alueittain ja tehtäväalueittain"),
        "region_month": gettext_lazy("Tehtävät alueittain ja kuukausittain"),
        "segment_kind": gettext_lazy("Tehtävät segmenteittäin ja tehtäväalueittain"),
        "segment_month": gettext_lazy("Tehtävät segmenteittäin ja kuukausittain"),
        "region": gettext_lazy("Alue"),
        "segment": gettext_lazy("Segmentti"),
        "no_segment": gettext_lazy("Ei segmenttiä"),
    }

    def get_context_data(self, **kwargs):
        form = RegionalOverviewForm(self.request.GET or None)
        overview = selectors.regional_overview(year=form.chosen_year(), captions=self.CAPTIONS)
        return super().get_context_data(form=form, overview=overview, **kwargs)


class NeedsMessageCreateView(GovernanceFormView):
    """The task's coordinator sends a needs message upward to a segment working group."""

    permission_required = "governance.add_needsmessage"
    template_name = "governance/needsmessage_form.html"
    form_class = NeedsMessageForm

    def setup_objects(self, pk, **kwargs):
        self.task = _task_or_404(pk)
        if not permissions.can_send_message(self.request.user, self.task):
            raise PermissionDenied  # only the task's own coordinator sends from it

    def get_form_kwargs(self):
        return {"recipients": selectors.recipients_for(self.task)}

    def perform(self, data):
        return services.needs_message_send(task=self.task, **data, by=self.request.user)

    def get_success_message(self, message):
        return _("Viesti lähetettiin: %(body)s näkee sen saapuneissa.") % {"body": message.to_body}

    def get_context_data(self, **kwargs):
        return super().get_context_data(task=self.task, **kwargs)


class NeedsMessageListView(PermissionRequiredMixin, TemplateView):
    """The user's messages: to bodies where they sit, and sent from their region."""

    permission_required = "governance.view_needsmessage"
    template_name = "governance/needsmessage_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        member_ids = permissions.member_body_ids(user)
        coordinated = permissions.coordinated_bodies(user)
        inbox = selectors.message_inbox(
            member_body_ids=member_ids, coordinated_body_ids=[body.pk for body in coordinated]
        )
        return super().get_context_data(
            inbox=inbox, sits_somewhere=bool(member_ids), coordinates=bool(coordinated), **kwargs
        )


def available_actions(message):
    """The steps the message's status allows (the strategy group answers a forwarded one)."""
    actions = [
        action for action, (_form, status) in MESSAGE_ACTIONS.items() if message.can_become(status)
    ]
    if message.status == NeedsMessage.Status.FORWARDED:
        actions.insert(0, "answer")
    return actions


def message_page(request, message, **forms):
    """The message page's context; `forms` (by action) stand in for the blank step forms."""
    may_act = permissions.can_act_on_message(request.user, message)
    actions = available_actions(message) if may_act else []
    context = {"message": message, "actions": actions, "can_act": may_act}
    for action, (form_class, _status) in MESSAGE_ACTIONS.items():
        context[f"{action}_form"] = forms.get(action) or form_class(prefix=action)
    return context


class NeedsMessageDetailView(PermissionRequiredMixin, TemplateView):
    """One message: its text, status and path, and the step forms for those whose turn it is."""

    permission_required = "governance.view_needsmessage"
    template_name = "governance/needsmessage_detail.html"

    def get_context_data(self, **kwargs):
        message = _message_or_404(self.kwargs["pk"])
        return super().get_context_data(**message_page(self.request, message), **kwargs)


ACTION_SERVICES = {
    "acknowledge": (
        services.needs_message_acknowledge,
        gettext_lazy("Viesti merkittiin vastaanotetuksi."),
    ),
    "answer": (services.needs_message_answer, gettext_lazy("Vastaus tallennettiin.")),
    "forward": (
        services.needs_message_forward,
        gettext_lazy("Viesti välitettiin asiakkuusstrategiaryhmälle."),
    ),
    "close": (services.needs_message_close, gettext_lazy("Viesti suljettiin.")),
}


class NeedsMessageActionView(PageStepView):
    """A step on a message (POST). A step its status no longer allows (someone was quicker)
    goes back to the message's page with the service's Finnish message (POST/redirect/GET),
    not to an error page."""

    permission_required = "governance.change_needsmessage"
    page_template = "governance/needsmessage_detail.html"
    action = None

    def setup_objects(self, pk, **kwargs):
        self.message = _message_or_404(pk)
        if not permissions.can_act_on_message(self.request.user, self.message):
            raise PermissionDenied  # not a current member of the body whose turn it is

    def get_form(self, data=None, files=None):
        form_class, _status = MESSAGE_ACTIONS[self.action]
        return form_class(data, prefix=self.action)

    def perform(self, data):
        service, _message = ACTION_SERVICES[self.action]
        return service(message=self.message, **data, by=self.request.user)

    def get_success_message(self, result):
        return ACTION_SERVICES[self.action][1]

    def page_context(self, form=None):
        message = _message_or_404(self.message.pk)  # as it stands now
        if form is None:
            return message_page(self.request, message)
        context = message_page(self.request, message, **{self.action: form})
        return {**context, "failed_action": self.action, "failed_form": form}

    def refused(self, texts):
        for text in texts:
            messages.error(self.request, text)
        return redirect(self.message)
