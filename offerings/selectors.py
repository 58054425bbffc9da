"""Reads of the public actors."""

from django.db.models import Count

from .models import Organisation


def organisation_list():
    """Active organisations in report order, with the region and parent they belong to."""
    return (
        Organisation.objects.filter(is_active=True)
        .select_related("region", "parent")
        .annotate(people_count=Count("people"))
    )


def organisation_detail_queryset():
    """Organisations with what their detail page shows: region, parent and units."""
    return Organisation.objects.select_related("region", "parent").prefetch_related("units")
