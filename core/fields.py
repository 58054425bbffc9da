"""Model fields the apps share."""

from django.conf import settings
from django.db import models


def user_field(verbose_name, *, optional=False, **options):
    """Who took a step (drafted, sent, recorded, closed…): a user, kept while the record
    refers to them (PROTECT), with no reverse accessor on the user; `optional` until the
    step is taken."""
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
        **options,
    )
