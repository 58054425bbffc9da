"""Published strategy versions in the admin: read only (they are published from the app and
never changed or deleted)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from ..models import StrategyVersion


@admin.register(StrategyVersion)
class StrategyVersionAdmin(ReadOnlyAdmin):
    list_display = ["label", "published_at", "decision", "published_by"]
    list_select_related = ["decision__decided_by", "published_by"]
    exclude = ["contents"]
    show_full_result_count = False

    def get_queryset(self, request):
        # The frozen contents are large and the list never shows them.
        return super().get_queryset(request).defer("contents")
