"""Writing the synthetic companies and their values: in chunks of one transaction each, in
bulk (no history rows: these are invented companies, not anyone's edit; a company's history
starts when someone edits it), idempotent on the Y-tunnus."""

import itertools
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, reset_queries, transaction

from core.db import analyze
from segments.models import AttributeValue, Company, Region, Segment

from .business_ids import CAPACITY
from .demo_rules import exit_rules
from .generator import generate
from .population import COMPANY_SEGMENTS, REGION_WEIGHTS, YEARS
from .prerequisites import SyntheticDataError, attributes_ensure, require

DEFAULT_COUNT = 400_000
DEFAULT_SEED = 2008
DEFAULT_CHUNK = 10_000

_VALUE_COLUMNS = ("company", "attribute", "year", "number")
# SQLite's page cache for this connection while writing, in KiB: the indexes of six million
# values outgrow the default 2 MB and each insert then waits on page reads (about 12 %
# slower at 400,000 companies).
SQLITE_CACHE_KIB = 131_072


@dataclass
class GenerateReport:
    """What one generation did: companies created, synthetic ones already there (left as they
    are), numbers held by real companies (skipped), values written, and how long it took."""

    created: int = 0
    existing: int = 0
    skipped_real: list[str] = field(default_factory=list)
    values: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class _Targets:
    """What a generated company's row refers to: region and segment ids by code, attribute
    ids by code, and each segment's exit rule."""

    regions: dict
    segments: dict
    attributes: dict
    exits: dict


def companies_generate(*, count, seed, chunk_size=DEFAULT_CHUNK, report=None):
    """Write the data set's first `count` companies for a seed, with three years of values.

    Idempotent, keyed on the Y-tunnus: a synthetic company already in the database is left
    as it is (a yearly run may have moved it since), and a number held by a real company is
    skipped. Each chunk is its own transaction, so an interrupted run resumes where it
    stopped when run again.
    """
    if not 0 <= count <= CAPACITY:
        raise SyntheticDataError(
            f"Synteettisiä yrityksiä voi olla 0–{CAPACITY:,}".replace(",", " ")
            + f" (pyydettiin {count})."
        )
    started = time.monotonic()
    targets = _targets()
    result = GenerateReport()
    done = 0
    with _sqlite_page_cache():
        for chunk in _chunks(generate(count=count, seed=seed), chunk_size):
            _chunk_write(chunk, targets, result)
            done += len(chunk)
            # DEBUG keeps every query's text; at millions of rows that alone would fill memory.
            reset_queries()
            if report:
                report(done, count)
    if result.created:
        _analyze()
    result.seconds = time.monotonic() - started
    return result


def _targets():
    return _Targets(
        regions={
            code: r.pk for code, r in require(Region, list(REGION_WEIGHTS), "Alueita").items()
        },
        segments={
            code: s.pk for code, s in require(Segment, COMPANY_SEGMENTS, "Segmenttejä").items()
        },
        attributes={code: a.pk for code, a in attributes_ensure().items()},
        exits=exit_rules(),
    )


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@transaction.atomic
def _chunk_write(chunk, targets, result):
    """One chunk's new companies and their values, in one transaction."""
    new = _new_in(chunk, result)
    companies = Company.objects.bulk_create(
        [_company(item, targets) for item in new], batch_size=2_000
    )
    rows = [
        (company.pk, targets.attributes[code], year, value)
        for company, item in zip(companies, new, strict=True)
        for year, values in item.values.items()
        for code, value in values.items()
    ]
    _write_values(rows)
    result.created += len(new)
    result.values += len(rows)


def _new_in(chunk, result):
    """The chunk's companies not yet in the database; those that are, are counted."""
    # The numbers of a chunk are consecutive: one index range finds those taken.
    taken = dict(
        Company.objects.filter(
            business_id__gte=chunk[0].business_id, business_id__lte=chunk[-1].business_id
        ).values_list("business_id", "is_synthetic")
    )
    new = []
    for item in chunk:
        if item.business_id not in taken:
            new.append(item)
        elif taken[item.business_id]:
            result.existing += 1
        else:
            result.skipped_real.append(item.business_id)
    return new


def _company(item, targets):
    exit_rule = targets.exits.get(item.segment)
    return Company(
        business_id=item.business_id,
        name=item.name,
        region_id=targets.regions[item.region],
        municipality=item.municipality,
        industry=item.industry,
        founded_on=item.founded_on,
        segment_id=targets.segments[item.segment] if item.segment else None,
        # As last year's run under the demo rules left it.
        is_ready_to_move=bool(exit_rule and exit_rule(item.values[YEARS[1]])),
        is_synthetic=True,
    )


def _analyze():
    """Fresh statistics, so that PostgreSQL's planner does not take a table of millions for
    an empty one until autovacuum comes round (0.4 s at 400,000 companies)."""
    analyze(Company, AttributeValue)


@contextmanager
def _sqlite_page_cache():
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _write_values(rows):
    if connection.vendor == "postgresql":
        _copy_values(rows)
    else:
        _insert_values(rows)


def _insert_values(rows):
    """Values with one prepared INSERT run for every row (SQLite and other databases).

    Not bulk_create: building six million model instances and compiling their SQL made the
    whole run five times slower (22 s against 4 s per 20,000 companies on SQLite, whose
    999-parameter limit also cuts bulk_create into 200-row statements).
    """
    meta = AttributeValue._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in _VALUE_COLUMNS)
    placeholders = ", ".join(["%s"] * len(_VALUE_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def _copy_values(rows):
    """Values through PostgreSQL's COPY: several times faster than INSERT for millions."""
    from psycopg import sql

    meta = AttributeValue._meta
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(meta.db_table),
        sql.SQL(", ").join(sql.Identifier(meta.get_field(name).column) for name in _VALUE_COLUMNS),
    )
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
