"""The regional task log and the needs messages; a message's path is stamped by the
services, so its steps are read here."""

from django.contrib import admin

from core.admin import NoAddMixin, ReadOnlyAdmin

from ..models import MessageEvent, NeedsMessage, RegionalTask
from .base import KeptInline, VersionedGovernanceAdmin


@admin.register(RegionalTask)
class RegionalTaskAdmin(VersionedGovernanceAdmin):
    list_display = ["date", "kind", "region", "body", "follow_up_on", "is_archived"]
    list_filter = ["kind", "region", "is_archived"]
    search_fields = ["description", "outcome"]
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
        "follow_up_on",
        "created_by",
        "created_at",
        "is_archived",
        "version",
    ]
    readonly_fields = ["created_by", "created_at"]


class MessageEventInline(KeptInline, NoAddMixin, admin.TabularInline):
    model = MessageEvent
    fields = ["at", "kind", "body", "by", "note"]
    readonly_fields = fields


@admin.register(NeedsMessage)
class NeedsMessageAdmin(NoAddMixin, VersionedGovernanceAdmin):
    list_display = ["subject", "from_body", "to_body", "status", "sent_at"]
    list_filter = ["status", "to_body"]
    search_fields = ["subject", "text", "answer"]
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
        "status",
        "sent_by",
        "sent_at",
        "acknowledged_by",
        "acknowledged_at",
        "answer",
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
