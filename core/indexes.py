"""An index for the name prefix searches, on both databases.

`name__istartswith="kone"` is `UPPER("name"::text) LIKE UPPER('kone%')` on PostgreSQL and
`"name" LIKE 'kone%'` (case-insensitive) on SQLite; a plain index serves neither, so at
400,000 companies every search read the whole table. Each database needs its own kind of
index: the upper-cased expression with pattern operators on PostgreSQL (LIKE compares bytes,
whatever the database's collation), the column in SQLite's NOCASE collation on SQLite.
"""

from django.db import models
from django.db.backends.ddl_references import Statement


class PrefixSearchIndex(models.Index):
    """Serves `<field>__istartswith` on the index's one field."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        quote = schema_editor.quote_name
        column = quote(model._meta.get_field(self.fields[0]).column)
        if schema_editor.connection.vendor == "postgresql":
            expression = f"UPPER({column}::text) text_pattern_ops"
        else:
            expression = f"{column} COLLATE NOCASE"
        return Statement(
            "CREATE INDEX %(name)s ON %(table)s (%(expression)s)",
            name=quote(self.name),
            table=quote(model._meta.db_table),
            expression=expression,
        )
