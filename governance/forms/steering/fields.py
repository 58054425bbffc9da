"""The fields the steering forms share: years, order, the change reason and version of an
edit, decimals written the Finnish way; every message in Finnish."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from offerings.models import Organisation

from ..common import change_reason_field

GENERAL_LEVEL = "general"  # the clock filter's value for events of no planning level
MIN_YEAR, MAX_YEAR = 2008, 2100
YEAR_ERRORS = {
    "invalid": _("Anna vuosi numeroina, esimerkiksi 2026."),
    "min_value": _("Vuosi on aikaisintaan 2008."),
    "max_value": _("Vuosi on viimeistään 2100."),
    "required": _("Anna vuosi."),
}
NUMBER_HELP = _("Luku; desimaalierottimena pilkku, esimerkiksi 1 234,5.")
NUMBER_INVALID = _("Anna luku, esimerkiksi 1 234,5.")
ORDER_ERRORS = {
    "invalid": _("Anna järjestys kokonaislukuna (0 tai suurempi)."),
    "min_value": _("Järjestys ei voi olla negatiivinen."),
    "max_value": _("Järjestys on enintään 32767."),
}


YEAR_LABEL = _("Vuosi")


def year_field(label=YEAR_LABEL, required=True):
    return forms.IntegerField(
        label=label,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        required=required,
        error_messages=YEAR_ERRORS,
    )


def order_field():
    return forms.IntegerField(
        label=_("Järjestys"),
        min_value=0,
        max_value=32767,
        initial=0,
        required=False,
        error_messages=ORDER_ERRORS,
    )


def reason_field():
    return change_reason_field(_("Kerro, miksi muutos tehdään."))


def organisations():
    return Organisation.objects.filter(is_active=True).order_by("order", "code")


def month_choices():
    return [(number, name) for number, name in MONTHS.items()]


class LocalDecimalField(forms.DecimalField):
    """A decimal in Finnish writing: a comma for the decimals, spaces between thousands
    (Django drops thousands separators only when it also prints them)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())  # also no-break spaces
        return super().to_python(value)


def number_field(label, *, required, help_text=NUMBER_HELP):
    # localize: the decimal separator of the user's language (a comma in Finnish).
    return LocalDecimalField(
        label=label,
        max_digits=16,
        decimal_places=2,
        required=required,
        localize=True,
        help_text=help_text,
        error_messages={
            "invalid": NUMBER_INVALID,
            "required": _("Anna tavoite lukuna."),
            "max_digits": _("Luvussa saa olla enintään 16 numeroa."),
            "max_decimal_places": _("Luvussa saa olla enintään kaksi desimaalia."),
            "max_whole_digits": _("Luvussa saa olla enintään 14 numeroa ennen pilkkua."),
        },
    )
