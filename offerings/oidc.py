"""Sign-in with the organisation's account: OpenID Connect with mozilla-django-oidc.

The library runs the authorization code flow (state, nonce and PKCE kept in the session);
this module adds what the service needs on top:

- the provider's endpoints from its discovery document when only OIDC_OP_ISSUER is set
  (fetched once an hour per process, never at start-up);
- a stricter ID-token check than the library's own: the signature with the algorithm we
  expect (RS256 by default, the key from the provider's JWKS), our client as the audience
  (the library skips it), the issuer, and the expiry; any failure refuses the sign-in;
- the user, their organisation and roles from the claims through the mapping rules
  (`services.organisation_account_sign_in`), with a Finnish message when refused;
- no permissions of its own: `core.auth.CachedModelBackend` answers those for every user.
"""

import logging
import threading
import time

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from core.auth import CachedModelBackend
from core.refusals import Refusal

from . import services

logger = logging.getLogger(__name__)

# The settings mozilla-django-oidc reads, and their names in the discovery document.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
PROVIDER_UNAVAILABLE_MESSAGE = _(
    "Organisaation tunnistuspalvelu ei vastannut. Yritä hetken kuluttua uudelleen."
)
DISCOVERY_MAX_AGE_SECONDS = 3600
_discovery = {}
_discovery_lock = threading.Lock()


class ProviderUnavailable(Exception):
    """The identity provider did not answer, or answered with something unusable."""


def discovery_document(issuer):
    """The provider's /.well-known/openid-configuration, cached for an hour per process."""
    with _discovery_lock:
        cached = _discovery.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_MAX_AGE_SECONDS:
            return cached[1]
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise ProviderUnavailable(f"{url}: {error}") from error
    # OpenID Connect Discovery 1.0, 4.3: the document must name the issuer it was asked for.
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise ProviderUnavailable(f"{url} names another issuer: {document.get('issuer')!r}")
    with _discovery_lock:
        _discovery[issuer] = (time.monotonic(), document)
    return document


def provider_setting(name, *default):
    """A setting as mozilla-django-oidc asks for it, the endpoints filled in from the
    discovery document when only the issuer is configured."""
    value = getattr(settings, name, None)
    if name in DISCOVERED and not value:
        if settings.OIDC_OP_ISSUER:
            value = discovery_document(settings.OIDC_OP_ISSUER).get(DISCOVERED[name])
        return value or (default[0] if default else "")
    if value is None:
        if default:
            return default[0]
        raise ImproperlyConfigured(f"Setting {name} not found")
    return value


class OrganisationAccountBackend(OIDCAuthenticationBackend):
    """Authenticates a user by the organisation's identity provider (OpenID Connect)."""

    get_settings = staticmethod(provider_setting)

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED or request is None:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as error:
            # A forged, altered, expired or foreign ID token, or a nonce that does not match.
            logger.warning("Sign-in with the organisation's account refused: %s", error)
            return None
        except (requests.RequestException, ValueError, ProviderUnavailable) as error:
            logger.warning("Identity provider unavailable at sign-in: %s", error)
            request.sign_in_refusal = str(PROVIDER_UNAVAILABLE_MESSAGE)
            return None

    def get_payload_data(self, token, key):
        """The ID token's claims, once its signature, audience, issuer and expiry hold."""
        algorithm = self.OIDC_RP_SIGN_ALGO
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") != algorithm:
                raise SuspiciousOperation(f"ID token signed with {header.get('alg')!r}")
            issuer = settings.OIDC_OP_ISSUER or None
            payload = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                leeway=settings.OIDC_CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error
        # OpenID Connect Core 3.1.3.7: with several audiences, we must be the authorized party.
        audiences = payload["aud"] if isinstance(payload["aud"], list) else [payload["aud"]]
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token issued to another party (azp)")
        return payload

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except (jwt.PyJWTError, KeyError) as error:
            raise SuspiciousOperation(f"No usable signing key: {error}") from error

    def get_userinfo(self, access_token, id_token, payload):
        """The verified ID token's claims, with the userinfo endpoint's where there is one
        (the ID token's win: they are signed)."""
        claims = {}
        if self.OIDC_OP_USER_ENDPOINT:
            claims = super().get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core 5.3.4: userinfo about anyone else must not be used.
            if claims.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("Userinfo is about another subject")
        return {**claims, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            return services.organisation_account_sign_in(issuer=payload["iss"], claims=claims)
        except Refusal as refusal:
            logger.info("Sign-in of %s refused: %s", claims.get("sub"), refusal)
            self.request.sign_in_refusal = str(refusal)
            return None

    def get_user(self, user_id):
        # A user deactivated here loses their session at once, as with ModelBackend (the
        # library's own get_user would keep it); the row and permissions come from the
        # cache as for a local account's session (core.auth).
        return CachedModelBackend().get_user(user_id)

    # Permissions are CachedModelBackend's; this backend only authenticates.
    def get_all_permissions(self, user_obj, obj=None):
        return set()

    async def aget_all_permissions(self, user_obj, obj=None):
        return set()

    def _get_permissions(self, user_obj, obj, from_name):
        return set()

    async def _aget_permissions(self, user_obj, obj, from_name):
        return set()

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        return self.UserModel._default_manager.none()
