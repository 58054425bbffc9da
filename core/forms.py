"""What forms share: putting a service's errors on a form, a list's filter form with its
optional fields, and the builders of the fields the forms ask the same way (a one-line or
long text, a date, a radio or checkbox choice, one record of a list, the version of an
edit)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from . import fragments
from .fields import WRITTEN_LANGUAGES
from .refusals import STALE_EDIT_MESSAGE
from .translation import text_served

ALL = _("Kaikki")  # a filter left open
DATE_HELP = _("Muodossa pp.kk.vvvv, esimerkiksi 5.3.2026.")
INVALID_DATE = _("Anna päivämäärä muodossa pp.kk.vvvv, esimerkiksi 5.3.2026.")


def add_errors(form, error):
    """A service's ValidationError (or Refusal) on the form: each field's errors on that
    field when the form has it, the rest above the form (codes kept)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)


class FilterForm(forms.Form):
    """Filters of a list from the query string. A field with a bad value (a hand-edited
    address) is pointed out and left out, the others still apply; an empty one does not
    narrow. `filter_names` renames a field to the selector's keyword (`{"q": "search"}`)."""

    filter_names = {}

    def filters(self):
        """The valid, given filters as keyword arguments of the list's selector."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            self.filter_names.get(name, name): value
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }


# Form classes whose choice fields may be rendered from a kept copy: form class -> the
# name of its fragments (see `remember_rendered_choices`).
_REMEMBERED_CHOICES = {}


def remember_rendered_choices(form_class):
    """Let `{% form_fields %}` keep the rendered choice fields of `form_class` (a select of
    segments or producers is rendered option by option through templates: a filter form
    took 5–9 ms a page), and its fields that show no value (the same for everyone). Call it
    in an app's `ready()`, so that every process bumps them when a row of a choice field's
    model changes. Only for forms whose fields neither a view nor the form's `__init__`
    changes per request or over time (a queryset narrowed to the user's organisation, a
    placeholder naming the user, a `max` of the current year would be served to others or
    kept stale)."""
    name = f"choice-fields:{form_class.__module__}.{form_class.__qualname__}"
    models = {
        field.queryset.model
        for field in form_class.base_fields.values()
        if isinstance(field, forms.ModelChoiceField)
    }
    fragments.invalidate_on_change(name, *models)
    _REMEMBERED_CHOICES[form_class] = name


def remembered_choices_name(form):
    """The fragment name of the form's kept choice fields, None when they are not kept."""
    return _REMEMBERED_CHOICES.get(type(form))


def label_language(obj):
    """The language of `obj`'s label when it is not the UI language: "fi" where the label is
    a translated field's Finnish fallback (a report text not yet in Swedish), else None."""
    try:
        fields = translator.get_options_for_model(type(obj)).fields
    except NotRegistered:
        return None
    active = (get_language() or "fi")[:2]
    label = str(obj)
    for field in fields:
        text, language = text_served(obj, field)
        if text and language != active and text in label:
            return language
    return None


class LanguageMarkedSelect(forms.Select):
    """A select whose options say their language (lang="fi") when their text is the Finnish
    fallback of a translated record, so that a screen reader reads them as Finnish."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        language = label_language(instance) if instance is not None else None
        if language:
            option["attrs"]["lang"] = language
        return option


def _messages(**messages):
    """A field's error messages by code, leaving out those not given (Django's own)."""
    return {code: message for code, message in messages.items() if message is not None}


def any_of(label, queryset, *, unknown=None, **options):
    """An optional filter on one of `queryset` ("Kaikki" when not chosen); `unknown` is
    the message for a value that is not among them."""
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=False,
        empty_label=ALL,
        error_messages=_messages(invalid_choice=unknown),
        **{"widget": LanguageMarkedSelect, **options},
    )


def any_choice(label, choices, *, unknown=None, **options):
    """An optional filter on one of `choices` ("Kaikki" when not chosen); `unknown` is the
    message for a value that is not among them."""
    return forms.ChoiceField(
        label=label,
        choices=[("", ALL), *choices],
        required=False,
        error_messages=_messages(invalid_choice=unknown),
        **options,
    )


def any_number(label, choices=(), *, unknown=None, **options):
    """An optional filter on one of `choices` whose values are whole numbers (a year, a
    month): the number, or None when not chosen ("Kaikki")."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("", ALL), *choices],
        coerce=int,
        required=False,
        empty_value=None,
        error_messages=_messages(invalid_choice=unknown),
        **options,
    )


def short_text(label, max_length, *, missing=None, too_long=None, **options):
    """A one-line text of at most `max_length` characters; `missing` and `too_long` are the
    messages of an empty (required) and a too long text."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages=_messages(required=missing, max_length=too_long),
        **options,
    )


def long_text(label, max_length, *, rows, missing=None, too_long=None, **options):
    """A text area of `rows` rows for at most `max_length` characters; `missing` and
    `too_long` are the messages of an empty (required) and a too long text."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=_messages(required=missing, max_length=too_long),
        **options,
    )


def radio_choice(label, choices=(), *, missing=None, unknown=None, **options):
    """One of `choices` as radio buttons (the form may set the choices later); `missing`
    and `unknown` are the messages of no choice and of a value not among them."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages=_messages(required=missing, invalid_choice=unknown),
        **options,
    )


def one_of(label, queryset, *, missing=None, unknown=None, **options):
    """One record of `queryset`; `missing` and `unknown` are the messages of no choice and
    of a value not among them."""
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        error_messages=_messages(required=missing, invalid_choice=unknown),
        **{"widget": LanguageMarkedSelect, **options},
    )


def many_of(label, queryset, *, missing=None, unknown, unknown_pk=None, **options):
    """Any number of the records of `queryset` as checkboxes; `missing` is the message of no
    choice (when required), `unknown` of a value not among them and `unknown_pk` of one
    that is no key at all (`unknown` when not given)."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_messages(
            required=missing,
            invalid_choice=unknown,
            invalid_pk_value=unknown if unknown_pk is None else unknown_pk,
        ),
        **options,
    )


def date_field(label, *, missing=None, help_text=DATE_HELP, **options):
    """A date written the Finnish way (pp.kk.vvvv), as `help_text` says; `missing` is the
    message of no date (when required)."""
    return forms.DateField(
        label=label,
        help_text=help_text,
        error_messages=_messages(required=missing, invalid=INVALID_DATE),
        **options,
    )


def version_field(stale=STALE_EDIT_MESSAGE, **options):
    """The version an edit form was opened at (optimistic locking), hidden; a missing or
    tampered one reads as `stale`."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": stale, "invalid": stale},
        **options,
    )


class WritingLanguageField(forms.ChoiceField):
    """The language of a form's texts; a post without it (a form opened before the choice
    existed) is taken to be written in the UI language."""

    def clean(self, value):
        return super().clean(value) or ui_language()


def writing_language(**options):
    """The language the user writes a form's texts in: Finnish, Swedish or English, the UI
    language unless chosen otherwise. The text is kept as written, never copied or
    machine-translated into the other languages."""
    options.setdefault(
        "help_text", _("Kieli, jolla kirjoitat tekstit. Muunkieliset versiot lisää kääntäjä.")
    )
    return WritingLanguageField(
        label=_("Kirjoituskieli"),
        choices=WRITTEN_LANGUAGES,
        required=False,
        error_messages={
            "invalid_choice": _("Tuntematon kieli. Valitse suomi, ruotsi tai englanti."),
        },
        **options,
    )


def ui_language():
    """The UI language as a written language's code ("fi" when none is active)."""
    language = (get_language() or "fi")[:2]
    return language if language in dict(WRITTEN_LANGUAGES) else "fi"
