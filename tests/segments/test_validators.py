"""The Y-tunnus validator's fast path for the standard form (1234567-8) gives the same
verdict as python-stdnum, which the other forms go through."""

import random

import pytest
from django.core.exceptions import ValidationError
from stdnum.fi import ytunnus

from segments.validators import normalize_business_id, validate_business_id


def _verdict(value):
    try:
        validate_business_id(value)
    except ValidationError as error:
        return error.code
    return "valid"


def test_standard_form__same_verdict_as_stdnum_and_the_compact_form():
    rng = random.Random(2008)
    numbers = [f"{rng.randrange(10**8):08d}" for _n in range(3000)]
    for digits in numbers:
        standard = f"{digits[:7]}-{digits[7]}"
        verdict = _verdict(standard)
        assert (verdict == "valid") == ytunnus.is_valid(digits), standard
        assert verdict == _verdict(digits) == _verdict(f" {digits[:7]} - {digits[7]} ")
        assert normalize_business_id(digits) == standard == normalize_business_id(standard)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0737546-2", "valid"),
        ("0737546-3", "invalid_checksum"),
        ("1234567-8", "invalid_checksum"),
        ("0000006-0", "invalid_remainder"),
        ("123456-78", "invalid_checksum"),  # a misplaced dash is tolerated, as by stdnum
        ("12345678-9", "invalid_length"),
        ("١٢٣٤٥٦٧-٨", "invalid_format"),  # ASCII digits only
    ],
)
def test_verdicts(value, code):
    assert _verdict(value) == code
