"""Forms of the offerings app; every message in Finnish."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, any_choice, any_of
from segments.models import Segment

from .models import CustomerNeed, Organisation, Rationale, Service, ServiceChannel


class ServiceFilterForm(FilterForm):
    """Filters of the service catalogue; every field optional, a bad value simply not applied."""

    filter_names = {"q": "search"}

    q = forms.CharField(label=_("Palvelun nimi tai sen osa"), required=False, max_length=200)
    organisation = any_of(
        _("Tuottaja"), Organisation.objects.filter(is_active=True).order_by("order", "code")
    )
    status = any_choice(_("Tila"), Service.Status.choices)
    segment = any_of(
        _("Segmentti"),
        Segment.objects.filter(is_active=True).order_by("number"),
        help_text=_("Peruspalvelut sekä täsmäpalvelut segmenttiin ja segmentistä."),
    )
    need = any_of(
        _("Asiakastarve"), CustomerNeed.objects.filter(is_active=True).order_by("order", "code")
    )
    channel = any_of(_("Palvelukanava"), ServiceChannel.objects.order_by("order", "code"))
    rationale = any_of(_("Peruste"), Rationale.objects.order_by("order"))
    pricing = any_choice(_("Hinnoittelu"), Service.Pricing.choices)
    production_mode = any_choice(_("Tuotantotapa"), Service.ProductionMode.choices)
