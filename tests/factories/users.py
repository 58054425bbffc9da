"""Users (Django's own model): the people every app's records point at."""

import factory
from django.contrib.auth import get_user_model

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
