"""The session's idle timeout without a write per request.

A signed-in user's session is renewed (saved, with a new expiry and cookie) once
SESSION_RENEW_AFTER_SECONDS have passed since its last renewal or the login, so it expires
after SESSION_COOKIE_AGE of inactivity at the latest and 0.9 of it at the earliest; the
other requests only read it (from the cache)."""

import time

from django.conf import settings

RENEWED_AT = "_renewed_at"


def mark_renewed(sender, request, user, **kwargs):
    """user_logged_in receiver: the login itself saves the session, so it counts."""
    request.session[RENEWED_AT] = int(time.time())


class SessionIdleRenewalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or session.is_empty():
            return response
        now = int(time.time())
        if now - session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_AFTER_SECONDS:
            session[RENEWED_AT] = now  # modified: SessionMiddleware saves it, new expiry
        return response
