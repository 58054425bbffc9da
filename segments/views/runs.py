from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from core.refusals import Refusal

from .. import charts, placements, runs, selectors
from ..forms import PlacementForm, ReasonForm, RunStartForm
from ..models import ManualPlacement, ResegmentationRun, SegmentTransition

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


def _conflict(request, view_class, pk, status=409, **context):
    """Render the run's page again with a refusal or a form with errors: 409 Conflict when
    the run's state (someone else's step) refused the action, 200 for the user's own input
    errors."""
    view = view_class(request=request, kwargs={"pk": pk})
    view.object = view.get_object()
    return view.render_to_response(
        view.get_context_data(object=view.object, **context), status=status
    )


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
            run = runs.run_start_preview(year=form.cleaned_data["year"], by=request.user)
        except Refusal as error:
            form.add_error("year", str(error))
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(request, _("Esikatselu käynnistettiin. Sivu näyttää sen etenemisen."))
        return redirect(run)


class RunDetailView(PermissionRequiredMixin, DetailView):
    """A run: its progress, the transition matrix, the movers and the companies placed by
    hand, apply; and for a run whose worker stopped, retry or cancel."""

    permission_required = "segments.view_resegmentationrun"
    model = ResegmentationRun
    template_name = "segments/run_detail.html"
    context_object_name = "run"

    def get_queryset(self):
        return ResegmentationRun.objects.select_related("created_by", "applied_by")

    def get_context_data(self, **kwargs):
        run = self.object
        context = {
            "placement_form": kwargs.pop("placement_form", None) or PlacementForm(run=run),
            "retry_form": kwargs.pop("retry_form", None) or ReasonForm(prefix="retry"),
            "cancel_form": kwargs.pop("cancel_form", None) or ReasonForm(prefix="cancel"),
        }
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
            )
        return super().get_context_data(**context, **kwargs)

    def _mover_filters(self, segments):
        ids = {str(s.pk): s.pk for s in segments}
        to = self.request.GET.get("to", "")
        return {
            "from_segment": ids.get(self.request.GET.get("from", "")),
            "to_segment": "unplaced" if to == "unplaced" else ids.get(to),
            "manual": self.request.GET.get("manual") == "1",
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


class RunPlacementView(PermissionRequiredMixin, View):
    """Place one company of a previewed run by hand, from the run's year on."""

    permission_required = "segments.add_manualplacement"

    def post(self, request, pk):
        run = get_object_or_404(ResegmentationRun, pk=pk)
        form = PlacementForm(request.POST, run=run)
        if not form.is_valid():
            return _conflict(request, RunDetailView, pk, status=200, placement_form=form)
        if run.status != ResegmentationRun.Status.PREVIEWED:
            refusal = _(
                "Käsin sijoituksen voi kirjata vain esikatsellulle ajolle, jota ei ole viety voimaan."
            )
            return _conflict(request, RunDetailView, pk, refusal=refusal)
        data = form.cleaned_data
        try:
            placements.placement_set(
                company=form.company,
                action=data["action"],
                segment=data["segment"],
                reason=data["reason"],
                first_year=run.year,
                last_year=data["last_year"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return _conflict(request, RunDetailView, pk, status=200, placement_form=form)
        messages.success(request, _("Käsin sijoitus kirjattiin. Se koskee myös myöhempiä ajoja."))
        return redirect(run)


class PlacementRemoveView(PermissionRequiredMixin, View):
    """End a manual placement, with a reason; back to where the user came from."""

    permission_required = "segments.change_manualplacement"

    def post(self, request, pk):
        placement = get_object_or_404(ManualPlacement, pk=pk)
        form = ReasonForm(request.POST)
        back = _safe_next(request, reverse("segments:placement_list"))
        if not form.is_valid():
            messages.error(
                request, _("Poistoa ei tehty: %(error)s") % {"error": form.errors["reason"][0]}
            )
            return redirect(back)
        if placement.removed_at is not None:
            messages.error(request, _("Käsin sijoitus oli jo poistettu."))
            return redirect(back)
        placements.placement_remove(
            placement=placement, reason=form.cleaned_data["reason"], by=request.user
        )
        messages.success(
            request,
            _("Käsin sijoitus poistettiin; myöhemmät ajot sijoittavat yrityksen sääntöjen mukaan."),
        )
        return redirect(back)


def _safe_next(request, default):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class PlacementListView(PermissionRequiredMixin, ListView):
    """Every company placed by hand: what, from which year, who and why; removed ones too."""

    permission_required = "segments.view_manualplacement"
    template_name = "segments/placement_list.html"
    context_object_name = "placements"
    paginate_by = 50

    def get_queryset(self):
        self.search = self.request.GET.get("q", "")[:300]
        self.removed = self.request.GET.get("removed") == "1"
        return selectors.placements(search=self.search, removed=self.removed)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search=self.search, removed=self.removed, remove_form=ReasonForm(), **kwargs
        )


class RunStateChangeView(PermissionRequiredMixin, View):
    """Retry or cancel a run whose worker stopped (or a failed one), with a reason."""

    permission_required = "segments.change_resegmentationrun"
    action = None  # "retry" or "cancel"

    def post(self, request, pk):
        run = get_object_or_404(ResegmentationRun, pk=pk)
        form = ReasonForm(request.POST, prefix=self.action)
        if not form.is_valid():
            return _conflict(
                request, RunDetailView, pk, status=200, **{f"{self.action}_form": form}
            )
        service = runs.run_retry if self.action == "retry" else runs.run_cancel
        try:
            service(run, by=request.user, reason=form.cleaned_data["reason"])
        except Refusal as error:
            return _conflict(request, RunDetailView, pk, refusal=str(error))
        if self.action == "retry":
            messages.success(request, _("Ajo käynnistettiin uudelleen. Sivu näyttää etenemisen."))
        else:
            messages.success(request, _("Ajo peruttiin. Vuodelle voi käynnistää uuden ajon."))
        return redirect(run)


class RunApplyView(PermissionRequiredMixin, DetailView):
    """Confirm, then send a reviewed run to be applied by the worker."""

    permission_required = "segments.change_resegmentationrun"
    model = ResegmentationRun
    template_name = "segments/run_apply_confirm.html"
    context_object_name = "run"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status != ResegmentationRun.Status.PREVIEWED:
            messages.error(request, _("Vain esikatseltu ajo voidaan viedä voimaan."))
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def post(self, request, pk):
        run = get_object_or_404(ResegmentationRun, pk=pk)
        try:
            runs.run_apply_send(run, by=request.user)
        except Refusal as error:
            self.object = run
            context = self.get_context_data(object=run, refusal=str(error))
            return self.render_to_response(context, status=409)
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
