"""Constraint builders shared by the segments models."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def year_range_constraint(field, *, name):
    """The years this app plans for, 1900–2100, as a database check of `field`."""
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 1900}) & Q(**{f"{field}__lte": 2100}),
        name=name,
        violation_error_message=_("Vuoden on oltava välillä 1900–2100."),
    )
