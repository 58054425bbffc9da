"""Storage over repeated previews (issue 12): each preview of the year writes one entry per
company (400,000 rows); a later preview supersedes it and its entries are pruned, so the
run-entry table should stay at about one run's size however many previews are made.

Runs five previews of the year one after another, committed as the worker commits them,
and prints after each the run entries kept and the table's size on disk (PostgreSQL: table,
indexes and TOAST; SQLite: the whole file). The previews it made are deleted at the end.
Usage: bench/README.md."""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection  # noqa: E402

from segments import resegmentation as reseg  # noqa: E402
from segments.models import ResegmentationRun, RunEntry  # noqa: E402


def size_mb():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size(%s)", [RunEntry._meta.db_table])
        else:
            cursor.execute(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
            )
        return cursor.fetchone()[0] / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--previews", type=int, default=5)
    args = parser.parse_args()
    what = "segments_runentry with indexes" if connection.vendor == "postgresql" else "file"
    print(f"{connection.vendor}; before: {RunEntry.objects.count()} entries, {size_mb():.0f} MB")
    made = []
    try:
        for number in range(1, args.previews + 1):
            run = reseg.run_preview(reseg.run_start(year=args.year, by=None))
            made.append(run.pk)
            print(
                f"preview {number}: {RunEntry.objects.count()} entries kept "
                f"({run.company_count} companies a run), {what}: {size_mb():.0f} MB"
            )
    finally:
        RunEntry.objects.filter(run_id__in=made).delete()
        ResegmentationRun.objects.filter(pk__in=made).delete()


if __name__ == "__main__":
    main()
