"""Organisation invariants live in the database, with Finnish messages for forms."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from offerings.models import Organisation
from segments.models import Region

pytestmark = pytest.mark.django_db


def test_organisation__te_centre_needs_a_region(strategy_data):
    centre = Organisation(code="te-x", kind="te_centre", name_fi="X", name_sv="X")
    with pytest.raises(ValidationError, match="Alue annetaan vain TE-keskukselle"):
        centre.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        centre.save()


def test_organisation__only_te_centres_have_a_region(strategy_data):
    agency = Organisation(
        code="x", kind="agency", name_fi="X", name_sv="X", region=Region.objects.get(code="lappi")
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        agency.save()


def test_organisation__a_ministry_unit_belongs_to_the_ministry(strategy_data):
    unit = Organisation(code="yksikko", kind="ministry_unit", name_fi="Yksikkö", name_sv="Enhet")
    with pytest.raises(ValidationError, match="Ministeriön yksiköllä on oltava ministeriö"):
        unit.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        unit.save()


def test_organisation__one_te_centre_per_region(strategy_data):
    second = Organisation(
        code="te-lappi-2",
        kind="te_centre",
        name_fi="Toinen",
        name_sv="Andra",
        region=Region.objects.get(code="lappi"),
    )
    with pytest.raises(ValidationError, match="Alueella on jo TE-keskus"):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_organisation__swedish_name_is_required(strategy_data):
    with pytest.raises(ValidationError) as error:
        Organisation(code="y", kind="agency", name_fi="Y").full_clean()
    assert "name_sv" in error.value.message_dict
