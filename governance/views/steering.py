"""Operational steering pages (5.6, 7): the annual planning clock, the plans of the four
levels with their items and metrics, the steering dashboard and the roadmap of the work.

Each view checks the permission first, then looks the object up in the user's scope (a plan
outside it is a 404), then asks governance.permissions whether the user may edit it.
"""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from .. import clock, permissions
from ..forms import steering as forms
from ..forms.common import service_arguments
from ..models import ClockEvent, MetricStatus, Plan, PlanningLevel
from ..selectors import steering as selectors
from ..services import steering as services
from .base import GovernanceFormView


def _this_year():
    return timezone.localdate().year


def _draw_clock(year, events):
    """The clock's picture: a lane per planning level and one for events of no level."""
    return clock.draw(
        year=year,
        events=events,
        lanes=[*PlanningLevel.choices, ("", _("yleinen (ei suunnittelutasoa)"))],
        month_names=[MONTHS[m] for m in clock.MONTHS],
        lane_of=lambda event: event.level,
    )


class ClockView(PermissionRequiredMixin, TemplateView):
    """The year's annual planning clock as an SVG and, as its text equivalent, a month table."""

    permission_required = "governance.view_clockevent"
    template_name = "governance/clock.html"

    def get_context_data(self, **kwargs):
        form = forms.ClockFilterForm(self.request.GET or None)
        year, level, body = form.filters(default_year=_this_year())
        forms.show_year(form, year)
        events = list(selectors.clock_events(year=year, level=level, body=body))
        drawing = _draw_clock(year, events)
        return super().get_context_data(
            form=form,
            year=year,
            drawing=drawing,
            months=clock.months_with_events(drawing, events),
            can_edit=permissions.can_edit_clock(self.request.user),
            **kwargs,
        )


class ClockEventCreateView(GovernanceFormView):
    """Ministry staff add an event to the clock."""

    permission_required = "governance.add_clockevent"
    template_name = "governance/clockevent_form.html"
    form_class = forms.ClockEventForm
    success_message = gettext_lazy("Tapahtuma lisättiin vuosikelloon.")

    def get_form_kwargs(self):
        return {"initial": {"is_recurring": True, "order": 0}}

    def perform(self, data):
        return services.clock_event_create(**data, by=self.request.user)


class ClockEventUpdateView(GovernanceFormView):
    """Ministry staff change or archive a clock event, with a reason."""

    permission_required = "governance.change_clockevent"
    template_name = "governance/clockevent_form.html"
    form_class = forms.ClockEventForm
    success_message = gettext_lazy("Tapahtuma tallennettiin.")

    def setup_objects(self, pk, **kwargs):
        self.event = get_object_or_404(ClockEvent, pk=pk)

    def get_form_kwargs(self):
        return {"initial": forms.ClockEventForm.initial_from(self.event), "editing": True}

    def perform(self, data):
        user = self.request.user
        return services.clock_event_update(event=self.event, **service_arguments(data), by=user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)


# --- Plans ----------------------------------------------------------------------------------

PLAN_LIST_LIMIT = 200


class PlanListView(PermissionRequiredMixin, TemplateView):
    """The plans the user may read, by level, organisation and year."""

    permission_required = "governance.view_plan"
    template_name = "governance/plan_list.html"

    def get_context_data(self, **kwargs):
        form = forms.PlanFilterForm(self.request.GET or None)
        plans = selectors.plan_list(user=self.request.user, **form.filters())
        plans = list(plans[: PLAN_LIST_LIMIT + 1])
        return super().get_context_data(
            form=form,
            plans=plans[:PLAN_LIST_LIMIT],
            more=len(plans) > PLAN_LIST_LIMIT,
            can_add=permissions.can_add_plan(self.request.user),
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
        return super().get_context_data(
            plan=plan,
            **selectors.plan_parts(plan),
            **permissions.plan_page_permissions(user, plan),
            statuses=MetricStatus,
            **kwargs,
        )


class PlanFormView(GovernanceFormView):
    """What writing a new plan and changing one share: the form, and the check that the user
    may hold a plan of the level and organisation asked for (the form's choices already
    keep agency staff to their own organisation; this holds even if they were forged)."""

    template_name = "governance/plan_form.html"
    form_class = forms.PlanForm
    success_message = gettext_lazy("Suunnitelma tallennettiin.")
    plan = None

    def get_form_kwargs(self):
        return {"user": self.request.user, "plan": self.plan}

    def authorise(self, data):
        wanted = Plan(level=data["level"], organisation=data.get("organisation"))
        if not permissions.can_hold_plan(self.request.user, wanted):
            raise PermissionDenied


class PlanCreateView(PlanFormView):
    """Write a new plan: ministry staff on any level, agency staff for their organisation."""

    permission_required = "governance.add_plan"

    def setup_objects(self, **kwargs):
        if not permissions.can_add_plan(self.request.user):
            raise PermissionDenied  # acts for no organisation

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "initial": {"year": _this_year()}}

    def perform(self, data):
        self.authorise(data)
        return services.plan_create(**data, by=self.request.user)


class PlanUpdateView(PlanFormView):
    """Change or archive a plan (optimistic locking, with a reason)."""

    permission_required = "governance.change_plan"

    def setup_objects(self, pk, **kwargs):
        self.plan = _plan_or_404(self.request.user, pk)
        if not permissions.can_change_plan(self.request.user, self.plan):
            raise PermissionDenied  # another organisation's plan, or the whole base

    def perform(self, data):
        self.authorise(data)
        user = self.request.user
        return services.plan_update(plan=self.plan, **service_arguments(data), by=user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, **kwargs)


class PlanPartView(GovernanceFormView):
    """Add or change one part of a plan (an item or a metric); back to the plan's page.
    Subclasses name the part (`part_name`, the keyword of forms and services)."""

    part_name = None

    def setup_objects(self, pk, **kwargs):
        self.plan, self.part = self.load(pk)

    def get_form_kwargs(self):
        return {"plan": self.plan, self.part_name: self.part}

    def get_success_url(self, result):
        return self.plan.get_absolute_url()

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, part=self.part, **kwargs)


class PlanPartCreateView(PlanPartView):
    """Add a part to a plan the user reads and may add to (`may_add`), by `create`."""

    may_add = None
    create = None

    def load(self, pk):
        plan = _plan_or_404(self.request.user, pk)
        if not self.may_add(self.request.user, plan):
            raise PermissionDenied  # reads the plan, but may not edit it
        return plan, None

    def perform(self, data):
        return self.create(plan=self.plan, **data, by=self.request.user)


class PlanPartUpdateView(PlanPartView):
    """Change (or archive) a part of a plan the user reads (`parts`) and may change
    (`may_change`), by `update`, with a reason."""

    parts = None
    may_change = None
    update = None

    def load(self, pk):
        part = get_object_or_404(self.parts(self.request.user), pk=pk)
        if not self.may_change(self.request.user, part):
            raise PermissionDenied
        return part.plan, part

    def perform(self, data):
        arguments = {self.part_name: self.part, **service_arguments(data)}
        return self.update(**arguments, by=self.request.user)


class PlanItemCreateView(PlanPartCreateView):
    permission_required = "governance.add_planitem"
    template_name = "governance/planitem_form.html"
    form_class = forms.PlanItemForm
    part_name = "item"
    success_message = gettext_lazy("Kohta lisättiin suunnitelmaan.")
    may_add = staticmethod(permissions.can_add_plan_item)
    create = staticmethod(services.plan_item_create)


class PlanItemUpdateView(PlanPartUpdateView):
    permission_required = "governance.change_planitem"
    template_name = "governance/planitem_form.html"
    form_class = forms.PlanItemForm
    part_name = "item"
    success_message = gettext_lazy("Suunnitelman kohta tallennettiin.")
    parts = staticmethod(selectors.plan_item_queryset)
    may_change = staticmethod(permissions.can_change_plan_item)
    update = staticmethod(services.plan_item_update)


class MetricCreateView(PlanPartCreateView):
    permission_required = "governance.add_metric"
    template_name = "governance/metric_form.html"
    form_class = forms.MetricForm
    part_name = "metric"
    success_message = gettext_lazy("Mittari lisättiin suunnitelmaan.")
    may_add = staticmethod(permissions.can_add_metric)
    create = staticmethod(services.metric_create)


class MetricUpdateView(PlanPartUpdateView):
    permission_required = "governance.change_metric"
    template_name = "governance/metric_form.html"
    form_class = forms.MetricForm
    part_name = "metric"
    success_message = gettext_lazy("Mittari tallennettiin.")
    parts = staticmethod(selectors.metric_queryset)
    may_change = staticmethod(permissions.can_change_metric)
    update = staticmethod(services.metric_update)


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
