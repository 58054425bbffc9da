"""Meeting pages (6, 6.1): the list, arranging a meeting, and the meeting's page with its
agenda, attendance, minutes, the decision form of each item and closing, which records
the decisions and applies them."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
from ..models import Meeting
from ..selectors import meetings as selectors
from ..services import meetings as services
from .base import GovernanceFormView, PageStepView, refusal_codes

PAGE_SIZE = 25
TEMPLATE = "governance/meeting_detail.html"


class MeetingListView(PermissionRequiredMixin, ListView):
    permission_required = "governance.view_meeting"
    template_name = "governance/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return selectors.meeting_list()

    def get_context_data(self, **kwargs):
        can_add = permissions.can_add_meeting(self.request.user)
        return super().get_context_data(can_add=can_add, **kwargs)


class MeetingCreateView(GovernanceFormView):
    """Arrange a meeting of a body where the user sits."""

    permission_required = "governance.add_meeting"
    template_name = "governance/meeting_form.html"
    form_class = MeetingForm
    success_message = gettext_lazy("Kokous kutsuttiin koolle.")

    def setup_objects(self, **kwargs):
        self.bodies = permissions.meeting_bodies(self.request.user)
        if not self.bodies:
            raise PermissionDenied  # a seat in the body is needed

    def get_form_kwargs(self):
        return {"bodies": self.bodies, "initial": {"body": self.request.GET.get("body")}}

    def perform(self, data):
        return services.meeting_create(**data, by=self.request.user)


def meeting_or_404(pk):
    return get_object_or_404(selectors.meeting_detail_queryset(), pk=pk)


def meeting_page(request, meeting, **forms):
    """The meeting page's context; `forms` (by key: "proposal", "question", "attendance",
    "minutes", "close", "decide-<item>") stand in for the blank ones."""
    deciding = _deciding(request.user, meeting)
    context = {
        "meeting": meeting,
        "items": _agenda(meeting, forms if deciding["can_decide"] else None),
        "attendances": list(meeting.attendances.all()),
        "close_form": forms.get("close") or CloseMeetingForm(initial={"version": meeting.version}),
        **_abilities(request.user, meeting),
        **deciding,
    }
    if context["can_manage"]:
        context.update(_manage_forms(meeting, forms))
    return context


def _abilities(user, meeting):
    return {
        "can_manage": permissions.can_manage_meeting(user, meeting),
        "can_close": permissions.can_close_meeting(user, meeting),
        "is_strategy_group": meeting.body.is_strategy_group,
    }


def _deciding(user, meeting):
    """Whether the user decides now: nothing is decided before the meeting's day, and the
    decision forms wait until then (the page says when)."""
    before_day = services.before_meeting_day(meeting) and meeting.status != Meeting.Status.CLOSED
    return {
        "can_decide": permissions.can_decide_meeting(user, meeting) and not before_day,
        "before_day": before_day,
        "before_day_message": services.not_before_meeting_day_message(meeting)
        if before_day
        else "",
    }


def _agenda(meeting, forms):
    """The agenda items, each undecided one with its decision form when `forms` is given
    (the user decides)."""
    items = list(meeting.agenda_items.all())
    for item in items:
        undecided = forms is not None and not item.decision_id
        item.form = (forms.get(f"decide-{item.pk}") or _decision_form(item)) if undecided else None
    return items


def _decision_form(item):
    """An undecided item's decision form, holding what was prepared for it."""
    initial = {
        "outcome": item.outcome,
        "rationale": item.outcome_rationale,
        "alternative": str(item.chosen_alternative_id or ""),
    }
    return DecisionForm(item=item, initial=initial)


def _manage_forms(meeting, forms):
    minutes = {"minutes": meeting.minutes, "version": meeting.version}
    return {
        "proposal_form": forms.get("proposal") or AgendaProposalForm(meeting=meeting),
        "question_form": forms.get("question") or AgendaQuestionForm(meeting=meeting),
        "attendance_form": forms.get("attendance") or AttendanceForm(),
        "minutes_form": forms.get("minutes") or MinutesForm(initial=minutes),
    }


class MeetingDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_meeting"
    template_name = TEMPLATE

    def get_context_data(self, pk, **kwargs):
        meeting = meeting_or_404(pk)
        return super().get_context_data(**meeting_page(self.request, meeting), **kwargs)


class MeetingStepView(PageStepView):
    """A step posted from the meeting's page by the body's own members. An old tab posting
    to a closed meeting gets the meeting's page with a message, not 403; a stale version of
    the minutes keeps the typed text on its form."""

    page_template = TEMPLATE
    method_first = True
    form_key = None  # where the meeting's page shows the form

    def setup_objects(self, pk, **kwargs):
        self.meeting = meeting_or_404(pk)
        self.authorise(**kwargs)

    def authorise(self, **kwargs):
        if not permissions.is_member(self.request.user, self.meeting.body_id):
            raise PermissionDenied  # the body's own members arrange its meetings
        if self.meeting.status == Meeting.Status.CLOSED:
            self.refusal = _("Kokous on jo suljettu; sitä ei voi enää muuttaa.")

    def page_context(self, form=None):
        forms = {self.form_key: form} if form is not None else {}
        return meeting_page(self.request, meeting_or_404(self.meeting.pk), **forms)

    def keeps_form(self, form):
        return "stale" in refusal_codes(form)

    def get_success_url(self, result):
        return self.meeting.get_absolute_url()


class AgendaAddView(MeetingStepView):
    """Put a submitted proposal or an open question on the agenda."""

    permission_required = "governance.add_agendaitem"
    success_message = gettext_lazy("Asia lisättiin asialistalle.")

    def get_form_kwargs(self):
        return {"meeting": self.meeting}

    def perform(self, data):
        return services.agenda_item_add(meeting=self.meeting, **data, by=self.request.user)


class AgendaProposalView(AgendaAddView):
    form_class = AgendaProposalForm
    form_key = "proposal"


class AgendaQuestionView(AgendaAddView):
    form_class = AgendaQuestionForm
    form_key = "question"


class AttendanceView(MeetingStepView):
    permission_required = "governance.add_attendance"
    form_class = AttendanceForm
    form_key = "attendance"
    success_message = gettext_lazy("Läsnäolo kirjattiin.")

    def perform(self, data):
        return services.attendance_record(meeting=self.meeting, **data, by=self.request.user)


class MinutesView(MeetingStepView):
    permission_required = "governance.change_meeting"
    form_class = MinutesForm
    form_key = "minutes"
    success_message = gettext_lazy("Pöytäkirja tallennettiin.")

    def perform(self, data):
        return services.meeting_minutes_update(meeting=self.meeting, **data, by=self.request.user)


class AgendaItemDecideView(MeetingStepView):
    """The strategy group's decision on one agenda item (recorded when the meeting closes)."""

    permission_required = "governance.add_decision"
    form_class = DecisionForm
    success_message = gettext_lazy(
        "Käsittelyn tulos kirjattiin. Päätös saa numeron, kun kokous suljetaan."
    )

    def authorise(self, item_pk):
        user, meeting = self.request.user, self.meeting
        closed = meeting.status == Meeting.Status.CLOSED and meeting.body.is_strategy_group
        if closed and permissions.is_member(user, meeting.body_id):
            # An old tab: the decisions were recorded when the meeting closed.
            self.refusal = services.closed_no_decisions_message()
            return
        if not permissions.can_decide_meeting(user, meeting):
            raise PermissionDenied  # only the strategy group's members decide, at its meeting
        self.item = next((i for i in meeting.agenda_items.all() if i.pk == item_pk), None)
        self.form_key = f"decide-{item_pk}"

    def post(self, request, *args, **kwargs):
        if self.refusal is None and self.item is None:
            return redirect(self.meeting)
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {"item": self.item}

    def perform(self, data):
        return services.agenda_item_decide(
            item=self.item,
            outcome=data["outcome"],
            rationale=data["rationale"],
            alternative=data.get("alternative"),
            by=self.request.user,
        )


class MeetingCloseView(MeetingStepView):
    """Close the meeting: its decisions are numbered and take effect. Confirmed first on a
    page of its own (GET) that says what will be recorded."""

    permission_required = "governance.view_meeting"
    http_method_names = ["get", "post"]
    form_class = CloseMeetingForm
    form_key = "close"

    def authorise(self, **kwargs):
        user, meeting = self.request.user, self.meeting
        if not permissions.can_close_meeting(user, meeting):
            if meeting.status != Meeting.Status.CLOSED:
                raise PermissionDenied
            self.refusal = _("Kokous on jo suljettu.")

    def get(self, request, *args, **kwargs):
        if self.refusal is not None:
            return redirect(self.meeting)  # closed already: its page says what was decided
        if services.before_meeting_day(self.meeting):
            messages.error(request, services.not_before_meeting_day_message(self.meeting))
            return redirect(self.meeting)
        return TemplateResponse(
            request, "governance/meeting_close_confirm.html", self.confirm_context()
        )

    def confirm_context(self):
        return {
            "meeting": self.meeting,
            "close_form": CloseMeetingForm(initial={"version": self.meeting.version}),
            **selectors.meeting_close_consequences(self.meeting),
        }

    def keeps_form(self, form):
        return False  # nothing typed: any refusal is said on the meeting's page

    def perform(self, data):
        user = self.request.user
        return services.meeting_close(meeting=self.meeting, version=data["version"], by=user)

    def get_success_message(self, meeting):
        if meeting.recorded_decisions:
            return _("Kokous suljettiin ja sen päätökset kirjattiin.")
        return _("Kokous suljettiin ilman päätöksiä.")
