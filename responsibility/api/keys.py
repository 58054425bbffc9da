"""Keys for systems: the authentication (Authorization: Bearer <key>), the scope each
endpoint asks for, the rate limit per client and the call log, as one base view."""

import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from core.api.schema import KeyedAutoSchema
from core.api.views import LanguageMixin

from ..selectors import api_key_by_prefix
from ..services.api_clients import api_call_log, split_key

SCHEMES = ("bearer", "api-key")
# The wall clock of the unknown-key throttle's minutes (a test holds it still).
_clock = time.time


class ApiKeyAuthentication(BaseAuthentication):
    """`Authorization: Bearer <key>` (or `Api-Key <key>`): the key's client, or a 401 for
    a key that is unknown, tampered with, expired, revoked or of a client taken out of use.
    request.user stays anonymous (no person is signed in); request.auth is the ApiKey."""

    def authenticate(self, request):
        scheme, _space, credentials = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() not in SCHEMES:
            return None
        guesses = _GuessCounter(request)
        guesses.check()
        parts = split_key(credentials)
        api_key = api_key_by_prefix(parts[0]) if parts else None
        if api_key is None or not api_key.matches(parts[1]):
            guesses.add()
            raise exceptions.AuthenticationFailed(_("Avainta ei tunneta."))
        # Known from here on: a refused call is still the client's, and logged as such.
        request._request.api_key = api_key
        if api_key.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Avain on peruttu."))
        if not api_key.client.is_active:
            raise exceptions.AuthenticationFailed(_("Järjestelmän avaimet eivät ole käytössä."))
        if not api_key.is_valid_at(timezone.now()):
            raise exceptions.AuthenticationFailed(_("Avaimen voimassaolo on päättynyt."))
        return AnonymousUser(), api_key

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class _GuessCounter:
    """Unknown or tampered keys per client address a minute, counted in the shared cache, so
    that guessing keys is throttled: past API_UNKNOWN_KEY_LIMIT_PER_MINUTE every keyed call
    from that address is a 429 until the minute is over, before any key is looked up."""

    def __init__(self, request):
        # The one rule of the client's address, the sign-in throttle's (proxies trusted).
        address = import_string(settings.AXES_CLIENT_IP_CALLABLE)(request._request) or "-"
        now = _clock()
        minute = int(now // 60)
        self.wait = 60 - int(now % 60)
        self.key = f"api-unknown-key:{address}:{minute}"

    def check(self):
        if (cache.get(self.key) or 0) >= settings.API_UNKNOWN_KEY_LIMIT_PER_MINUTE:
            raise exceptions.Throttled(wait=self.wait)

    def add(self):
        if not cache.add(self.key, 1, timeout=self.wait + 1):
            try:
                cache.incr(self.key)
            except ValueError:  # expired in between
                cache.add(self.key, 1, timeout=self.wait + 1)


class HasScope(BasePermission):
    """The key's client was granted the view's `required_scope`."""

    def has_permission(self, request, view):
        api_key = request.auth
        if api_key is None:
            raise exceptions.NotAuthenticated()
        if not api_key.client.has_scope(view.required_scope):
            raise exceptions.PermissionDenied(
                _("Avaimella ei ole oikeutta %(scope)s.") % {"scope": view.required_scope}
            )
        return True


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per minute per client (its own limit, or API_RATE_LIMIT_PER_MINUTE), counted
    in the shared cache (Redis in production), so every server process counts together."""

    scope = "api_client"

    def get_rate(self):
        return None  # set per client in allow_request

    def allow_request(self, request, view):
        if request.auth is None:
            return True
        self.rate = f"{request.auth.client.requests_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"api-rate:{request.auth.client_id}"


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """The key in the OpenAPI document: an HTTP bearer scheme; each operation lists the scope
    it needs."""

    target_class = ApiKeyAuthentication
    name = "apiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _(
                "Organisaation järjestelmälle annettu avain (ak_…), otsakkeessa "
                "Authorization: Bearer <avain>. Ministeriö antaa avaimet ja oikeudet."
            ),
        }

    def get_security_requirement(self, auto_schema):
        return {self.name: [auto_schema.view.required_scope]}


class KeyedView(LanguageMixin):
    """A read of customer data with a key: the key and its scope checked, the client's
    rate limit, never cached on the way, and each call of a known client logged."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ClientRateThrottle]
    schema = KeyedAutoSchema()
    required_scope = None

    def dispatch(self, request, *args, **kwargs):
        self._started = time.monotonic()
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        api_key = getattr(request._request, "api_key", None)
        if api_key is not None:
            match = request._request.resolver_match
            api_call_log(
                client=api_key.client,
                key=api_key,
                method=request.method,
                route=match.view_name if match else "",
                path=request.path,
                status=response.status_code,
                duration_ms=(time.monotonic() - self._started) * 1000,
            )
        return response
