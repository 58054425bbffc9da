"""Putting a service's errors on a form."""

from django.core.exceptions import NON_FIELD_ERRORS


def add_errors(form, error):
    """A service's ValidationError (or Refusal) on the form: each field's errors on that
    field when the form has it, the rest above the form (codes kept)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)
