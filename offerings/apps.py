from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferingsConfig(AppConfig):
    """The public actors (organisations and their people) and what they offer."""

    name = "offerings"
    verbose_name = _("Toimijat ja tarjooma")
