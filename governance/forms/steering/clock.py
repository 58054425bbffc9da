"""Forms of the annual planning clock (5.6): its filters, the dashboard's year, and an
event of the clock."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import any_choice, any_of, long_text, one_of, short_text

from ...models import Body, ClockEvent, PlanningLevel
from ..common import archive_field
from .fields import (
    GENERAL_LEVEL,
    month_choices,
    order_field,
    organisations,
    reason_field,
    year_field,
)


def show_year(form, year):
    """Put the year the page shows in the form's empty year field, so the filter never
    looks blank while a year is shown; a mistyped year stays, with its error."""
    if not form.is_bound:
        form.initial["year"] = year
    elif not form.data.get("year"):
        form.data = form.data.copy()
        form.data["year"] = str(year)


class ClockFilterForm(forms.Form):
    """The clock's year, planning level and body; a bad value is pointed out and not applied."""

    year = year_field(required=False)
    level = any_choice(
        _("Suunnittelutaso"),
        [*PlanningLevel.choices, (GENERAL_LEVEL, _("ei tasoa (yleinen)"))],
        unknown=_("Tuntematon suunnittelutaso: rajausta ei käytetty."),
    )
    body = any_of(
        _("Toimielin"),
        Body.objects.filter(is_archived=False),
        unknown=_("Tuntematon toimielin: rajausta ei käytetty."),
    )

    def filters(self, *, default_year):
        """(year, level or None, body or None); invalid values fall back to no filter."""
        if not self.is_bound:
            return default_year, None, None
        self.is_valid()
        data = self.cleaned_data
        level = data.get("level") or None
        if level == GENERAL_LEVEL:
            level = ""
        return data.get("year") or default_year, level, data.get("body")


class YearFilterForm(forms.Form):
    """The year of the steering dashboard; a bad value is pointed out and not applied."""

    year = year_field(required=False)

    def chosen_year(self, *, default):
        if not self.is_bound or not self.is_valid():
            return default
        return self.cleaned_data.get("year") or default


class ClockEventForm(forms.Form):
    """An event of the annual clock: its Finnish text, and the Swedish and English ones
    when the writer has them (else the translation queue shows them missing)."""

    title_fi = short_text(_("Otsikko"), 200, missing=_("Anna tapahtumalle otsikko."))
    title_sv = short_text(
        _("Otsikko ruotsiksi"), 200, required=False, widget=forms.TextInput(attrs={"lang": "sv"})
    )
    title_en = short_text(
        _("Otsikko englanniksi"), 200, required=False, widget=forms.TextInput(attrs={"lang": "en"})
    )
    month = forms.TypedChoiceField(
        label=_("Kuukausi"),
        choices=month_choices,
        coerce=int,
        error_messages={
            "required": _("Valitse kuukausi."),
            "invalid_choice": _("Valitse kuukausi luettelosta (1–12)."),
        },
    )
    timing = forms.CharField(
        label=_("Ajankohta tarkemmin"),
        max_length=100,
        required=False,
        help_text=_("Esimerkiksi ”viikko 5” tai ”15.3.”."),
    )
    kind = forms.ChoiceField(
        label=_("Laji"),
        choices=ClockEvent.Kind.choices,
        error_messages={
            "required": _("Valitse tapahtuman laji."),
            "invalid_choice": _("Valitse laji luettelosta."),
        },
    )
    level = forms.ChoiceField(
        label=_("Suunnittelutaso"),
        choices=[("", _("ei tasoa (yleinen)")), *PlanningLevel.choices],
        required=False,
        error_messages={"invalid_choice": _("Valitse suunnittelutaso luettelosta.")},
    )
    body = one_of(
        _("Toimielin"),
        Body.objects.filter(is_archived=False),
        required=False,
        empty_label=_("ei toimielintä"),
        unknown=_("Tuntematon toimielin. Valitse luettelosta."),
    )
    organisation = one_of(
        _("Organisaatio"),
        organisations(),
        required=False,
        empty_label=_("ei organisaatiota"),
        unknown=_("Tuntematon organisaatio. Valitse luettelosta."),
    )
    is_recurring = forms.BooleanField(
        label=_("Toistuu vuosittain"),
        required=False,
        initial=True,
        help_text=_("Kertaluonteiselle tapahtumalle annetaan vuosi."),
    )
    year = year_field(_("Vuosi (vain kertaluonteiselle)"), required=False)
    description_fi = long_text(_("Kuvaus"), 3000, rows=4, required=False)
    description_sv = long_text(_("Kuvaus ruotsiksi"), 3000, rows=4, required=False)
    description_en = long_text(_("Kuvaus englanniksi"), 3000, rows=4, required=False)
    order = order_field()

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        for language in ("sv", "en"):
            self.fields[f"description_{language}"].widget.attrs["lang"] = language
        self.editing = editing
        if editing:
            self.fields["is_archived"] = archive_field(
                _("Arkistoitu tapahtuma ei näy vuosikellossa; sitä ei poisteta.")
            )
            self.fields["change_reason"] = reason_field()

    @classmethod
    def initial_from(cls, event):
        return {
            "title_fi": event.title_fi,
            "month": event.month,
            "timing": event.timing,
            "kind": event.kind,
            "level": event.level,
            "body": event.body_id,
            "organisation": event.organisation_id,
            "is_recurring": event.is_recurring,
            "year": event.year,
            "description_fi": event.description_fi,
            "description_sv": event.description_sv or "",
            "description_en": event.description_en or "",
            "title_sv": event.title_sv or "",
            "title_en": event.title_en or "",
            "order": event.order,
            "is_archived": event.is_archived,
        }

    def clean(self):
        data = super().clean()
        if data.get("order") is None:
            data["order"] = 0
        return data
