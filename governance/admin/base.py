"""What every governance admin page shares: records are archived, never deleted."""

from django import forms

from core.admin import (
    HistoryAdmin,
    InlineConstraintsForm,
    InlineConstraintsFormSet,
    NoDeleteMixin,
    VersionedHistoryAdmin,
)


class GovernanceAdmin(NoDeleteMixin, HistoryAdmin):
    """A governance admin page: a required change reason, history, no deleting."""


class VersionedGovernanceAdmin(NoDeleteMixin, VersionedHistoryAdmin):
    """The same for records with optimistic locking: a stale save is refused."""


class KeptInline:
    """Inline rows of records that are archived, never deleted: no blank rows offered, no
    delete box. Put before the Django inline class."""

    extra = 0
    can_delete = False


class CheckedInline(KeptInline):
    """The same, with each row checked against the model's constraints on save."""

    form = InlineConstraintsForm


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
