"""Overlaps and gaps of the offering (5.2, 6.2), the findings opened from them, and the
service model of each segment (5.3)."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from .. import analysis, services
from ..matrix_forms import (
    FindingCellForm,
    FindingForm,
    FindingStatusFilterForm,
    OfferingMatrixFilterForm,
    ServiceModelForm,
)
from ..models import Finding, ServiceModel


def _add_errors(form, error):
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)


class OfferingMatrixView(PermissionRequiredMixin, TemplateView):
    """Needs × segments: which basic services meet each need, the gaps and the overlaps."""

    permission_required = "offerings.view_segmentoffering"
    template_name = "offerings/offering_matrix.html"

    def get_context_data(self, **kwargs):
        form = OfferingMatrixFilterForm(self.request.GET or None)
        return super().get_context_data(
            form=form,
            matrix=analysis.offering_matrix(**form.filters()),
            query=self.request.GET.urlencode(),
            **kwargs,
        )


class OfferingMatrixExportView(PermissionRequiredMixin, TemplateView):
    """The matrix with the same filters as an XLSX workbook."""

    permission_required = "offerings.view_segmentoffering"

    def get(self, request):
        form = OfferingMatrixFilterForm(request.GET or None)
        response = HttpResponse(
            analysis.matrix_xlsx(analysis.offering_matrix(**form.filters())),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="tarpeet-ja-tarjooma.xlsx"'
        return response


class FindingListView(PermissionRequiredMixin, ListView):
    """Findings opened from the matrix, open and resolved; the owner or a manager resolves."""

    permission_required = "offerings.view_finding"
    template_name = "offerings/finding_list.html"
    context_object_name = "findings"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = FindingStatusFilterForm(self.request.GET or None)
        findings = Finding.objects.select_related(
            "segment", "need", "owner__person__organisation", "created_by"
        ).order_by("-created_at", "-pk")
        if self.filter_form.is_valid() and self.filter_form.cleaned_data["status"]:
            findings = findings.filter(status=self.filter_form.cleaned_data["status"])
        return findings

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        for finding in context["findings"]:
            finding.can_resolve = services.can_resolve_finding(self.request.user, finding)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context

    def post(self, request):
        pk = request.POST.get("resolve", "")
        finding = get_object_or_404(Finding, pk=int(pk) if pk.isdigit() else 0)
        if not services.can_resolve_finding(request.user, finding):
            raise PermissionDenied
        try:
            services.finding_resolve(finding=finding, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Havainto merkittiin ratkaistuksi."))
        return redirect(finding)


class FindingCreateView(PermissionRequiredMixin, TemplateView):
    """Open a finding on a gap or an overlap of the matrix (?segment=&need=&kind=)."""

    permission_required = "offerings.add_finding"
    template_name = "offerings/finding_form.html"

    def get(self, request):
        cell = FindingCellForm(request.GET)
        form = None
        if cell.is_valid():
            owner = request.user if hasattr(request.user, "person") else None
            form = FindingForm(initial={**cell.cleaned_data, "owner": owner})
        return self.render_to_response(self.get_context_data(cell=cell, form=form))

    def post(self, request):
        form = FindingForm(request.POST)
        if form.is_valid():
            try:
                services.finding_open(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Havainto avattiin."))
                return redirect("offerings:finding_list")
        return self.render_to_response(self.get_context_data(cell=form, form=form))


class ServiceModelDetailView(PermissionRequiredMixin, DetailView):
    """A segment's service model: who does what, how, with whom, in which channels (5.3)."""

    permission_required = "offerings.view_servicemodel"
    template_name = "offerings/service_model_detail.html"
    context_object_name = "service_model"

    def get_object(self, queryset=None):
        return get_object_or_404(
            ServiceModel.objects.select_related("segment").prefetch_related("service_channels"),
            segment__code=self.kwargs["code"],
        )

    def get_context_data(self, **kwargs):
        stages = set(self.object.lifecycle_stages or [])
        return super().get_context_data(
            lifecycle_stages=[
                label for value, label in ServiceModel.LifecycleStage.choices if value in stages
            ],
            **kwargs,
        )


class ServiceModelUpdateView(PermissionRequiredMixin, TemplateView):
    """Edit a service model's Finnish texts, channels and stages, with a change reason."""

    permission_required = "offerings.change_servicemodel"
    template_name = "offerings/service_model_form.html"

    def _load(self, code):
        # Looked up after the permission check: without it, a code's existence is not told.
        self.object = get_object_or_404(
            ServiceModel.objects.select_related("segment").prefetch_related("service_channels"),
            segment__code=code,
        )

    def get(self, request, code):
        self._load(code)
        form = ServiceModelForm(instance=self.object)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, code):
        self._load(code)
        form = ServiceModelForm(request.POST, instance=self.object)
        if form.is_valid():
            try:
                services.service_model_update(
                    service_model=self.object, **form.service_arguments(), by=request.user
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Palvelumalli tallennettiin."))
                return redirect(self.object)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        return super().get_context_data(service_model=self.object, **kwargs)
