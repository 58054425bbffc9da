"""Builders of test data (factory-boy)."""

import factory
from django.contrib.auth import get_user_model

from offerings.models import Organisation, Person

TEST_PASSWORD = "testisalasana-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"kayttaja{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fi")
    password = factory.django.Password(TEST_PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
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


def business_id(number):
    """A valid Y-tunnus, different for every running number (those with no check digit
    are skipped: the next candidate is still below the next number's)."""
    weights = (7, 9, 10, 5, 8, 4, 2)
    number *= 3
    while True:
        digits = f"{number:07d}"
        remainder = sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11
        if remainder != 1:
            return f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        number += 1
