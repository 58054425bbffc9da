"""Forms of the overlap and gap matrix, findings and service models; every message in Finnish."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from core.admin import ChangeReasonForm
from core.forms import (
    any_choice,
    any_of,
    long_text,
    many_of,
    radio_choice,
    ui_language,
    version_field,
    writing_language,
)

from . import analysis
from .models import CustomerNeed, Finding, Organisation, Service, ServiceChannel, ServiceModel
from .services import SERVICE_MODEL_TEXT_FIELDS, service_model_text_fields

# A tag or a comment: these texts are plain text, shown escaped; markup in them is a paste
# from elsewhere or an attempt at injection, and is refused rather than stored.
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")


def validate_plain_text(value):
    """Plain text without HTML markup."""
    if value and MARKUP.search(value):
        raise ValidationError(
            _(
                "Kirjoita pelkkää tekstiä: HTML-merkinnät (kuten <script> tai <b>) eivät ole "
                "sallittuja."
            ),
            code="markup",
        )


def _max_length_message(label):
    return format_lazy(
        _("{label} on liian pitkä: enintään %(limit_value)d merkkiä (nyt %(show_value)d)."),
        label=label,
    )


class OfferingMatrixFilterForm(forms.Form):
    """Filters of the matrix; a value that is not valid is not applied (and is pointed out)."""

    organisation = any_of(
        _("Tuottaja"),
        Organisation.objects.filter(is_active=True),
        unknown=_("Tuntematon organisaatio: rajausta ei käytetty."),
    )
    status = forms.MultipleChoiceField(
        label=_("Palvelun tila"),
        choices=Service.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Oletuksena käytössä olevat ja yhtenäistettävänä olevat palvelut."),
        error_messages={"invalid_choice": _("Tuntematon palvelun tila: rajausta ei käytetty.")},
    )
    segment = many_of(
        _("Segmentit"),
        analysis.segment_choices(),
        required=False,
        help_text=_("Oletuksena kaikki segmentit."),
        unknown=_("Tuntematon segmentti: rajausta ei käytetty."),
    )

    def __init__(self, data=None, *args, **kwargs):
        # No status asked for means the default statuses: shown checked, so the form says
        # what the matrix counts.
        if data is not None and not data.getlist("status"):
            data = data.copy()
            data.setlist("status", list(analysis.DEFAULT_STATUSES))
        super().__init__(data, *args, **kwargs)
        self.fields["status"].initial = list(analysis.DEFAULT_STATUSES)

    def filters(self):
        """Keyword arguments of analysis.offering_matrix from the valid fields."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "organisation": data.get("organisation"),
            "status": data.get("status") or None,
            "segments": list(data["segment"]) if data.get("segment") else None,
        }


def _owner_choices():
    return (
        get_user_model()
        .objects.filter(is_active=True, person__isnull=False)
        .select_related("person__organisation")
        .order_by("last_name", "first_name", "username")
    )


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.get_username()
        return f"{name} ({user.person.organisation.name})"


CELL_ERRORS = {
    "segment": _("Tuntematon segmentti. Avaa havainto uudelleen matriisista."),
    "need": _("Tuntematon tarve. Avaa havainto uudelleen matriisista."),
    "kind": _("Havainnon laji on puute tai päällekkäisyys. Avaa havainto uudelleen matriisista."),
}


class FindingCellForm(forms.Form):
    """The cell of the matrix a finding is about: segment, need and kind (hidden fields)."""

    segment = forms.ModelChoiceField(
        queryset=analysis.segment_choices(),
        widget=forms.HiddenInput,
        error_messages={
            "required": CELL_ERRORS["segment"],
            "invalid_choice": CELL_ERRORS["segment"],
        },
    )
    need = forms.ModelChoiceField(
        queryset=CustomerNeed.objects.filter(is_active=True),
        widget=forms.HiddenInput,
        error_messages={"required": CELL_ERRORS["need"], "invalid_choice": CELL_ERRORS["need"]},
    )
    kind = forms.ChoiceField(
        choices=Finding.Kind.choices,
        widget=forms.HiddenInput,
        error_messages={"required": CELL_ERRORS["kind"], "invalid_choice": CELL_ERRORS["kind"]},
    )

    def cell_errors(self):
        """The errors of the hidden fields, to show in words beside the cell."""
        return [
            error for name in ("segment", "need", "kind") for error in self.errors.get(name, [])
        ]


class FindingForm(FindingCellForm):
    """A finding opened from a gap or an overlap of the matrix."""

    note = long_text(
        _("Huomio"),
        5000,
        rows=6,
        help_text=_("Mitä havaittiin ja mitä pitäisi selvittää. Enintään 5 000 merkkiä."),
        validators=[validate_plain_text],
        missing=_("Kirjoita huomio."),
        too_long=_max_length_message(_("Huomio")),
    )
    original_language = writing_language()
    owner = OwnerChoiceField(
        label=_("Vastuuhenkilö"),
        empty_label=_("Valitse"),
        queryset=_owner_choices(),
        help_text=_("Kuka selvittää havainnon."),
        error_messages={
            "required": _("Valitse vastuuhenkilö."),
            "invalid_choice": _("Valitse vastuuhenkilö luettelosta."),
        },
    )

    @classmethod
    def opened_by(cls, user, cell):
        """The form for the cell (a valid FindingCellForm), owned by its opener when the
        opener can own a finding (works for an organisation)."""
        owner = user if hasattr(user, "person") else None
        return cls(
            initial={**cell.cleaned_data, "owner": owner, "original_language": ui_language()}
        )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise ValidationError(_("Kirjoita huomio."), code="required")
        return note


class FindingStatusFilterForm(forms.Form):
    """The status filter of the findings list; a bad value is not applied."""

    status = any_choice(_("Tila"), Finding.Status.choices)

    def chosen_status(self):
        """The status asked for, or "" for all (also when the value is not valid)."""
        return self.cleaned_data["status"] if self.is_valid() else ""


def _label(name):
    return capfirst(ServiceModel._meta.get_field(name.rsplit("_", 1)[0]).verbose_name)


class ServiceModelForm(ChangeReasonForm):
    """The Finnish texts, the initiative, channels and life-cycle stages of a service model,
    with the version the editor started from (optimistic locking) and the change reason."""

    initiative = radio_choice(
        _("Kenen aloitteesta"),
        [("", _("ei vielä määritelty")), *ServiceModel.Initiative.choices],
        required=False,
        unknown=_("Valitse aloitteentekijä annetuista vaihtoehdoista."),
    )
    service_channels = many_of(
        _("Palvelukanavat"),
        ServiceChannel.objects.all(),
        required=False,
        unknown=_("Tuntematon palvelukanava (%(value)s). Valitse luettelosta."),
        unknown_pk=_("Tuntematon palvelukanava (%(pk)s). Valitse luettelosta."),
    )
    lifecycle_stages = forms.MultipleChoiceField(
        label=_("Elinkaaren vaiheet"),
        choices=ServiceModel.LifecycleStage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Asiakkaan ja asiakkuuden elinkaaren vaiheet, jotka palvelumalli kattaa."),
        error_messages={
            "invalid_choice": _("Tuntematon elinkaaren vaihe (%(value)s). Valitse luettelosta.")
        },
    )
    version = version_field()

    class Meta:
        model = ServiceModel
        fields = [
            "who_does_what_fi",
            "how_fi",
            "with_whom_fi",
            "initiative",
            "service_channels",
            "distribution_channels_fi",
            "in_house_fi",
            "partners_fi",
            "marketing_principles_fi",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in SERVICE_MODEL_TEXT_FIELDS}

    field_order = [*Meta.fields, "lifecycle_stages", "change_reason", "version"]

    def __init__(self, *args, language="fi", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        if language != "fi":
            self._write_in(language)
        if not self.is_bound:
            self.initial["lifecycle_stages"] = list(self.instance.lifecycle_stages or [])
            self.initial["version"] = self.instance.version
        for name in self.text_fields:
            field = self.fields[name]
            field.label = _label(name)
            field.required = False
            field.validators.append(validate_plain_text)
            field.error_messages["max_length"] = _max_length_message(field.label)
        self.fields["change_reason"].error_messages["required"] = _(
            "Kirjoita muutoksen syy: se tallentuu muutoshistoriaan."
        )
        self.fields["change_reason"].validators.append(validate_plain_text)

    def clean(self):
        cleaned = super().clean()
        # The version is a hidden field: its error (a missing or tampered value) is shown
        # above the form, where the editor sees it.
        stale = self.errors.pop("version", None)
        if stale:
            raise ValidationError(list(stale))
        return cleaned

    def _post_clean(self):
        # The form edits nothing itself: services.service_model_update validates and saves,
        # after checking the version under a lock. The instance stays as it was loaded.
        pass

    @property
    def text_fields(self):
        return service_model_text_fields(self.language)

    def _write_in(self, language):
        """The texts of `language` in place of the Finnish ones, in the same places."""
        fields = {}
        for name, field in self.fields.items():
            if name not in SERVICE_MODEL_TEXT_FIELDS:
                fields[name] = field
                continue
            other = name.removesuffix("_fi") + f"_{language}"
            fields[other] = ServiceModel._meta.get_field(other).formfield(
                widget=forms.Textarea(attrs={"rows": 4, "lang": language})
            )
            if not self.is_bound:
                self.initial[other] = getattr(self.instance, other) or ""
        self.fields = fields

    def service_arguments(self, data):
        """The keyword arguments of services.service_model_update from the cleaned data."""
        return {
            **{name: data[name] or "" for name in self.text_fields},
            "initiative": data["initiative"],
            "service_channels": list(data["service_channels"]),
            "lifecycle_stages": list(data["lifecycle_stages"]),
            "version": data["version"],
            "reason": data["change_reason"].strip(),
        }
