"""Forms of a plan's parts (5.6): its goals, actions, investments, resources and results
(PlanItem), and its metrics."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import (
    long_text,
    radio_choice,
    short_text,
    ui_language,
    version_field,
    writing_language,
)
from core.translation import original_text

from ...models import PlanItem
from ..common import archive_field
from .fields import LocalDecimalField, number_field, order_field, reason_field, year_field


class _PlanPartForm(forms.Form):
    """What adding and editing a part of a plan (an item, a metric) share: when editing,
    the archive box, the change reason and the version the form was opened at; an empty
    order is 0; the service gets the cleaned data without the change reason."""

    archived_help = None  # said per part: what archiving it does

    def _add_edit_fields(self, part, initial):
        self.fields["is_archived"] = archive_field(self.archived_help)
        self.fields["change_reason"] = reason_field()
        self.fields["version"] = version_field()
        if not self.is_bound:
            self.initial.update(
                {**initial, "order": part.order, "is_archived": part.is_archived},
                version=part.version,
            )

    def clean(self):
        data = super().clean()
        if data.get("order") is None:
            data["order"] = 0
        return data


class PlanItemForm(_PlanPartForm):
    """A goal, action, investment, resource or result of a plan."""

    archived_help = _("Arkistoitu kohta ei näy suunnitelmassa; sitä ei poisteta.")

    kind = radio_choice(
        _("Laji"),
        PlanItem.Kind.choices,
        missing=_("Valitse kohdan laji."),
        unknown=_("Valitse laji luettelosta."),
    )
    text = long_text(_("Sisältö"), 3000, rows=4, missing=_("Kirjoita kohdan sisältö."))
    original_language = writing_language()
    order = order_field()

    def __init__(self, *args, item=None, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original_language"].initial = ui_language()
        if item is not None:
            # Edited as written (not the UI language's translation of it).
            self._add_edit_fields(
                item,
                {
                    "kind": item.kind,
                    "text": original_text(item, "text"),
                    "original_language": item.original_language,
                },
            )


class MetricForm(_PlanPartForm):
    """A plan's metric for a year: name, unit, target, actual and which way is better."""

    archived_help = _("Arkistoitu mittari ei näy suunnitelmassa; sitä ei poisteta.")

    name = short_text(_("Mittari"), 200, missing=_("Anna mittarin nimi."))
    unit = forms.CharField(
        label=_("Yksikkö"),
        max_length=50,
        required=False,
        help_text=_("Esimerkiksi ”kpl”, ”%” tai ”M€”."),
    )
    year = year_field()
    target = number_field(_("Tavoite"), required=True)
    actual = number_field(
        _("Toteuma"),
        required=False,
        help_text=_("Jätä tyhjäksi, kunnes toteuma on tiedossa. Desimaalierottimena pilkku."),
    )
    higher_is_better = forms.TypedChoiceField(
        label=_("Suunta"),
        choices=[("1", _("suurempi on parempi")), ("0", _("pienempi on parempi"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
        error_messages={
            "required": _("Valitse, kumpi suunta on parempi."),
            "invalid_choice": _("Valitse suunta annetuista vaihtoehdoista."),
        },
    )
    tolerance_percent = LocalDecimalField(
        label=_("Vaara-alue (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        localize=True,
        initial=10,
        help_text=_(
            "Kuinka monta prosenttia tavoitteesta saa jäädä, ennen kuin mittari on jäljessä."
        ),
        error_messages={
            "invalid": _("Anna vaara-alue prosentteina (0–100)."),
            "required": _("Anna vaara-alue prosentteina (0–100)."),
            "min_value": _("Vaara-alue ei voi olla negatiivinen."),
            "max_value": _("Vaara-alue on enintään 100 prosenttia."),
            "max_digits": _("Anna vaara-alue prosentteina (0–100)."),
            "max_decimal_places": _("Vaara-alueessa saa olla enintään kaksi desimaalia."),
            "max_whole_digits": _("Vaara-alue on enintään 100 prosenttia."),
        },
    )
    order = order_field()

    def __init__(self, *args, metric=None, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None and not self.is_bound:
            self.initial.setdefault("year", plan.year)
        if metric is not None:
            self._add_edit_fields(
                metric,
                {
                    "name": metric.name,
                    "unit": metric.unit,
                    "year": metric.year,
                    "target": metric.target,
                    "actual": metric.actual,
                    "higher_is_better": "1" if metric.higher_is_better else "0",
                    "tolerance_percent": metric.tolerance_percent,
                },
            )
