"""Ministry views: responsibility coverage per segment and the access log (5.4, 5.5)."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .. import exports, selectors
from ..forms import AccessLogFilterForm
from .base import PAGE_SIZE, query_without

# An XLSX is built in memory: larger searches are narrowed down, or taken as CSV (streamed).
EXPORT_LIMIT = 50_000


class CoverageView(PermissionRequiredMixin, TemplateView):
    """Per segment: companies, with and without an active lead, the share, and the policy;
    responsibilities held for whole segments or target groups. A few aggregate queries."""

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


def _before(request):
    """The keyset cursor (time, id) from ?before_at=&before_id=; a bad one is ignored."""
    at, pk = request.GET.get("before_at", ""), request.GET.get("before_id", "")
    if not at or not pk.isdigit():
        return None
    try:
        moment = datetime.fromisoformat(at[:40])
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment, int(pk)


class AccessLogView(PermissionRequiredMixin, TemplateView):
    """Search the log of views of another organisation's customer data; newest first, 50 to
    a page. Read only: nothing here or anywhere in the app changes a row."""

    permission_required = "responsibility.view_accesslogentry"
    template_name = "responsibility/access_log.html"

    def get_context_data(self, **kwargs):
        form = AccessLogFilterForm(self.request.GET or None)
        filters = form.filters()
        page, has_more = [], False
        if filters is not None:
            page, has_more = selectors.access_log(
                **filters, before=_before(self.request), limit=PAGE_SIZE
            )
        query = query_without(self.request, "before_at", "before_id")
        next_query = None
        if has_more:
            next_query = query.copy()
            next_query["before_at"] = page[-1].at.isoformat()
            next_query["before_id"] = page[-1].pk
        return super().get_context_data(
            form=form,
            entries=page,
            is_invalid=filters is None,
            next_query=next_query.urlencode() if next_query else None,
            first_query=query.urlencode(),
            is_later_page=_before(self.request) is not None,
            export_limit=_thousands(EXPORT_LIMIT),
            **kwargs,
        )


class AccessLogExportView(PermissionRequiredMixin, View):
    """The access log's rows that match the page's search, as CSV (every row, streamed) or
    XLSX (up to EXPORT_LIMIT rows). A search with a bad value exports nothing: the page
    shows what to correct."""

    permission_required = "responsibility.view_accesslogentry"
    file_format = None  # "csv" or "xlsx"

    def get(self, request):
        form = AccessLogFilterForm(request.GET or None)
        filters = form.filters()
        page = f"{reverse('responsibility:access_log')}?{request.GET.urlencode()}"
        if filters is None:
            return redirect(page)
        rows = selectors.access_log_rows(**filters)
        filename = f"katseluloki-{timezone.localdate():%Y%m%d}.{self.file_format}"
        if self.file_format == "csv":
            response = StreamingHttpResponse(
                exports.access_log_csv(rows, language=get_language()),
                content_type="text/csv; charset=utf-8",
            )
        else:
            if rows[EXPORT_LIMIT : EXPORT_LIMIT + 1].exists():
                messages.error(
                    request,
                    _(
                        "XLSX-vienti on rajattu %(limit)s riviin. Rajaa hakua tai lataa "
                        "CSV-tiedosto, jossa ovat kaikki rivit."
                    )
                    % {"limit": _thousands(EXPORT_LIMIT)},
                )
                return redirect(page)
            response = HttpResponse(
                exports.access_log_xlsx(rows),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
