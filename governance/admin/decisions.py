"""Proposals, meetings, decisions and the strategic questions. Their workflows (submit,
decide, close a meeting) belong to the services: the fields those steps stamp are read-only
here, and decisions, written when a meeting is closed, are only read."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.admin import (
    AuthorMixin,
    InlineConstraintsFormSet,
    NoAddMixin,
    ReadOnlyAdmin,
    every_language,
)

from ..models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionEffect,
    Meeting,
    Proposal,
    ProposalComment,
    QuestionAlternative,
    StrategicQuestion,
)
from ..services.notices import meeting_called
from .base import (
    CheckedInline,
    GovernanceAdmin,
    KeptInline,
    OneFlaggedFormSet,
    VersionedGovernanceAdmin,
)


class ProposalCommentInline(KeptInline, NoAddMixin, admin.TabularInline):
    """Members comment on the proposal's page, as themselves."""

    model = ProposalComment
    fields = ["created_at", "author", "text", "is_archived"]
    readonly_fields = ["created_at", "author", "text"]


@admin.register(Proposal)
class ProposalAdmin(AuthorMixin, VersionedGovernanceAdmin):
    list_display = ["title", "body", "segment", "target_kind", "status", "created_at"]
    list_filter = ["status", "target_kind", "body", "segment"]
    search_fields = every_language("title", "rationale")
    list_select_related = ["body", "segment"]
    autocomplete_fields = ["body", "segment", "chosen_promise"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "body",
        "segment",
        "target_kind",
        "perspective",
        "chosen_promise",
        "content",
        "current_snapshot",
        "rationale",
        "status",
        "created_by",
        "created_at",
        "submitted_by",
        "submitted_at",
        "version",
    ]
    readonly_fields = [
        "current_snapshot",
        "status",
        "created_by",
        "created_at",
        "submitted_by",
        "submitted_at",
    ]
    inlines = [ProposalCommentInline]


@admin.register(ProposalComment)
class ProposalCommentAdmin(NoAddMixin, GovernanceAdmin):
    list_display = ["proposal", "author", "created_at", "is_archived"]
    list_filter = ["is_archived"]
    search_fields = ["text", "proposal__title"]
    list_select_related = ["proposal", "author"]
    fields = ["proposal", "author", "created_at", "text", "is_archived"]
    readonly_fields = ["proposal", "author", "created_at", "text"]


class AgendaItemInline(CheckedInline, admin.StackedInline):
    model = AgendaItem
    formset = InlineConstraintsFormSet
    fields = [
        ("order", "kind"),
        ("proposal", "question"),
        "title",
        "text",
        ("outcome", "outcome_rationale"),
        "decision",
        "is_archived",
    ]
    readonly_fields = ["decision"]
    autocomplete_fields = ["proposal", "question"]


class AttendanceInline(CheckedInline, admin.TabularInline):
    model = Attendance
    formset = InlineConstraintsFormSet
    fields = ["organisation", "attendee_names", "attendee_count", "is_present"]
    autocomplete_fields = ["organisation"]


@admin.register(Meeting)
class MeetingAdmin(VersionedGovernanceAdmin):
    list_display = ["date", "title", "body", "status", "is_archived"]
    list_filter = ["status", "is_archived", "body"]
    search_fields = ["title", "minutes", "location"]
    list_select_related = ["body"]
    autocomplete_fields = ["body"]
    date_hierarchy = "date"
    fields = [
        "body",
        "date",
        "title",
        "location",
        "status",
        "minutes",
        "closed_at",
        "closed_by",
        "is_archived",
        "version",
    ]
    readonly_fields = ["status", "closed_at", "closed_by"]
    inlines = [AgendaItemInline, AttendanceInline]

    def save_model(self, request, obj, form, change):
        """A meeting called here, or whose day, title or place changed, sends the members
        its invitation in the same transaction (a change: the same UID, the next SEQUENCE)."""
        rescheduled = change and bool({"date", "title", "location"} & set(form.changed_data))
        if rescheduled:
            obj.sequence += 1
        super().save_model(request, obj, form, change)
        if rescheduled or not change:
            meeting_called(obj, by=request.user)


@admin.register(AgendaItem)
class AgendaItemAdmin(GovernanceAdmin):
    list_display = ["__str__", "meeting", "order", "kind", "outcome", "decision"]
    list_filter = ["kind", "outcome", "is_archived"]
    search_fields = ["title", "text", "proposal__title", "question__title_fi"]
    list_select_related = ["meeting__body", "proposal", "question__segment", "decision__decided_by"]
    autocomplete_fields = ["meeting", "proposal", "question"]
    fields = [
        "meeting",
        "order",
        "kind",
        "proposal",
        "question",
        "title",
        "text",
        "outcome",
        "outcome_rationale",
        "decision",
        "is_archived",
    ]
    readonly_fields = ["decision"]


@admin.register(Attendance)
class AttendanceAdmin(GovernanceAdmin):
    list_display = ["meeting", "organisation", "attendee_count", "is_present"]
    list_filter = ["is_present"]
    search_fields = ["meeting__title", "organisation__name_fi", "attendee_names"]
    list_select_related = ["meeting__body", "organisation"]
    autocomplete_fields = ["meeting", "organisation"]
    fields = ["meeting", "organisation", "attendee_names", "attendee_count", "is_present"]


class DecisionEffectInline(KeptInline, NoAddMixin, admin.TabularInline):
    model = DecisionEffect
    fields = ["content_type", "object_id", "description", "created_at"]
    readonly_fields = fields


@admin.register(Decision)
class DecisionAdmin(NoAddMixin, GovernanceAdmin):
    """Decisions are written when a meeting is closed and stand as written."""

    list_display = ["reference", "date", "outcome", "title", "proposal", "question"]
    list_filter = ["outcome", "year", "decided_by"]
    search_fields = ["title", "rationale", "=number"]
    list_select_related = ["decided_by", "proposal", "question__segment"]
    date_hierarchy = "date"
    fields = [
        "number",
        "year",
        "date",
        "meeting",
        "decided_by",
        "outcome",
        "title",
        "rationale",
        "proposal",
        "question",
        "recorded_by",
        "recorded_at",
    ]
    readonly_fields = fields
    inlines = [DecisionEffectInline]

    @admin.display(description=_("päätös"), ordering="number")
    def reference(self, obj):
        return obj.reference


@admin.register(DecisionEffect)
class DecisionEffectAdmin(ReadOnlyAdmin):
    list_display = ["decision", "content_type", "object_id", "description", "created_at"]
    list_filter = ["content_type"]
    list_select_related = ["decision__decided_by", "content_type"]


class QuestionAlternativeFormSet(OneFlaggedFormSet):
    message = _("Kysymyksessä voi olla vain yksi valittu vaihtoehto.")

    def is_flagged(self, data):
        return bool(data.get("is_chosen"))


class QuestionAlternativeInline(CheckedInline, TranslationStackedInline):
    model = QuestionAlternative
    formset = QuestionAlternativeFormSet
    fields = [
        ("order", "label"),
        "text",
        "description",
        ("promise", "target_value"),
        "is_chosen",
        "is_archived",
    ]
    # The choice is made by a decision (the service), with the question's decision.
    readonly_fields = ["is_chosen"]
    autocomplete_fields = ["promise"]


@admin.register(StrategicQuestion)
class StrategicQuestionAdmin(VersionedGovernanceAdmin, TranslationAdmin):
    list_display = ["title", "subject", "segment", "status", "decision", "is_archived"]
    list_filter = ["subject", "status", "is_archived", "segment"]
    search_fields = ["title_fi", "title_sv", "title_en", "code", "description_fi"]
    list_select_related = ["segment", "decision__decided_by"]
    autocomplete_fields = ["segment", "preparing_body"]
    fields = [
        "code",
        "subject",
        "title",
        "description",
        "segment",
        "report_reference",
        "status",
        "preparing_body",
        "decision",
        "order",
        "is_archived",
        "version",
    ]
    readonly_fields = ["decision"]
    inlines = [QuestionAlternativeInline]


@admin.register(QuestionAlternative)
class QuestionAlternativeAdmin(GovernanceAdmin, TranslationAdmin):
    list_display = ["__str__", "question", "order", "is_chosen", "is_archived"]
    list_filter = ["is_chosen", "is_archived", "question__subject"]
    search_fields = ["text_fi", "text_sv", "text_en", "question__title_fi"]
    list_select_related = ["question__segment", "promise"]
    autocomplete_fields = ["question", "promise"]
    fields = [
        "question",
        "order",
        "label",
        "text",
        "description",
        "promise",
        "target_value",
        "is_chosen",
        "is_archived",
    ]
    readonly_fields = ["is_chosen"]
