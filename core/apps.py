from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.core.signals import request_finished, request_started


class CoreConfig(AppConfig):
    """The ground floor as an app: no models; it connects what the whole site needs."""

    name = "core"
    verbose_name = "core"

    def ready(self):
        from .auth import connect_invalidation, forget_this_request, read_with_user
        from .notifications.services import unread_cache_key
        from .sessions import mark_renewed

        connect_invalidation()
        # The header's unread count: on every page, so read with the session's user.
        read_with_user(unread_cache_key)
        for signal in (request_started, request_finished):
            signal.connect(forget_this_request, dispatch_uid="core.auth.forget_this_request")

        user_logged_in.connect(mark_renewed, dispatch_uid="core.sessions.mark_renewed")
