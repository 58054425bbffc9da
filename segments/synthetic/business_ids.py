"""The synthetic data set's Y-tunnukset: the 9-series (9000000-x upwards), which the registry
hands out in order and has not come near; should a real company hold one anyway, it is kept
and the number skipped (companies_generate)."""

from segments.validators import business_id_check_digit

FIRST_NUMBER = 9_000_000
LAST_NUMBER = 9_999_999

# How many synthetic companies there can be: one number in eleven has no check digit.
CAPACITY = 909_091


def business_ids():
    """The synthetic Y-tunnukset in order: the valid numbers of the 9-series, from 9000000."""
    for number in range(FIRST_NUMBER, LAST_NUMBER + 1):
        digits = f"{number:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            yield f"{digits}-{check}"
