"""Forms of the segments app; every message in Finnish."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LanguageMarkedSelect, any_of, long_text, radio_choice

from .models import Company, ManualPlacement, Region, Segment
from .validators import normalize_business_id, validate_business_id

# The years a run or a placement may name, and what is said of one outside them.
MIN_YEAR, MAX_YEAR = 1900, 2100
YEAR_LIMIT_ERRORS = {
    "min_value": _("Vuoden on oltava vähintään 1900."),
    "max_value": _("Vuoden on oltava enintään 2100."),
}


class CompanyFilterForm(forms.Form):
    """Filters of the company list; every field optional, bad values simply not applied."""

    q = forms.CharField(label=_("Nimen alku tai Y-tunnus"), required=False, max_length=300)
    segment = any_of(_("Segmentti"), Segment.objects.filter(is_active=True))
    region = any_of(_("Alue"), Region.objects.all())
    industry = forms.RegexField(
        label=_("Toimiala (TOL 2008, alku)"),
        regex=r"^([A-U]|[0-9]{1,5})?$",
        required=False,
        max_length=5,
        error_messages={"invalid": _("Toimialakoodi on kirjain A–U tai 1–5 numeroa.")},
    )
    ready = forms.BooleanField(label=_("Vain siirtymään valmiit"), required=False)

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "segment": data["segment"],
            "region": data["region"],
            "industry": data["industry"],
            "ready": data["ready"],
        }


class RunStartForm(forms.Form):
    year = forms.IntegerField(
        label=_("Vuosi"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("Yritykset arvioidaan valitun vuoden ominaisuusarvoilla."),
        error_messages={
            "required": _("Anna vuosi."),
            "invalid": _("Vuosi on neljä numeroa, esimerkiksi 2026."),
            **YEAR_LIMIT_ERRORS,
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class ReasonForm(forms.Form):
    """A reason, asked before a step that others must be able to understand later."""

    reason = long_text(
        _("Perustelu"),
        2000,
        rows=2,
        missing=_("Kirjoita perustelu."),
        too_long=_("Perustelu on liian pitkä (enintään %(limit_value)d merkkiä)."),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Kirjoita perustelu."))
        return reason


class PlacementForm(forms.Form):
    """A manual placement of one company, from the run's year on, with its reason."""

    business_id = forms.CharField(label=_("Yrityksen Y-tunnus"), max_length=20)
    action = radio_choice(_("Toimenpide"), ManualPlacement.Action.choices)
    segment = forms.ModelChoiceField(
        label=_("Segmentti (kun yritys pidetään segmentissä tai siirretään)"),
        queryset=Segment.objects.filter(is_active=True),
        required=False,
        widget=LanguageMarkedSelect,
        help_text=_("Kun yritys pidetään segmentissä, tyhjä tarkoittaa sen nykyistä segmenttiä."),
    )
    reason = long_text(
        _("Perustelu"),
        2000,
        rows=3,
        missing=_("Kirjoita perustelu: käsin sijoitus ilman perustelua ei ole sallittu."),
    )
    last_year = forms.IntegerField(
        label=_("Viimeinen vuosi (valinnainen)"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text=_("Tyhjä: sijoitus koskee kaikkia myöhempiä ajoja, kunnes se poistetaan."),
        error_messages={
            "invalid": _("Vuosi on neljä numeroa, esimerkiksi 2027."),
            **YEAR_LIMIT_ERRORS,
        },
    )

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        self.run = run

    def clean_business_id(self):
        value = normalize_business_id(self.cleaned_data["business_id"])
        validate_business_id(value)
        company = Company.objects.filter(business_id=value).first()
        if company is None or not self.run.entries.filter(company=company).exists():
            raise ValidationError(
                _("Yritystä %(value)s ei ole tämän ajon yrityksissä."), params={"value": value}
            )
        self.company = company
        return value

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(
                _("Kirjoita perustelu: käsin sijoitus ilman perustelua ei ole sallittu.")
            )
        return reason

    def clean_last_year(self):
        last_year = self.cleaned_data["last_year"]
        if last_year is not None and last_year < self.run.year:
            raise ValidationError(
                _("Viimeinen vuosi ei voi olla ennen ajon vuotta %(year)s."),
                params={"year": self.run.year},
            )
        return last_year

    def clean(self):
        data = super().clean()
        if getattr(self, "company", None) is not None:
            data["company"] = self.company
        if data.get("action") == ManualPlacement.Action.MOVE and not data.get("segment"):
            self.add_error("segment", _("Valitse segmentti, johon yritys siirretään."))
        if (
            data.get("action") == ManualPlacement.Action.KEEP
            and not data.get("segment")
            and getattr(self, "company", None) is not None
            and self.company.segment_id is None
        ):
            self.add_error(
                "segment", _("Yrityksellä ei ole segmenttiä: valitse segmentti, jossa se pidetään.")
            )
        return data


class RevertForm(forms.Form):
    """Why a change is reverted, and the item's newest history row the user saw (a change
    made after it refuses the revert instead of being overwritten)."""

    reason = long_text(
        _("Perustelu"),
        # The history's reason column holds 100 characters, the date of the change included.
        60,
        rows=2,
        missing=_("Kirjoita perustelu."),
        too_long=_("Perustelu on liian pitkä (enintään %(limit_value)d merkkiä)."),
    )
    seen = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Kirjoita perustelu."))
        return reason
