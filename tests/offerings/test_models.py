"""Organisation invariants live in the database, with Finnish messages for forms."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from offerings.models import Organisation
from segments.models import Region
from tests.factories import ServiceFactory

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


def _service(**fields):
    return ServiceFactory.build(
        name_fi="Testipalvelu", owner=Organisation.objects.get(code="tekes"), **fields
    )


def test_service__a_procured_or_partner_service_names_its_partner(strategy_data):
    for mode in ("procured", "partner"):
        service = _service(production_mode=mode)
        with pytest.raises(ValidationError, match="on nimettävä kumppani"):
            service.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            service.save()
    _service(production_mode="partner", partner="Uusyrityskeskus").full_clean()
    _service(production_mode="in_house").full_clean()


def test_offering__a_transition_moves_from_one_segment_to_another(strategy_data):
    from offerings.models import SegmentOffering
    from segments.models import Segment

    service = _service()
    service.save()
    local = Segment.objects.get(code="paikalliset")
    same = SegmentOffering(service=service, kind="transition", from_segment=local, to_segment=local)
    with pytest.raises(ValidationError, match="lähtö- ja kohdesegmentti eivät voi olla sama"):
        same.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        same.save()


@pytest.mark.parametrize(
    "shape",
    [
        {"kind": "basic"},
        {
            "kind": "basic",
            "from_segment": "paikalliset",
            "to_segment": "kotimarkkinat",
            "segment": "paikalliset",
        },
        {"kind": "transition", "segment": "paikalliset"},
        {"kind": "transition", "from_segment": "paikalliset"},
    ],
)
def test_offering__basic_has_a_segment_and_transition_has_from_and_to(strategy_data, shape):
    from offerings.models import SegmentOffering
    from segments.models import Segment

    service = _service()
    service.save()
    fields = {k: Segment.objects.get(code=v) if k != "kind" else v for k, v in shape.items()}
    offering = SegmentOffering(service=service, **fields)
    with pytest.raises(ValidationError, match="Peruspalvelulle annetaan segmentti"):
        offering.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        offering.save()


def test_service_admin__a_service_needs_a_producer(client, ministry_user):
    from django.urls import reverse

    client.force_login(ministry_user)
    response = client.post(
        reverse("admin:offerings_service_add"),
        {
            "name_fi": "Ilman tuottajaa",
            "status": "current",
            "owner": Organisation.objects.get(code="tekes").pk,
            "production_mode": "in_house",
            "pricing": "free",
            "change_reason": "x",
            "offerings-TOTAL_FORMS": "0",
            "offerings-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Palvelulla on oltava vähintään yksi tuottaja." in response.content.decode()
