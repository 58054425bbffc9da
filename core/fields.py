"""Model fields the apps share."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def reference(to, verbose_name, *, on_delete=models.PROTECT, optional=False, **options):
    """A foreign key as this house writes one: the referred row is kept while anything
    refers to it (PROTECT: records are archived, never deleted from under another), unless
    the row is part of its parent (`on_delete=models.CASCADE`); `optional` makes it
    nullable in the database and in forms together."""
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(to, verbose_name=verbose_name, on_delete=on_delete, **options)


def user_field(verbose_name, *, optional=False, **options):
    """Who took a step (drafted, sent, recorded, closed…): a user, kept while the record
    refers to them (PROTECT), with no reverse accessor on the user; `optional` until the
    step is taken."""
    return reference(
        settings.AUTH_USER_MODEL, verbose_name, related_name="+", optional=optional, **options
    )


# The languages a text may be written in: the UI's own (Finnish, Swedish, English).
WRITTEN_LANGUAGES = [("fi", _("suomi")), ("sv", _("ruotsi")), ("en", _("englanti"))]


def written_language(verbose_name=None):
    """The language a person wrote a record's texts in (Language Act 423/2003: a
    Swedish-speaking member writes in Swedish); pages mark the texts with it (lang)."""
    return models.CharField(
        verbose_name or _("kirjoituskieli"),
        max_length=2,
        choices=WRITTEN_LANGUAGES,
        default="fi",
    )
