"""Errors as RFC 9457 problem details (application/problem+json), in the client's language."""

import math

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from .texts import requested_language

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _titles():
    return {
        400: _("Virheellinen pyyntö"),
        401: _("Tunnistautuminen puuttuu"),
        403: _("Ei oikeutta"),
        404: _("Ei löytynyt"),
        405: _("Menetelmä ei ole sallittu"),
        406: _("Pyydettyä esitysmuotoa ei ole"),
        413: _("Sisältö on liian suuri"),
        415: _("Sisällön muotoa ei tueta"),
        422: _("Sisällössä on virheitä"),
        429: _("Liian monta pyyntöä"),
        500: _("Palvelinvirhe"),
        503: _("Palvelu ei ole käytettävissä"),
    }


def _detail(exc):
    """The message in the active language: our own Finnish msgids for the common cases, the
    exception's own text (already translated where it was raised) otherwise."""
    if isinstance(exc, exceptions.NotFound):
        return _("Pyydettyä kohdetta ei löytynyt.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("Avoin data on vain luettavissa: käytä GET-pyyntöä.")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Rajapinta vastaa vain JSON-muodossa.")
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Avain puuttuu: lähetä se otsakkeessa Authorization: Bearer <avain>.")
    if isinstance(exc, exceptions.Throttled):
        return _("Liian monta pyyntöä: yritä uudelleen %(seconds)s sekunnin kuluttua.") % {
            "seconds": _retry_after(exc)
        }
    if isinstance(exc.detail, dict):
        return " ".join(f"{key}: {' '.join(map(str, value))}" for key, value in exc.detail.items())
    if isinstance(exc.detail, list):
        return " ".join(map(str, exc.detail))
    return str(exc.detail)


def _retry_after(exc):
    """Whole seconds to wait, at least one (Retry-After takes no fractions)."""
    return max(1, math.ceil(exc.wait or 0))


def problem_response(status_code, detail, *, headers=None):
    """A problem details response: type about:blank (the status says it all), a title in the
    active language, the status and a detail."""
    body = {
        "type": "about:blank",
        "title": _titles().get(status_code, _("Virhe")),
        "status": status_code,
        "detail": detail,
    }
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    """DRF's exception handler: every error the API raises answered as problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a server error: Django's handler500 answers it and logs the trace
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if isinstance(exc, exceptions.Throttled):
        headers["Retry-After"] = str(_retry_after(exc))
    if isinstance(exc, exceptions.MethodNotAllowed):
        view = context.get("view")
        if view is not None:
            headers["Allow"] = ", ".join(view.allowed_methods)
    return problem_response(exc.status_code, _detail(exc), headers=headers)


def static_problem(request, status_code):
    """A 500 or 503 under /api/ as problem details, built without DRF and without the
    database (config.views' outage and server-error answers), in the asked language."""
    language = requested_language(request)
    with translation.override(language):
        detail = (
            _("Tietokantaan ei juuri nyt saada yhteyttä. Yritä hetken kuluttua uudelleen.")
            if status_code == 503
            else _("Palvelussa tapahtui odottamaton virhe.")
        )
        body = {
            "type": "about:blank",
            "title": _titles()[status_code],
            "status": status_code,
            "detail": detail,
        }
    response = JsonResponse(
        body,
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Language"] = language
    return response
