"""On PostgreSQL, leads of a company may not overlap in time at all (not only the open one).

A range runs from starts_on up to, not including, ends_on: a handover ends one lead and starts
the next on the same day.

SQLite has no exclusion constraints; there the partial unique index of 0001 guards the open
lead and the services check the ranges.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE responsibility_assignment
  ADD CONSTRAINT assignment_leads_do_not_overlap
  EXCLUDE USING gist (company_id WITH =, daterange(starts_on, ends_on, '[)') WITH &&)
  WHERE (role = 'lead');
"""
DROP = "ALTER TABLE responsibility_assignment DROP CONSTRAINT IF EXISTS assignment_leads_do_not_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("responsibility", "0001_responsibility_assignments_handovers_consents")]

    operations = [migrations.RunPython(create, drop)]
