"""Ministry staff follow the outbox in the admin: what waits, what was sent, what failed
and why, each attempt in the history. Read-only: the worker alone sends and records."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyMixin

from .models import Notification, OutboxMessage


class FailureFilter(admin.SimpleListFilter):
    title = _("virheet")
    parameter_name = "virhe"

    def lookups(self, request, model_admin):
        return [("kylla", _("Viimeisin yritys epäonnistui"))]

    def queryset(self, request, queryset):
        if self.value() == "kylla":
            return queryset.exclude(last_error="")
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    # The bodies are not shown: a password reset message holds a live link.
    fields = [
        "idempotency_key",
        "recipient",
        "language",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
        "created_at",
    ]
    list_display = [
        "created_at",
        "recipient",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", FailureFilter, "language"]
    search_fields = ["=recipient", "^idempotency_key"]
    list_per_page = 50
    show_full_result_count = False
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "title", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["=user__username"]
    list_per_page = 50
    show_full_result_count = False
