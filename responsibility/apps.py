from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResponsibilityConfig(AppConfig):
    """Which actor holds each customer, handovers and consent-based data sharing."""

    name = "responsibility"
    verbose_name = _("Asiakasvastuu")
