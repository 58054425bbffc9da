from django.contrib import admin

from core.admin import HistoryAdmin, NoAddMixin

from .. import services
from ..models import AccessibilityFeedback


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(NoAddMixin, HistoryAdmin):
    """Feedback comes from users through the statement page, not from the admin."""

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
