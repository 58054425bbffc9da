"""core.db.single_row: the row of a query that matches at most one, read without ORDER BY."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.db import single_row
from offerings.models import Person
from offerings.selectors import person_of

pytestmark = pytest.mark.django_db


def test_single_row__the_row_or_none_and_no_order_by(working_group_user, django_user_model):
    without_person = django_user_model.objects.create_user("ilman-henkiloa")
    people = Person.objects.select_related("organisation")  # ordered by its Meta
    with CaptureQueriesContext(connection) as queries:
        found = single_row(people.filter(user=working_group_user))
        missing = single_row(people.filter(user=without_person))
    assert found.user == working_group_user and found.organisation is not None
    assert missing is None
    assert len(queries) == 2
    assert all("ORDER BY" not in query["sql"] for query in queries.captured_queries)


def test_person_of__read_once_a_request_without_order_by(working_group_user):
    with CaptureQueriesContext(connection) as queries:
        first = person_of(working_group_user)
        again = person_of(working_group_user)
    assert first is again and first.user == working_group_user
    assert len(queries) == 1 and "ORDER BY" not in queries.captured_queries[0]["sql"]
