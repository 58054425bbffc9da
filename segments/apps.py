from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    """Who the customers are: regions, segments, criteria, goals and promises."""

    name = "segments"
    verbose_name = _("Segmentit")

    def ready(self):
        # The rule engine imports no model; it is given the Attribute table to look in.
        from . import rules
        from .models import Attribute

        rules.install_attribute_lookup(Attribute.objects.by_code)
