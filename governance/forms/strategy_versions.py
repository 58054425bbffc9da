"""The form that publishes a version of the strategy document."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import long_text

from ..models import Decision
from ..services.strategy_versions import APPROVING
from .common import required


class DecisionChoice(forms.ModelChoiceField):
    def label_from_instance(self, decision):
        title = f" – {decision.title}" if decision.title else ""
        return f"{decision.reference} ({decision.date:%d.%m.%Y}){title}"


class StrategyVersionPublishForm(forms.Form):
    """Which year's strategy, the decision that approved it, and an optional note."""

    year = forms.IntegerField(
        label=_("Vuosi"),
        min_value=2008,
        error_messages={
            **required(_("Anna vuosi.")),
            "invalid": _("Anna vuosi numeroina, esim. 2026."),
            "min_value": _("Vuosi on aikaisintaan 2008."),
        },
    )
    decision = DecisionChoice(
        label=_("Hyväksynyt päätös"),
        queryset=Decision.objects.none(),
        error_messages={
            **required(_("Valitse päätös, jolla strategia on hyväksytty.")),
            "invalid_choice": _("Valitse päätös luettelosta."),
        },
    )
    note = long_text(
        _("Huomautus"),
        2000,
        rows=3,
        required=False,
        too_long=_("Huomautus on enintään 2 000 merkkiä."),
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year + 1:
            raise forms.ValidationError(_("Vuosi on enintään ensi vuosi."))
        return year

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = (
            Decision.objects.filter(outcome__in=APPROVING)
            .select_related("decided_by")
            .order_by("-year", "-number")
        )
