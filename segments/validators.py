"""Validators of Finnish identifiers, with messages that name the problem."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fi import ytunnus

# Weights of the Y-tunnus check digit (python-stdnum uses the same).
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def normalize_business_id(value):
    """The Y-tunnus in its standard form 1234567-8; spaces and a missing dash are tolerated."""
    compact = ytunnus.compact(value or "")
    if re.fullmatch(r"\d{8}", compact):
        return f"{compact[:7]}-{compact[7]}"
    return (value or "").strip()


def validate_business_id(value):
    """A valid Finnish business ID (Y-tunnus): seven digits, a dash and a check digit."""
    compact = ytunnus.compact(value or "")
    if not re.fullmatch(r"\d+", compact):
        raise ValidationError(
            _(
                "Y-tunnus saa sisältää vain numeroita ja väliviivan, muodossa 1234567-8 (annettu: %(value)s)."
            ),
            code="invalid_format",
            params={"value": value},
        )
    if len(compact) != 8:
        raise ValidationError(
            _(
                "Y-tunnuksessa on seitsemän numeroa, väliviiva ja tarkistusnumero, esimerkiksi 1234567-8 (annettu: %(value)s)."
            ),
            code="invalid_length",
            params={"value": value},
        )
    remainder = sum(w * int(d) for w, d in zip(_WEIGHTS, compact[:7], strict=True)) % 11
    if remainder == 1:
        raise ValidationError(
            _(
                "Y-tunnus %(value)s ei ole mahdollinen: näille seitsemälle numerolle ei ole tarkistusnumeroa (jakojäännös 1)."
            ),
            code="invalid_remainder",
            params={"value": value},
        )
    if not ytunnus.is_valid(compact):
        expected = 0 if remainder == 0 else 11 - remainder
        raise ValidationError(
            _(
                "Y-tunnuksen %(value)s tarkistusnumero on väärä: numeroilla %(digits)s sen pitäisi olla %(expected)s."
            ),
            code="invalid_checksum",
            params={"value": value, "digits": compact[:7], "expected": expected},
        )


def validate_industry_code(value):
    """A TOL 2008 industry: a section letter A–U or a code of 2–5 digits."""
    if not re.fullmatch(r"[A-U]|\d{2,5}", value or ""):
        raise ValidationError(
            _(
                "Toimialakoodi on TOL 2008 -luokituksen pääluokan kirjain (A–U) tai 2–5 numeroa, esimerkiksi 62010 (annettu: %(value)s)."
            ),
            code="invalid_industry",
            params={"value": value},
        )
