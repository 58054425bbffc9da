from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    """Who the customers are: regions, segments, criteria, goals and promises."""

    name = "segments"
    verbose_name = _("Segmentit")

    def ready(self):
        # The rule engine imports no model; it is given the Attribute table to look in.
        from core import fragments
        from core.forms import remember_rendered_choices
        from core.history import display_value_with

        from . import rules
        from .forms import CompanyFilterForm
        from .models import Attribute, Criterion
        from .selectors.segments import SEGMENT_CONTENT_MODELS, describe_stored_rules
        from .views.segments import SEGMENT_PAGE

        rules.install_attribute_lookup(Attribute.objects.by_code)
        # History shows a criterion's rules in words, not as the stored JSON.
        display_value_with(Criterion, "rules", describe_stored_rules)
        # The segment page's content, cached until one of these changes.
        # Rules are described with the attributes' names and units, so those count too.
        fragments.invalidate_on_change(SEGMENT_PAGE, *SEGMENT_CONTENT_MODELS, Attribute)
        remember_rendered_choices(CompanyFilterForm)
