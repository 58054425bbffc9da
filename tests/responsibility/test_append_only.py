"""The access log is append-only in the database: no UPDATE, DELETE or TRUNCATE gets through,
whichever way it is sent (906/2019 § 17). Run on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.db import IntegrityError, connection, models, transaction

from responsibility import services
from responsibility.models import AccessLogEntry
from tests.factories import notes_seen

pytestmark = pytest.mark.django_db

TABLE = AccessLogEntry._meta.db_table
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TRUNCATE exists on PostgreSQL only"
)


@pytest.fixture
def entry(company, orgs, finpro_user):
    return notes_seen(company, finpro_user)


def _refused(sql, params=(), *, before=()):
    """Run raw SQL in a savepoint and return the database's refusal."""
    with (
        pytest.raises(IntegrityError) as refusal,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        for statement in before:
            cursor.execute(statement)
        cursor.execute(sql, params)
    return str(refusal.value)


def _unchanged(entry):
    assert list(AccessLogEntry.objects.values_list("pk", "scope")) == [(entry.pk, entry.scope)]


def test_access_log__raw_sql_delete_is_refused_by_the_database(entry):
    assert "vain lisättävä" in _refused(f"DELETE FROM {TABLE}")  # noqa: S608
    assert "vain lisättävä" in _refused(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])  # noqa: S608
    _unchanged(entry)


def test_access_log__raw_sql_update_is_refused_by_the_database(entry):
    assert "vain lisättävä" in _refused(
        f"UPDATE {TABLE} SET scope = %s WHERE id = %s",  # noqa: S608
        ["project_summaries", entry.pk],
    )
    _unchanged(entry)


def test_access_log__queryset_delete_and_update_are_refused(entry):
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(scope="project_summaries")
    with pytest.raises(PermissionError), transaction.atomic():
        AccessLogEntry.objects.bulk_update([entry], ["scope"])
    _unchanged(entry)


def test_access_log__a_plain_queryset_past_the_python_guard_meets_the_database(entry):
    """Code that goes round the model's query set still sends SQL the triggers refuse."""
    plain = models.QuerySet(AccessLogEntry)
    with pytest.raises(IntegrityError), transaction.atomic():
        plain.delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        plain.update(scope="project_summaries")
    _unchanged(entry)


@needs_postgresql
def test_access_log__truncate_of_a_log_with_rows_is_refused_on_postgresql(entry):
    # The test's own inserts leave deferred foreign-key checks pending, and PostgreSQL
    # truncates no table with pending trigger events: run the checks first.
    assert "vain lisättävä" in _refused(
        f"TRUNCATE {TABLE}", before=["SET CONSTRAINTS ALL IMMEDIATE"]
    )
    _unchanged(entry)


def test_access_log__the_test_purge_empties_it_and_leaves_the_triggers(entry):
    """The fixture's way of emptying the log for the flush keeps the log append-only after."""
    from tests.conftest import _access_log_purge

    _access_log_purge()
    assert not AccessLogEntry.objects.exists()
    again = services.access_log_write(
        viewer=entry.viewer,
        viewer_organisation=entry.viewer_organisation,
        owner_organisation=entry.owner_organisation,
        company=entry.company,
        scope="contact_notes",
        basis="shared",
    )
    assert "vain lisättävä" in _refused(f"DELETE FROM {TABLE}")  # noqa: S608
    _unchanged(again)
