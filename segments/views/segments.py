"""Pages of the segments: the list, a segment and its history, the strategy overview (with
its files), and the segment dynamics."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from core import fragments
from core.forms import add_errors

from .. import charts, exports, selectors, services
from ..forms import RevertForm
from ..models import Segment
from ..selectors.segments import HISTORY_ITEMS
from .files import CSV, XLSX, attachment

# The cached fragment of a segment page's content (SegmentsConfig.ready says what changes it).
SEGMENT_PAGE = "segment-page"


class SegmentListView(PermissionRequiredMixin, TemplateView):
    """All active segments with their kind and counts of goals and confirmed promises."""

    permission_required = "segments.view_segment"
    template_name = "segments/segment_list.html"

    def get_context_data(self, **kwargs):
        search = self.request.GET.get("q", "")[:200]
        return super().get_context_data(
            search=search,
            # The list is read, and its query even built, only when the cached table is
            # rendered anew (no search): building the counts' annotations was a sixth of the
            # page's Python calls on every view (bench/cpu_per_page.py).
            object_list=SimpleLazyObject(lambda: selectors.segment_list(search=search)),
            content_generation=fragments.generation(SEGMENT_PAGE),
            **kwargs,
        )


class SegmentDetailView(PermissionRequiredMixin, DetailView):
    """One segment: description, criteria, goals by perspective, strategy and promises."""

    permission_required = "segments.view_segment"
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "segments/segment_detail.html"

    def get_queryset(self):
        return selectors.segments_with_strategy()

    def get_object(self, queryset=None):
        """The segment with its strategy, cached with the page's content: the same writes
        retire both (segments.apps), and the most read page then needs no query of its own."""
        self.content_generation = fragments.generation(SEGMENT_PAGE)
        code = self.kwargs[self.slug_url_kwarg]
        if len(code) > Segment._meta.get_field("code").max_length:
            raise Http404(_("Pyydettyä kohdetta ei löytynyt."))  # and no cache key that long
        segment = fragments.cached(
            SEGMENT_PAGE,
            ("segment", code),
            lambda: self.get_queryset().filter(code=code).first(),
            token=self.content_generation,
        )
        if segment is None:
            raise Http404(_("Pyydettyä kohdetta ei löytynyt."))
        return segment

    def get_context_data(self, **kwargs):
        segment = self.object
        return super().get_context_data(
            # Read only when the page's cached content is rendered anew.
            content=SimpleLazyObject(lambda: selectors.segment_content(segment)),
            content_generation=self.content_generation,
            **kwargs,
        )


class SegmentHistoryView(PermissionRequiredMixin, DetailView):
    """Who changed the segment and its items, when, why and what (before → after)."""

    permission_required = "segments.view_segment"
    model = Segment
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "segments/segment_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            history=selectors.segment_history(self.object),
            revertable=revertable_kinds(self.request.user),
            **kwargs,
        )


def revertable_kinds(user):
    """The kinds of segment items whose changes `user` may revert: those they may change."""
    return {
        kind
        for kind, (model, _key) in HISTORY_ITEMS.items()
        if user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
    }


class SegmentChangeRevertView(PermissionRequiredMixin, FormView):
    """Revert one change of the history page, after a confirmation with a reason."""

    permission_required = "segments.view_segment"
    form_class = RevertForm
    template_name = "segments/segment_change_revert.html"

    def dispatch(self, request, *args, code, kind, history_id, **kwargs):
        self.segment = get_object_or_404(Segment, code=code)
        self.record = selectors.history_record(self.segment, kind, history_id)
        if self.record is None or not self.record.changes or self.record.history_type != "~":
            raise Http404
        if request.user.is_authenticated and kind not in revertable_kinds(request.user):
            raise PermissionDenied
        self.kind = kind
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"seen": self.record.newest_history_id}

    def get_context_data(self, **kwargs):
        return super().get_context_data(segment=self.segment, record=self.record, **kwargs)

    def form_valid(self, form):
        try:
            services.segment_change_revert(
                segment=self.segment,
                kind=self.kind,
                history_id=self.record.history_id,
                seen_history_id=form.cleaned_data["seen"],
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Muutos palautettiin; palautus näkyy historiassa."))
        return redirect("segments:segment_history", code=self.segment.code)


class StrategyOverviewView(PermissionRequiredMixin, TemplateView):
    """The report's tables 5.1.2 and 5.1.3 side by side, from live data; prints cleanly."""

    permission_required = "segments.view_segment"
    template_name = "segments/strategy_overview.html"

    def get_context_data(self, **kwargs):
        rows = [
            (segment, *selectors.goals_by_perspective(segment))
            for segment in selectors.strategy_overview()
        ]
        return super().get_context_data(rows=rows, **kwargs)


class StrategyOverviewExportView(PermissionRequiredMixin, TemplateView):
    """The overview as a file: XLSX with both tables, or CSV of one table."""

    permission_required = "segments.view_segment"

    def get(self, request, file_format):
        if file_format == "xlsx":
            return attachment(exports.overview_xlsx(), XLSX, "asiakkuusstrategia-yleiskuva.xlsx")
        table = "strategies" if request.GET.get("table") == "strategies" else "goals"
        name = "strategiat" if table == "strategies" else "tavoitteet"
        return attachment(exports.overview_csv(table), CSV, f"asiakkuusstrategia-{name}.csv")


class SegmentDynamicsView(PermissionRequiredMixin, TemplateView):
    """Segment dynamics (report 5): the year's transition matrix and the flows as a picture."""

    permission_required = "segments.view_company"
    template_name = "segments/segment_dynamics.html"

    def get_context_data(self, **kwargs):
        dynamics = selectors.dynamics(self.request.GET.get("year", ""))
        context = {"years": dynamics.years, "year": dynamics.year}
        if dynamics.year is not None:
            context.update(
                segments=dynamics.segments,
                matrix=dynamics.matrix,
                sankey=charts.sankey(dynamics.flows, languages=dynamics.languages),
                flows=dynamics.flows_by_size,
            )
        return super().get_context_data(**context, **kwargs)
