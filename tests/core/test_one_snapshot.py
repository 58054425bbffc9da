"""core.db.one_snapshot: reads in several statements see one moment of the data, even when
another connection commits a change between them."""

import psycopg
import pytest
from django.db import connection

from core.db import one_snapshot
from segments.models import Region

pytestmark = pytest.mark.django_db(transaction=True)


def _commit_elsewhere(sql, params):
    """A change committed by another session, as a second user's save would be."""
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute(sql, params)


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's isolation")
def test_one_snapshot__a_change_committed_between_two_reads_is_not_seen():
    region = Region.objects.create(code="snap", name_fi="Ennen")
    with one_snapshot():
        with connection.cursor() as cursor:
            cursor.execute("SHOW transaction_isolation")
            assert cursor.fetchone()[0] == "repeatable read"
        assert Region.objects.get(pk=region.pk).name_fi == "Ennen"
        _commit_elsewhere(
            "UPDATE segments_region SET name_fi = %s WHERE id = %s", ["Jälkeen", region.pk]
        )
        assert Region.objects.get(pk=region.pk).name_fi == "Ennen"
    assert Region.objects.get(pk=region.pk).name_fi == "Jälkeen"


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's isolation")
def test_one_snapshot__inside_an_open_transaction_keeps_its_level():
    from django.db import transaction

    with transaction.atomic():
        Region.objects.count()
        with one_snapshot():  # no SET TRANSACTION after the first query: that would fail
            assert Region.objects.count() >= 0


def test_one_snapshot__commits_its_writes():
    with one_snapshot():
        Region.objects.create(code="snap2", name_fi="Tallennettu")
    assert Region.objects.filter(code="snap2").exists()
