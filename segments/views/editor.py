"""The segment editor of ministry staff: a segment's names, criteria with their rules (a rule
builder over the JSON field), aliases, goals, strategy and service promises on one page that fits
the screen, and the preview of where the rules being edited would place companies: live
where scripts run, and on the page itself with the form's "Esikatsele" button where not."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from core.refusals import is_refusal

from .. import evaluation, selectors, services
from ..models import Attribute, Goal, Segment
from ..segment_forms import PreviewYearForm, RulePreviewForm, SegmentEditor

# Ministry staff edit segments, their aliases, criteria, goals, strategy and service
# promises (governance.roles).
EDIT_PERMISSIONS = (
    "segments.change_segment",
    "segments.change_criterion",
    "segments.add_goal",
    "segments.change_goal",
    "segments.delete_goal",
    "segments.add_strategy",
    "segments.change_strategy",
    "segments.add_servicepromise",
    "segments.change_servicepromise",
    "segments.delete_servicepromise",
    "segments.add_segmentalias",
    "segments.change_segmentalias",
    "segments.delete_segmentalias",
)


def _segment(code):
    try:
        return selectors.segment_for_editing(code)
    except Segment.DoesNotExist:
        raise Http404 from None


class SegmentEditView(PermissionRequiredMixin, TemplateView):
    """Edit a segment on one page with a change reason; a save from a stale copy of any of
    its records is refused (409) and changes nothing."""

    permission_required = EDIT_PERMISSIONS
    template_name = "segments/segment_form.html"

    def editor(self, data=None, *, preview=False):
        segment = self.segment
        goals = [
            (perspective, selectors.editor_goals(segment, perspective))
            for perspective in Goal.Perspective
        ]
        return SegmentEditor(
            segment,
            criteria=selectors.editor_criteria(segment),
            goals=goals,
            strategy=selectors.editor_strategy(segment),
            promises=selectors.editor_promises(segment),
            aliases=selectors.editor_aliases(segment),
            data=data,
            preview=preview,
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("year_form", PreviewYearForm())
        return super().get_context_data(
            segment=self.segment,
            vocabulary=selectors.rule_builder_vocabulary(),
            preview_url=reverse("segments:segment_rule_preview", args=[self.segment.code]),
            **kwargs,
        )

    def get(self, request, code):
        self.segment = _segment(code)
        return self.render_to_response(self.get_context_data(editor=self.editor()))

    def post(self, request, code):
        self.segment = _segment(code)
        if "preview" in request.POST:
            return self.preview(self.editor(request.POST, preview=True))
        editor = self.editor(request.POST)
        if not editor.is_valid():
            return self.render_to_response(self.get_context_data(editor=editor))
        changed, removed = editor.changes()
        if not changed and not removed:
            messages.info(request, _("Mitään ei muutettu; mitään ei tallennettu."))
            return redirect(request.path)
        try:
            services.segment_edit(
                segment=self.segment,
                changed=changed,
                removed=removed,
                by=request.user,
                reason=editor.reason.cleaned_data["reason"],
            )
        except ValidationError as error:
            editor.reason.add_error(None, error.messages)
            status = 409 if is_refusal(error) else 200
            return self.render_to_response(self.get_context_data(editor=editor), status=status)
        messages.success(request, _("Segmentin muutokset tallennettiin."))
        return redirect(request.path)

    def preview(self, editor):
        """The page again with what was entered, its errors and, the rules and the year
        being valid, the preview's counts in words (an error elsewhere in the form does not
        keep the rules from being tried); nothing is saved, no reason is asked for."""
        year_form = PreviewYearForm(self.request.POST)
        editor.is_valid()  # every error of the form shown at once
        rules_valid = all(form.is_valid() for form in editor.criteria)
        context = {"editor": editor, "year_form": year_form, "previewed": True}
        if not (year_form.is_valid() and rules_valid):
            return self.render_to_response(self.get_context_data(**context))
        year = year_form.cleaned_data["year"]
        try:
            counts = preview_counts(self.request.user, self.segment, year, editor.rules_by_kind())
        except PreviewBusy as busy:
            context["preview_error"] = str(busy)
            return self.render_to_response(self.get_context_data(**context), status=429)
        context["preview_text"] = preview_sentence(year, **counts)
        return self.render_to_response(self.get_context_data(**context))


# At most one preview of a user's is computed at a time; a request while one runs is told
# to wait (the page's script also waits for a pause in typing before it asks).
PREVIEW_LOCK_SECONDS = 30


class RulePreviewView(PermissionRequiredMixin, View):
    """Where the rules being edited would place companies in a year, as the yearly run
    would (segments.evaluation.placement_preview): JSON for the editor's script. Rules that
    do not validate are answered with the validation's Finnish message (400)."""

    permission_required = EDIT_PERMISSIONS

    def post(self, request, code):
        segment = _segment(code)
        form = RulePreviewForm(request.POST, attributes=Attribute.objects.by_code())
        if not form.is_valid():
            errors = [str(e) for errors in form.errors.values() for e in errors]
            return JsonResponse({"error": " ".join(errors)}, status=400)
        year = form.cleaned_data["year"]
        try:
            counts = preview_counts(request.user, segment, year, form.rules_by_kind())
        except PreviewBusy as busy:
            return JsonResponse({"error": str(busy)}, status=429)
        return JsonResponse({"year": year, **counts, "text": preview_sentence(year, **counts)})


class PreviewBusy(Exception):
    """The user's previous preview is still being computed."""


def preview_counts(user, segment, year, rules_by_kind):
    """placement_preview of `segment` with `rules_by_kind` in `year`, one of a user's at a
    time (PreviewBusy while another runs)."""
    lock = f"rule-preview:{user.pk}"
    if not cache.add(lock, 1, PREVIEW_LOCK_SECONDS):
        raise PreviewBusy(_("Edellinen esikatselu on vielä kesken. Yritä hetken päästä uudelleen."))
    try:
        segments = evaluation.segments_with_rules(segment, rules_by_kind)
        return evaluation.placement_preview(year=year, segments=segments, segment=segment)
    finally:
        cache.delete(lock)


def preview_sentence(year, placed, moving_in, moving_out):
    """The preview in words, numbers written the language's way."""
    sentence = ngettext(
        "Näillä säännöillä %(placed)s yritys sijoittuisi tähän segmenttiin vuonna %(year)s",
        "Näillä säännöillä %(placed)s yritystä sijoittuisi tähän segmenttiin vuonna %(year)s",
        placed,
    ) % {"placed": number_format(placed, force_grouping=True), "year": year}
    moves = _("(%(in)s siirtyy tänne, %(out)s siirtyy pois).") % {
        "in": number_format(moving_in, force_grouping=True),
        "out": number_format(moving_out, force_grouping=True),
    }
    return f"{sentence} {moves}"
