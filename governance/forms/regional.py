"""Forms of the regional task log and the needs messages; every error message in Finnish,
the texts in the language the writer chooses.

The acting body never comes from a form as such: the task form offers only the groups the
user coordinates, and the message forms act on the message in the address.
"""

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from core.forms import (
    ALL,
    FilterForm,
    any_choice,
    any_number,
    any_of,
    date_field,
    long_text,
    many_of,
    one_of,
    radio_choice,
    short_text,
    ui_language,
    version_field,
    writing_language,
)
from core.translation import original_text
from offerings.models import Organisation
from segments.models import Region, Segment

from ..models import Body, NeedsMessage, RegionalTask
from .common import body_choices, change_reason_field, service_arguments

FIRST_YEAR = 2008  # the report's year: the log starts with the strategy


def year_choices():
    return [(year, str(year)) for year in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)]


class RegionalTaskFilterForm(FilterForm):
    """Filters of the task log; a bad value is pointed out and not applied."""

    region = any_of(
        _("Alue"),
        Region.objects.order_by("order", "code"),
        unknown=_("Tuntematon alue: rajausta ei käytetty."),
    )
    segment = any_of(
        _("Segmentti"),
        Segment.objects.filter(is_active=True).order_by("number"),
        unknown=_("Tuntematon segmentti: rajausta ei käytetty."),
    )
    kind = any_choice(
        _("Tehtäväalue"),
        RegionalTask.Kind.choices,
        unknown=_("Tuntematon tehtäväalue: rajausta ei käytetty."),
    )
    year = any_number(_("Vuosi"), unknown=_("Tuntematon vuosi: rajausta ei käytetty."))
    month = any_number(
        _("Kuukausi"),
        MONTHS.items(),
        unknown=_("Tuntematon kuukausi: rajausta ei käytetty."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", ALL), *year_choices()]


class RegionalOverviewForm(forms.Form):
    """The year of the overview."""

    year = forms.TypedChoiceField(
        label=_("Vuosi"),
        coerce=int,
        error_messages={
            "invalid_choice": _("Tuntematon vuosi: näytetään kuluva vuosi."),
            "required": _("Valitse vuosi."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()

    def chosen_year(self):
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"]
        return timezone.localdate().year


class RegionalTaskForm(forms.Form):
    """A task of a regional group: what was done, with whom, for which segments, and when
    to follow it up. On an edit, the version the editor started from and why."""

    body = one_of(
        _("Alueellinen työryhmä"),
        Body.objects.none(),
        empty_label=None,
        missing=_("Valitse työryhmä."),
        unknown=_("Valitse työryhmä, jota koordinoit."),
    )
    date = date_field(_("Päivämäärä"), missing=_("Anna tehtävän päivämäärä."))
    kind = radio_choice(
        _("Tehtäväalue"),
        RegionalTask.Kind.choices,
        help_text=_("Alueellisten asiakkuustyöryhmien keskeiset tehtäväalueet (luku 6.3)."),
        missing=_("Valitse tehtäväalue."),
        unknown=_("Tuntematon tehtäväalue. Valitse luettelosta."),
    )
    segments = many_of(
        _("Segmentit"),
        Segment.objects.filter(is_active=True).order_by("number"),
        required=False,
        unknown=_("Tuntematon segmentti (%(value)s). Valitse luettelosta."),
        unknown_pk=_("Tuntematon segmentti (%(pk)s). Valitse luettelosta."),
    )
    organisations = many_of(
        _("Mukana olleet organisaatiot"),
        Organisation.objects.filter(is_active=True).order_by("order", "code"),
        required=False,
        unknown=_("Tuntematon organisaatio (%(value)s). Valitse luettelosta."),
        unknown_pk=_("Tuntematon organisaatio (%(pk)s). Valitse luettelosta."),
    )
    description = long_text(
        _("Kuvaus"),
        5000,
        rows=4,
        help_text=_("Mitä tehtiin ja miksi."),
        missing=_("Kirjoita tehtävän kuvaus."),
    )
    outcome = long_text(_("Tulos"), 5000, rows=4, required=False)
    original_language = writing_language()
    follow_up_on = date_field(
        _("Seurantapäivä"),
        required=False,
        help_text=_(
            "Milloin tehtävän tulosta seurataan. Tyhjä: ei seurantaa. Muodossa pp.kk.vvvv."
        ),
    )

    def __init__(self, *args, bodies, task=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        self.fields["body"].queryset = body_choices(bodies)
        if len(bodies) == 1 and task is None:
            self.fields["body"].initial = bodies[0].pk
        if task is not None:
            # A task stays in its group: the group is shown, not chosen.
            del self.fields["body"]
            self.fields["version"] = version_field()
            self.fields["change_reason"] = change_reason_field(_("Kirjoita muutoksen syy."))
            if not self.is_bound:
                self.initial.update(
                    date=task.date,
                    kind=task.kind,
                    segments=[segment.pk for segment in task.segments.all()],
                    organisations=[organisation.pk for organisation in task.organisations.all()],
                    description=original_text(task, "description"),
                    outcome=original_text(task, "outcome"),
                    original_language=task.original_language,
                    follow_up_on=task.follow_up_on,
                    version=task.version,
                )
        elif not self.is_bound:
            self.fields["date"].initial = timezone.localdate()
            self.fields["original_language"].initial = ui_language()

    def clean(self):
        data = super().clean()
        date, follow_up_on = data.get("date"), data.get("follow_up_on")
        if date and follow_up_on and follow_up_on < date:
            self.add_error("follow_up_on", _("Seurantapäivä ei voi olla ennen tehtävän päivää."))
        return data


def task_arguments(data):
    """The keyword arguments of services.regional_task_create / _update from the cleaned
    data of a RegionalTaskForm."""
    data = service_arguments(data)
    data["segments"] = list(data["segments"])
    data["organisations"] = list(data["organisations"])
    return data


class NeedsMessageForm(forms.Form):
    """A needs message upward from a task to a segment working group."""

    to_body = one_of(
        _("Vastaanottaja"),
        Body.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Asiakassegmenttikohtaiset työryhmät, jotka vastaavat tehtävän segmenteistä."),
        missing=_("Valitse vastaanottava työryhmä."),
        unknown=_("Valitse työryhmä, joka vastaa jostakin tehtävän segmentistä."),
    )
    subject = short_text(_("Aihe"), 200, missing=_("Kirjoita viestin aihe."))
    text = long_text(
        _("Viesti"),
        5000,
        rows=4,
        help_text=_("Mitä asiakastarveanalyysi osoitti ja mitä ylemmältä ryhmältä toivotaan."),
        missing=_("Kirjoita viesti."),
    )
    original_language = writing_language()

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original_language"].initial = ui_language()
        self.fields["to_body"].queryset = recipients
        # The radio buttons are labelled by the groups' names.
        self.fields["to_body"].label_from_instance = lambda body: body.name


class MessageNoteForm(forms.Form):
    """An optional note with a step (acknowledge, forward, close)."""

    note = long_text(_("Huomautus"), 5000, rows=4, required=False, help_text=_("Vapaaehtoinen."))
    original_language = writing_language()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original_language"].initial = ui_language()


class MessageAnswerForm(forms.Form):
    """The answer to a needs message."""

    answer = long_text(_("Vastaus"), 5000, rows=4, missing=_("Kirjoita vastaus."))
    original_language = writing_language()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["original_language"].initial = ui_language()


# The steps a member of the handling body takes on a message, and the status each leads to.
MESSAGE_ACTIONS = {
    "acknowledge": (MessageNoteForm, NeedsMessage.Status.ACKNOWLEDGED),
    "answer": (MessageAnswerForm, NeedsMessage.Status.ANSWERED),
    "forward": (MessageNoteForm, NeedsMessage.Status.FORWARDED),
    "close": (MessageNoteForm, NeedsMessage.Status.CLOSED),
}
