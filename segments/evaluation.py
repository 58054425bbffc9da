"""Where the rules put each company: the queries of a re-segmentation run's evaluation.

They are built over whole tables and evaluated by one INSERT … SELECT (the run's entries,
segments.resegmentation) or one aggregate: at national scale (about 400,000 companies) a
row-by-row loop would take minutes.
"""

from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from . import rules as rule_engine
from .models import Attribute, Company, ManualPlacement, RunEntry, Segment
from .models.resegmentation import MOVER

ENTRY_COLUMNS = [
    "run",
    "company",
    "from_segment",
    "rule_segment",
    "to_segment",
    "placement",
    "is_ready_to_move",
    "is_listed",
    "company_name",
]


def segments_in_priority_order():
    """Active segments in evaluation order, with their parsed rules by criterion kind."""
    segments = list(
        Segment.objects.filter(is_active=True)
        .prefetch_related("criteria")
        .order_by("priority", "number")
    )
    attributes = Attribute.objects.by_code()
    return [
        (
            segment,
            {
                criterion.kind: rule_engine.parse_rules(criterion.rules, attributes)
                for criterion in segment.criteria.all()
                if criterion.rules
            },
        )
        for segment in segments
    ]


# --- The entries: one row per company -------------------------------------------------------


def company_pivot(year, attributes):
    """Active companies with one column per attribute: its value in the run's year."""
    companies = Company.objects.filter(is_active=True)
    if not attributes:
        return companies
    return companies.annotate(
        year_values=FilteredRelation(
            "attribute_values",
            condition=Q(
                attribute_values__year=year,
                attribute_values__attribute__in=[a.pk for a in attributes],
            ),
        )
    ).annotate(**rule_engine.pivot_annotations(attributes))


def entry_rows(run):
    """One row per active company in ENTRY_COLUMNS order: where it is, where the rules
    place it, where it goes (a manual placement in force overrides the rules), whether it
    then meets that segment's exit rules, and whether reviewers should see it."""
    segments = segments_in_priority_order()
    target = _target_expression(segments)
    return (
        company_pivot(run.year, _attributes_of(segments))
        .annotate(placement_ref=_placement_in_force(run.year))
        .annotate(
            run_ref=Value(run.pk, output_field=BigIntegerField()),
            target=target,
            to_ref=_to_segment(target),
        )
        .annotate(final_ref=Coalesce(F("to_ref"), F("segment_id"), output_field=BigIntegerField()))
        .annotate(
            ready_ref=_ready_expression(segments),
            listed_ref=_listed_expression(),
            placement_id_ref=F("placement_ref__id"),
        )
        .annotate(listed_name=_listed_name())
        .values_list(
            "run_ref",
            "id",
            "segment_id",
            "target",
            "to_ref",
            "placement_id_ref",
            "ready_ref",
            "listed_ref",
            "listed_name",
        )
        .order_by()
    )


def _attributes_of(segments):
    """Every attribute the segments' rules refer to, in id order."""
    attributes = set()
    for _segment, by_kind in segments:
        for node in by_kind.values():
            attributes |= rule_engine.attributes_in(node)
    return sorted(attributes, key=lambda a: a.pk)


def _target_expression(segments):
    """The segment the rules place a company in: the first, in priority order, whose
    placement rules it meets and, unless it is already there, whose entry rules too."""
    whens = []
    for segment, by_kind in segments:
        if "placement" not in by_kind:
            continue
        condition = rule_engine.to_q(by_kind["placement"])
        if "entry" in by_kind:
            condition &= Q(segment_id=segment.pk) | rule_engine.to_q(by_kind["entry"])
        whens.append(When(condition, then=Value(segment.pk)))
    if not whens:
        return Value(None, output_field=BigIntegerField())
    return Case(*whens, default=Value(None), output_field=BigIntegerField())


def _placement_in_force(year):
    """The company's manual placement in force in `year` (at most one: a constraint)."""
    return FilteredRelation(
        "manual_placements",
        condition=Q(
            manual_placements__removed_at__isnull=True, manual_placements__first_year__lte=year
        )
        & (
            Q(manual_placements__last_year__isnull=True) | Q(manual_placements__last_year__gte=year)
        ),
    )


def _to_segment(target):
    """Where the company goes: its manual placement's segment (where it is, for one left
    out), or the rules' target."""
    Action = ManualPlacement.Action
    return Case(
        When(placement_ref__action=Action.EXCLUDE, then=F("segment_id")),
        When(
            placement_ref__action__in=[Action.KEEP, Action.MOVE],
            then=F("placement_ref__segment_id"),
        ),
        default=target,
        output_field=BigIntegerField(),
    )


def _ready_expression(segments):
    """Whether the company meets the exit rules of the segment it ends up in (final_ref)."""
    exits = [
        When(Q(final_ref=segment.pk) & rule_engine.to_q(by_kind["exit"]), then=Value(True))
        for segment, by_kind in segments
        if "exit" in by_kind
    ]
    if not exits:
        return Value(False, output_field=BooleanField())
    return Case(*exits, default=Value(False), output_field=BooleanField())


def _listed_expression():
    """Reviewers see the company: placed by hand, unplaced, without a segment, or moving."""
    return Case(
        When(
            Q(placement_ref__id__isnull=False)
            | Q(target__isnull=True)
            | Q(segment_id__isnull=True)
            | ~Q(target=F("segment_id")),
            then=Value(True),
        ),
        default=Value(False),
        output_field=BooleanField(),
    )


def _listed_name():
    """The company's name on a listed entry (the lists' order), empty on the others."""
    return Case(When(listed_ref=True, then=F("name")), default=Value(""), output_field=CharField())


# --- A run's summary ------------------------------------------------------------------------


def run_counts(run):
    """Companies, movers, unplaced, ready-to-move and placed-by-hand of a run, in one query."""
    return RunEntry.objects.filter(run=run).aggregate(
        company_count=Count("pk"),
        mover_count=Count("pk", filter=MOVER),
        unplaced_count=Count("pk", filter=Q(rule_segment__isnull=True)),
        ready_count=Count("pk", filter=Q(is_ready_to_move=True)),
        manual_count=Count("pk", filter=Q(placement__isnull=False)),
    )


def run_matrix(run):
    """[[from segment id, rules' segment id, companies]] of a run, counted once."""
    return [
        list(row)
        for row in RunEntry.objects.filter(run=run)
        .values_list("from_segment_id", "rule_segment_id")
        .annotate(n=Count("pk"))
        .order_by()
    ]


# --- The editor's preview: one segment's rules tried before they are saved -----------------


def segments_with_rules(segment, by_kind):
    """segments_in_priority_order() with `segment`'s rules replaced by `by_kind` (the rules
    being edited, parsed, by criterion kind); an inactive segment is tried in its place in
    the order, as if it were taken into use."""
    others = [(s, kinds) for s, kinds in segments_in_priority_order() if s.pk != segment.pk]
    tried = [*others, (segment, by_kind)]
    return sorted(tried, key=lambda pair: (pair[0].priority, pair[0].number))


def company_values(year, attributes):
    """Active companies with one column per attribute, its value in `year`, each joined
    directly: a company has at most one value of an attribute a year (a unique constraint),
    so no grouping is needed, and an aggregate over them runs in parallel on PostgreSQL.
    The columns are named as in company_pivot, so rules.to_q reads them alike."""
    companies = Company.objects.filter(is_active=True)
    relations = {
        f"value_{attribute.pk}": FilteredRelation(
            "attribute_values",
            condition=Q(attribute_values__year=year, attribute_values__attribute_id=attribute.pk),
        )
        for attribute in attributes
    }
    columns = {
        rule_engine.alias(attribute): F(
            f"value_{attribute.pk}__{'number' if attribute.is_numeric else 'text'}"
        )
        for attribute in attributes
    }
    return companies.annotate(**relations).annotate(**columns)


def placement_preview(*, year, segments, segment):
    """What a run of `year` would do with `segment`'s companies under `segments` (as
    segments_with_rules gives them), counted in one query the way the run decides: the
    first segment in priority order whose placement (and, for a newcomer, entry) rules a
    company meets, a manual placement in force overriding the rules, a company that no
    rule places staying where it is. {"placed", "moving_in", "moving_out"}: where the run
    leaves companies in the segment, of them the ones not there now, and those there now
    that the run takes elsewhere."""
    target = _target_expression(segments)
    here = segment.pk
    rows = (
        company_values(year, _attributes_of(segments))
        .annotate(placement_ref=_placement_in_force(year))
        .annotate(target=target, to_ref=_to_segment(target))
        .annotate(final_ref=Coalesce(F("to_ref"), F("segment_id"), output_field=BigIntegerField()))
        .order_by()
    )
    stays_elsewhere = Q(final_ref__isnull=True) | ~Q(final_ref=here)
    elsewhere_now = Q(segment_id__isnull=True) | ~Q(segment_id=here)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The statement is new for every edit: compiling it (JIT) took 0.5-0.6 s of
            # a 1-2 s preview at 400,000 companies and saved nothing in running it.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        return rows.aggregate(
            placed=Count("pk", filter=Q(final_ref=here)),
            moving_in=Count("pk", filter=Q(final_ref=here) & elsewhere_now),
            moving_out=Count("pk", filter=Q(segment_id=here) & stays_elsewhere),
        )
