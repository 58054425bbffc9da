"""Model fields the apps share."""

from django.conf import settings
from django.db import models


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
