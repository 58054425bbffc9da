"""Field and constraint builders shared by the segments models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def acting_user(verbose_name):
    """Who took a step (started, applied, recorded, removed): a user, kept while a record
    names them; empty where the system took it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


def year_range_constraint(field, *, name):
    """The years this app plans for, 1900–2100, as a database check of `field`."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1900}) & Q(**{f"{field}__lte": 2100}),
        name=name,
        violation_error_message=_("Vuoden on oltava välillä 1900–2100."),
    )
