from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from .. import selectors
from ..forms import CompanyFilterForm

PAGE_SIZE = 50
# An export in the request is capped; a larger one is narrowed down with the filters.
EXPORT_LIMIT = 50_000


def _after(request):
    """The keyset cursor (name, id) of the next page, from ?after_name=&after_id=."""
    name, pk = request.GET.get("after_name"), request.GET.get("after_id", "")
    if name is None or not pk.isdigit():
        return None
    return name[:300], int(pk)


class CompanyListView(PermissionRequiredMixin, TemplateView):
    """Companies in name order with filters and search; a page at a time, no full count."""

    permission_required = "segments.view_company"
    template_name = "segments/company_list.html"

    def get_context_data(self, **kwargs):
        form = CompanyFilterForm(self.request.GET or None)
        page, has_more = selectors.company_list(
            **form.filters(), after=_after(self.request), limit=PAGE_SIZE
        )
        query = self.request.GET.copy()
        for key in ("after_name", "after_id"):
            query.pop(key, None)
        if has_more:
            next_query = query.copy()
            next_query["after_name"], next_query["after_id"] = page[-1].name, page[-1].pk
        return super().get_context_data(
            form=form,
            companies=page,
            next_query=next_query.urlencode() if has_more else None,
            first_query=query.urlencode(),
            is_later_page=_after(self.request) is not None,
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
        from ..imports import companies_xlsx
        from ..models import Attribute

        form = CompanyFilterForm(request.GET or None)
        companies = selectors.company_filter(**form.filters()).order_by("name", "pk")
        if companies[EXPORT_LIMIT : EXPORT_LIMIT + 1].exists():
            messages.error(
                request,
                _("Vienti on rajattu %(limit)s yritykseen. Rajaa hakua suodattimilla.")
                % {"limit": f"{EXPORT_LIMIT:,}".replace(",", " ")},
            )
            return redirect(f"{reverse('segments:company_list')}?{request.GET.urlencode()}")
        content = companies_xlsx(
            companies,
            years=selectors.latest_value_years(),
            attributes=list(Attribute.objects.all()),
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="yritykset.xlsx"'
        return response
