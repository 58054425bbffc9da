from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from .. import charts, resegmentation, selectors, tasks
from ..forms import RunOverrideForm, RunStartForm
from ..models import ResegmentationRun, RunEntry, SegmentTransition

MOVERS_PAGE = 50


def _segment_labels(segments):
    """Segment names in the user's language by id, with "fi" where the Finnish name stands in
    for a missing translation (so that the page can mark it lang="fi")."""
    language = (get_language() or "fi")[:2]
    labels = {None: (_("ei segmenttiä"), "")}
    for s in segments:
        translated = s.name_fi if language == "fi" else getattr(s, f"name_{language}", None)
        labels[s.pk] = (translated, "") if translated else (s.name_fi, "fi")
    return labels


class RunListView(PermissionRequiredMixin, TemplateView):
    """The yearly runs; ministry staff start a new one here."""

    permission_required = "segments.view_resegmentationrun"
    template_name = "segments/run_list.html"

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or RunStartForm()
        runs = ResegmentationRun.objects.select_related("created_by", "applied_by")[:100]
        return super().get_context_data(form=form, runs=runs, **kwargs)

    def post(self, request):
        if not request.user.has_perm("segments.add_resegmentationrun"):
            raise PermissionDenied
        form = RunStartForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            run = resegmentation.run_start(year=form.cleaned_data["year"], by=request.user)
        except resegmentation.RunStateError as error:
            form.add_error("year", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        transaction.on_commit(lambda: tasks.preview_run.enqueue(run.pk))
        messages.success(request, _("Esikatselu käynnistettiin. Sivu näyttää sen etenemisen."))
        return redirect(run)


class RunDetailView(PermissionRequiredMixin, DetailView):
    """A run: its progress, the transition matrix, the movers, the overrides, and apply."""

    permission_required = "segments.view_resegmentationrun"
    model = ResegmentationRun
    template_name = "segments/run_detail.html"
    context_object_name = "run"

    def get_queryset(self):
        return ResegmentationRun.objects.select_related("created_by", "applied_by")

    def get_context_data(self, **kwargs):
        run = self.object
        context = {"override_form": kwargs.pop("override_form", None) or RunOverrideForm(run=run)}
        if run.status in (
            ResegmentationRun.Status.PREVIEWED,
            ResegmentationRun.Status.APPLIED,
            ResegmentationRun.Status.APPLYING,
        ):
            # Counted once when the preview was made (400,000 entries).
            segments, rows = selectors.matrix_from_counts(run.matrix)
            labels = _segment_labels(segments)
            filters = self._mover_filters(segments)
            movers, has_more = selectors.run_movers(
                run, **filters, after=self._after(), limit=MOVERS_PAGE
            )
            context.update(
                segments=segments,
                segment_options=[(s.pk, *labels[s.pk]) for s in segments],
                matrix=[
                    (
                        labels[from_id],
                        from_id,
                        [counts.get(s.pk, 0) for s in segments],
                        counts.get(None, 0),
                    )
                    for from_id, counts in rows
                ],
                movers=movers,
                movers_next=movers[-1] if has_more else None,
                mover_filters=filters,
                overrides=run.overrides.select_related("company", "segment", "created_by"),
            )
        return super().get_context_data(**context, **kwargs)

    def _mover_filters(self, segments):
        ids = {str(s.pk): s.pk for s in segments}
        to = self.request.GET.get("to", "")
        return {
            "from_segment": ids.get(self.request.GET.get("from", "")),
            "to_segment": "unplaced" if to == "unplaced" else ids.get(to),
            "overridden": self.request.GET.get("overridden") == "1",
        }

    def _after(self):
        name, pk = self.request.GET.get("after_name"), self.request.GET.get("after_id", "")
        return (name[:300], int(pk)) if name is not None and pk.isdigit() else None


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


class RunOverrideView(PermissionRequiredMixin, View):
    """Record or withdraw a reviewer's exclusion or override of one company."""

    permission_required = "segments.change_resegmentationrun"

    def post(self, request, pk):
        run = get_object_or_404(ResegmentationRun, pk=pk)
        if "remove" in request.POST:
            entry = get_object_or_404(
                RunEntry,
                run=run,
                company_id=request.POST.get("remove", "")
                if request.POST.get("remove", "").isdigit()
                else 0,
            )
            try:
                resegmentation.run_override_remove(run=run, company=entry.company, by=request.user)
            except resegmentation.RunStateError as error:
                messages.error(request, str(error))
            return redirect(run)
        form = RunOverrideForm(request.POST, run=run)
        if form.is_valid():
            try:
                resegmentation.run_override_set(
                    run=run,
                    company=form.company,
                    action=form.cleaned_data["action"],
                    segment=form.cleaned_data["segment"],
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except resegmentation.RunStateError as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Poikkeus kirjattiin."))
                return redirect(run)
        view = RunDetailView(request=request, kwargs={"pk": pk}, object=run)
        return view.render_to_response(
            view.get_context_data(object=run, override_form=form), status=200
        )


class RunApplyView(PermissionRequiredMixin, View):
    """Send a reviewed run to be applied by the worker."""

    permission_required = "segments.change_resegmentationrun"

    def post(self, request, pk):
        run = get_object_or_404(ResegmentationRun, pk=pk)
        try:
            resegmentation.run_request_apply(run, by=request.user)
        except resegmentation.RunStateError as error:
            messages.error(request, str(error))
            return redirect(run)
        user_id = request.user.pk
        transaction.on_commit(lambda: tasks.apply_run.enqueue(run.pk, user_id))
        messages.success(request, _("Ajo viedään voimaan. Sivu näyttää etenemisen."))
        return redirect(run)


class SegmentDynamicsView(PermissionRequiredMixin, TemplateView):
    """Segment dynamics (report 5): the year's transition matrix and the flows as a picture."""

    permission_required = "segments.view_company"
    template_name = "segments/segment_dynamics.html"

    def get_context_data(self, **kwargs):
        years = selectors.transition_years()
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
        context = {"years": years, "year": year}
        if year is not None:
            segments, rows = selectors.transition_matrix(
                SegmentTransition.objects.filter(year=year)
            )
            labels = _segment_labels(segments)
            context["segments"] = segments
            context["matrix"] = [
                (labels[from_id], [counts.get(s.pk, 0) for s in segments], sum(counts.values()))
                for from_id, counts in rows
            ]
            flows = [
                (labels[from_id][0], labels[to_id][0], n)
                for from_id, counts in rows
                for to_id, n in counts.items()
            ]
            context["sankey"] = charts.sankey(
                flows, languages={text: lang for text, lang in labels.values() if lang}
            )
            context["flows"] = sorted(flows, key=lambda f: -f[2])
        return super().get_context_data(**context, **kwargs)
