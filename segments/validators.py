"""Validators of Finnish identifiers, with messages that name the problem."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fi import alv, ytunnus


def business_id_check_digit(digits):
    """The check digit of a Y-tunnus's seven digits, or None where there is none (remainder
    1: such numbers are never handed out).

    python-stdnum validates the Y-tunnus with the VAT number's checksum (stdnum.fi.alv):
    the weighted sum of all eight digits is divisible by 11 when the check digit is right."""
    check = -alv.checksum(f"{digits}0") % 11
    return None if check == 10 else check


# The standard form, as nearly every Y-tunnus in a file or an address comes: read without
# python-stdnum's character-by-character cleaning, which an import of 400,000 rows would
# otherwise spend seconds in.
STANDARD_FORM = re.compile(r"[0-9]{7}-[0-9]")


def normalize_business_id(value):
    """The Y-tunnus in its standard form 1234567-8; spaces and a missing dash are tolerated."""
    if value and STANDARD_FORM.fullmatch(value):
        return value
    compact = ytunnus.compact(value or "")
    if re.fullmatch(r"[0-9]{8}", compact):
        return f"{compact[:7]}-{compact[7]}"
    return (value or "").strip()


def validate_business_id(value):
    """A valid Finnish business ID (Y-tunnus): seven digits, a dash and a check digit."""
    if value and STANDARD_FORM.fullmatch(value):
        compact = value[:7] + value[8]
    else:
        compact = ytunnus.compact(value or "")
    # ASCII digits only: Python's \d also matches other scripts' digits.
    if not re.fullmatch(r"[0-9]+", compact):
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
    expected = business_id_check_digit(compact[:7])
    if expected is None:
        raise ValidationError(
            _(
                "Y-tunnus %(value)s ei ole mahdollinen: näille seitsemälle numerolle ei ole tarkistusnumeroa (jakojäännös 1)."
            ),
            code="invalid_remainder",
            params={"value": value},
        )
    # ytunnus.is_valid(compact) once the format is right: the weighted sum of the eight
    # digits divisible by 11, i.e. the check digit the one the seven digits give.
    if int(compact[7]) != expected:
        raise ValidationError(
            _(
                "Y-tunnuksen %(value)s tarkistusnumero on väärä: numeroilla %(digits)s sen pitäisi olla %(expected)s."
            ),
            code="invalid_checksum",
            params={"value": value, "digits": compact[:7], "expected": expected},
        )


def validate_industry_code(value):
    """A TOL 2008 industry: a section letter A–U or a code of 2–5 digits."""
    if not re.fullmatch(r"[A-U]|[0-9]{2,5}", value or ""):
        raise ValidationError(
            _(
                "Toimialakoodi on TOL 2008 -luokituksen pääluokan kirjain (A–U) tai 2–5 numeroa, esimerkiksi 62010 (annettu: %(value)s)."
            ),
            code="invalid_industry",
            params={"value": value},
        )
