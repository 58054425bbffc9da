"""Overlaps and gaps of the offering (5.2, 6.2), the findings opened from them, and the
service model of each segment (5.3)."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView

from core.fields import WRITTEN_LANGUAGES
from core.forms import ui_language
from core.pagination import query_without
from core.refusals import Refusal
from core.views import ServiceFormView

from .. import analysis, permissions, selectors, services
from ..matrix_forms import (
    FindingCellForm,
    FindingForm,
    FindingStatusFilterForm,
    OfferingMatrixFilterForm,
    ServiceModelForm,
)
from ..models import Finding, ServiceModel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        matrix = analysis.offering_matrix(**form.filters())
        response = HttpResponse(analysis.matrix_xlsx(matrix), content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="tarpeet-ja-tarjooma.xlsx"'
        return response


def _whole_number(value):
    return int(value) if value.isdigit() and len(value) < 19 else 0


class FindingListView(PermissionRequiredMixin, ListView):
    """Findings opened from the matrix, open and resolved; the owner or a manager resolves
    (POST `resolve`: the finding's id)."""

    permission_required = "offerings.view_finding"
    template_name = "offerings/finding_list.html"
    context_object_name = "findings"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = FindingStatusFilterForm(self.request.GET or None)
        return selectors.finding_list(status=self.filter_form.chosen_status())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            filter_form=self.filter_form, query=query_without(self.request.GET, "page"), **kwargs
        )
        for finding in context["findings"]:
            finding.can_resolve = permissions.can_resolve_finding(self.request.user, finding)
        return context

    def post(self, request):
        finding = get_object_or_404(Finding, pk=_whole_number(request.POST.get("resolve", "")))
        if not permissions.can_resolve_finding(request.user, finding):
            raise PermissionDenied
        try:
            services.finding_resolve(finding=finding, by=request.user)
        except Refusal as refusal:  # already resolved: said on the list, where it shows
            messages.error(request, str(refusal))
        else:
            messages.success(request, _("Havainto merkittiin ratkaistuksi."))
        return redirect(finding)


class FindingCreateView(PermissionRequiredMixin, ServiceFormView):
    """Open a finding on a gap or an overlap of the matrix (?segment=&need=&kind=)."""

    permission_required = "offerings.add_finding"
    template_name = "offerings/finding_form.html"
    form_class = FindingForm
    success_message = gettext_lazy("Havainto avattiin.")

    def get(self, request):
        cell = FindingCellForm(request.GET)
        form = FindingForm.opened_by(request.user, cell) if cell.is_valid() else None
        return self.render_to_response(self.get_context_data(cell=cell, form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("cell", kwargs.get("form"))  # a posted form names its cell itself
        return super().get_context_data(**kwargs)

    def perform(self, data):
        return services.finding_open(**data, by=self.request.user)

    def get_success_url(self, result):
        return reverse("offerings:finding_list")


class ServiceModelDetailView(PermissionRequiredMixin, DetailView):
    """A segment's service model: who does what, how, with whom, in which channels (5.3)."""

    permission_required = "offerings.view_servicemodel"
    template_name = "offerings/service_model_detail.html"
    context_object_name = "service_model"

    def get_object(self, queryset=None):
        code = self.kwargs["code"]
        return get_object_or_404(selectors.service_model_queryset(), segment__code=code)

    def get_context_data(self, **kwargs):
        stages = set(self.object.lifecycle_stages or [])
        labels = [label for value, label in ServiceModel.LifecycleStage.choices if value in stages]
        return super().get_context_data(lifecycle_stages=labels, **kwargs)


class ServiceModelUpdateView(PermissionRequiredMixin, ServiceFormView):
    """Edit a service model's texts in the language the editor writes in (Finnish, Swedish or
    English), its channels and stages, with a change reason; an edit from an old copy is
    refused (409)."""

    permission_required = "offerings.change_servicemodel"
    template_name = "offerings/service_model_form.html"
    form_class = ServiceModelForm
    success_message = gettext_lazy("Palvelumalli tallennettiin.")

    def setup_objects(self, code):
        # Looked up after the permission check: without it, a code's existence is not told.
        self.object = get_object_or_404(selectors.service_model_queryset(), segment__code=code)

    def setup_language(self):
        # The language the texts are written in: the one asked for (?language=sv), else
        # the UI language; an unknown value is the UI language.
        asked = self.request.GET.get("language")
        return asked if asked in dict(WRITTEN_LANGUAGES) else ui_language()

    def get_form_kwargs(self):
        return {"instance": self.object, "language": self.setup_language()}

    def get_form(self, data=None, files=None):
        self.form = super().get_form(data, files)
        return self.form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            service_model=self.object,
            writing_language=self.setup_language(),
            written_languages=WRITTEN_LANGUAGES,
            **kwargs,
        )

    def perform(self, data):
        arguments = self.form.service_arguments(data)
        return services.service_model_update(
            service_model=self.object, **arguments, by=self.request.user
        )
