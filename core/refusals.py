"""One way for a service to refuse a step: `Refusal`, a ValidationError whose message is for
the user (in Finnish, translated) and whose code says why.

Input errors stay plain ValidationErrors on fields (the form shows them; 200). A refusal is
about the current state: the step is not allowed now, typically because someone else's step
came first. Views answer it with 409 Conflict and the message (core.views)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

STALE_EDIT_MESSAGE = _(
    "Joku muu on tallentanut tämän tiedon sen jälkeen, kun avasit sen. Muutostasi ei "
    "tallennettu. Lataa sivu uudelleen ja tee muutos sen jälkeen uudestaan."
)

# refused: the state does not allow the step; stale: an edit from an old copy; conflict: a
# race another request won.
REFUSAL_CODES = frozenset({"refused", "stale", "conflict"})


class Refusal(ValidationError):
    """The current state does not allow the step; nothing was changed."""

    def __init__(self, message, code="refused", params=None):
        super().__init__(message, code=code, params=params)

    def __str__(self):
        return " ".join(str(message) for message in self.messages)


def refuse(message, *, code="refused", **params):
    """Raise a Refusal; `params` fill the message's %(name)s placeholders."""
    raise Refusal(message % params if params else message, code=code)


def refuse_stale():
    """Raise the refusal of an edit made from an old copy."""
    raise Refusal(STALE_EDIT_MESSAGE, code="stale")


def is_refusal(error):
    """True for a refusal of the state (as opposed to errors in what the user typed)."""
    if hasattr(error, "error_dict"):
        return False
    return all(e.code in REFUSAL_CODES for e in error.error_list)
