"""Forms of customer responsibility; every message in Finnish.

The acting organisation never comes from a form: it is the user's own (offerings.Person), so
a tampered field cannot make anyone act for another organisation.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    FilterForm,
    any_choice,
    any_of,
    date_field,
    long_text,
    many_of,
    one_of,
    radio_choice,
    short_text,
)
from offerings.models import Organisation, Person
from segments.models import Region, Segment

from .models import Assignment, CustomerNote, ServiceDelivery
from .models.data import DataScope


def _organisations():
    return Organisation.objects.filter(is_active=True).order_by("order", "code")


def _required_text(value, message):
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


def _organisations_field(label, *, required, **options):
    """A choice of one or more organisations as checkboxes (their choices are set by the
    form), `required` saying what to choose."""
    return many_of(
        label,
        Organisation.objects.none(),
        missing=required,
        unknown=_("Valitse organisaatiot luettelosta."),
        **options,
    )


class PortfolioFilterForm(FilterForm):
    """Filters of "my customers"; a bad value is pointed out and not applied."""

    filter_names = {"q": "search"}

    q = forms.CharField(label=_("Nimen alku tai Y-tunnus"), required=False, max_length=300)
    role = any_choice(_("Rooli"), Assignment.Role.choices)
    segment = any_of(
        _("Segmentti"),
        Segment.objects.filter(is_active=True).order_by("number"),
        unknown=_("Tuntematon segmentti: rajausta ei käytetty."),
    )
    region = any_of(
        _("Alue"), Region.objects.all(), unknown=_("Tuntematon alue: rajausta ei käytetty.")
    )
    mine = forms.BooleanField(label=_("Vain omat asiakkaani"), required=False)

    def filters(self, *, user):
        """The valid filters as keyword arguments of selectors.portfolio."""
        filters = super().filters()
        if filters.pop("mine", False):
            filters["person_user"] = user
        return filters


class HandoverRequestForm(forms.Form):
    """The lead organisation asks another to take the customer over (5.4 b)."""

    to_organisation = one_of(
        _("Vastaanottava organisaatio"),
        Organisation.objects.none(),
        missing=_("Valitse organisaatio, jolle vastuu siirretään."),
        unknown=_("Valitse organisaatio luettelosta."),
    )
    to_person = one_of(
        _("Vastaanottava henkilö"),
        Person.objects.none(),
        required=False,
        empty_label=_("Ei nimetty (organisaatio päättää)"),
        help_text=_("Vapaaehtoinen; henkilön on kuuluttava vastaanottavaan organisaatioon."),
        unknown=_("Valitse henkilö luettelosta."),
    )
    reason = long_text(_("Syy"), 2000, rows=3, missing=_("Kerro, miksi vastuu siirretään."))
    notes = long_text(
        _("Luovutusmuistio"),
        10000,
        rows=6,
        required=False,
        help_text=_(
            "Mitä vastaanottajan on hyvä tietää asiakkaasta. Muistio säilyy siirron mukana."
        ),
    )
    open_matters = long_text(_("Avoimet asiat"), 5000, rows=4, required=False)
    delivery = one_of(
        _("Hanke"),
        ServiceDelivery.objects.none(),
        required=False,
        empty_label=_("Ei hanketta"),
        help_text=_("Vaihtuvassa asiakasvastuussa vastuu seuraa aktiivista hanketta."),
        unknown=_("Valitse yrityksen hanke luettelosta."),
    )

    def __init__(self, *args, company, from_organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = _organisations().exclude(pk=from_organisation.pk)
        self.fields["to_person"].queryset = (
            Person.objects.exclude(organisation=from_organisation)
            .select_related("user", "organisation")
            .order_by("organisation__order", "user__last_name", "user__username")
        )
        self.fields["to_person"].label_from_instance = lambda p: f"{p} ({p.organisation})"
        self.fields["delivery"].queryset = ServiceDelivery.objects.filter(company=company).order_by(
            "-started_on", "pk"
        )

    def clean_reason(self):
        return _required_text(self.cleaned_data["reason"], _("Kerro, miksi vastuu siirretään."))

    def clean(self):
        data = super().clean()
        person, organisation = data.get("to_person"), data.get("to_organisation")
        if person and organisation and person.organisation_id != organisation.pk:
            self.add_error(
                "to_person",
                _("Vastaanottavan henkilön on kuuluttava vastaanottavaan organisaatioon."),
            )
        return data


class HandoverAnswerForm(forms.Form):
    """An answer's reason: required when declining, optional when accepting or cancelling."""

    reason = long_text(_("Perustelu"), 2000, rows=3, required=False)

    def __init__(self, *args, reason_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason_required = reason_required
        if reason_required:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = _("Kerro, miksi siirto hylätään.")

    def clean_reason(self):
        reason = (self.cleaned_data["reason"] or "").strip()
        if self.reason_required and not reason:
            raise ValidationError(_("Kerro, miksi siirto hylätään."), code="required")
        return reason


class ConsentForm(forms.Form):
    """A customer's consent that named organisations release one kind of its data to other
    named organisations (5.5)."""

    scope = radio_choice(
        _("Tiedot"),
        DataScope.choices,
        missing=_("Valitse, mitä tietoja suostumus koskee."),
        unknown=_("Valitse tiedot luettelosta."),
    )
    disclosers = _organisations_field(
        _("Organisaatiot, joiden tiedot luovutetaan"),
        required=_("Valitse vähintään yksi organisaatio, jonka tiedot luovutetaan."),
        # A consent opens only the data of the organisations it names here; Finnvera's
        # secrecy opens only on Finnvera's own word (Act 443/1998 § 5): say so.
        help_text=_(
            "Suostumus avaa vain näiden organisaatioiden tiedot. Pankkisalaisuuden alaiset "
            "tiedot (Finnvera) avautuvat vasta, kun organisaation oma henkilöstö on kirjannut "
            "tai vahvistanut suostumuksen."
        ),
    )
    organisations = _organisations_field(
        _("Organisaatiot, jotka saavat nähdä tiedot"),
        required=_("Valitse vähintään yksi organisaatio."),
    )
    given_by = short_text(
        _("Antaja (yrityksen edustaja)"),
        200,
        missing=_("Kirjoita, kuka yrityksestä antoi suostumuksen."),
    )
    given_on = date_field(_("Annettu"), missing=_("Anna päivä, jona suostumus annettiin."))
    expires_on = date_field(
        _("Voimassa asti"), required=False, help_text=_("Tyhjä: toistaiseksi. Muodossa pp.kk.vvvv.")
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = _organisations()
        self.fields["disclosers"].queryset = _organisations()
        if not self.is_bound:
            self.fields["given_on"].initial = timezone.localdate()
            if organisation is not None:
                # Most often the customer lets the recorder's own organisation share.
                self.fields["disclosers"].initial = [organisation.pk]

    def clean_given_by(self):
        return _required_text(
            self.cleaned_data["given_by"], _("Kirjoita, kuka yrityksestä antoi suostumuksen.")
        )

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise ValidationError(_("Suostumusta ei voi kirjata annetuksi tulevaisuudessa."))
        return given_on


class NoteForm(forms.Form):
    """A note the user's organisation holds about the customer."""

    kind = radio_choice(
        _("Laji"),
        DataScope.choices,
        missing=_("Valitse tiedon laji."),
        unknown=_("Valitse laji luettelosta."),
    )
    text = long_text(
        _("Teksti"),
        CustomerNote._meta.get_field("text").max_length,
        rows=5,
        missing=_("Kirjoita tieto: tyhjää ei tallenneta."),
    )

    def clean_text(self):
        return _required_text(self.cleaned_data["text"], _("Kirjoita tieto: tyhjää ei tallenneta."))


class AccessLogFilterForm(forms.Form):
    """Search of the access log; a bad value is pointed out and nothing is listed."""

    company = forms.CharField(
        label=_("Yritys: nimen alku tai Y-tunnus"), required=False, max_length=300
    )
    viewer_organisation = any_of(
        _("Katsojan organisaatio"),
        Organisation.objects.none(),
        unknown=_("Tuntematon organisaatio."),
    )
    owner_organisation = any_of(
        _("Tietojen omistaja"), Organisation.objects.none(), unknown=_("Tuntematon organisaatio.")
    )
    viewer = forms.CharField(label=_("Katsoja (käyttäjätunnus)"), required=False, max_length=150)
    date_from = date_field(_("Alkaen"), required=False)
    date_to = date_field(_("Päättyen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("viewer_organisation", "owner_organisation"):
            self.fields[name].queryset = _organisations()

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("Loppupäivä ei voi olla ennen alkupäivää."))
        return data

    def filters(self):
        """The filters as keyword arguments of selectors.access_log_rows, or None when a
        value is not valid (nothing is listed then: a log search must not quietly widen)."""
        if not self.is_bound:
            return {}
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return {
            "company": data["company"],
            "viewer_organisation": data["viewer_organisation"],
            "owner_organisation": data["owner_organisation"],
            "viewer": data["viewer"].strip(),
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
