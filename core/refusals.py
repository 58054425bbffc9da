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


def locked_version(instance, *, field="version"):
    """The row's stored version, read under a row lock (call inside the writing transaction),
    so two saves from the same version cannot both pass; None when the row is gone."""
    return (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list(field, flat=True)
        .first()
    )


def check_version(instance, version):
    """Refuse a save based on a stale copy: someone else has saved the row since `version`
    was read (or it is gone). The instance takes the stored version, which its save bumps."""
    stored = locked_version(instance)
    if stored is None or version != stored:
        refuse_stale()
    instance.version = stored


def is_refusal(error):
    """True for a refusal of the state (as opposed to errors in what the user typed)."""
    if hasattr(error, "error_dict"):
        return False
    return all(e.code in REFUSAL_CODES for e in error.error_list)
