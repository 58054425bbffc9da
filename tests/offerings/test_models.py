"""Organisation invariants live in the database, with Finnish messages for forms."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from offerings.models import Organisation
from segments.models import Region
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _refused_in_form_and_database(obj, message):
    """clean() refuses the row with the message, and the database refuses it without."""
    with pytest.raises(ValidationError, match=message):
        obj.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def test_organisation__te_centre_needs_a_region(strategy_data):
    centre = Organisation(code="te-x", kind="te_centre", name_fi="X", name_sv="X")
    _refused_in_form_and_database(centre, "Alue annetaan vain TE-keskukselle")


def test_organisation__only_te_centres_have_a_region(strategy_data):
    agency = Organisation(
        code="x", kind="agency", name_fi="X", name_sv="X", region=Region.objects.get(code="lappi")
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        agency.save()


def test_organisation__a_ministry_unit_belongs_to_the_ministry(strategy_data):
    unit = Organisation(code="yksikko", kind="ministry_unit", name_fi="Yksikkö", name_sv="Enhet")
    _refused_in_form_and_database(unit, "Ministeriön yksiköllä on oltava ministeriö")


def test_organisation__one_te_centre_per_region(strategy_data):
    second = Organisation(
        code="te-lappi-2",
        kind="te_centre",
        name_fi="Toinen",
        name_sv="Andra",
        region=Region.objects.get(code="lappi"),
    )
    _refused_in_form_and_database(second, "Alueella on jo TE-keskus")


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
        _refused_in_form_and_database(service, "on nimettävä kumppani")
    _service(production_mode="partner", partner="Uusyrityskeskus").full_clean()
    _service(production_mode="in_house").full_clean()


def test_offering__a_transition_moves_from_one_segment_to_another(strategy_data):
    from offerings.models import SegmentOffering
    from segments.models import Segment

    service = _service()
    service.save()
    local = Segment.objects.get(code="paikalliset")
    same = SegmentOffering(service=service, kind="transition", from_segment=local, to_segment=local)
    _refused_in_form_and_database(same, "lähtö- ja kohdesegmentti eivät voi olla sama")


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
    _refused_in_form_and_database(offering, "Peruspalvelulle annetaan segmentti")


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
