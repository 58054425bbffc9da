from django.contrib import admin

from core.admin import HistoryAdmin

from .. import services
from ..models import AccessibilityFeedback


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(HistoryAdmin):
    list_display = ["received_at", "status", "answer_due", "language", "short_message"]
    list_filter = ["status", "language"]
    search_fields = ["message", "email", "name"]
    date_hierarchy = "received_at"
    readonly_fields = [
        "message",
        "page_url",
        "name",
        "email",
        "language",
        "received_at",
        "status",
        "answered_at",
    ]
    fields = [*readonly_fields, "answer"]

    def has_add_permission(self, request):
        # Feedback comes from users through the statement page, not from the admin.
        return False

    def save_model(self, request, obj, form, change):
        # Writing an answer to an open feedback marks it answered, with the time, in one step.
        if obj.answer.strip() and obj.status == AccessibilityFeedback.Status.RECEIVED:
            services.feedback_answer(
                feedback=obj,
                answer=obj.answer,
                by=request.user,
                reason=form.cleaned_data["change_reason"],
            )
        else:
            super().save_model(request, obj, form, change)

    @admin.display(description="palaute")
    def short_message(self, obj):
        return obj.message[:80]
