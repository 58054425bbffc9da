"""Reads of notifications: a user's own, and the header's unread count."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db.models import Q

from core.auth import read_with_user_value

from .models import Delivery, Kind, Notification, NotificationPreference, UserPreferences
from .services import unread_cache_key

UNREAD_CACHE_SECONDS = 300


def notifications_for(user):
    """The user's own notifications, newest first (nobody else's, whoever asks)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(user):
    """How many of the user's notifications are unread: cached, so a page adds at most
    one query (the services drop the cached count when it changes)."""
    key = unread_cache_key(user.pk)
    count = read_with_user_value(user, key)
    if count is None:
        count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


def preferences_of(user):
    """The user's message language and e-mail choice per kind (defaults where unchosen)."""
    preferences = UserPreferences.objects.filter(user=user).first()
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        "language": preferences.language if preferences else settings.LANGUAGE_CODE,
        "deliveries": {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in Kind.values},
    }


def users_with(permission, **filters):
    """The active users matching `filters` who hold the permission ("app.codename")
    directly, through a role, or as superusers: whom a notice about an item may reach."""
    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True, **filters)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=granted)
            | Q(groups__permissions__in=granted)
        )
        .distinct()
        .order_by("pk")
    )
