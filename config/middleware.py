"""Project-wide middleware."""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.refusals import REFUSAL_CODES

logger = logging.getLogger(__name__)


class FinnishByDefaultLocaleMiddleware:
    """Activate the language the user chose (language cookie), otherwise Finnish.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a
    ministry service is Finnish unless the user switches (Language Act 423/2003).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class DatabaseRequiredMiddleware:
    """Fail closed: when the database cannot be reached, every page answers the static 503
    page with Retry-After, the login page and redirects included.

    Opening a cursor connects (or, on a reused connection, runs the health check: a look at
    its socket after a recent answer, otherwise a round trip; core.postgresql) just as the
    request's first query would, so a page that queries pays nothing extra; a page that
    would not query (the login form, a redirect) still refuses to pretend the service
    works. The next request tries again, so the app recovers without a restart.
    Static files stay served (before this middleware): the 503 page uses them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import DatabaseError, connection

        from .views import database_unavailable

        try:
            connection.cursor().close()
        except DatabaseError as error:
            logger.error("database unavailable: %s", error)
            return database_unavailable(json=request.path == "/healthz", request=request)
        return self.get_response(request)


class ConflictStatusMiddleware:
    """A POST answered with a form that the current state refused (core.refusals: someone
    else's change came first, an old copy, a step no longer allowed) is 409 Conflict, not
    200: the page (with its message) is the same; the status tells clients and tests that
    nothing was saved. Views on core.views.ServiceFormView set it themselves; this covers
    the admin and the pages not built on it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method == "POST" and response.status_code == 200:
            context = response.context_data or {}
            if any(_refused_by_conflict(value) for value in context.values()):
                response.status_code = 409
        return response


def _refused_by_conflict(value):
    errors = getattr(value, "errors", None)
    if not callable(getattr(value, "non_field_errors", None)) or not errors:
        return False
    return any(error.code in REFUSAL_CODES for error in value.non_field_errors().as_data())
