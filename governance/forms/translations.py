"""Forms of the translation queue: its filters (kind, language, segment, body, organisation,
the page) and the translation of one text; every message in Finnish."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, any_choice, any_of
from offerings.models import Organisation
from segments.models import Segment

from ..models import Body
from ..selectors.translations import KINDS_BY_KEY, LANGUAGE_NAMES, kind_choices

LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())
UNKNOWN_LANGUAGE = _("Tuntematon kieli. Valitse suomi, ruotsi tai englanti.")
UNKNOWN_KIND = _("Tuntematon tekstilaji. Valitse luettelosta.")


class TranslationQueueFilterForm(FilterForm):
    """The queue's filters; a bad value is pointed out and not applied."""

    language = forms.ChoiceField(
        label=_("Puuttuva kieli"),
        choices=LANGUAGE_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Tuntematon kieli: näytetään ruotsi.")},
    )
    kind = any_choice(
        _("Tekstilaji"), [], unknown=_("Tuntematon tekstilaji: rajausta ei käytetty.")
    )
    segment = any_of(
        _("Segmentti"),
        Segment.objects.filter(is_active=True).order_by("number"),
        unknown=_("Tuntematon segmentti: rajausta ei käytetty."),
    )
    body = any_of(
        _("Toimielin"),
        Body.objects.active().order_by("kind", "code"),
        unknown=_("Tuntematon toimielin: rajausta ei käytetty."),
        help_text=_("Esimerkiksi asiakassegmenttikohtainen tai alueellinen työryhmä."),
    )
    organisation = any_of(
        _("Organisaatio"),
        Organisation.objects.filter(is_active=True),
        unknown=_("Tuntematon organisaatio: rajausta ei käytetty."),
    )
    after = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("Tuntematon sivu: näytetään ensimmäinen."),
            "min_value": _("Tuntematon sivu: näytetään ensimmäinen."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [*self.fields["kind"].choices, *kind_choices()]


class TranslationForm(forms.Form):
    """One text's missing version, as the translator writes it, with what the queue showed:
    the record's version and the Finnish text's fingerprint (a changed original refuses)."""

    kind = forms.ChoiceField(
        widget=forms.HiddenInput,
        error_messages={"required": UNKNOWN_KIND, "invalid_choice": UNKNOWN_KIND},
    )
    record = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": _("Tuntematon teksti."),
            "invalid": _("Tuntematon teksti."),
            "min_value": _("Tuntematon teksti."),
        },
    )
    language = forms.ChoiceField(
        widget=forms.HiddenInput,
        choices=LANGUAGE_CHOICES,
        error_messages={"required": UNKNOWN_LANGUAGE, "invalid_choice": UNKNOWN_LANGUAGE},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    source = forms.CharField(widget=forms.HiddenInput, max_length=64)
    text = forms.CharField(
        label=_("Käännös"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20000,
        error_messages={
            "required": _("Kirjoita käännös."),
            "max_length": _("Käännös on liian pitkä: enintään %(limit_value)d merkkiä."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()

    def clean(self):
        data = super().clean()
        kind = KINDS_BY_KEY.get(data.get("kind"))
        language, text = data.get("language"), data.get("text")
        if kind and language and text:
            limit = kind.model._meta.get_field(f"{kind.field}_{language}").max_length
            if limit and len(text) > limit:
                self.add_error(
                    "text",
                    _("Käännös on liian pitkä: enintään %(limit)d merkkiä.") % {"limit": limit},
                )
        return data
