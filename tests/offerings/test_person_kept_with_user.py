"""The session's user brings their person (and its organisation) from the cache
(core.auth.keep_with_user, offerings.signals): no query for it on a warm page, and every
change that can alter it shows at the next request."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from core.auth import CachedModelBackend
from offerings.models import Organisation, Person
from offerings.selectors import person_of
from responsibility.permissions import organisation_of

pytestmark = pytest.mark.django_db


def session_user(user):
    """The user as the next request's session loads them."""
    return CachedModelBackend().get_user(user.pk)


def test_person__a_warm_page_asks_no_person(client, agency_user, count_queries):
    client.force_login(agency_user)
    portfolio = reverse("responsibility:portfolio")
    count_queries(client, portfolio)
    assert count_queries.any_sql('FROM "offerings_person"')  # read once, with the user
    count_queries(client, portfolio)
    assert not count_queries.any_sql('FROM "offerings_person"')


def test_person__comes_with_the_session_user_without_a_query(
    agency_user, django_assert_num_queries
):
    session_user(agency_user)
    with django_assert_num_queries(0):
        assert organisation_of(session_user(agency_user)).code == "finnvera"


def test_person__moved_to_another_organisation_at_the_next_request(agency_user):
    assert organisation_of(session_user(agency_user)).code == "finnvera"
    person = Person.objects.get(user=agency_user)
    person.organisation = Organisation.objects.get(code="finpro")
    person.save()
    assert organisation_of(session_user(agency_user)).code == "finpro"


def test_person__created_and_deleted_at_the_next_request(strategy_data):
    newcomer = get_user_model().objects.create(username="uusi")
    assert person_of(session_user(newcomer)) is None
    Person.objects.create(user=newcomer, organisation=Organisation.objects.get(code="tekes"))
    assert organisation_of(session_user(newcomer)).code == "tekes"
    Person.objects.filter(user=newcomer).get().delete()
    assert person_of(session_user(newcomer)) is None


def test_person__given_to_another_user_leaves_the_previous_one(agency_user):
    other = get_user_model().objects.create(username="toinen")
    assert person_of(session_user(agency_user)) is not None
    assert person_of(session_user(other)) is None
    person = Person.objects.get(user=agency_user)
    person.user = other
    person.save()
    assert person_of(session_user(agency_user)) is None
    assert organisation_of(session_user(other)).code == "finnvera"


def test_person__its_organisation_renamed_at_the_next_request(agency_user):
    assert organisation_of(session_user(agency_user)).name_fi != "Uusi nimi"
    organisation = Organisation.objects.get(code="finnvera")
    organisation.name_fi = "Uusi nimi"
    organisation.save()
    assert organisation_of(session_user(agency_user)).name_fi == "Uusi nimi"


def test_person__a_rolled_back_move_is_not_kept(agency_user):
    """Read inside the transaction that moved the person, the new organisation is not
    stored: after the rollback the next request sees the old one."""
    finpro = Organisation.objects.get(code="finpro")
    with pytest.raises(RuntimeError), transaction.atomic():
        person = Person.objects.get(user=agency_user)
        person.organisation = finpro
        person.save()
        assert organisation_of(session_user(agency_user)) == finpro
        raise RuntimeError("peruttu")
    assert organisation_of(session_user(agency_user)).code == "finnvera"


def test_person__an_organisation_closed_at_the_next_request(agency_user):
    assert organisation_of(session_user(agency_user)).is_active
    organisation = Organisation.objects.get(code="finnvera")
    organisation.is_active = False
    organisation.save()
    assert not organisation_of(session_user(agency_user)).is_active
