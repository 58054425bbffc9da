"""What every governance admin page shares: records are archived, never deleted."""

from django import forms
from django.contrib import admin

from segments.history import HistoryAdmin, InlineConstraintsFormSet, VersionedHistoryAdmin


class NoDeleteMixin:
    """Governance records are archived (`is_archived`), never deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


class GovernanceAdmin(NoDeleteMixin, HistoryAdmin):
    """A governance admin page: a required change reason, history, no deleting."""


class VersionedGovernanceAdmin(NoDeleteMixin, VersionedHistoryAdmin):
    """The same for records with optimistic locking: a stale save is refused."""


class ReadOnlyAdmin(NoDeleteMixin, admin.ModelAdmin):
    """Records written only by the services, shown here for reading."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OneFlaggedFormSet(InlineConstraintsFormSet):
    """Inline rows of which at most one may carry a flag at a time (one open chair, one
    chosen alternative), also within one submission: the database would otherwise refuse
    the second with an error page instead of a message."""

    message = None

    def is_flagged(self, data):
        raise NotImplementedError

    def clean(self):
        super().clean()
        flagged = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and self.is_flagged(form.cleaned_data)
        ]
        if len(flagged) > 1:
            raise forms.ValidationError(self.message)
