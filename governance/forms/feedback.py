from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    """The feedback channel of the accessibility statement."""

    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_url", "name", "email"]
        labels = {
            "message": _("Palaute"),
            "page_url": _("Sivu tai toiminto, jota palaute koskee (valinnainen)"),
            "name": _("Nimi (valinnainen)"),
            "email": _("Sähköposti, jos haluat vastauksen (valinnainen)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "message": {
                "required": _("Kirjoita palaute."),
                "max_length": _(
                    "Palaute on liian pitkä: enintään %(limit_value)d merkkiä (nyt %(show_value)d)."
                ),
            },
            "email": {
                "invalid": _("Tarkista sähköpostiosoite, esimerkiksi etunimi.sukunimi@example.fi.")
            },
            "page_url": {
                "max_length": _("Sivun osoite on liian pitkä: enintään %(limit_value)d merkkiä.")
            },
            "name": {"max_length": _("Nimi on liian pitkä: enintään %(limit_value)d merkkiä.")},
        }
