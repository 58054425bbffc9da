"""What the governance forms share: the stale-form message of a hidden version field, and
putting that field's error where it can be seen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.admin import CHANGE_REASON_MAX_LENGTH
from core.forms import long_text

from ..models import Body

STALE_FORM = _("Lomake on vanhentunut. Lataa sivu uudelleen.")


def hidden_errors_to_top(form):
    """A hidden field (the version) cannot show its error beside it: show it at the top."""
    for name, field in form.fields.items():
        if field.widget.is_hidden and name in form._errors:
            form.add_error(None, form._errors.pop(name))


def required(message):
    """The error messages of a required field that says what to fill in."""
    return {"required": message}


def service_arguments(data):
    """A form's cleaned data as a service's keyword arguments: an edit's change reason is
    the reason the service records in the history."""
    data = dict(data)
    if "change_reason" in data:
        data["reason"] = data.pop("change_reason")
    return data


def body_choices(bodies):
    """The bodies a form offers (where the user sits or coordinates), as a queryset."""
    return Body.objects.filter(pk__in=[body.pk for body in bodies])


def change_reason_field(required_message):
    """Why an edit is made, for the history."""
    return long_text(
        _("Muutoksen syy"),
        CHANGE_REASON_MAX_LENGTH,
        rows=2,
        help_text=_("Kirjataan muutoshistoriaan: miksi muutos tehdään."),
        missing=required_message,
    )


def archive_field(help_text):
    """Archived records are kept, not deleted; `help_text` says what archiving does."""
    return forms.BooleanField(label=_("Arkistoitu"), required=False, help_text=help_text)
