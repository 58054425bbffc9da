"""Constraint builders shared by the responsibility models."""

from django.db import models
from django.db.models import F, Q


def ends_after_start(*, name, message, start="starts_on", end="ends_on"):
    """A database check that an optional end date (`end`) is not before `start`."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=name,
        violation_error_message=message,
    )
