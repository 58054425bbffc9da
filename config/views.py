"""Site-wide views: front page, health check and the error pages."""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.i18n import set_language

from core.api.problems import static_problem
from core.notifications.services import preferences_language_set
from governance.selectors import front_page_sections_for, waiting_work_for

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
# The integration API answers its errors as problem details (JSON), outages included.
API_PREFIX = "/api/"


def _is_api(request):
    return request is not None and request.path.startswith(API_PREFIX)


def home(request):
    """Front page: what each of the user's roles can do here, and where to go for it."""
    context = {
        "sections": front_page_sections_for(request.user),
        "waiting_work": waiting_work_for(request.user),
    }
    return render(request, "home.html", context)


def language_set(request):
    """Django's language switcher; for a signed-in user the chosen language is also the
    language of their e-mails from now on (the preferences page can change it again)."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and request.user.is_authenticated and language:
        preferences_language_set(user=request.user, language=language)
    return response


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Answer 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("healthz: database unavailable", exc_info=True)
        return database_unavailable(json=True)
    return JsonResponse({"status": "ok", "database": "ok"})


def database_unavailable(json=False, request=None):
    """A static 503 answer that needs neither the database nor a request context (under
    /api/, problem details)."""
    if _is_api(request):
        response = static_problem(request, 503)
    elif json:
        response = JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
    else:
        # The template is plain HTML without tags: rendering it touches no database.
        html = loader.get_template("503.html").template.source
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: a database outage becomes the static 503 page, anything else a 500 page."""
    _type, exception, _tb = sys.exc_info()
    # Connection-level errors mean the database is down or unreachable (or, on SQLite,
    # locked for too long): the request may succeed later, so say when to retry.
    if isinstance(exception, (OperationalError, InterfaceError)):
        logger.error("database unavailable: %s", exception)
        return database_unavailable(request=request)
    if _is_api(request):
        return static_problem(request, 500)
    # Render without a request context: the context processors would query the database.
    return HttpResponse(loader.get_template("500.html").render(), status=500)
