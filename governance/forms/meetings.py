"""Forms of meetings (6, 6.1): arranging one, its agenda, attendance, minutes, the decision
on each agenda item and closing it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import (
    LanguageMarkedSelect,
    long_text,
    one_of,
    radio_choice,
    short_text,
    version_field,
)
from offerings.models import Organisation

from ..models import AgendaItem, Body
from ..selectors import meetings as selectors
from .common import STALE_FORM, body_choices, hidden_errors_to_top


class MeetingForm(forms.Form):
    body = one_of(
        _("Toimielin"),
        Body.objects.none(),
        to_field_name="code",
        missing=_("Valitse toimielin."),
        unknown=_("Valitse toimielin, jossa sinulla on paikka."),
    )
    date = forms.DateField(
        label=_("Päivämäärä"),
        help_text=_("Esimerkiksi 15.1.2009."),
        error_messages={
            "required": _("Anna kokouksen päivämäärä."),
            "invalid": _("Anna päivämäärä muodossa p.k.vvvv, esimerkiksi 15.1.2009."),
        },
    )
    title = short_text(
        _("Otsikko"),
        200,
        missing=_("Anna kokoukselle otsikko."),
        too_long=_("Otsikko on liian pitkä: enintään %(limit_value)d merkkiä."),
    )
    location = short_text(
        _("Paikka"),
        200,
        required=False,
        too_long=_("Paikka on liian pitkä: enintään %(limit_value)d merkkiä."),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = body_choices(bodies)


class _AgendaForm(forms.Form):
    """Something to put on the meeting's agenda, chosen from what may go there now: one
    field, `field_name`, of the candidates the selector `choices` gives."""

    field_name = None
    choices = None
    label = None
    field_errors = None

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.field_name] = forms.ModelChoiceField(
            label=self.label,
            queryset=self.choices(meeting),
            error_messages=self.field_errors,
            widget=LanguageMarkedSelect,
        )


class AgendaProposalForm(_AgendaForm):
    field_name = "proposal"
    choices = staticmethod(selectors.agenda_proposal_choices)
    label = _("Esitetty ehdotus")
    field_errors = {
        "required": _("Valitse ehdotus."),
        "invalid_choice": _("Ehdotusta ei voi ottaa asialistalle."),
    }


class AgendaQuestionForm(_AgendaForm):
    field_name = "question"
    choices = staticmethod(selectors.agenda_question_choices)
    label = _("Avoin strateginen kysymys")
    field_errors = {
        "required": _("Valitse kysymys."),
        "invalid_choice": _("Kysymystä ei voi ottaa asialistalle."),
    }


class AttendanceForm(forms.Form):
    organisation = one_of(
        _("Organisaatio"),
        Organisation.objects.filter(is_active=True),
        to_field_name="code",
        missing=_("Valitse organisaatio."),
        unknown=_("Tuntematon organisaatio."),
    )
    is_present = forms.TypedChoiceField(
        label=_("Läsnä"),
        choices=[("1", _("paikalla")), ("0", _("poissa"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Valitse, oliko organisaatio paikalla."),
            "invalid_choice": _("Valitse paikalla tai poissa."),
        },
    )
    attendee_count = forms.IntegerField(
        label=_("Osallistujia"),
        required=False,
        min_value=0,
        max_value=200,
        error_messages={
            "invalid": _("Anna osallistujien määrä numeroina."),
            "min_value": _("Osallistujia ei voi olla vähemmän kuin 0."),
            "max_value": _("Osallistujia voi olla enintään %(limit_value)s."),
        },
    )
    attendee_names = long_text(
        _("Osallistujat"), 2000, rows=2, required=False, help_text=_("Yksi nimi riville.")
    )


class MinutesForm(forms.Form):
    minutes = long_text(
        _("Pöytäkirja"),
        20000,
        rows=8,
        required=False,
        too_long=_("Pöytäkirja on liian pitkä: enintään %(limit_value)d merkkiä."),
    )
    version = version_field(STALE_FORM)

    def clean(self):
        data = super().clean()
        hidden_errors_to_top(self)
        return data


class DecisionForm(forms.Form):
    """What the strategy group resolved on one agenda item."""

    outcome = radio_choice(
        _("Päätös"),
        missing=_("Valitse päätös."),
        unknown=_("Tämä päätös ei sovi tähän asiaan."),
    )
    # Choices from the prefetched alternatives (no query per agenda item).
    alternative = radio_choice(
        _("Valittu vaihtoehto"),
        required=False,
        unknown=_("Valitse jokin kysymyksen vaihtoehdoista."),
    )
    rationale = long_text(
        _("Perustelut"),
        5000,
        rows=3,
        required=False,
        too_long=_("Perustelut ovat liian pitkät: enintään %(limit_value)d merkkiä."),
    )

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("prefix", f"kohta-{item.pk}")
        super().__init__(*args, **kwargs)
        self.item = item
        if item.kind == AgendaItem.Kind.PROPOSAL:
            allowed = ("approved", "rejected", "returned")
            del self.fields["alternative"]
        else:
            allowed = ("decided", "returned")
            alternatives = [a for a in item.question.alternatives.all() if not a.is_archived]
            self.alternatives = {str(a.pk): a for a in alternatives if not a.is_empty_slot}
            if self.alternatives:
                self.fields["alternative"].choices = [
                    (key, str(alternative)) for key, alternative in self.alternatives.items()
                ]
            else:
                del self.fields["alternative"]
        self.fields["outcome"].choices = [
            (value, label) for value, label in AgendaItem.Outcome.choices if value in allowed
        ]

    def clean_alternative(self):
        return self.alternatives.get(self.cleaned_data.get("alternative"))

    def clean(self):
        data = super().clean()
        if (
            data.get("outcome") == "decided"
            and "alternative" in self.fields
            and not data.get("alternative")
        ):
            self.add_error("alternative", _("Valitse vaihtoehto, joka päätetään."))
        return data


class CloseMeetingForm(forms.Form):
    version = version_field(STALE_FORM)

    def clean(self):
        data = super().clean()
        hidden_errors_to_top(self)
        return data
