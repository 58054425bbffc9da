"""Benchmark (a) and (b) of the re-segmentation issue: the full run, the engine's preview
against its floor, and the naive way. Usage: see bench/README.md.

The floor computes exactly the engine's result (segments.evaluation) with hand-written SQL:
one CREATE TEMP TABLE … AS SELECT over the year's values, the companies and their manual
placements, then one count. It is checked, not trusted: its counts and its rows (two
EXCEPTs against the run's entries) must be the preview's, on a first run and on a re-run
with manual placements after an applied run. Everything is rolled back."""

import argparse
import json
import os
import re
import resource
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from timing import Rollback  # noqa: E402

from segments import placements  # noqa: E402
from segments import resegmentation as reseg  # noqa: E402
from segments import rules as rule_engine  # noqa: E402
from segments.models import (  # noqa: E402
    Attribute,
    AttributeValue,
    Company,
    Criterion,
    ManualPlacement,
    RunEntry,
    Segment,
)


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def full_run(year):
    """(a) preview + apply, as the worker does it, then rolled back."""
    timings = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            run = reseg.run_start(year=year, by=None)
            run = reseg.run_preview(run)
            timings["preview"] = time.perf_counter() - started
            applying = time.perf_counter()
            reseg.run_apply(run, by=None)
            timings["apply"] = time.perf_counter() - applying
            timings["total"] = time.perf_counter() - started
            timings["movers"] = run.mover_count
            timings["companies"] = run.company_count
            raise Rollback
    except Rollback:
        pass
    return timings


# --- (b) The floor: the engine's result by hand-written SQL --------------------------------

FLOOR_TABLE = "bench_floor_entry"
COUNTS = ["company_count", "mover_count", "unplaced_count", "ready_count", "manual_count"]


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def floor_rules():
    """The active segments' rule trees in evaluation order, read with plain SQL and parsed
    (validated, values typed): [(segment id, {kind: tree})]."""
    attributes = Attribute.objects.by_code()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.id, c.kind, c.rules FROM {_table(Segment)} s "
            f"JOIN {_table(Criterion)} c ON c.segment_id = s.id "
            "WHERE s.is_active ORDER BY s.priority, s.number"
        )
        rows = cursor.fetchall()
    segments = {}
    for segment_id, kind, rules in rows:
        if isinstance(rules, str):  # PostgreSQL's jsonb arrives as text through Django
            rules = json.loads(rules)
        by_kind = segments.setdefault(segment_id, {})
        if rules:
            by_kind[kind] = rule_engine.parse_rules(rules, attributes)
    return list(segments.items())


def _where(node):
    """A rule tree as an SQL condition over the values' columns (a_<attribute id>) and its
    parameters. A missing value is NULL, so it never matches: the trees have no NOT."""
    if isinstance(node, rule_engine.Group):
        parts = [_where(child) for child in node.children]
        joiner = " AND " if node.kind == "all" else " OR "
        return "(" + joiner.join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]
    column = f"a_{node.attribute.pk}"
    values = list(node.value) if node.op == "in" else [node.value]
    if node.attribute.is_numeric:
        # Booleans are stored as 1/0; SQLite needs the number cast to compare it as one.
        params = [format(Decimal(int(v) if isinstance(v, bool) else v), "f") for v in values]
        value = "CAST(%s AS NUMERIC)"
    else:
        params, value = values, "%s"
    if node.op == "in":
        return f"{column} IN ({', '.join([value] * len(params))})", params
    if node.op == "contains":
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", node.value) + "%"
        if connection.vendor == "postgresql":
            return f"UPPER({column}::text) LIKE UPPER(%s)", [pattern]
        return f"{column} LIKE %s ESCAPE '\\'", [pattern]
    operator = {"eq": "=", "ne": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}[node.op]
    return f"{column} {operator} {value}", params


def _attributes(segments):
    found = {}
    for _segment, by_kind in segments:
        for tree in by_kind.values():
            found.update({a.pk: a for a in rule_engine.attributes_in(tree)})
    return [found[pk] for pk in sorted(found)]


def _values_sql(year, attributes):
    """Every active company, where it is, and its value of each attribute in the year: one
    column a_<attribute id> each, NULL when missing. One join per attribute, not a pivot
    (GROUP BY): a company has at most one value of an attribute a year (a unique
    constraint), and the joins were the faster of the two on PostgreSQL and SQLite."""
    joins = " ".join(
        f"LEFT JOIN {_table(AttributeValue)} v{a.pk} ON v{a.pk}.company_id = c.id "
        f"AND v{a.pk}.year = %s AND v{a.pk}.attribute_id = {a.pk}"
        for a in attributes
    )
    columns = "".join(
        f", v{a.pk}.{'number' if a.is_numeric else 'text'} AS a_{a.pk}" for a in attributes
    )
    return (
        f"SELECT c.id AS company_id, c.segment_id AS from_segment{columns} "
        f"FROM {_table(Company)} c {joins} WHERE c.is_active"
    ), [year] * len(attributes)


def floor_sql(year, segments):
    """One CREATE TEMP TABLE … AS SELECT: every active company's from, rule and to segment,
    manual placement and ready flag, as the engine defines them (segments.evaluation)."""
    placement_whens, placement_params = [], []
    exit_whens, exit_params = [], []
    for segment_id, by_kind in segments:
        segment_id = int(segment_id)
        if "placement" in by_kind:
            condition, params = _where(by_kind["placement"])
            if "entry" in by_kind:
                # Hysteresis: a company already in the segment need not meet its entry rules.
                entry, entry_params = _where(by_kind["entry"])
                condition = f"{condition} AND (from_segment = {segment_id} OR {entry})"
                params = params + entry_params
            placement_whens.append(f"WHEN {condition} THEN {segment_id}")
            placement_params += params
        if "exit" in by_kind:
            condition, params = _where(by_kind["exit"])
            exit_whens.append(
                f"WHEN COALESCE(to_segment, from_segment) = {segment_id} AND {condition} THEN TRUE"
            )
            exit_params += params
    attributes = _attributes(segments)
    values, values_params = _values_sql(year, attributes)
    rule_segment = (
        f"CASE {' '.join(placement_whens)} END" if placement_whens else "CAST(NULL AS BIGINT)"
    )
    ready = f"CASE {' '.join(exit_whens)} ELSE FALSE END" if exit_whens else "FALSE"
    Action = ManualPlacement.Action
    sql = (
        f"CREATE TEMP TABLE {FLOOR_TABLE} AS "
        "SELECT company_id, from_segment, rule_segment, to_segment, placement_id, "
        f"{ready} AS is_ready FROM ("
        # Where it goes: its manual placement in force, else the rules' segment.
        "SELECT r.*, p.id AS placement_id, CASE "
        f"WHEN p.action = '{Action.EXCLUDE}' THEN r.from_segment "
        f"WHEN p.action IN ('{Action.KEEP}', '{Action.MOVE}') THEN p.segment_id "
        "ELSE r.rule_segment END AS to_segment FROM ("
        # Where the rules place it: the first segment in priority order that takes it.
        f"SELECT x.*, {rule_segment} AS rule_segment FROM ({values}) x"
        f") r LEFT JOIN {_table(ManualPlacement)} p ON p.company_id = r.company_id "
        "AND p.removed_at IS NULL AND p.first_year <= %s "
        "AND (p.last_year IS NULL OR p.last_year >= %s)) t"
    )
    params = exit_params + placement_params + values_params + [year, year]
    return sql, params


def floor(year):
    """The floor: the temporary table of every company's result, then its counts. Returns
    the counts as the run stores them."""
    sql, params = floor_sql(year, floor_rules())
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
        cursor.execute(sql, params)
        cursor.execute(
            "SELECT COUNT(*), "
            "SUM(CASE WHEN to_segment IS NOT NULL AND (from_segment IS NULL "
            "OR to_segment <> from_segment) THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN rule_segment IS NULL THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN is_ready THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN placement_id IS NOT NULL THEN 1 ELSE 0 END) "
            f"FROM {FLOOR_TABLE}"
        )
        return dict(zip(COUNTS, (int(n or 0) for n in cursor.fetchone()), strict=True))


def floor_stored(year):
    """The floor's rows written where the engine writes its entries (the run-entry table,
    with the indexes its pages need), as one INSERT … SELECT for a run of their own: the
    listing flag and the listed name as the engine sets them. Returns the seconds taken."""
    run = reseg.run_start(year=year, by=None)
    listed = (
        "(f.placement_id IS NOT NULL OR f.rule_segment IS NULL OR f.from_segment IS NULL "
        "OR f.rule_segment <> f.from_segment)"
    )
    columns = ", ".join(
        connection.ops.quote_name(RunEntry._meta.get_field(name).column)
        for name in reseg.ENTRY_COLUMNS
    )
    sql = (
        f"INSERT INTO {_table(RunEntry)} ({columns}) "
        "SELECT %s, f.company_id, f.from_segment, f.rule_segment, f.to_segment, "
        f"f.placement_id, f.is_ready, {listed}, CASE WHEN {listed} THEN c.name ELSE '' END "
        f"FROM {FLOOR_TABLE} f JOIN {_table(Company)} c ON c.id = f.company_id"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, [run.pk])
    return time.perf_counter() - started, run


def floor_differences(run):
    """Entries of the run that the floor lacks, and floor rows the run lacks: two EXCEPTs."""
    entries = (
        "SELECT company_id, from_segment_id, rule_segment_id, to_segment_id, placement_id, "
        f"is_ready_to_move FROM {_table(RunEntry)} WHERE run_id = %s"
    )
    floor_rows = (
        "SELECT company_id, from_segment, rule_segment, to_segment, placement_id, is_ready "
        f"FROM {FLOOR_TABLE}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({entries} EXCEPT {floor_rows}) d", [run.pk])
        missing = cursor.fetchone()[0]
        cursor.execute(f"SELECT COUNT(*) FROM ({floor_rows} EXCEPT {entries}) d", [run.pk])
        extra = cursor.fetchone()[0]
    return missing, extra


def stored_differences(run, stored_run):
    """Entries (every column the engine writes) that differ between the run and the floor's
    stored rows, both ways."""
    columns = ", ".join(
        connection.ops.quote_name(RunEntry._meta.get_field(name).column)
        for name in reseg.ENTRY_COLUMNS
        if name != "run"
    )
    rows = f"SELECT {columns} FROM {_table(RunEntry)} WHERE run_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM ({rows} EXCEPT {rows}) a) "
            f"+ (SELECT COUNT(*) FROM ({rows} EXCEPT {rows}) b)",
            [run.pk, stored_run.pk, stored_run.pk, run.pk],
        )
        return cursor.fetchone()[0]


def earlier_run(year, *, sample=4000, every=40):
    """A year in which companies are placed by hand and already sit where a run put them:
    manual placements of every kind (some not in force), a run previewed and applied, then
    some placements removed and others added, so that the measured run meets hysteresis,
    exit rules and placements of both runs."""
    ids = [pk for pk, by_kind in floor_rules() if "placement" in by_kind]
    segments = [Segment.objects.get(pk=pk) for pk in ids]
    companies = list(Company.objects.filter(is_active=True).order_by("pk")[:sample:every])
    Action = ManualPlacement.Action
    placed = []
    for i, company in enumerate(companies[: len(companies) // 2]):
        segment = segments[i % len(segments)]
        kind = i % 5
        if kind == 0 and company.segment_id is not None:
            placement = placements.placement_set(
                company=company, action=Action.KEEP, reason="bench", first_year=year, by=None
            )
        elif kind == 1:
            placement = placements.placement_set(
                company=company, action=Action.EXCLUDE, reason="bench", first_year=year, by=None
            )
        elif kind == 2:  # ended before the year
            placement = placements.placement_set(
                company=company,
                action=Action.MOVE,
                segment=segment,
                reason="bench",
                first_year=year - 2,
                last_year=year - 1,
                by=None,
            )
        else:
            placement = placements.placement_set(
                company=company,
                action=Action.MOVE,
                segment=segment,
                reason="bench",
                first_year=year,
                by=None,
            )
        placed.append(placement)
    run = reseg.run_preview(reseg.run_start(year=year, by=None))
    reseg.run_apply(run, by=None)
    for placement in placed[::2]:
        placements.placement_remove(placement=placement, reason="bench", by=None)
    for i, company in enumerate(companies[len(companies) // 2 :]):
        placements.placement_set(
            company=company,
            action=Action.MOVE,
            segment=segments[-1 - i % len(segments)],
            reason="bench",
            first_year=year - 1 + i % 3,  # from last year, this year, next year
            by=None,
        )
    return run


def engine_against_floor(year, *, rerun):
    """Engine preview and floor over the same rows in one transaction, rolled back; the
    floor's counts and rows must be the run's."""
    try:
        with transaction.atomic():
            if rerun:
                earlier_run(year)
            run = reseg.run_start(year=year, by=None)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                run = reseg.run_preview(run)
                engine_s = time.perf_counter() - started
            # The preview's longest statement: its INSERT … SELECT of the entries.
            statement_s = max(float(q["time"]) for q in captured.captured_queries)
            started = time.perf_counter()
            counts = floor(year)
            floor_s = time.perf_counter() - started
            expected = {name: getattr(run, name) for name in COUNTS}
            assert counts == expected, f"floor {counts} != engine {expected}"
            differences = floor_differences(run)
            assert differences == (0, 0), f"rows only in the run, only in the floor: {differences}"
            stored_s, stored_run = floor_stored(year)
            assert stored_differences(run, stored_run) == 0, "stored floor differs from the run"
            raise Rollback
    except Rollback:
        pass
    return {
        "engine": engine_s,
        "statement": statement_s,
        "queries": len(captured.captured_queries),
        "floor": floor_s,
        "stored": stored_s,
        **counts,
    }


def naive(year, sample):
    """(b) The naive way: a Python loop over companies, queries per company, extrapolated."""
    segments = reseg.segments_in_priority_order()
    started = time.perf_counter()
    ids = list(
        Company.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)[:sample]
    )
    try:
        with transaction.atomic():
            for pk in ids:
                company = Company.objects.get(pk=pk)
                values = {
                    v.attribute_id: v.number if v.number is not None else v.text
                    for v in AttributeValue.objects.filter(company=company, year=year)
                }
                target = next(
                    (
                        s
                        for s, r in segments
                        if "placement" in r and _matches(r["placement"], values)
                    ),
                    None,
                )
                if target and target.pk != company.segment_id:
                    company.segment = target
                    company.save(update_fields=["segment"])
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - started, len(ids)


def _matches(node, values):
    if isinstance(node, rule_engine.Group):
        results = (_matches(child, values) for child in node.children)
        return all(results) if node.kind == "all" else any(results)
    value = values.get(node.attribute.pk)
    if value is None:
        return False
    compare = {
        "eq": value.__eq__,
        "ne": value.__ne__,
        "lt": value.__lt__,
        "lte": value.__le__,
        "gt": value.__gt__,
        "gte": value.__ge__,
    }
    return bool(
        compare[node.op](node.value if not isinstance(node.value, bool) else int(node.value))
    )


def _load():
    """The 1, 5 and 15 minute load averages: the machine may be shared."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--naive-sample", type=int, default=20000)
    args = parser.parse_args()
    n = Company.objects.filter(is_active=True).count()
    load = _load()
    print(f"database {connection.vendor}, {n} active companies, year {args.year}")
    run = full_run(args.year)
    print(
        f"(a) full run: preview {run['preview']:.1f} s + apply {run['apply']:.1f} s = {run['total']:.1f} s "
        f"({run['movers']} movers of {run['companies']}); peak memory {peak_mb():.0f} MB"
    )
    for rerun in (False, True):
        m = engine_against_floor(args.year, rerun=rerun)
        case = "re-run (placements, an applied run)" if rerun else "first run"
        print(
            f"(b) {case}: engine preview {m['engine']:.2f} s ({m['queries']} queries, the longest "
            f"{m['statement']:.2f} s), floor {m['floor']:.2f} s -> engine/floor "
            f"{m['engine'] / m['floor']:.1f} x (its longest statement/floor "
            f"{m['statement'] / m['floor']:.1f} x); the floor's rows stored as the engine "
            f"stores its entries {m['stored']:.2f} s more -> engine/(floor + storing) "
            f"{m['engine'] / (m['floor'] + m['stored']):.1f} x; both: {m['mover_count']} movers, "
            f"{m['unplaced_count']} unplaced, {m['ready_count']} ready, {m['manual_count']} "
            f"placed by hand of {m['company_count']}, and the same rows"
        )
    naive_s, sampled = naive(args.year, args.naive_sample)
    extrapolated = naive_s * n / max(sampled, 1)
    print(
        f"(b) naive loop: {naive_s:.1f} s for {sampled} companies -> {extrapolated:.0f} s for {n} "
        f"({extrapolated / run['total']:.0f} x the full run)"
    )
    print(f"peak memory {peak_mb():.0f} MB; entries left behind: {RunEntry.objects.count()}")
    print(f"load average {_load()} (at the start: {load})")


if __name__ == "__main__":
    main()
