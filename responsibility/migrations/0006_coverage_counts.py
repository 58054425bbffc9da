"""Coverage counts kept by the database: per segment (0 = unplaced), the active companies
and those with an active lead.

Triggers on segments_company and responsibility_assignment change the counts in the same
statement as the rows they count, so no path can forget them: the services, the admin, the
imports, the yearly run's set-based UPDATE and the test factories alike. PostgreSQL uses
statement-level triggers over transition tables (one grouped upsert per statement: a
row-level trigger would update the same dozen count rows once per company, and a long
transaction's repeated updates of one row slow down with every version); SQLite, which has
only row-level triggers and updates in place, one small statement per changed row.

A count is only ever lowered by an UPDATE of an existing row: on SQLite a test database is
emptied with DELETE, table by table, and a lowering must not create a row there.

The counts start from the rows already in the database. Reverse: the triggers and the table go.
"""

from django.db import migrations, models

LEAD = "a.role = 'lead' AND a.ends_on IS NULL"
IS_LEAD = "{row}.role = 'lead' AND {row}.ends_on IS NULL"
HAS_LEAD = (
    "EXISTS (SELECT 1 FROM responsibility_assignment a WHERE a.company_id = {row}.id AND "
    + LEAD
    + ")"
)
UPSERT = (
    "ON CONFLICT (segment_key) DO UPDATE SET companies = {t}companies + excluded.companies, "
    "with_lead = {t}with_lead + excluded.with_lead"
)

POPULATE = f"""
INSERT INTO responsibility_coveragecount (segment_key, companies, with_lead)
SELECT COALESCE(c.segment_id, 0), COUNT(*), SUM(CASE WHEN {HAS_LEAD.format(row="c")} THEN 1 ELSE 0 END)
FROM segments_company c WHERE c.is_active GROUP BY COALESCE(c.segment_id, 0)
"""

# SQLite: row-level triggers, each firing only for a change that moves a count.
SQLITE = [
    f"""
CREATE TRIGGER coverage_company_insert AFTER INSERT ON segments_company
WHEN NEW.is_active
BEGIN
  INSERT INTO responsibility_coveragecount (segment_key, companies, with_lead)
  SELECT COALESCE(NEW.segment_id, 0), 1, {HAS_LEAD.format(row="NEW")} WHERE 1
  {UPSERT.format(t="")};
END""",
    f"""
CREATE TRIGGER coverage_company_update AFTER UPDATE OF segment_id, is_active ON segments_company
WHEN OLD.segment_id IS NOT NEW.segment_id OR OLD.is_active IS NOT NEW.is_active
BEGIN
  UPDATE responsibility_coveragecount
  SET companies = companies - 1, with_lead = with_lead - {HAS_LEAD.format(row="OLD")}
  WHERE OLD.is_active AND segment_key = COALESCE(OLD.segment_id, 0);
  INSERT INTO responsibility_coveragecount (segment_key, companies, with_lead)
  SELECT COALESCE(NEW.segment_id, 0), 1, {HAS_LEAD.format(row="NEW")} WHERE NEW.is_active
  {UPSERT.format(t="")};
END""",
    f"""
CREATE TRIGGER coverage_company_delete AFTER DELETE ON segments_company
WHEN OLD.is_active
BEGIN
  UPDATE responsibility_coveragecount
  SET companies = companies - 1, with_lead = with_lead - {HAS_LEAD.format(row="OLD")}
  WHERE segment_key = COALESCE(OLD.segment_id, 0);
END""",
    f"""
CREATE TRIGGER coverage_assignment_insert AFTER INSERT ON responsibility_assignment
WHEN {IS_LEAD.format(row="NEW")}
BEGIN
  UPDATE responsibility_coveragecount SET with_lead = with_lead + 1
  WHERE segment_key = (
    SELECT COALESCE(c.segment_id, 0) FROM segments_company c
    WHERE c.id = NEW.company_id AND c.is_active);
END""",
    f"""
CREATE TRIGGER coverage_assignment_update AFTER UPDATE ON responsibility_assignment
WHEN ({IS_LEAD.format(row="OLD")}) IS NOT ({IS_LEAD.format(row="NEW")})
  OR OLD.company_id IS NOT NEW.company_id
BEGIN
  UPDATE responsibility_coveragecount SET with_lead = with_lead - 1
  WHERE {IS_LEAD.format(row="OLD")} AND segment_key = (
    SELECT COALESCE(c.segment_id, 0) FROM segments_company c
    WHERE c.id = OLD.company_id AND c.is_active);
  UPDATE responsibility_coveragecount SET with_lead = with_lead + 1
  WHERE {IS_LEAD.format(row="NEW")} AND segment_key = (
    SELECT COALESCE(c.segment_id, 0) FROM segments_company c
    WHERE c.id = NEW.company_id AND c.is_active);
END""",
    f"""
CREATE TRIGGER coverage_assignment_delete AFTER DELETE ON responsibility_assignment
WHEN {IS_LEAD.format(row="OLD")}
BEGIN
  UPDATE responsibility_coveragecount SET with_lead = with_lead - 1
  WHERE segment_key = (
    SELECT COALESCE(c.segment_id, 0) FROM segments_company c
    WHERE c.id = OLD.company_id AND c.is_active);
END""",
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS coverage_{table}_{event}"
    for table in ("company", "assignment")
    for event in ("insert", "update", "delete")
]

# PostgreSQL: one statement-level trigger per table and event over the transition tables.
# A statement's deltas are summed per segment and added in one UPDATE; a segment without a
# row yet gets one by an upsert (only ever raising: a row is checked as inserted before its
# conflict is seen, and a lowering without a row means the counts had drifted: it fails).
PG_ADD = """,
  summed AS (
    SELECT key, SUM(companies) AS companies, SUM(with_lead) AS with_lead
    FROM deltas GROUP BY key HAVING SUM(companies) <> 0 OR SUM(with_lead) <> 0),
  added AS (
    UPDATE responsibility_coveragecount t
    SET companies = t.companies + s.companies, with_lead = t.with_lead + s.with_lead
    FROM summed s WHERE t.segment_key = s.key RETURNING t.segment_key)
  INSERT INTO responsibility_coveragecount AS t (segment_key, companies, with_lead)
  SELECT key, companies, with_lead FROM summed
  WHERE key NOT IN (SELECT segment_key FROM added)
  ON CONFLICT (segment_key) DO UPDATE SET companies = t.companies + excluded.companies,
    with_lead = t.with_lead + excluded.with_lead;
"""
POSTGRESQL = [
    f"""
CREATE FUNCTION responsibility_coverage_companies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH deltas AS (
      SELECT COALESCE(n.segment_id, 0) AS key, 1 AS companies,
             ({HAS_LEAD.format(row="n")})::int AS with_lead
      FROM new_rows n WHERE n.is_active)
    {PG_ADD}
  ELSIF TG_OP = 'UPDATE' THEN
    WITH moved AS (
      SELECT o.segment_id AS old_key, o.is_active AS was_active,
             n.segment_id AS new_key, n.is_active AS is_active,
             ({HAS_LEAD.format(row="n")})::int AS lead
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.segment_id IS DISTINCT FROM n.segment_id OR o.is_active <> n.is_active),
    deltas AS (
      SELECT COALESCE(old_key, 0) AS key, -1 AS companies, -lead AS with_lead
      FROM moved WHERE was_active
      UNION ALL
      SELECT COALESCE(new_key, 0), 1, lead FROM moved WHERE is_active)
    {PG_ADD}
  ELSE
    WITH deltas AS (
      SELECT COALESCE(o.segment_id, 0) AS key, -1 AS companies,
             -({HAS_LEAD.format(row="o")})::int AS with_lead
      FROM old_rows o WHERE o.is_active)
    {PG_ADD}
  END IF;
  RETURN NULL;
END $$""",
    f"""
CREATE FUNCTION responsibility_coverage_leads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH deltas AS (
      SELECT COALESCE(c.segment_id, 0) AS key, 0 AS companies, 1 AS with_lead
      FROM new_rows n JOIN segments_company c ON c.id = n.company_id
      WHERE {IS_LEAD.format(row="n")} AND c.is_active)
    {PG_ADD}
  ELSIF TG_OP = 'UPDATE' THEN
    WITH changed AS (
      SELECT o.company_id AS old_company, {IS_LEAD.format(row="o")} AS was_lead,
             n.company_id AS new_company, {IS_LEAD.format(row="n")} AS is_lead
      FROM old_rows o JOIN new_rows n ON n.id = o.id),
    deltas AS (
      SELECT COALESCE(c.segment_id, 0) AS key, 0 AS companies, -1 AS with_lead
      FROM changed JOIN segments_company c ON c.id = changed.old_company
      WHERE was_lead AND c.is_active
        AND NOT (is_lead AND old_company = new_company)
      UNION ALL
      SELECT COALESCE(c.segment_id, 0), 0, 1
      FROM changed JOIN segments_company c ON c.id = changed.new_company
      WHERE is_lead AND c.is_active
        AND NOT (was_lead AND old_company = new_company))
    {PG_ADD}
  ELSE
    WITH deltas AS (
      SELECT COALESCE(c.segment_id, 0) AS key, 0 AS companies, -1 AS with_lead
      FROM old_rows o JOIN segments_company c ON c.id = o.company_id
      WHERE {IS_LEAD.format(row="o")} AND c.is_active)
    {PG_ADD}
  END IF;
  RETURN NULL;
END $$""",
    *[
        f"""
CREATE TRIGGER coverage_{name}_{event.lower()} AFTER {event} ON {table}
REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION responsibility_coverage_{function}()"""
        for name, table, function in (
            ("company", "segments_company", "companies"),
            ("assignment", "responsibility_assignment", "leads"),
        )
        for event, tables in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        )
    ],
]
POSTGRESQL_DROP = [
    "DROP FUNCTION IF EXISTS responsibility_coverage_companies() CASCADE",
    "DROP FUNCTION IF EXISTS responsibility_coverage_leads() CASCADE",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def triggers_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL}[vendor])
    _run(schema_editor, [POPULATE])


def triggers_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}[vendor])


class Migration(migrations.Migration):
    dependencies = [
        ("responsibility", "0005_consent_disclosers_from_recorder"),
        ("segments", "0011_transition_year_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="CoverageCount",
            fields=[
                (
                    "segment_key",
                    models.IntegerField(
                        primary_key=True, serialize=False, verbose_name="segmentti"
                    ),
                ),
                ("companies", models.IntegerField(default=0, verbose_name="yrityksiä")),
                (
                    "with_lead",
                    models.IntegerField(default=0, verbose_name="päävastuullinen nimetty"),
                ),
            ],
            options={
                "verbose_name": "asiakasvastuun kattavuusluku",
                "verbose_name_plural": "asiakasvastuun kattavuusluvut",
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("with_lead__gte", 0), ("with_lead__lte", models.F("companies"))
                        ),
                        name="coverage_count_with_lead_within_companies",
                    )
                ],
            },
        ),
        migrations.RunPython(triggers_create, triggers_drop),
    ]
