"""Pages of the companies: the list a keyset page at a time, a company, the XLSX export."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from core.pagination import keyset_context

from .. import selectors
from ..exports import companies_xlsx
from ..forms import CompanyFilterForm
from .files import XLSX, attachment

PAGE_SIZE = 50
# An export in the request is capped; a larger one is narrowed down with the filters.
EXPORT_LIMIT = 50_000


class CompanyListView(PermissionRequiredMixin, TemplateView):
    """Companies in name order with filters and search; a page at a time, no full count."""

    permission_required = "segments.view_company"
    template_name = "segments/company_list.html"

    def get_context_data(self, **kwargs):
        form = CompanyFilterForm(self.request.GET or None)
        filters = form.filters()
        page = selectors.company_page(self.request.GET, **filters, size=PAGE_SIZE)
        return super().get_context_data(
            form=form,
            companies=page,
            search_problem=selectors.business_id_search_problem(filters.get("search")),
            **keyset_context(self.request.GET, selectors.COMPANY_KEYSET, page),
            **kwargs,
        )


class CompanyDetailView(PermissionRequiredMixin, DetailView):
    """One company: its placement, yearly attribute values and the moves between segments."""

    permission_required = "segments.view_company"
    slug_field = "business_id"
    slug_url_kwarg = "business_id"
    template_name = "segments/company_detail.html"
    context_object_name = "company"

    def get_queryset(self):
        return selectors.company_detail_queryset()

    def get_context_data(self, **kwargs):
        years, values = selectors.company_values_by_year(self.object)
        return super().get_context_data(
            years=years,
            values=values,
            transitions=selectors.company_transitions(self.object),
            **kwargs,
        )


class CompanyExportView(PermissionRequiredMixin, TemplateView):
    """The filtered company list as XLSX, in the same columns the import reads."""

    permission_required = "segments.view_company"

    def get(self, request):
        filters = CompanyFilterForm(request.GET or None).filters()
        companies = selectors.companies_for_export(limit=EXPORT_LIMIT, **filters)
        if companies is None:
            return self.too_many(request)
        years, attributes = selectors.latest_value_years(), selectors.attributes_in_order()
        content = companies_xlsx(companies, years=years, attributes=attributes)
        return attachment(content, XLSX, "yritykset.xlsx")

    def too_many(self, request):
        """Back to the list with its filters, saying why nothing was exported."""
        limit = f"{EXPORT_LIMIT:,}".replace(",", " ")
        messages.error(
            request,
            _("Vienti on rajattu %(limit)s yritykseen. Rajaa hakua suodattimilla.")
            % {"limit": limit},
        )
        return redirect(f"{reverse('segments:company_list')}?{request.GET.urlencode()}")
