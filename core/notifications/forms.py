"""The preferences form: the message language and an e-mail choice for each kind."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Kind


class PreferencesForm(forms.Form):
    """One radio group per kind of notification, and the language of the messages."""

    language = forms.ChoiceField(
        label=_("Viestien kieli"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("Sähköpostit ja ilmoitukset kirjoitetaan tällä kielellä."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[f"kind_{kind.value}"] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=Delivery.IMMEDIATE,
            )

    def deliveries(self):
        return {kind.value: self.cleaned_data[f"kind_{kind.value}"] for kind in Kind}

    @classmethod
    def initial_from(cls, preferences):
        initial = {"language": preferences["language"]}
        for kind, delivery in preferences["deliveries"].items():
            initial[f"kind_{kind}"] = delivery
        return initial


class MarkReadForm(forms.Form):
    """Which notification to mark read (none given: all of the user's)."""

    notification = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
