"""Builders of the offerings app's rows: organisations and their people, needs, channels,
services and where they are offered, findings, development items and shared tools."""

import factory

from offerings.models import (
    CustomerNeed,
    DevelopmentItem,
    Finding,
    Organisation,
    Person,
    SegmentOffering,
    Service,
    ServiceChannel,
    SharedTool,
)

from .segments import SegmentFactory
from .users import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An agency; `OrganisationFactory(code="tekes")` returns the report's own one."""

    class Meta:
        model = Organisation
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"toimija-{n}")
    kind = Organisation.Kind.AGENCY
    name_fi = factory.Sequence(lambda n: f"Toimija {n}")
    name_sv = factory.Sequence(lambda n: f"Aktör {n}")
    order = factory.Sequence(lambda n: 100 + n)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class CustomerNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerNeed

    code = factory.Sequence(lambda n: f"tarve-{n}")
    name_fi = factory.LazyAttribute(lambda need: f"Tarve {need.code}")


class ServiceChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceChannel

    code = factory.Sequence(lambda n: f"kanava-{n}")
    name_fi = factory.Sequence(lambda n: f"Kanava {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service; `producers=[...]` sets who produces it."""

    class Meta:
        model = Service
        # A second save would write a second history row.
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Palvelu {n:05d}")
    owner = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def producers(service, create, extracted, **kwargs):
        if extracted is not None:
            service.producers.set(extracted)


class SegmentOfferingFactory(factory.django.DjangoModelFactory):
    """A service offered to a segment as a basic service (kind="transition" with
    from_segment and to_segment for a transition service)."""

    class Meta:
        model = SegmentOffering

    service = factory.SubFactory(ServiceFactory)
    kind = SegmentOffering.Kind.BASIC
    segment = factory.Maybe(
        factory.LazyAttribute(lambda offering: offering.kind == SegmentOffering.Kind.BASIC),
        yes_declaration=factory.SubFactory(SegmentFactory),
        no_declaration=None,
    )


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    segment = factory.SubFactory(SegmentFactory)
    need = factory.SubFactory(CustomerNeedFactory)
    kind = Finding.Kind.GAP
    note = factory.Faker("sentence", locale="fi_FI")
    owner = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("owner")


class DevelopmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentItem

    kind = DevelopmentItem.Kind.LONG_TERM
    title = factory.Sequence(lambda n: f"Tehtävä {n}")


class SharedToolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedTool

    kind = SharedTool.Kind.CURRENT
    name = factory.Sequence(lambda n: f"Työkalu {n}")
    owner = factory.SubFactory(OrganisationFactory)
