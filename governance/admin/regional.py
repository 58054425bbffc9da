"""The regional task log and the needs messages; a message's path is stamped by the
services, so its steps are read here, and so are the overview's running counts, which
follow every save of a task here as they do on the pages."""

from django.contrib import admin
from django.db import transaction

from core.admin import AuthorMixin, NoAddMixin, ReadOnlyAdmin, every_language

from ..models import (
    MessageEvent,
    NeedsMessage,
    RegionalSegmentTally,
    RegionalTask,
    RegionalTaskTally,
)
from ..services.regional_tallies import regional_tallies_apply, regional_tally_contribution
from .base import KeptInline, VersionedGovernanceAdmin


@admin.register(RegionalTask)
class RegionalTaskAdmin(AuthorMixin, VersionedGovernanceAdmin):
    list_display = ["date", "kind", "region", "body", "follow_up_on", "is_archived"]
    list_filter = ["kind", "region", "is_archived"]
    search_fields = every_language("description", "outcome")
    list_select_related = ["region", "body"]
    autocomplete_fields = ["region", "body", "segments", "organisations"]
    date_hierarchy = "date"
    # Tens of thousands of rows: no full count, short pages.
    show_full_result_count = False
    list_per_page = 50
    fields = [
        "region",
        "body",
        "date",
        "kind",
        "segments",
        "organisations",
        "description",
        "outcome",
        "original_language",
        "follow_up_on",
        "created_by",
        "created_at",
        "is_archived",
        "version",
    ]
    readonly_fields = ["created_by", "created_at"]

    # The counters follow each save in its transaction: the task's stored contribution is
    # read before the row is saved, and the difference added once its segments are saved
    # too; on the change page that is save_related, on the history page's revert (which
    # saves the segments itself) the log entry that follows.
    def save_model(self, request, obj, form, change):
        obj._tallies_before = regional_tally_contribution(obj.pk if change else None)
        super().save_model(request, obj, form, change)

    def _tallies_follow(self, obj):
        before = obj.__dict__.pop("_tallies_before", None)
        if before is not None:
            regional_tallies_apply(before=before, after=regional_tally_contribution(obj.pk))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._tallies_follow(form.instance)

    def log_change(self, request, obj, message):
        self._tallies_follow(obj)
        return super().log_change(request, obj, message)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert saves the row, its segments and the counters together or not at all.
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)


class MessageEventInline(KeptInline, NoAddMixin, admin.TabularInline):
    model = MessageEvent
    fields = ["at", "kind", "body", "by", "note", "language"]
    readonly_fields = fields


@admin.register(NeedsMessage)
class NeedsMessageAdmin(NoAddMixin, VersionedGovernanceAdmin):
    list_display = ["subject", "from_body", "to_body", "status", "sent_at"]
    list_filter = ["status", "to_body"]
    search_fields = every_language("subject", "text", "answer")
    list_select_related = ["from_body", "to_body"]
    date_hierarchy = "sent_at"
    show_full_result_count = False
    list_per_page = 50
    fields = [
        "task",
        "from_body",
        "to_body",
        "subject",
        "text",
        "original_language",
        "status",
        "sent_by",
        "sent_at",
        "acknowledged_by",
        "acknowledged_at",
        "answer",
        "answer_language",
        "answered_by",
        "answered_at",
        "forwarded_to",
        "forwarded_by",
        "forwarded_at",
        "closed_by",
        "closed_at",
        "version",
    ]
    # Sent from a task's page and moved on step by step by the services.
    readonly_fields = [name for name in fields if name != "version"]
    inlines = [MessageEventInline]


@admin.register(MessageEvent)
class MessageEventAdmin(ReadOnlyAdmin):
    list_display = ["message", "kind", "body", "by", "at"]
    list_filter = ["kind"]
    list_select_related = ["message", "body", "by"]
    date_hierarchy = "at"
    show_full_result_count = False


class TallyAdmin(ReadOnlyAdmin):
    """The overview's running counts, to read: derived from the tasks, never edited
    (`manage.py regional_tallies --rebuild` recounts them)."""

    list_filter = ["year", "kind"]
    show_full_result_count = False
    list_per_page = 100


@admin.register(RegionalTaskTally)
class RegionalTaskTallyAdmin(TallyAdmin):
    list_display = ["year", "month", "region", "kind", "n"]
    list_select_related = ["region"]


@admin.register(RegionalSegmentTally)
class RegionalSegmentTallyAdmin(TallyAdmin):
    list_display = ["year", "month", "segment", "kind", "n"]
    list_select_related = ["segment"]
