"""Segment invariants live in the database, with Finnish messages for forms."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from segments.models import Company, Criterion, Segment, ServicePromise

pytestmark = pytest.mark.django_db


def _promise(segment, status, **texts):
    return ServicePromise(
        segment=segment, status=status, text_fi=texts.get("fi", "Lupaus"), text_sv=texts.get("sv")
    )


def test_promise__at_most_one_confirmed_per_segment(strategy_data):
    segment = Segment.objects.get(code="perustajat")
    _promise(segment, "confirmed", sv="Löfte").save()
    second = _promise(segment, "confirmed", fi="Toinen", sv="Andra")
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "Segmentillä on jo vahvistettu palvelulupaus" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_promise__several_alternatives_are_allowed(strategy_data):
    segment = Segment.objects.get(code="kotimarkkinat")
    for text in ("A", "B", "C"):
        promise = _promise(segment, "alternative", fi=text)
        promise.full_clean()
        promise.save()
    assert segment.promises.filter(status="alternative").count() == 3


@pytest.mark.parametrize("swedish", [None, ""])
def test_promise__cannot_be_confirmed_without_swedish_text(strategy_data, swedish):
    promise = ServicePromise.objects.get(segment__code="suuryritykset")
    promise.status = "confirmed"
    promise.text_sv = swedish
    with pytest.raises(ValidationError) as error:
        promise.full_clean()
    assert "ennen kuin sen ruotsinkielinen teksti on kirjoitettu" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        ServicePromise.objects.filter(pk=promise.pk).update(status="confirmed", text_sv=swedish)


def test_promise__confirmed_with_swedish_text(strategy_data):
    promise = ServicePromise.objects.get(segment__code="suuryritykset")
    promise.status = "confirmed"
    promise.text_sv = "Vi erbjuder en konkurrenskraftig innovationsmiljö."
    promise.full_clean()
    promise.save()
    assert ServicePromise.objects.get(pk=promise.pk).status == "confirmed"


def test_criterion__one_of_each_kind_per_segment(strategy_data):
    segment = Segment.objects.get(code="suuryritykset")
    duplicate = Criterion(segment=segment, kind="entry")
    with pytest.raises(ValidationError, match="Segmentillä on jo tämän lajin kriteeri"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_criterion__empty_text_is_not_defined(strategy_data):
    criterion = Criterion.objects.get(segment__code="suuryritykset", kind="exit")
    assert not criterion.is_defined
    criterion.text_fi = "   "
    assert not criterion.is_defined
    criterion.text_fi = "Liikevaihto yli 50 milj. euroa"
    assert criterion.is_defined


def test_segment__history_keeps_translations_but_not_the_version(strategy_data):
    segment = Segment.objects.get(code="paikalliset")
    segment.name_sv = "Lokalt verksamma företag"
    segment._change_reason = "Ruotsinkielinen nimi"
    segment.save()
    latest = segment.history.first()
    assert latest.name_sv == "Lokalt verksamma företag"
    assert latest.history_change_reason == "Ruotsinkielinen nimi"
    assert not hasattr(latest, "version")


def test_company_address__is_what_reverse_gives_under_any_script_prefix():
    # get_absolute_url reverses once per script prefix and appends the Y-tunnus.
    from django.urls import reverse, set_script_prefix

    company = Company(business_id="1234567-8")
    assert company.get_absolute_url() == reverse("segments:company_detail", args=["1234567-8"])
    try:
        set_script_prefix("/asiakkuus/")
        assert company.get_absolute_url() == "/asiakkuus/segments/companies/1234567-8/"
    finally:
        set_script_prefix("/")
