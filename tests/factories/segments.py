"""Builders of the segments app's rows: companies, their attributes and yearly values, the
segments' own items and manual placements."""

from decimal import Decimal

import factory

from segments import placements
from segments.models import (
    Attribute,
    AttributeValue,
    Company,
    Goal,
    ManualPlacement,
    ResegmentationRun,
    Segment,
    ServicePromise,
    Strategy,
)
from segments.validators import business_id_check_digit


def business_id(number):
    """A valid Y-tunnus, different for every running number (those with no check digit
    are skipped: the next candidate is still below the next number's)."""
    number *= 3
    while (check := business_id_check_digit(f"{number:07d}")) is None:
        number += 1
    return f"{number:07d}-{check}"


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    number = factory.Sequence(lambda n: 1000 + n)
    code = factory.LazyAttribute(lambda s: f"s{s.number}")
    kind = Segment.Kind.CANDIDATE
    name_fi = factory.LazyAttribute(lambda s: f"Segmentti {s.number}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    segment = factory.SubFactory(SegmentFactory)
    perspective = "customer"
    text_fi = "Tavoite"


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    segment = factory.SubFactory(SegmentFactory)
    text_fi = "Strategia"


class ServicePromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePromise

    segment = factory.SubFactory(SegmentFactory)
    text_fi = "Lupaus"


class AttributeFactory(factory.django.DjangoModelFactory):
    """An attribute staff define; the traits are the ones the tests' rules speak of."""

    class Meta:
        model = Attribute

    code = factory.Sequence(lambda n: f"ominaisuus-{n}")
    name_fi = factory.Sequence(lambda n: f"Ominaisuus {n}")
    value_type = Attribute.ValueType.INTEGER

    class Params:
        staff = factory.Trait(code="henkilosto", name_fi="Henkilöstö", value_type="integer")
        export_share = factory.Trait(code="vienti", name_fi="Vientiosuus", value_type="decimal")
        turnover = factory.Trait(code="liikevaihto", name_fi="Liikevaihto", value_type="decimal")
        exporter = factory.Trait(code="vientiyritys", name_fi="Vientiyritys", value_type="boolean")
        free_text = factory.Trait(code="kuvaus", name_fi="Kuvaus", value_type="text")


class CompanyFactory(factory.django.DjangoModelFactory):
    """A company with a valid Y-tunnus far above the numbers the tests name themselves;
    `segment_code` places it in one of the report's segments."""

    class Meta:
        model = Company
        # A second save would write a second history row.
        skip_postgeneration_save = True

    class Params:
        segment_code = None

    business_id = factory.Sequence(lambda n: business_id(1_000_000 + n))
    name = factory.Faker("company", locale="fi_FI")
    segment = factory.LazyAttribute(
        lambda company: (
            Segment.objects.get(code=company.segment_code) if company.segment_code else None
        )
    )

    @factory.post_generation
    def values(company, create, extracted, year=2026, **kwargs):
        """`values={attribute: number}`: the company's values of `values__year` (2026)."""
        for attribute, number in (extracted or {}).items():
            AttributeValueFactory(company=company, attribute=attribute, year=year, number=number)


class AttributeValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttributeValue

    company = factory.SubFactory(CompanyFactory)
    attribute = factory.SubFactory(AttributeFactory)
    year = 2026
    number = Decimal(0)


def placed(company, by, *, action="exclude", reason="x", first_year=2026, **fields):
    """A manual placement of the company, made through the service (with its history)."""
    return placements.placement_set(
        company=company, action=action, reason=reason, first_year=first_year, by=by, **fields
    )


class ResegmentationRunFactory(factory.django.DjangoModelFactory):
    """A run as the database holds it (queued unless `status` says otherwise), without the
    worker's steps."""

    class Meta:
        model = ResegmentationRun

    year = 2026


class ManualPlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManualPlacement

    company = factory.SubFactory(CompanyFactory)
    action = ManualPlacement.Action.EXCLUDE
    reason = "x"
    first_year = 2026
