"""Users (Django's own model): the people every app's records point at; and writing many
rows of any factory in one query."""

import factory
from django.contrib.auth import get_user_model

TEST_PASSWORD = "testisalasana-123"


def create_in_bulk(factory_class, rows, batch_size=None, **common):
    """One row of the factory's model per item of `rows` (a dict of fields each), `common`
    fields in all, written with bulk_create: no signals, so no history rows, for tests that
    need thousands."""
    model = factory_class._meta.model
    objects = [factory_class.build(**common, **fields) for fields in rows]
    return model.objects.bulk_create(objects, batch_size=batch_size)


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
