from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    """Who the customers are: regions, segments, criteria, goals and promises."""

    name = "segments"
    verbose_name = _("Segmentit")
