"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from offerings.views.sign_in import (
    SignInCallbackView,
    SignInStartView,
    SignInView,
    SignOutView,
)

from . import views

admin.site.site_header = _("Asiakkuusstrategia – ylläpito")
admin.site.site_title = _("Asiakkuusstrategia")
admin.site.index_title = _("Ylläpito")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Django's login page, with the organisation account's button when OIDC is configured.
    path("accounts/login/", SignInView.as_view(), name="login"),
    # Signs out of the organisation's identity provider too, after an OIDC sign-in.
    path("accounts/logout/", SignOutView.as_view(), name="logout"),
    # Sign-in with the organisation's account (OpenID Connect); 404 unless configured.
    path(
        "accounts/oidc/authenticate/",
        login_not_required(SignInStartView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "accounts/oidc/callback/",
        login_not_required(SignInCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path("accounts/", include("config.accounts_urls")),
    path("notifications/", include("core.notifications.urls")),
    # The language switcher must work before login too.
    path("i18n/setlang/", login_not_required(views.language_set), name="set_language"),
    path("api/v1/", include("config.api_urls")),
    path("segments/", include("segments.urls")),
    path("responsibility/", include("responsibility.urls")),
    path("", include("offerings.urls")),
    path("", include("governance.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "config.views.server_error"
