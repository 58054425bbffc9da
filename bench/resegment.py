"""Benchmark (a) and (b) of the re-segmentation issue: the full run against its floor and the
naive way. Usage: see bench/README.md."""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from segments import resegmentation as reseg  # noqa: E402
from segments import rules as rule_engine  # noqa: E402
from segments.models import AttributeValue, Company, RunEntry  # noqa: E402


class Rollback(Exception):
    pass


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


def floor(year):
    """(b) The floor: one hand-written set-based statement per segment over the same rows,
    here an UPDATE that places the companies meeting the segment's placement rules."""
    segments = reseg.segments_in_priority_order()
    quote = connection.ops.quote_name
    started = time.perf_counter()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for segment, by_kind in reversed(segments):
                if "placement" not in by_kind:
                    continue
                condition, params = _sql(by_kind["placement"])
                cursor.execute(
                    f"UPDATE {quote(Company._meta.db_table)} SET segment_id = %s WHERE id IN ("
                    f"SELECT company_id FROM {quote(AttributeValue._meta.db_table)} WHERE year = %s "
                    f"GROUP BY company_id HAVING {condition})",
                    [segment.pk, year, *params],
                )
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - started


def _sql(node):
    """A parsed rule tree as SQL over the values of one company (GROUP BY company_id)."""
    if isinstance(node, rule_engine.Group):
        parts = [_sql(child) for child in node.children]
        joiner = " AND " if node.kind == "all" else " OR "
        return "(" + joiner.join(p for p, _ in parts) + ")", [x for _, ps in parts for x in ps]
    column = "number" if node.attribute.is_numeric else "text"
    value = "MAX(CASE WHEN attribute_id = %s THEN " + column + " END)"
    op = {"eq": "=", "ne": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}[node.op]
    return f"{value} {op} %s", [node.attribute.pk, node.value]


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--naive-sample", type=int, default=20000)
    args = parser.parse_args()
    n = Company.objects.filter(is_active=True).count()
    print(f"database {connection.vendor}, {n} active companies, year {args.year}")
    run = full_run(args.year)
    print(
        f"(a) full run: preview {run['preview']:.1f} s + apply {run['apply']:.1f} s = {run['total']:.1f} s "
        f"({run['movers']} movers of {run['companies']}); peak memory {peak_mb():.0f} MB"
    )
    floor_s = floor(args.year)
    print(
        f"(b) floor (one UPDATE per segment): {floor_s:.1f} s -> full run is {run['total'] / floor_s:.1f} x the floor"
    )
    naive_s, sampled = naive(args.year, args.naive_sample)
    extrapolated = naive_s * n / max(sampled, 1)
    print(
        f"(b) naive loop: {naive_s:.1f} s for {sampled} companies -> {extrapolated:.0f} s for {n} "
        f"({extrapolated / run['total']:.0f} x the full run)"
    )
    print(f"peak memory {peak_mb():.0f} MB; entries left behind: {RunEntry.objects.count()}")


if __name__ == "__main__":
    main()
