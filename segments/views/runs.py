"""Pages of the yearly re-segmentation: the runs, a run's review page and the steps taken on
it (place a company by hand, retry, cancel, apply)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from core.refusals import REFUSAL_CODES
from core.views import ServiceFormView

from .. import placements, runs, selectors
from ..forms import PlacementForm, ReasonForm, RunStartForm
from ..models import ResegmentationRun
from ..validators import normalize_business_id

MOVERS_PAGE = 50


def run_page_context(request, run, **given):
    """The run's page: its forms (those given, or empty ones), and once it is previewed the
    matrix and a page of movers."""
    return {
        "run": run,
        "placement_form": PlacementForm(run=run, initial=placement_initial(request.GET)),
        # Each mover's row links to the form, prefilled, where the form itself is shown.
        "may_place": run.status == ResegmentationRun.Status.PREVIEWED
        and request.user.has_perm("segments.add_manualplacement"),
        "retry_form": ReasonForm(prefix="retry"),
        "cancel_form": ReasonForm(prefix="cancel"),
        **selectors.run_review(run, request.GET, size=MOVERS_PAGE),
        **given,
    }


def placement_initial(query):
    """The manual placement form prefilled with the company whose row's "Sijoita käsin" link
    was followed (?company=<Y-tunnus>); the form checks it when it is sent."""
    company = query.get("company", "")[:20]
    return {"business_id": normalize_business_id(company)} if company else {}


def refusal_of(form):
    """The message of a refusal (core.refusals) the service put on the form, or ""."""
    errors = form.errors.as_data().get(NON_FIELD_ERRORS, [])
    return " ".join(m for e in errors if e.code in REFUSAL_CODES for m in e.messages)


class RunListView(PermissionRequiredMixin, ServiceFormView):
    """The yearly runs; ministry staff start a new one here (its preview in the worker)."""

    template_name = "segments/run_list.html"
    form_class = RunStartForm
    success_message = gettext_lazy("Esikatselu käynnistettiin. Sivu näyttää sen etenemisen.")

    def get_permission_required(self):
        # Everyone with the view permission reads the runs; starting one takes its own.
        start = ["segments.add_resegmentationrun"] if self.request.method == "POST" else []
        return ["segments.view_resegmentationrun", *start]

    def get_context_data(self, **kwargs):
        return super().get_context_data(runs=selectors.runs_recent(), **kwargs)

    def perform(self, data):
        return runs.run_start_preview(year=data["year"], by=self.request.user)


class RunDetailView(PermissionRequiredMixin, DetailView):
    """A run: its progress, the transition matrix, the movers and the companies placed by
    hand, apply; and for a run whose worker stopped, retry or cancel."""

    permission_required = "segments.view_resegmentationrun"
    template_name = "segments/run_detail.html"

    def get_queryset(self):
        return selectors.run_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**{**run_page_context(self.request, self.object), **kwargs})


class RunStatusView(PermissionRequiredMixin, View):
    """The run's progress as JSON, polled by its page while the worker runs it."""

    permission_required = "segments.view_resegmentationrun"

    def get(self, request, pk):
        run = get_object_or_404(ResegmentationRun, pk=pk)
        return JsonResponse(
            {
                "status": run.status,
                "status_display": run.get_status_display(),
                "busy": run.is_busy,
                "percent": run.progress_percent,
                "message": run.progress_message,
                "error": run.error,
            }
        )


class RunStepView(PermissionRequiredMixin, ServiceFormView):
    """A step taken with a form on a run's page: success goes back to the page; the page
    answers again with the form's errors (200), or with the refusal at its top (409)."""

    http_method_names = ["post"]
    template_name = "segments/run_detail.html"
    form_name = None  # the form's name on the run's page

    def setup_objects(self, pk):
        self.run = get_object_or_404(selectors.run_queryset(), pk=pk)

    def get_success_url(self, result):
        return self.run.get_absolute_url()

    def get_context_data(self, form, **kwargs):
        refusal = refusal_of(form)
        shown = {"refusal": refusal} if refusal else {self.form_name: form}
        return super().get_context_data(
            **run_page_context(self.request, self.run, **shown), **kwargs
        )


class RunPlacementView(RunStepView):
    """Place one company of a previewed run by hand, from the run's year on."""

    permission_required = "segments.add_manualplacement"
    form_name = "placement_form"
    form_class = PlacementForm
    success_message = gettext_lazy("Käsin sijoitus kirjattiin. Se koskee myös myöhempiä ajoja.")

    def get_form_kwargs(self):
        return {"run": self.run}

    def perform(self, data):
        return placements.run_placement_set(
            run=self.run,
            company=data["company"],
            action=data["action"],
            segment=data["segment"],
            reason=data["reason"],
            last_year=data["last_year"],
            by=self.request.user,
        )


class RunReasonStepView(RunStepView):
    """A step on a run whose worker stopped (or that failed), with a reason: retry or cancel."""

    permission_required = "segments.change_resegmentationrun"
    form_class = ReasonForm
    action = None  # "retry" or "cancel": the form's prefix, and its name on the page

    @property
    def form_name(self):
        return f"{self.action}_form"

    def get_form_kwargs(self):
        return {"prefix": self.action}


class RunRetryView(RunReasonStepView):
    """Run the step again (the preview, or the apply all or nothing)."""

    action = "retry"
    success_message = gettext_lazy("Ajo käynnistettiin uudelleen. Sivu näyttää etenemisen.")

    def perform(self, data):
        return runs.run_retry(self.run, by=self.request.user, reason=data["reason"])


class RunCancelView(RunReasonStepView):
    """Give up the run: its per-company results go, its history stays."""

    action = "cancel"
    success_message = gettext_lazy("Ajo peruttiin. Vuodelle voi käynnistää uuden ajon.")

    def perform(self, data):
        return runs.run_cancel(self.run, by=self.request.user, reason=data["reason"])


class RunApplyView(PermissionRequiredMixin, ServiceFormView):
    """Confirm, then send a reviewed run to be applied by the worker."""

    permission_required = "segments.change_resegmentationrun"
    template_name = "segments/run_apply_confirm.html"
    form_class = forms.Form
    success_message = gettext_lazy("Ajo viedään voimaan. Sivu näyttää etenemisen.")

    def setup_objects(self, pk):
        self.run = get_object_or_404(ResegmentationRun, pk=pk)

    def get(self, request, *args, **kwargs):
        if self.run.status != ResegmentationRun.Status.PREVIEWED:
            messages.error(request, _("Vain esikatseltu ajo voidaan viedä voimaan."))
            return redirect(self.run)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, form, **kwargs):
        return super().get_context_data(run=self.run, refusal=refusal_of(form), **kwargs)

    def perform(self, data):
        runs.run_apply_send(self.run, by=self.request.user)
        return self.run
