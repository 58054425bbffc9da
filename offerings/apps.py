from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfferingsConfig(AppConfig):
    """The public actors (organisations and their people) and what they offer."""

    name = "offerings"
    verbose_name = _("Toimijat ja tarjooma")

    def ready(self):
        from core import auth, fragments
        from core.forms import remember_rendered_choices
        from segments.models import Segment

        from . import selectors, signals
        from .forms import ServiceFilterForm
        from .models import CustomerNeed, Organisation, SegmentOffering, Service
        from .templatetags.offering_tags import SEGMENT_OFFERING
        from .views.catalogue import SERVICE_CATALOGUE

        # The segment page's offering panel shows these (services with their producers).
        fragments.invalidate_on_change(
            SEGMENT_OFFERING, SegmentOffering, Service, Organisation, Segment
        )
        remember_rendered_choices(ServiceFilterForm)
        # The catalogue's table shows services with their producers and needs; its segment
        # filter reads the offering (a bulk write of these must bump it itself).
        fragments.invalidate_on_change(
            SERVICE_CATALOGUE, Service, Organisation, CustomerNeed, SegmentOffering, Segment
        )
        # The user's person comes with the session's user (core.auth), retired by
        # signals.person_changed and organisation_changed.
        auth.keep_with_user(selectors.PERSON_ATTRIBUTE, selectors.read_person)
        signals.connect()
