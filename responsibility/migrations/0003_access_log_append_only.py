"""The access log is append-only in the database, not only in Python (906/2019 § 17).

Triggers refuse every UPDATE and DELETE of a log row, whoever sends it: the ORM, a raw
query, a database shell. On PostgreSQL a statement trigger also refuses TRUNCATE of a log
that has rows; an empty log loses nothing, and Django's test flush truncates every table.
Deployments add a second lock: the app's database role has no UPDATE, DELETE or TRUNCATE
on the table at all (README, "Deploying").

Nothing in the app removes the triggers. Dropping them takes the table's owner (on
PostgreSQL the migrations' role, not the app's); tests that leave log rows behind for the
database flush empty the log that way (tests/conftest.py, `access_log_purged_after`).

SQLite rebuilds a table to alter it and the rebuild drops its triggers: a later migration
that alters this table must create them again (tests/responsibility/test_append_only.py
fails when they are missing).
"""

from django.db import migrations

TABLE = "responsibility_accesslogentry"
MESSAGE = "Katseluloki on vain lisättävä: rivejä ei voi muuttaa eikä poistaa (laki 906/2019, 17 §)."

# restrict_violation (23001): an integrity rule, so Django raises IntegrityError, as SQLite's
# RAISE(ABORT) does.
POSTGRESQL_CREATE = [
    f"""
    CREATE FUNCTION responsibility_access_log_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM {TABLE}) THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION USING
            ERRCODE = 'restrict_violation',
            MESSAGE = '{MESSAGE}',
            DETAIL = TG_OP || ' ' || TG_TABLE_NAME;
    END
    $$
    """,
    f"""
    CREATE TRIGGER access_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION responsibility_access_log_refuse()
    """,
    f"""
    CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION responsibility_access_log_refuse()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS access_log_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS access_log_no_update_or_delete ON {TABLE}",
    "DROP FUNCTION IF EXISTS responsibility_access_log_refuse()",
]

# SQLite has no TRUNCATE; a DELETE without WHERE fires the row triggers too (the truncate
# optimisation is off on a table with triggers).
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER access_log_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER access_log_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS access_log_no_delete",
    "DROP TRIGGER IF EXISTS access_log_no_update",
]

CREATE = {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE}
DROP = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}


def _execute(schema_editor, statements):
    for statement in statements:
        # No parameters: the statements hold no placeholders, and none of their text may
        # be read as one.
        schema_editor.execute(statement, params=None)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in CREATE:
        raise RuntimeError(f"The append-only access log has no triggers for {vendor}.")
    _execute(schema_editor, CREATE[vendor])


def drop(apps, schema_editor):
    _execute(schema_editor, DROP.get(schema_editor.connection.vendor, []))


class Migration(migrations.Migration):
    dependencies = [("responsibility", "0002_lead_ranges_exclusion_on_postgresql")]

    operations = [migrations.RunPython(create, drop)]
