"""Meeting pages (6, 6.1): the list, arranging a meeting, and the meeting's page with its
agenda, attendance, minutes, the decision form of each item and closing, which records
the decisions and applies them."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from .. import permissions
from ..forms.meetings import (
    AgendaProposalForm,
    AgendaQuestionForm,
    AttendanceForm,
    CloseMeetingForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
)
from ..models import AgendaItem, Meeting, QuestionAlternative
from ..selectors import decisions as selectors
from ..services import meetings as services
from .proposals import add_errors

PAGE_SIZE = 25
TEMPLATE = "governance/meeting_detail.html"


class MeetingListView(PermissionRequiredMixin, ListView):
    permission_required = "governance.view_meeting"
    template_name = "governance/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (
            Meeting.objects.filter(is_archived=False)
            .select_related("body")
            .order_by("-date", "-pk")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_add=bool(permissions.meeting_bodies(self.request.user)), **kwargs
        )


class MeetingCreateView(PermissionRequiredMixin, TemplateView):
    """Arrange a meeting of a body where the user sits."""

    permission_required = "governance.add_meeting"
    template_name = "governance/meeting_form.html"

    def _bodies(self):
        bodies = permissions.meeting_bodies(self.request.user)
        if not bodies:
            raise PermissionDenied  # a seat in the body is needed
        return bodies

    def get(self, request):
        form = MeetingForm(bodies=self._bodies(), initial={"body": request.GET.get("body")})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request):
        form = MeetingForm(request.POST, bodies=self._bodies())
        if form.is_valid():
            try:
                meeting = services.meeting_create(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Kokous kutsuttiin koolle."))
                return redirect(meeting)
        return self.render_to_response(self.get_context_data(form=form))


def _meeting_or_404(pk):
    items = (
        AgendaItem.objects.filter(is_archived=False)
        .select_related(
            "proposal__segment",
            "proposal__body",
            "question__segment",
            "decision__decided_by",
            "chosen_alternative",
        )
        .prefetch_related(
            Prefetch(
                "question__alternatives",
                queryset=QuestionAlternative.objects.select_related("promise").order_by(
                    "order", "pk"
                ),
            )
        )
        .order_by("order", "pk")
    )
    return get_object_or_404(
        Meeting.objects.select_related("body", "closed_by").prefetch_related(
            Prefetch("agenda_items", queryset=items),
            "attendances__organisation",
        ),
        pk=pk,
    )


def meeting_context(request, meeting, **forms):
    user = request.user
    can_manage = permissions.can_manage_meeting(user, meeting)
    # Nothing is decided before the meeting's day; the forms wait until then.
    before_day = services.before_meeting_day(meeting) and meeting.status != Meeting.Status.CLOSED
    can_decide = permissions.can_decide_meeting(user, meeting) and not before_day
    items = list(meeting.agenda_items.all())
    for item in items:
        item.form = None
        if can_decide and not item.decision_id:
            item.form = forms.get(f"decide-{item.pk}") or DecisionForm(
                item=item,
                initial={
                    "outcome": item.outcome,
                    "rationale": item.outcome_rationale,
                    "alternative": str(item.chosen_alternative_id or ""),
                },
            )
    context = {
        "meeting": meeting,
        "items": items,
        "attendances": list(meeting.attendances.all()),
        "can_manage": can_manage,
        "can_decide": can_decide,
        "can_close": permissions.can_close_meeting(user, meeting),
        "before_day": before_day,
        "before_day_message": services.not_before_meeting_day_message(meeting)
        if before_day
        else "",
        "is_strategy_group": meeting.body.is_strategy_group,
    }
    if can_manage:
        context["proposal_form"] = forms.get("proposal") or AgendaProposalForm(meeting=meeting)
        context["question_form"] = forms.get("question") or AgendaQuestionForm(meeting=meeting)
        context["attendance_form"] = forms.get("attendance") or AttendanceForm()
        context["minutes_form"] = forms.get("minutes") or MinutesForm(
            initial={"minutes": meeting.minutes, "version": meeting.version}
        )
    context["close_form"] = forms.get("close") or CloseMeetingForm(
        initial={"version": meeting.version}
    )
    return context


class MeetingDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_meeting"
    template_name = TEMPLATE

    def get(self, request, pk):
        meeting = _meeting_or_404(pk)
        return self.render_to_response(self.get_context_data(**meeting_context(request, meeting)))


def _post_only(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def _is_refusal(error, form_key):
    """A refused step (the meeting's state does not allow it): nothing the user typed is
    worth keeping, so the answer is a redirect with the message (POST/redirect/GET). A stale
    version of the minutes keeps the typed text on the form instead."""
    if hasattr(error, "error_dict"):
        return False
    return form_key == "close" or all(e.code != "stale" for e in error.error_list)


def _refused(request, meeting, messages_):
    """The meeting's state refused the step (someone else's step came first, or an old tab):
    its page as it stands now, with the message, as 409 Conflict."""
    for message in messages_:
        messages.error(request, message)
    meeting = _meeting_or_404(meeting.pk)
    return TemplateResponse(request, TEMPLATE, meeting_context(request, meeting), status=409)


def _answer(request, meeting, form_key, form, call, success):
    """Run the service if the form is valid; otherwise show the page with the form's errors.
    A refusal goes back to the meeting's page with the message, not to the action's URL."""
    if form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as error:
            if _is_refusal(error, form_key):
                return _refused(request, meeting, error.messages)
            add_errors(form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(meeting)
    meeting = _meeting_or_404(meeting.pk)
    # A TemplateResponse: a form refused by a concurrent change (a stale version) becomes
    # 409 Conflict in config.middleware.ConflictStatusMiddleware.
    return TemplateResponse(
        request, TEMPLATE, meeting_context(request, meeting, **{form_key: form})
    )


def _managed(request, pk, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied
    meeting = _meeting_or_404(pk)
    if not permissions.is_member(request.user, meeting.body_id):
        raise PermissionDenied  # the body's own members arrange its meetings
    return meeting


def _closed(request, meeting):
    """An old tab posting to a closed meeting: say so on the meeting's page, change nothing."""
    return _refused(request, meeting, [_("Kokous on jo suljettu; sitä ei voi enää muuttaa.")])


def meeting_agenda_add(request, pk, what):
    """Put a submitted proposal or an open question on the agenda."""
    if (refused := _post_only(request)) is not None:
        return refused
    meeting = _managed(request, pk, "governance.add_agendaitem")
    if meeting.status == Meeting.Status.CLOSED:
        return _closed(request, meeting)
    form_class = AgendaProposalForm if what == "proposal" else AgendaQuestionForm
    form = form_class(request.POST, meeting=meeting)
    return _answer(
        request,
        meeting,
        what,
        form,
        lambda data: services.agenda_item_add(meeting=meeting, **data, by=request.user),
        _("Asia lisättiin asialistalle."),
    )


def meeting_attendance(request, pk):
    if (refused := _post_only(request)) is not None:
        return refused
    meeting = _managed(request, pk, "governance.add_attendance")
    if meeting.status == Meeting.Status.CLOSED:
        return _closed(request, meeting)
    return _answer(
        request,
        meeting,
        "attendance",
        AttendanceForm(request.POST),
        lambda data: services.attendance_record(meeting=meeting, **data, by=request.user),
        _("Läsnäolo kirjattiin."),
    )


def meeting_minutes(request, pk):
    if (refused := _post_only(request)) is not None:
        return refused
    meeting = _managed(request, pk, "governance.change_meeting")
    if meeting.status == Meeting.Status.CLOSED:
        return _closed(request, meeting)
    return _answer(
        request,
        meeting,
        "minutes",
        MinutesForm(request.POST),
        lambda data: services.meeting_minutes_update(meeting=meeting, **data, by=request.user),
        _("Pöytäkirja tallennettiin."),
    )


def agenda_item_decide(request, pk, item_pk):
    """The strategy group's decision on one agenda item (recorded when the meeting closes)."""
    if (refused := _post_only(request)) is not None:
        return refused
    if not request.user.has_perm("governance.add_decision"):
        raise PermissionDenied
    meeting = _meeting_or_404(pk)
    if (
        meeting.status == Meeting.Status.CLOSED
        and meeting.body.is_strategy_group
        and permissions.is_member(request.user, meeting.body_id)
    ):
        # An old tab: the decisions were recorded when the meeting closed.
        return _refused(request, meeting, [services.closed_no_decisions_message()])
    if not permissions.can_decide_meeting(request.user, meeting):
        raise PermissionDenied  # only the strategy group's members decide, at its meeting
    item = next((i for i in meeting.agenda_items.all() if i.pk == item_pk), None)
    if item is None:
        return redirect(meeting)
    form = DecisionForm(request.POST, item=item)
    return _answer(
        request,
        meeting,
        f"decide-{item.pk}",
        form,
        lambda data: services.agenda_item_decide(
            item=item,
            outcome=data["outcome"],
            rationale=data["rationale"],
            alternative=data.get("alternative"),
            by=request.user,
        ),
        _("Käsittelyn tulos kirjattiin. Päätös saa numeron, kun kokous suljetaan."),
    )


def meeting_close(request, pk):
    """Close the meeting: its decisions are numbered and take effect. Confirmed first on a
    page of its own (GET) that says what will be recorded."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    meeting = _meeting_or_404(pk)
    if not permissions.can_close_meeting(request.user, meeting):
        if meeting.status == Meeting.Status.CLOSED and request.user.has_perm(
            "governance.view_meeting"
        ):
            if request.method == "GET":
                return redirect(meeting)
            return _refused(request, meeting, [_("Kokous on jo suljettu.")])
        raise PermissionDenied
    if request.method == "GET":
        if services.before_meeting_day(meeting):
            messages.error(request, services.not_before_meeting_day_message(meeting))
            return redirect(meeting)
        context = {
            "meeting": meeting,
            "close_form": CloseMeetingForm(initial={"version": meeting.version}),
            **selectors.meeting_close_consequences(meeting),
        }
        return TemplateResponse(request, "governance/meeting_close_confirm.html", context)
    return _answer(
        request,
        meeting,
        "close",
        CloseMeetingForm(request.POST),
        lambda data: services.meeting_close(
            meeting=meeting, version=data["version"], by=request.user
        ),
        _close_success,
    )


def _close_success(meeting):
    if meeting.recorded_decisions:
        return _("Kokous suljettiin ja sen päätökset kirjattiin.")
    return _("Kokous suljettiin ilman päätöksiä.")
