"""Ministry views: responsibility coverage per segment and the access log (5.4, 5.5)."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from core.pagination import keyset_context

from .. import exports, selectors
from ..forms import AccessLogFilterForm
from .base import PAGE_SIZE, LocalTimeKeyset

# An XLSX is built in memory: larger searches are narrowed down, or taken as CSV (streamed).
EXPORT_LIMIT = 50_000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_LIMIT_MESSAGE = _(
    "XLSX-vienti on rajattu %(limit)s riviin. Rajaa hakua tai lataa "
    "CSV-tiedosto, jossa ovat kaikki rivit."
)

# The access log's pages: newest first, the cursor in ?before_at=&before_id=.
ACCESS_LOG_PAGES = LocalTimeKeyset(
    fields=("at", "pk"),
    params=("before_at", "before_id"),
    kinds=("datetime", "int"),
    descending=True,
)


class CoverageView(PermissionRequiredMixin, TemplateView):
    """Per segment: companies, with and without an active lead, the share, and the policy;
    responsibilities held for whole segments or target groups. The counts are kept by the
    database (CoverageCount): a constant few queries whatever the number of companies."""

    permission_required = "responsibility.view_groupresponsibility"
    template_name = "responsibility/coverage.html"

    def get_context_data(self, **kwargs):
        rows, unplaced, total = selectors.coverage()
        return super().get_context_data(
            rows=rows,
            unplaced=unplaced,
            total=total,
            group_responsibilities=selectors.group_responsibilities(),
            **kwargs,
        )


def _thousands(number):
    return f"{number:,}".replace(",", "\u00a0")


class AccessLogView(PermissionRequiredMixin, TemplateView):
    """Search the log of views of another organisation's customer data; newest first, 50 to
    a page. Read only: nothing here or anywhere in the app changes a row."""

    permission_required = "responsibility.view_accesslogentry"
    template_name = "responsibility/access_log.html"

    def get_context_data(self, **kwargs):
        form = AccessLogFilterForm(self.request.GET or None)
        filters = form.filters()
        page = None
        if filters is not None:
            rows = selectors.access_log_rows(**filters)
            page = ACCESS_LOG_PAGES.page(rows, self.request.GET, size=PAGE_SIZE)
        return super().get_context_data(
            form=form,
            entries=page.items if page else [],
            is_invalid=filters is None,
            export_limit=_thousands(EXPORT_LIMIT),
            **keyset_context(self.request.GET, ACCESS_LOG_PAGES, page),
            **kwargs,
        )


class AccessLogExportView(PermissionRequiredMixin, View):
    """The access log's rows that match the page's search, as CSV (every row, streamed) or
    XLSX (up to EXPORT_LIMIT rows). A search with a bad value exports nothing: the page
    shows what to correct."""

    permission_required = "responsibility.view_accesslogentry"
    file_format = None  # "csv" or "xlsx"

    def get(self, request):
        filters = AccessLogFilterForm(request.GET or None).filters()
        page = f"{reverse('responsibility:access_log')}?{request.GET.urlencode()}"
        if filters is None:
            return redirect(page)
        rows = selectors.access_log_rows(**filters)
        if self.file_format == "xlsx" and rows[EXPORT_LIMIT : EXPORT_LIMIT + 1].exists():
            messages.error(request, XLSX_LIMIT_MESSAGE % {"limit": _thousands(EXPORT_LIMIT)})
            return redirect(page)
        response = self.file_response(rows)
        filename = f"katseluloki-{timezone.localdate():%Y%m%d}.{self.file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def file_response(self, rows):
        if self.file_format == "csv":
            rows_csv = exports.access_log_csv(rows, language=get_language())
            return StreamingHttpResponse(rows_csv, content_type="text/csv; charset=utf-8")
        return HttpResponse(exports.access_log_xlsx(rows), content_type=XLSX)
