"""Forms of the offerings app; every message in Finnish."""

from django import forms
from django.utils.translation import gettext_lazy as _

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


class ServiceFilterForm(forms.Form):
    """Filters of the service catalogue; every field optional, a bad value simply not applied."""

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

    def filters(self):
        """The valid filters as keyword arguments of selectors.service_filter; a field with a
        bad value (a hand-edited address) is left out, the others still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        return {
            "search": data.get("q", ""),
            "organisation": data.get("organisation"),
            "status": data.get("status", ""),
            "segment": data.get("segment"),
            "need": data.get("need"),
            "channel": data.get("channel"),
            "rationale": data.get("rationale"),
            "pricing": data.get("pricing", ""),
            "production_mode": data.get("production_mode", ""),
        }
