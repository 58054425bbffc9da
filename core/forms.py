"""What forms share: putting a service's errors on a form, and a list's filter form."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS


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
