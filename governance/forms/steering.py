"""Forms of operational steering (5.6): the clock's filters and events, plans, their items
and metrics; every message in Finnish.

The organisation an agency user plans for never comes from the form alone: the choices are
only their own organisation, and the view checks the result again (governance.permissions).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from core.admin import CHANGE_REASON_MAX_LENGTH
from core.refusals import STALE_EDIT_MESSAGE
from offerings.models import Organisation, Person
from responsibility.models import CustomerTeam
from segments.models import Company, Segment

from ..models import Body, ClockEvent, PlanItem, PlanningLevel
from ..permissions import own_organisation_id, steers_every_plan

ALL = _("Kaikki")
GENERAL_LEVEL = "general"  # the clock filter's value for events of no planning level
MIN_YEAR, MAX_YEAR = 2008, 2100
YEAR_ERRORS = {
    "invalid": _("Anna vuosi numeroina, esimerkiksi 2026."),
    "min_value": _("Vuosi on aikaisintaan 2008."),
    "max_value": _("Vuosi on viimeistään 2100."),
    "required": _("Anna vuosi."),
}
NUMBER_HELP = _("Luku; desimaalierottimena pilkku, esimerkiksi 1 234,5.")
NUMBER_INVALID = _("Anna luku, esimerkiksi 1 234,5.")
ORDER_ERRORS = {
    "invalid": _("Anna järjestys kokonaislukuna (0 tai suurempi)."),
    "min_value": _("Järjestys ei voi olla negatiivinen."),
    "max_value": _("Järjestys on enintään 32767."),
}


YEAR_LABEL = _("Vuosi")


def _year_field(label=YEAR_LABEL, required=True):
    return forms.IntegerField(
        label=label,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=required,
        error_messages=YEAR_ERRORS,
    )


def _order_field():
    return forms.IntegerField(
        label=_("Järjestys"),
        min_value=0,
        max_value=32767,
        initial=0,
        required=False,
        error_messages=ORDER_ERRORS,
    )


def _reason_field():
    return forms.CharField(
        label=_("Muutoksen syy"),
        max_length=CHANGE_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kirjataan muutoshistoriaan: miksi muutos tehdään."),
        error_messages={"required": _("Kerro, miksi muutos tehdään.")},
    )


def _required_text(value, message):
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


def _organisations():
    return Organisation.objects.filter(is_active=True).order_by("order", "code")


def _month_choices():
    return [(number, name) for number, name in MONTHS.items()]


def add_errors(form, error):
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = name if name in form.fields else None
        # Translated fields are validated as `<name>_fi`; the form field has the plain name.
        if target is None and name.endswith("_fi") and name[:-3] in form.fields:
            target = name[:-3]
        form.add_error(target, errors)


# --- The clock ------------------------------------------------------------------------------


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

    year = _year_field(required=False)
    level = forms.ChoiceField(
        label=_("Suunnittelutaso"),
        choices=[("", ALL), *PlanningLevel.choices, (GENERAL_LEVEL, _("ei tasoa (yleinen)"))],
        required=False,
        error_messages={"invalid_choice": _("Tuntematon suunnittelutaso: rajausta ei käytetty.")},
    )
    body = forms.ModelChoiceField(
        label=_("Toimielin"),
        queryset=Body.objects.filter(is_archived=False),
        required=False,
        empty_label=ALL,
        error_messages={"invalid_choice": _("Tuntematon toimielin: rajausta ei käytetty.")},
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

    year = _year_field(required=False)

    def chosen_year(self, *, default):
        if not self.is_bound or not self.is_valid():
            return default
        return self.cleaned_data.get("year") or default


class ClockEventForm(forms.Form):
    """An event of the annual clock, in Finnish (other languages are added in the admin)."""

    title_fi = forms.CharField(
        label=_("Otsikko"),
        max_length=200,
        error_messages={"required": _("Anna tapahtumalle otsikko.")},
    )
    month = forms.TypedChoiceField(
        label=_("Kuukausi"),
        choices=_month_choices,
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
    body = forms.ModelChoiceField(
        label=_("Toimielin"),
        queryset=Body.objects.filter(is_archived=False),
        required=False,
        empty_label=_("ei toimielintä"),
        error_messages={"invalid_choice": _("Tuntematon toimielin. Valitse luettelosta.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisaatio"),
        queryset=_organisations(),
        required=False,
        empty_label=_("ei organisaatiota"),
        error_messages={"invalid_choice": _("Tuntematon organisaatio. Valitse luettelosta.")},
    )
    is_recurring = forms.BooleanField(
        label=_("Toistuu vuosittain"),
        required=False,
        initial=True,
        help_text=_("Kertaluonteiselle tapahtumalle annetaan vuosi."),
    )
    year = _year_field(_("Vuosi (vain kertaluonteiselle)"), required=False)
    description_fi = forms.CharField(
        label=_("Kuvaus"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    order = _order_field()

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing
        if editing:
            self.fields["is_archived"] = forms.BooleanField(
                label=_("Arkistoitu"),
                required=False,
                help_text=_("Arkistoitu tapahtuma ei näy vuosikellossa; sitä ei poisteta."),
            )
            self.fields["change_reason"] = _reason_field()

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
            "order": event.order,
            "is_archived": event.is_archived,
        }

    def clean_title_fi(self):
        return _required_text(self.cleaned_data["title_fi"], _("Anna tapahtumalle otsikko."))

    def clean(self):
        data = super().clean()
        if data.get("order") is None:
            data["order"] = 0
        if data.get("is_recurring"):
            if data.get("year"):
                self.add_error("year", _("Vuosittain toistuvalle tapahtumalle ei anneta vuotta."))
        elif "year" in data and not data.get("year"):
            self.add_error("year", _("Kertaluonteiselle tapahtumalle annetaan vuosi."))
        return data

    def service_arguments(self):
        data = dict(self.cleaned_data)
        data.pop("change_reason", None)
        return data


# --- Plans ----------------------------------------------------------------------------------


class PlanFilterForm(forms.Form):
    """Filters of the plan list; a bad value is pointed out and not applied."""

    level = forms.ChoiceField(
        label=_("Suunnittelutaso"),
        choices=[("", ALL), *PlanningLevel.choices],
        required=False,
        error_messages={"invalid_choice": _("Tuntematon suunnittelutaso: rajausta ei käytetty.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisaatio"),
        queryset=_organisations(),
        required=False,
        empty_label=ALL,
        error_messages={"invalid_choice": _("Tuntematon organisaatio: rajausta ei käytetty.")},
    )
    year = _year_field(required=False)

    def filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {
            "level": data.get("level", ""),
            "organisation": data.get("organisation"),
            "year": data.get("year"),
        }


class PlanForm(forms.Form):
    """A plan of one planning level for one year; what it is for depends on its level."""

    level = forms.ChoiceField(
        label=_("Suunnittelutaso"),
        choices=PlanningLevel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Valitse suunnittelutaso."),
            "invalid_choice": _("Valitse suunnittelutaso luettelosta."),
        },
    )
    year = _year_field()
    title = forms.CharField(
        label=_("Otsikko"), max_length=200, error_messages={"required": _("Anna otsikko.")}
    )
    description = forms.CharField(
        label=_("Kuvaus"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisaatio"),
        queryset=_organisations(),
        required=False,
        empty_label=_("ei organisaatiota"),
        help_text=_(
            "Toimijan asiakaskannan, asiakassalkun ja asiakkuussuunnitelman omistaja. "
            "Koko asiakaskannan suunnitelmalla ei ole organisaatiota."
        ),
        error_messages={"invalid_choice": _("Tuntematon organisaatio. Valitse luettelosta.")},
    )
    segment = forms.ModelChoiceField(
        label=_("Segmentti"),
        queryset=Segment.objects.filter(is_active=True).order_by("number"),
        required=False,
        empty_label=_("ei segmenttiä"),
        help_text=_("Segmenttikohtainen tarkastelu; näkyy ohjausnäkymässä segmentin kohdalla."),
        error_messages={"invalid_choice": _("Tuntematon segmentti. Valitse luettelosta.")},
    )
    team = forms.ModelChoiceField(
        label=_("Asiakkuustiimi"),
        queryset=CustomerTeam.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("ei tiimiä"),
        help_text=_("Asiakassalkun suunnitelmalle joko tiimi tai vastuuhenkilö."),
        error_messages={"invalid_choice": _("Tuntematon asiakkuustiimi. Valitse luettelosta.")},
    )
    person = forms.ModelChoiceField(
        label=_("Vastuuhenkilö"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("ei henkilöä"),
        error_messages={"invalid_choice": _("Tuntematon henkilö. Valitse luettelosta.")},
    )
    company = forms.CharField(
        label=_("Asiakasyrityksen Y-tunnus"),
        max_length=20,
        required=False,
        help_text=_("Vain asiakkuussuunnitelmalle, esimerkiksi 1234567-1."),
    )

    def __init__(self, *args, user, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.plan = plan
        persons = Person.objects.select_related("user", "organisation")
        if not steers_every_plan(user):
            # Agency staff plan for their own organisation only, never for the whole base.
            own = own_organisation_id(user)
            self.fields["organisation"].queryset = _organisations().filter(pk=own)
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None
            self.fields["level"].choices = [
                c for c in PlanningLevel.choices if c[0] != PlanningLevel.WHOLE_BASE
            ]
            persons = persons.filter(organisation_id=own)
        self.fields["person"].queryset = persons.order_by(
            "organisation__order", "user__last_name", "user__username"
        )
        if plan is not None:
            self.fields["is_archived"] = forms.BooleanField(
                label=_("Arkistoitu"),
                required=False,
                help_text=_("Arkistoitu suunnitelma ei näy luettelossa; sitä ei poisteta."),
            )
            self.fields["change_reason"] = _reason_field()
            self.fields["version"] = _version_field()
            if not self.is_bound:
                self.initial.update(
                    {
                        "level": plan.level,
                        "year": plan.year,
                        "title": plan.title,
                        "description": plan.description,
                        "organisation": plan.organisation_id,
                        "segment": plan.segment_id,
                        "team": plan.team_id,
                        "person": plan.person_id,
                        "company": plan.company.business_id if plan.company_id else "",
                        "is_archived": plan.is_archived,
                        "version": plan.version,
                    }
                )

    def clean_title(self):
        return _required_text(self.cleaned_data["title"], _("Anna otsikko."))

    def clean_company(self):
        value = (self.cleaned_data["company"] or "").strip()
        if not value:
            return None
        company = Company.objects.filter(business_id=value).first()
        if company is None:
            raise ValidationError(
                _("Y-tunnuksella %(value)s ei löydy yritystä."), params={"value": value}
            )
        return company

    def clean(self):
        data = super().clean()
        level = data.get("level")
        if level == PlanningLevel.WHOLE_BASE and data.get("organisation"):
            self.add_error(
                "organisation", _("Koko asiakaskannan suunnitelmalle ei valita organisaatiota.")
            )
        if level in (PlanningLevel.PORTFOLIO, PlanningLevel.CUSTOMER) and not data.get(
            "organisation"
        ):
            # The owning organisation decides who may read a portfolio or customer plan.
            self.add_error(
                "organisation",
                _("Asiakassalkun ja asiakkuussuunnitelman omistaa organisaatio: valitse se."),
            )
        person = data.get("person")
        organisation = data.get("organisation")
        if person and organisation and person.organisation_id != organisation.pk:
            self.add_error("person", _("Vastuuhenkilön on kuuluttava valittuun organisaatioon."))
        return data

    def service_arguments(self):
        data = dict(self.cleaned_data)
        data.pop("change_reason", None)
        data.pop("version", None)
        return data


def _version_field():
    """The version the form was opened at; a tampered or missing one reads as stale."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"invalid": STALE_EDIT_MESSAGE, "required": STALE_EDIT_MESSAGE},
    )


class _PlanPartForm(forms.Form):
    """What adding and editing a part of a plan (an item, a metric) share: when editing,
    the archive box, the change reason and the version the form was opened at; an empty
    order is 0; the service gets the cleaned data without the change reason."""

    archived_help = None  # said per part: what archiving it does

    def _add_edit_fields(self, part, initial):
        self.fields["is_archived"] = forms.BooleanField(
            label=_("Arkistoitu"), required=False, help_text=self.archived_help
        )
        self.fields["change_reason"] = _reason_field()
        self.fields["version"] = _version_field()
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

    def service_arguments(self):
        data = dict(self.cleaned_data)
        data.pop("change_reason", None)
        return data


class PlanItemForm(_PlanPartForm):
    """A goal, action, investment, resource or result of a plan."""

    archived_help = _("Arkistoitu kohta ei näy suunnitelmassa; sitä ei poisteta.")

    kind = forms.ChoiceField(
        label=_("Laji"),
        choices=PlanItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Valitse kohdan laji."),
            "invalid_choice": _("Valitse laji luettelosta."),
        },
    )
    text = forms.CharField(
        label=_("Sisältö"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Kirjoita kohdan sisältö.")},
    )
    order = _order_field()

    def __init__(self, *args, item=None, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if item is not None:
            self._add_edit_fields(item, {"kind": item.kind, "text": item.text})

    def clean_text(self):
        return _required_text(self.cleaned_data["text"], _("Kirjoita kohdan sisältö."))


class LocalDecimalField(forms.DecimalField):
    """A decimal in Finnish writing: a comma for the decimals, spaces between thousands
    (Django drops thousands separators only when it also prints them)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())  # also no-break spaces
        return super().to_python(value)


def _number_field(label, *, required, help_text=NUMBER_HELP):
    # localize: the decimal separator of the user's language (a comma in Finnish).
    return LocalDecimalField(
        label=label,
        max_digits=16,
        decimal_places=2,
        required=required,
        localize=True,
        help_text=help_text,
        error_messages={
            "invalid": NUMBER_INVALID,
            "required": _("Anna tavoite lukuna."),
            "max_digits": _("Luvussa saa olla enintään 16 numeroa."),
            "max_decimal_places": _("Luvussa saa olla enintään kaksi desimaalia."),
            "max_whole_digits": _("Luvussa saa olla enintään 14 numeroa ennen pilkkua."),
        },
    )


class MetricForm(_PlanPartForm):
    """A plan's metric for a year: name, unit, target, actual and which way is better."""

    archived_help = _("Arkistoitu mittari ei näy suunnitelmassa; sitä ei poisteta.")

    name = forms.CharField(
        label=_("Mittari"), max_length=200, error_messages={"required": _("Anna mittarin nimi.")}
    )
    unit = forms.CharField(
        label=_("Yksikkö"),
        max_length=50,
        required=False,
        help_text=_("Esimerkiksi ”kpl”, ”%” tai ”M€”."),
    )
    year = _year_field()
    target = _number_field(_("Tavoite"), required=True)
    actual = _number_field(
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
    order = _order_field()

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

    def clean_name(self):
        return _required_text(self.cleaned_data["name"], _("Anna mittarin nimi."))
