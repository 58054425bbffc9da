"""Database upkeep after bulk writes, and reads that must see one moment of the data."""

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

# A write of at least this many rows is a bulk write: the planner's statistics of a table
# of 400,000 companies are out of date until autovacuum comes round, and a stale estimate
# can turn an index lookup into a scan.
BULK_ROWS = 1000


def analyze(*models):
    """Fresh planner statistics for the models' tables on PostgreSQL (ANALYZE samples, so it
    takes well under a second at national scale); SQLite plans the same without them."""
    if connection.vendor != "postgresql" or not models:
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def space_reclaim(*models):
    """Make the space of the models' deleted rows reusable at once on PostgreSQL (VACUUM):
    a table that is emptied and refilled in bulk (a run's 400,000 entries) would otherwise
    grow by the deleted rows until autovacuum comes round. VACUUM cannot run inside a
    transaction: there (a test, a benchmark rolled back) autovacuum is left to do it.
    SQLite reuses a deleted row's pages by itself."""
    if connection.vendor != "postgresql" or not models or connection.in_atomic_block:
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {tables}")


@contextmanager
def one_snapshot():
    """A transaction whose reads all see the database as it was at its first read: for
    what is read in several statements and must agree (the strategy document frozen in
    three languages). PostgreSQL's default, READ COMMITTED, gives each statement its own
    snapshot, so the block asks for REPEATABLE READ; a SQLite transaction reads one
    snapshot already. Inside a transaction that is already open (a caller's, a test's) the
    isolation cannot change any more and that transaction's holds."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def id_set(ids, db_type="bigint"):
    """The right-hand side of an `__in` filter of many ids (or codes: `db_type="text"`): on
    PostgreSQL one array parameter (`IN (SELECT unnest(%s))`) instead of a placeholder per
    id, whose preparing costs more than the query at 1,000 ids a page; elsewhere the list
    itself."""
    ids = list(ids)
    if connection.vendor != "postgresql":
        return ids
    # The type is a name of ours, never user input; the ids go in as one parameter.
    return RawSQL(f"SELECT unnest(%s::{db_type}[])", [ids])  # noqa: S611


def single_row(queryset):
    """The row of a query that matches at most one (a unique key, a partial unique
    constraint), or None. Unlike `.first()` it sends no ORDER BY: there is nothing to order,
    and with related models' columns selected Django's compiler hashes every one of them to
    build it (bench/README.md, the figures of 2026-12-06 morning)."""
    return next(iter(queryset.order_by()[:1]), None)
