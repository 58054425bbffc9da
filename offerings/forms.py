"""Forms of the offerings app; every message in Finnish."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm
from segments.models import Segment

from .models import CustomerNeed, Organisation, Rationale, Service, ServiceChannel

ALL = _("Kaikki")


def _choices(choices):
    return [("", ALL), *choices]


def _any_of(label, queryset, **options):
    """An optional filter on one of `queryset`, "Kaikki" when not chosen."""
    return forms.ModelChoiceField(
        label=label, queryset=queryset, required=False, empty_label=ALL, **options
    )


class ServiceFilterForm(FilterForm):
    """Filters of the service catalogue; every field optional, a bad value simply not applied."""

    filter_names = {"q": "search"}

    q = forms.CharField(label=_("Palvelun nimi tai sen osa"), required=False, max_length=200)
    organisation = _any_of(
        _("Tuottaja"), Organisation.objects.filter(is_active=True).order_by("order", "code")
    )
    status = forms.ChoiceField(
        label=_("Tila"), choices=_choices(Service.Status.choices), required=False
    )
    segment = _any_of(
        _("Segmentti"),
        Segment.objects.filter(is_active=True).order_by("number"),
        help_text=_("Peruspalvelut sekä täsmäpalvelut segmenttiin ja segmentistä."),
    )
    need = _any_of(
        _("Asiakastarve"), CustomerNeed.objects.filter(is_active=True).order_by("order", "code")
    )
    channel = _any_of(_("Palvelukanava"), ServiceChannel.objects.order_by("order", "code"))
    rationale = _any_of(_("Peruste"), Rationale.objects.order_by("order"))
    pricing = forms.ChoiceField(
        label=_("Hinnoittelu"), choices=_choices(Service.Pricing.choices), required=False
    )
    production_mode = forms.ChoiceField(
        label=_("Tuotantotapa"), choices=_choices(Service.ProductionMode.choices), required=False
    )
