"""Transactional tests made cheaper: the flush that empties the database after each, and
the report's content put back after it.

The flush. Django's empties every one of the 177 tables; on PostgreSQL one TRUNCATE of them
all takes 2–10 s on these machines (new files for each table and index). A transactional
test leaves rows in a few dozen tables, so the flush empties only those: with DELETE, while
`session_replication_role = replica` holds back the triggers that keep foreign keys and the
append-only tables (the access log, published strategy versions), which is what TRUNCATE
does too. Setting that takes a superuser, as the test database's owner is here; otherwise,
or when ids are to start over, Django's own flush runs.

The report's content.
Browser tests (a live server) and `transaction=True` tests end with Django's flush, and the
next test that needs the report loads it again: 460 objects saved one by one with their
history, 2–4 s each time, a hundred times a run. The first such load in a test process is
copied here, table by table, and later loads into an equally bare database copy the rows
back (about 0.1 s): the same rows with the same ids, so the result is the load's.

"Bare" is what the flush leaves: only the tables `post_migrate` fills (content types,
permissions, and the role groups with their permissions). Anything else in the database – a
fixture that ran first – and the report is loaded the slow way, as before.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management import sql as management_sql
from django.db import connection, transaction

# What post_migrate refills after a flush; a snapshot replaces these rows with its own.
REFILLED_AFTER_FLUSH = {
    "django_content_type",
    "auth_permission",
    "auth_group",
    "auth_group_permissions",
}
# Tables whose rows database triggers keep in step with others (responsibility migration
# 0006's coverage counts, from companies and assignments): copied rows would skip them.
TRIGGER_SOURCES = {"segments_company", "responsibility_assignment"}

_snapshots = {}


def load_report(load):
    """Run `load` (load_strategy_2008), or copy back what it wrote the first time."""
    bare = _is_bare()
    snapshot = _snapshots.get(connection.vendor)
    if bare and snapshot:
        _restore(snapshot)
        return
    load()
    if bare and connection.vendor not in _snapshots:
        _snapshots[connection.vendor] = _take()


def flush_sql(style, db, reset_sequences=True, allow_cascade=False):
    """django.core.management.sql.sql_flush, emptying only the tables that have rows."""
    if db.vendor != "postgresql" or reset_sequences or not _is_superuser(db):
        return management_sql.sql_flush(
            style, db, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
    quote = db.ops.quote_name
    return [
        "SET LOCAL session_replication_role = replica",
        *(f"DELETE FROM {quote(table)}" for table in sorted(_non_empty_tables(db))),  # noqa: S608
    ]


def _is_superuser(db):
    with db.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _tables(db=connection):
    return db.introspection.django_table_names(only_existing=True, include_views=False)


def _quote(name):
    return connection.ops.quote_name(name)


def _non_empty_tables(db=connection):
    quote = db.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT '{table}' WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
        for table in _tables(db)
    )
    with db.cursor() as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()}


def _is_bare():
    return _non_empty_tables() <= REFILLED_AFTER_FLUSH


def _take():
    """Every non-empty table's rows (PostgreSQL: in COPY's text format, so that JSON, dates
    and decimals come back exactly); None when the load wrote rows triggers depend on."""
    tables = sorted(_non_empty_tables())
    if TRIGGER_SOURCES & set(tables):
        return None
    snapshot = {}
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            for table in tables:
                data = bytearray()
                with cursor.copy(f"COPY {_quote(table)} TO STDOUT") as copy:
                    for block in copy:
                        data += block
                snapshot[table] = bytes(data)
    else:
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"SELECT * FROM {_quote(table)}")  # noqa: S608
                columns = [column[0] for column in cursor.description]
                snapshot[table] = (columns, cursor.fetchall())
    return snapshot


def _restore(snapshot):
    """The snapshot's rows back in one transaction (foreign keys are checked at commit, so
    the order of the tables does not matter), and the id sequences moved past them."""
    with transaction.atomic(), connection.cursor() as cursor:
        for table in REFILLED_AFTER_FLUSH:
            cursor.execute(f"DELETE FROM {_quote(table)}")  # noqa: S608
        if connection.vendor == "postgresql":
            raw = cursor.cursor
            for table, data in snapshot.items():
                with raw.copy(f"COPY {_quote(table)} FROM STDIN") as copy:
                    copy.write(data)
            _move_sequences_past(cursor, snapshot)
        else:
            for table, (columns, rows) in snapshot.items():
                names = ", ".join(_quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
    # The content types are the snapshot's rows now, under other ids than the ones the
    # flush's post_migrate made and Django keeps in its process-wide cache.
    ContentType.objects.clear_cache()


def _move_sequences_past(cursor, tables):
    """Each table's id sequence moved past its rows, and never back.

    A sequence is outside transactions: a setval in a test's transaction stays after the
    rollback. Set back to the snapshot's highest id, it would hand out ids that the rows
    made since (the role groups of a later flush) hold again once the test's rows are gone,
    and the next test's insert would fail on the primary key.
    """
    for table in tables:
        for sequence in connection.introspection.get_sequences(cursor, table):
            cursor.execute(
                "SELECT setval(%s, GREATEST((SELECT max({column}) FROM {table}),"  # noqa: S608
                " (SELECT last_value FROM {sequence})))".format(
                    column=_quote(sequence["column"]),
                    table=_quote(table),
                    sequence=_quote(sequence["name"]),
                ),
                [sequence["name"]],
            )
