"""The regional task log, its overviews and the needs messages upward (report 6.3).

Views authorise (permission, then the object-level predicate of governance.permissions),
call one selector or service, and render. Everyone with the view permissions reads every
task and message; writes are kept to the task's own coordinator and to current members of
the body whose turn it is.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
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
)
from ..models import NeedsMessage
from ..selectors import regional as selectors
from ..services import regional as services

PAGE_SIZE = 50


def add_errors(form, error):
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)


def _is_refusal(error):
    """A step the state no longer allows, as opposed to a problem in what was typed."""
    if hasattr(error, "error_dict"):
        return False
    return all(e.code != "stale" for e in error.error_list)


def _task_or_404(pk):
    return get_object_or_404(selectors.task_detail_queryset(), pk=pk)


def _message_or_404(pk):
    return get_object_or_404(selectors.message_detail_queryset(), pk=pk)


class RegionalTaskListView(PermissionRequiredMixin, TemplateView):
    """The task log, 50 to a page; a coordinator sees their own region first."""

    permission_required = "governance.view_regionaltask"
    template_name = "governance/regionaltask_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = permissions.coordinated_region(user)
        data = self.request.GET.copy()
        data.pop("page", None)
        if not data and region is not None:
            data["region"] = str(region.pk)  # own region by default; "Kaikki" shows all
        form = RegionalTaskFilterForm(data or None)
        paginator = Paginator(selectors.task_list(**form.filters()), PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form,
            page=page,
            tasks=page.object_list,
            query=data.urlencode(),
            today=timezone.localdate(),
            can_log=permissions.can_log_task(user),
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


class RegionalTaskCreateView(PermissionRequiredMixin, TemplateView):
    """A coordinator logs a task of a regional group their TE-centre coordinates."""

    permission_required = "governance.add_regionaltask"
    template_name = "governance/regionaltask_form.html"

    def dispatch(self, request, *args, **kwargs):
        # Not a TE-centre that coordinates a regional group (anonymous users and those
        # without the permission are handled by the mixin).
        if (
            request.user.is_authenticated
            and self.has_permission()
            and not permissions.can_log_task(request.user)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        return RegionalTaskForm(data, bodies=permissions.coordinated_bodies(self.request.user))

    def get(self, request):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                task = services.regional_task_create(**form.service_arguments(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Tehtävä kirjattiin."))
                return redirect(task)
        return self.render_to_response(self.get_context_data(form=form))


class RegionalTaskUpdateView(PermissionRequiredMixin, TemplateView):
    """The task's own coordinator edits it; a stale copy is refused, with why asked."""

    permission_required = "governance.change_regionaltask"
    template_name = "governance/regionaltask_form.html"

    def _load(self, pk):
        self.task = _task_or_404(pk)
        if not permissions.can_edit_task(self.request.user, self.task):
            raise PermissionDenied  # another region's task, or an archived one

    def _form(self, data=None):
        return RegionalTaskForm(
            data, bodies=permissions.coordinated_bodies(self.request.user), task=self.task
        )

    def get(self, request, pk):
        self._load(pk)
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, pk):
        self._load(pk)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.regional_task_update(
                    task=self.task, **form.service_arguments(), by=request.user
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Tehtävä tallennettiin."))
                return redirect(self.task)
        return self.render_to_response(self.get_context_data(form=form))

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


class NeedsMessageCreateView(PermissionRequiredMixin, TemplateView):
    """The task's coordinator sends a needs message upward to a segment working group."""

    permission_required = "governance.add_needsmessage"
    template_name = "governance/needsmessage_form.html"

    def _load(self, pk):
        self.task = _task_or_404(pk)
        if not permissions.can_send_message(self.request.user, self.task):
            raise PermissionDenied  # only the task's own coordinator sends from it

    def _form(self, data=None):
        return NeedsMessageForm(data, recipients=services.recipients_for(self.task))

    def get(self, request, pk):
        self._load(pk)
        return self.render_to_response(self.get_context_data(form=self._form()))

    def post(self, request, pk):
        self._load(pk)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                message = services.needs_message_send(
                    task=self.task, **form.cleaned_data, by=request.user
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Viesti lähetettiin: %(body)s näkee sen saapuneissa.")
                    % {"body": message.to_body},
                )
                return redirect(message)
        return self.render_to_response(self.get_context_data(form=form))

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


def message_context(request, message, **forms):
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
        return super().get_context_data(**message_context(self.request, message), **kwargs)


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


class NeedsMessageActionView(PermissionRequiredMixin, TemplateView):
    """A step on a message (POST). A step its status no longer allows (someone was quicker)
    gets the service's Finnish message on the form, not an error page."""

    permission_required = "governance.change_needsmessage"
    template_name = "governance/needsmessage_detail.html"
    http_method_names = ["post"]
    action = None

    def post(self, request, pk):
        message = _message_or_404(pk)
        if not permissions.can_act_on_message(request.user, message):
            raise PermissionDenied  # not a current member of the body whose turn it is
        form_class, _status = MESSAGE_ACTIONS[self.action]
        form = form_class(request.POST, prefix=self.action)
        if form.is_valid():
            service, success = ACTION_SERVICES[self.action]
            try:
                service(message=message, **form.cleaned_data, by=request.user)
            except ValidationError as error:
                if not _is_refusal(error):
                    add_errors(form, error)
                else:
                    # Someone was quicker: back to the message's page (POST/redirect/GET)
                    # with the reason, so the browser does not stay on the action's URL.
                    for text in error.messages:
                        messages.error(request, text)
                    return redirect(message)
            else:
                messages.success(request, success)
                return redirect(message)
        message = _message_or_404(pk)  # as it stands now
        context = message_context(request, message, **{self.action: form})
        context["failed_action"] = self.action
        context["failed_form"] = form
        return self.render_to_response(self.get_context_data(**context))
