"""What the responsibility pages share: the acting organisation, keyset pages, a step
that is refused with a message, and the check of the method before anything is loaded."""

from datetime import datetime

from django.contrib import messages
from django.utils import timezone

from core.pagination import Keyset
from core.refusals import Refusal

from ..permissions import organisation_of

PAGE_SIZE = 50


class OrganisationMixin:
    """The user's organisation as `self.organisation` (None: acts for no organisation)."""

    @property
    def organisation(self):
        return organisation_of(self.request.user)


class MethodFirstMixin:
    """A method the page does not answer is 405 before the objects of the address are
    loaded and authorised (ServiceFormView loads them first), as on every other page."""

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class LocalTimeKeyset(Keyset):
    """A Keyset whose cursor time, when it has no offset (an address edited by hand), is
    read in the current time zone, as the page shows times."""

    def position(self, query):
        position = super().position(query)
        if position is None:
            return None
        return tuple(
            timezone.make_aware(value)
            if isinstance(value, datetime) and timezone.is_naive(value)
            else value
            for value in position
        )


def say_outcome(request, step, success):
    """Run `step` (one service call); say `success`, or the refusal's message when the
    current state refused it (the page it returns to shows the message)."""
    try:
        step()
    except Refusal as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, success)
