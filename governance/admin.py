from django.contrib import admin

from segments.history import HistoryAdmin

from .models import AccessibilityFeedback


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(HistoryAdmin):
    list_display = ["received_at", "status", "answer_due", "language", "short_message"]
    list_filter = ["status", "language"]
    search_fields = ["message", "email", "name"]
    date_hierarchy = "received_at"
    readonly_fields = ["message", "page_url", "name", "email", "language", "received_at"]
    fields = [*readonly_fields, "status", "answer", "answered_at"]

    def has_add_permission(self, request):
        # Feedback comes from users through the statement page, not from the admin.
        return False

    @admin.display(description="palaute")
    def short_message(self, obj):
        return obj.message[:80]
