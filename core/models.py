"""The ground floor's models: notifications and the e-mail outbox (core.notifications).

They live in core, the bottom layer, because every app raises notifications and core
imports none of them; core is already an installed app, so these need no new one."""

from .notifications.models import (
    Notification,
    NotificationPreference,
    OutboxMessage,
    UserPreferences,
)

__all__ = ["Notification", "NotificationPreference", "OutboxMessage", "UserPreferences"]
