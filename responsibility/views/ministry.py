"""Ministry views: responsibility coverage per segment and the access log (5.4, 5.5)."""

from datetime import datetime

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from .. import selectors
from ..forms import AccessLogFilterForm
from .base import PAGE_SIZE, query_without


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
            **kwargs,
        )
