"""A published strategy version is immutable in the database, not only in the app.

Triggers refuse every UPDATE and DELETE of a version row, whoever sends it. TRUNCATE is
left alone (PostgreSQL fires no row trigger for it): Django's test flush empties tables that
way. On SQLite a flush deletes row by row, so a transactional test must not leave versions
behind. SQLite rebuilds a table to alter it and the rebuild drops its triggers: a later
migration that alters this table must create them again (a test fails when they are
missing).
"""

from django.db import migrations

TABLE = "governance_strategyversion"
MESSAGE = "Julkaistua strategiaversiota ei voi muuttaa eikä poistaa."

POSTGRESQL_CREATE = [
    f"""
    CREATE FUNCTION governance_strategy_version_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING
            ERRCODE = 'restrict_violation',
            MESSAGE = '{MESSAGE}',
            DETAIL = TG_OP || ' ' || TG_TABLE_NAME;
    END
    $$
    """,
    f"""
    CREATE TRIGGER strategy_version_no_update_or_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION governance_strategy_version_refuse()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS strategy_version_no_update_or_delete ON {TABLE}",
    "DROP FUNCTION IF EXISTS governance_strategy_version_refuse()",
]
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER strategy_version_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
    f"""
    CREATE TRIGGER strategy_version_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS strategy_version_no_delete",
    "DROP TRIGGER IF EXISTS strategy_version_no_update",
]

CREATE = {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE}
DROP = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in CREATE:
        raise RuntimeError(f"The immutable strategy versions have no triggers for {vendor}.")
    _execute(schema_editor, CREATE[vendor])


def drop(apps, schema_editor):
    _execute(schema_editor, DROP.get(schema_editor.connection.vendor, []))


class Migration(migrations.Migration):
    dependencies = [("governance", "0007_add_strategy_versions")]

    operations = [migrations.RunPython(create, drop)]
