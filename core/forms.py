"""What forms share: putting a service's errors on a form, and a list's filter form with
its optional fields."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

ALL = _("Kaikki")  # a filter left open


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


def any_of(label, queryset, *, unknown=None, **options):
    """An optional filter on one of `queryset` ("Kaikki" when not chosen); `unknown` is
    the message for a value that is not among them."""
    if unknown is not None:
        options["error_messages"] = {"invalid_choice": unknown}
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=ALL, **options
    )


def any_choice(label, choices, *, unknown=None, **options):
    """An optional filter on one of `choices` ("Kaikki" when not chosen); `unknown` is the
    message for a value that is not among them."""
    if unknown is not None:
        options["error_messages"] = {"invalid_choice": unknown}
    return forms.ChoiceField(label=label, choices=[("", ALL), *choices], required=False, **options)
