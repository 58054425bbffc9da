"""What the responsibility pages share: the acting organisation and errors onto forms."""

from django.core.exceptions import NON_FIELD_ERRORS

from ..permissions import organisation_of

PAGE_SIZE = 50


class OrganisationMixin:
    """The user's organisation as `self.organisation` (None: acts for no organisation)."""

    @property
    def organisation(self):
        return organisation_of(self.request.user)


def add_errors(form, error):
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, errors)


def query_without(request, *keys):
    """The request's query string without the given keys (a pager's cursor)."""
    query = request.GET.copy()
    for key in keys:
        query.pop(key, None)
    return query
