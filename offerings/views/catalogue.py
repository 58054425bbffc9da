"""The service catalogue: services, the rationales of public business services, development
work and shared tools (report 4, 5.2, 5.7)."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.generic import DetailView, TemplateView

from core import fragments
from core.pagination import query_without

from .. import selectors
from ..forms import ServiceFilterForm

PAGE_SIZE = 50
# The cached catalogue table (OfferingsConfig.ready says what changes it).
SERVICE_CATALOGUE = "service-catalogue"


def _language():
    return (get_language() or "fi")[:2]


class ServiceListView(PermissionRequiredMixin, TemplateView):
    """The catalogue: services in name order with filters, 50 to a page."""

    permission_required = "offerings.view_service"
    template_name = "offerings/service_list.html"

    def get_context_data(self, **kwargs):
        form = ServiceFilterForm(self.request.GET or None)
        filters = form.filters()
        language = _language()
        # Read, and its query built, only when the table is rendered anew: without a search
        # it is cached, the same for everyone per language, filters and page until a
        # service, producer or need changes.
        page = SimpleLazyObject(
            lambda: Paginator(
                selectors.service_list(**filters, language=language), PAGE_SIZE
            ).get_page(self.request.GET.get("page"))
        )
        return super().get_context_data(
            form=form,
            page=page,
            services=SimpleLazyObject(lambda: page.object_list),
            query=query_without(self.request.GET, "page"),
            # Whole: the cache tag hashes it (a cut value could name another page).
            page_asked=self.request.GET.get("page", ""),
            catalogue_generation=(
                None if filters.get("search") else fragments.generation(SERVICE_CATALOGUE)
            ),
            **kwargs,
        )


class ServiceExportView(PermissionRequiredMixin, TemplateView):
    """The filtered catalogue as XLSX, in the columns the service import reads."""

    permission_required = "offerings.view_service"

    def get(self, request):
        # Imported here: the export module is its own piece of work and this page only uses it.
        from ..exports import services_xlsx

        form = ServiceFilterForm(request.GET or None)
        services = selectors.service_export(**form.filters(), language=_language())
        response = HttpResponse(
            services_xlsx(services),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="palvelut.xlsx"'
        return response


class ServiceDetailView(PermissionRequiredMixin, DetailView):
    """One service: what it is, who produces it and how, and to which segments it is offered."""

    permission_required = "offerings.view_service"
    template_name = "offerings/service_detail.html"
    context_object_name = "service"

    def get_queryset(self):
        return selectors.service_detail_queryset()

    def get_context_data(self, **kwargs):
        basic, transitions = selectors.service_offering(self.object)
        return super().get_context_data(basic_segments=basic, transitions=transitions, **kwargs)


class RationaleListView(PermissionRequiredMixin, TemplateView):
    """Why public business services exist: the five rationales of report section 4."""

    permission_required = "offerings.view_rationale"
    template_name = "offerings/rationale_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(rationales=selectors.rationale_list(), **kwargs)


class DevelopmentListView(PermissionRequiredMixin, TemplateView):
    """Development of the offering on its two paths: harmonisation and long-term work (5.2)."""

    permission_required = "offerings.view_developmentitem"
    template_name = "offerings/development_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(groups=selectors.development_groups(), **kwargs)


class ToolListView(PermissionRequiredMixin, TemplateView):
    """The actors' shared tools and the needs for new ones (5.7)."""

    permission_required = "offerings.view_sharedtool"
    template_name = "offerings/tool_list.html"

    def get_context_data(self, **kwargs):
        groups = selectors.tool_groups()
        return super().get_context_data(
            groups=groups, is_empty=not any(tools for _label, tools in groups), **kwargs
        )
