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
