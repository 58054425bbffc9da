"""Operational steering pages (5.6, 7): the annual planning clock, the plans of the four
levels with their items and metrics, the steering dashboard and the roadmap of the work.

Each view checks the permission first, then looks the object up in the user's scope (a plan
outside it is a 404), then asks governance.permissions whether the user may edit it.
"""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import clock
from .. import permissions as perms
from ..forms import steering as forms
from ..models import ClockEvent, MetricStatus, Plan, PlanItem, PlanningLevel
from ..selectors import steering as selectors
from ..services import steering as services


def _this_year():
    return timezone.localdate().year


def _clock_lanes():
    return [*PlanningLevel.choices, ("", _("yleinen (ei suunnittelutasoa)"))]


class ClockView(PermissionRequiredMixin, TemplateView):
    """The year's annual planning clock as an SVG and, as its text equivalent, a month table."""

    permission_required = "governance.view_clockevent"
    template_name = "governance/clock.html"

    def get_context_data(self, **kwargs):
        form = forms.ClockFilterForm(self.request.GET or None)
        year, level, body = form.filters(default_year=_this_year())
        forms.show_year(form, year)
        events = list(selectors.clock_events(year=year, level=level, body=body))
        drawing = clock.draw(
            year=year,
            events=events,
            lanes=_clock_lanes(),
            month_names=[MONTHS[m] for m in clock.MONTHS],
            lane_of=lambda event: event.level,
        )
        by_month = {sector.month: [] for sector in drawing.sectors}
        for event in events:
            by_month[event.month].append(event)
        return super().get_context_data(
            form=form,
            year=year,
            drawing=drawing,
            months=[(sector, by_month[sector.month]) for sector in drawing.sectors],
            can_edit=perms.can_edit_clock(self.request.user),
            **kwargs,
        )


class ClockEventCreateView(PermissionRequiredMixin, TemplateView):
    """Ministry staff add an event to the clock."""

    permission_required = "governance.add_clockevent"
    template_name = "governance/clockevent_form.html"

    def get(self, request):
        form = forms.ClockEventForm(initial={"is_recurring": True, "order": 0})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = forms.ClockEventForm(request.POST)
        if form.is_valid():
            try:
                event = services.clock_event_create(**form.service_arguments(), by=request.user)
            except ValidationError as error:
                forms.add_errors(form, error)
            else:
                messages.success(request, _("Tapahtuma lisättiin vuosikelloon."))
                return redirect(event)
        return self.render_to_response(self.get_context_data(form=form))


class ClockEventUpdateView(PermissionRequiredMixin, TemplateView):
    """Ministry staff change or archive a clock event, with a reason."""

    permission_required = "governance.change_clockevent"
    template_name = "governance/clockevent_form.html"

    def get(self, request, pk):
        event = get_object_or_404(ClockEvent, pk=pk)
        form = forms.ClockEventForm(initial=forms.ClockEventForm.initial_from(event), editing=True)
        return self.render_to_response(self.get_context_data(form=form, event=event))

    def post(self, request, pk):
        event = get_object_or_404(ClockEvent, pk=pk)
        form = forms.ClockEventForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.clock_event_update(
                    event=event,
                    **form.service_arguments(),
                    reason=form.cleaned_data["change_reason"],
                    by=request.user,
                )
            except ValidationError as error:
                forms.add_errors(form, error)
            else:
                messages.success(request, _("Tapahtuma tallennettiin."))
                return redirect(event)
        return self.render_to_response(self.get_context_data(form=form, event=event))


# --- Plans ----------------------------------------------------------------------------------

PLAN_LIST_LIMIT = 200


class PlanListView(PermissionRequiredMixin, TemplateView):
    """The plans the user may read, by level, organisation and year."""

    permission_required = "governance.view_plan"
    template_name = "governance/plan_list.html"

    def get_context_data(self, **kwargs):
        form = forms.PlanFilterForm(self.request.GET or None)
        plans = list(
            selectors.plan_list(user=self.request.user, **form.filters())[: PLAN_LIST_LIMIT + 1]
        )
        return super().get_context_data(
            form=form,
            plans=plans[:PLAN_LIST_LIMIT],
            more=len(plans) > PLAN_LIST_LIMIT,
            can_add=perms.can_add_plan(self.request.user),
            **kwargs,
        )


def _plan_or_404(user, pk):
    return get_object_or_404(selectors.plan_detail_queryset(user), pk=pk)


class PlanDetailView(PermissionRequiredMixin, TemplateView):
    """A plan: its goals, actions, metrics, investments, resources and results."""

    permission_required = "governance.view_plan"
    template_name = "governance/plan_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        plan = _plan_or_404(user, self.kwargs["pk"])
        items = [item for item in plan.items.all() if not item.is_archived]
        sections = [
            (kind, label, [item for item in items if item.kind == kind])
            for kind, label in PlanItem.Kind.choices
        ]
        metrics = [metric for metric in plan.metrics.all() if not metric.is_archived]
        return super().get_context_data(
            plan=plan,
            sections=sections,
            metrics=metrics,
            **perms.plan_page_permissions(user, plan),
            statuses=MetricStatus,
            **kwargs,
        )


class PlanCreateView(PermissionRequiredMixin, TemplateView):
    """Write a new plan: ministry staff on any level, agency staff for their organisation."""

    permission_required = "governance.add_plan"
    template_name = "governance/plan_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not perms.can_add_plan(request.user):
            raise PermissionDenied  # acts for no organisation
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        initial = {"year": _this_year()}
        form = forms.PlanForm(initial=initial, user=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = forms.PlanForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.service_arguments()
            wanted = Plan(level=data["level"], organisation=data.get("organisation"))
            if not perms.can_hold_plan(request.user, wanted):
                raise PermissionDenied
            try:
                plan = services.plan_create(**data, by=request.user)
            except ValidationError as error:
                forms.add_errors(form, error)
            else:
                messages.success(request, _("Suunnitelma tallennettiin."))
                return redirect(plan)
        return self.render_to_response(self.get_context_data(form=form))


class PlanUpdateView(PermissionRequiredMixin, TemplateView):
    """Change or archive a plan (optimistic locking, with a reason)."""

    permission_required = "governance.change_plan"
    template_name = "governance/plan_form.html"

    def _load(self, pk):
        plan = _plan_or_404(self.request.user, pk)
        if not perms.can_change_plan(self.request.user, plan):
            raise PermissionDenied  # another organisation's plan, or the whole base
        return plan

    def get(self, request, pk):
        plan = self._load(pk)
        form = forms.PlanForm(user=request.user, plan=plan)
        return self.render_to_response(self.get_context_data(form=form, plan=plan))

    def post(self, request, pk):
        plan = self._load(pk)
        form = forms.PlanForm(request.POST, user=request.user, plan=plan)
        if form.is_valid():
            data = form.service_arguments()
            wanted = Plan(level=data["level"], organisation=data.get("organisation"))
            if not perms.can_hold_plan(request.user, wanted):
                raise PermissionDenied
            try:
                services.plan_update(
                    plan=plan,
                    version=form.cleaned_data["version"],
                    **data,
                    reason=form.cleaned_data["change_reason"],
                    by=request.user,
                )
            except ValidationError as error:
                forms.add_errors(form, error)
            else:
                messages.success(request, _("Suunnitelma tallennettiin."))
                return redirect(plan)
        return self.render_to_response(self.get_context_data(form=form, plan=plan))


class _PlanPartView(PermissionRequiredMixin, TemplateView):
    """Create or edit one part of a plan (an item or a metric); subclasses say which."""

    form_class = None
    create_service = None
    update_service = None
    part_name = None  # the keyword of the part in forms and services
    created_message = None
    saved_message = None

    def _load(self, pk):
        raise NotImplementedError

    def get(self, request, pk):
        plan, part = self._load(pk)
        form = self.form_class(plan=plan, **{self.part_name: part})
        return self.render_to_response(self.get_context_data(form=form, plan=plan, part=part))

    def post(self, request, pk):
        plan, part = self._load(pk)
        form = self.form_class(request.POST, plan=plan, **{self.part_name: part})
        if form.is_valid():
            try:
                if part is None:
                    self.create_service(plan=plan, **form.service_arguments(), by=request.user)
                    message = self.created_message
                else:
                    self.update_service(
                        **{self.part_name: part},
                        **form.service_arguments(),
                        reason=form.cleaned_data["change_reason"],
                        by=request.user,
                    )
                    message = self.saved_message
            except ValidationError as error:
                forms.add_errors(form, error)
            else:
                messages.success(request, message)
                return redirect(plan)
        return self.render_to_response(self.get_context_data(form=form, plan=plan, part=part))


def _plan_for_part(user, pk, may):
    plan = _plan_or_404(user, pk)
    if not may(user, plan):
        raise PermissionDenied  # reads the plan, but may not edit it
    return plan


class PlanItemCreateView(_PlanPartView):
    created_message = gettext_lazy("Kohta lisättiin suunnitelmaan.")
    permission_required = "governance.add_planitem"
    template_name = "governance/planitem_form.html"
    form_class = forms.PlanItemForm
    create_service = staticmethod(services.plan_item_create)
    part_name = "item"

    def _load(self, pk):
        return _plan_for_part(self.request.user, pk, perms.can_add_plan_item), None


class PlanItemUpdateView(_PlanPartView):
    saved_message = gettext_lazy("Suunnitelman kohta tallennettiin.")
    permission_required = "governance.change_planitem"
    template_name = "governance/planitem_form.html"
    form_class = forms.PlanItemForm
    update_service = staticmethod(services.plan_item_update)
    part_name = "item"

    def _load(self, pk):
        item = get_object_or_404(selectors.plan_item_queryset(self.request.user), pk=pk)
        if not perms.can_change_plan_item(self.request.user, item):
            raise PermissionDenied
        return item.plan, item


class MetricCreateView(_PlanPartView):
    created_message = gettext_lazy("Mittari lisättiin suunnitelmaan.")
    permission_required = "governance.add_metric"
    template_name = "governance/metric_form.html"
    form_class = forms.MetricForm
    create_service = staticmethod(services.metric_create)
    part_name = "metric"

    def _load(self, pk):
        return _plan_for_part(self.request.user, pk, perms.can_add_metric), None


class MetricUpdateView(_PlanPartView):
    saved_message = gettext_lazy("Mittari tallennettiin.")
    permission_required = "governance.change_metric"
    template_name = "governance/metric_form.html"
    form_class = forms.MetricForm
    update_service = staticmethod(services.metric_update)
    part_name = "metric"

    def _load(self, pk):
        metric = get_object_or_404(selectors.metric_queryset(self.request.user), pk=pk)
        if not perms.can_change_metric(self.request.user, metric):
            raise PermissionDenied
        return metric.plan, metric


# --- Dashboard and roadmap ------------------------------------------------------------------


class SteeringDashboardView(PermissionRequiredMixin, TemplateView):
    """Targets vs actuals of a year per segment and organisation, with bar charts."""

    permission_required = ("governance.view_plan", "governance.view_metric")
    template_name = "governance/steering_dashboard.html"

    def get_context_data(self, **kwargs):
        form = forms.YearFilterForm(self.request.GET or None)
        year = form.chosen_year(default=_this_year())
        forms.show_year(form, year)
        return super().get_context_data(
            form=form,
            year=year,
            dashboard=selectors.steering_dashboard(user=self.request.user, year=year),
            statuses=selectors.STATUSES,
            plans_url=reverse("governance:plan_list") + f"?year={year}",
            **kwargs,
        )


class RoadmapView(PermissionRequiredMixin, TemplateView):
    """The four phases of the work (section 7) with their timing, dates and status."""

    permission_required = "governance.view_workphase"
    template_name = "governance/roadmap.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(phases=list(selectors.work_phases()), **kwargs)
