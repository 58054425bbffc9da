"""Root URL configuration."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from . import views

admin.site.site_header = _("Asiakkuusstrategia – ylläpito")
admin.site.site_title = _("Asiakkuusstrategia")
admin.site.index_title = _("Ylläpito")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("config.accounts_urls")),
    path("notifications/", include("core.notifications.urls")),
    # The language switcher must work before login too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/v1/", include("config.api_urls")),
    path("segments/", include("segments.urls")),
    path("responsibility/", include("responsibility.urls")),
    path("", include("offerings.urls")),
    path("", include("governance.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "config.views.server_error"
