"""Sign-in with the organisation's account (OpenID Connect): start, return from the
identity provider, and sign out of both. Each page is a 404 while OIDC is not configured."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView, LogoutView
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from ..oidc import PROVIDER_UNAVAILABLE_MESSAGE, ProviderUnavailable, provider_setting

SIGN_IN_FAILED_MESSAGE = _(
    "Kirjautuminen organisaation tunnuksella epäonnistui. Yritä uudelleen tai ota yhteyttä "
    "konserniohjauksen ylläpitäjään."
)
STATE_MESSAGE = _(
    "Kirjautumispyyntö oli vanhentunut tai se ei ollut tästä selaimesta. Aloita kirjautuminen "
    "uudelleen."
)
CANCELLED_MESSAGE = _("Kirjautuminen organisaation tunnuksella keskeytettiin.")


def _require_enabled():
    if not settings.OIDC_ENABLED:
        raise Http404


class SignInView(LoginView):
    """Django's login page, with the organisation account's button when OIDC is on."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.OIDC_ENABLED}


class SignInStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the identity provider with a new state, nonce and PKCE challenge."""

    get_settings = staticmethod(provider_setting)

    def __init__(self, **kwargs):
        # The library reads the endpoints here; they may need the provider's discovery
        # document, whose absence is answered below rather than with an error page.
        View.__init__(self, **kwargs)

    def get(self, request):
        _require_enabled()
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable:
            messages.error(request, PROVIDER_UNAVAILABLE_MESSAGE)
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)

    def get_extra_params(self, request):
        # The provider's pages in the language the user reads ours in.
        return {**super().get_extra_params(request), "ui_locales": get_language()}


class SignInCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: the code is exchanged and the ID token checked
    (offerings.oidc), the user signed in or sent back to the login page with the reason."""

    get_settings = staticmethod(provider_setting)

    def get(self, request):
        _require_enabled()
        state = request.GET.get("state")
        if "code" in request.GET and state is not None:
            # A state this browser did not start (forged, replayed or from another browser)
            # is refused here with a message; the library would answer 400.
            if state not in request.session.get("oidc_states", {}):
                self.refusal = STATE_MESSAGE
                return self.login_failure()
        elif request.GET.get("error"):
            self.refusal = CANCELLED_MESSAGE
        return super().get(request)

    def login_failure(self):
        request = self.request
        # The ID token of a refused sign-in is not kept for a later sign-out.
        request.session.pop("oidc_id_token", None)
        message = (
            getattr(request, "sign_in_refusal", None)
            or getattr(self, "refusal", None)
            or SIGN_IN_FAILED_MESSAGE
        )
        messages.error(request, message)
        return redirect("login")


class SignOutView(LogoutView):
    """Signs out here and, for a user who signed in with the organisation's account, at the
    identity provider too (RP-initiated logout), which then returns to our login page."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        if not (settings.OIDC_ENABLED and id_token):
            return super().post(request, *args, **kwargs)
        try:
            end_session = provider_setting("OIDC_OP_LOGOUT_ENDPOINT")
        except ProviderUnavailable:
            end_session = ""
        logout(request)
        if not end_session:
            # Signed out here; the provider's session ends when it expires.
            return redirect(settings.LOGOUT_REDIRECT_URL)
        query = urlencode(
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
                "client_id": settings.OIDC_RP_CLIENT_ID,
            }
        )
        return HttpResponseRedirect(f"{end_session}?{query}")
