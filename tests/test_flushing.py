"""tests/flushing.py: copying the report's rows back moves the id sequences past them and
never back, since a sequence keeps its value through a test's rollback."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from .flushing import _move_sequences_past

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's sequences"),
]


@pytest.fixture(autouse=True)
def sequence_past_the_rows_afterwards():
    """A sequence set back by a test that fails before moving it past the rows would stay
    back after the rollback and fail the worker's later inserts: moved past them anyway."""
    yield
    with connection.cursor() as cursor:
        _move_sequences_past(cursor, ["auth_group"])


def _set_sequence(value):
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('auth_group', 'id'), %s)", [value])


def _next_group_id():
    return Group.objects.create(name=f"uusi-{Group.objects.count()}").pk


def test_move_sequences_past__a_sequence_behind_the_rows_moves_past_them():
    highest = Group.objects.create(name="korkein").pk
    _set_sequence(1)
    with connection.cursor() as cursor:
        _move_sequences_past(cursor, ["auth_group"])
    assert _next_group_id() == highest + 1


def test_move_sequences_past__a_sequence_ahead_of_the_rows_is_not_moved_back():
    """Ids handed out in another test, whose rows a rollback removed, may be taken again by
    rows committed later: the sequence must not return to them."""
    ahead = Group.objects.create(name="viimeisin").pk + 100
    _set_sequence(ahead)
    with connection.cursor() as cursor:
        _move_sequences_past(cursor, ["auth_group"])
    assert _next_group_id() == ahead + 1
