"""Reads of the segments app."""

from dataclasses import dataclass
from itertools import chain

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, Value, When

from . import rules
from .models import (
    Attribute,
    Company,
    Criterion,
    Goal,
    ManualPlacement,
    RunEntry,
    Segment,
    SegmentAlias,
    SegmentTransition,
    ServicePromise,
    Strategy,
)
from .validators import normalize_business_id


def segment_list(*, search=""):
    """Active segments in number order with their goal and promise counts; `search` matches
    the name in any language or an alias."""
    segments = Segment.objects.filter(is_active=True)
    search = search.strip()
    if search:
        alias_match = SegmentAlias.objects.filter(segment=OuterRef("pk"), name__icontains=search)
        segments = segments.filter(
            Q(name_fi__icontains=search)
            | Q(name_sv__icontains=search)
            | Q(name_en__icontains=search)
            | Q(code__icontains=search)
            | Exists(alias_match)
        )
    return segments.annotate(
        public_goal_count=Count(
            "goals", filter=Q(goals__perspective=Goal.Perspective.PUBLIC_ACTOR), distinct=True
        ),
        customer_goal_count=Count(
            "goals", filter=Q(goals__perspective=Goal.Perspective.CUSTOMER), distinct=True
        ),
        confirmed_promise_count=Count(
            "promises", filter=Q(promises__status=ServicePromise.Status.CONFIRMED), distinct=True
        ),
        # An alternative archived by a decision is history, not one of the open wordings.
        promise_count=Count(
            "promises", filter=~Q(promises__status=ServicePromise.Status.ARCHIVED), distinct=True
        ),
    ).prefetch_related("aliases")


def segment_detail_queryset():
    """Segments with everything the detail page shows, in a constant number of queries."""
    return Segment.objects.select_related("strategy").prefetch_related(
        "aliases",
        Prefetch("criteria", queryset=Criterion.objects.order_by("kind")),
        Prefetch("goals", queryset=Goal.objects.order_by("perspective", "order", "pk")),
        Prefetch("promises", queryset=_promises_confirmed_first()),
    )


def _promises_confirmed_first():
    """The confirmed wording leads; alternatives a decision archived come last."""
    rank = Case(
        When(status=ServicePromise.Status.CONFIRMED, then=Value(0)),
        When(status=ServicePromise.Status.ARCHIVED, then=Value(2)),
        default=Value(1),
    )
    return ServicePromise.objects.order_by(rank, "order", "pk")


def goals_by_perspective(segment):
    """The segment's prefetched goals split into the public actor's and the customer's."""
    public, customer = [], []
    for goal in segment.goals.all():
        (public if goal.perspective == Goal.Perspective.PUBLIC_ACTOR else customer).append(goal)
    return public, customer


def criteria_in_order(segment):
    """Placement, entry, exit: the order in which the report names them (5.1.1); each with
    `rules_text`, its machine-checkable rules in words (empty when it has none)."""
    order = {kind: index for index, kind in enumerate(Criterion.Kind.values)}
    criteria = sorted(segment.criteria.all(), key=lambda c: order[c.kind])
    attributes = Attribute.objects.by_code() if any(c.rules for c in criteria) else {}
    for criterion in criteria:
        criterion.rules_text = ""
        if criterion.rules:
            try:
                criterion.rules_text = rules.describe(
                    rules.parse_rules(criterion.rules, attributes)
                )
            except rules.RuleError as error:
                # An attribute removed since the rule was saved: say so instead of failing.
                criterion.rules_text = str(error)
    return criteria


def strategy_overview():
    """The segments of the report's 5.1.2 and 5.1.3 tables, from live data: every active
    segment that has goals, a strategy or a promise."""
    return (
        segment_detail_queryset()
        .filter(is_active=True)
        .filter(Q(goals__isnull=False) | Q(strategy__isnull=False) | Q(promises__isnull=False))
        .distinct()
        .order_by("number")
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a segment or its items: when, what, which kind of change, who and why."""

    at: object
    item_kind: str
    summary: str
    change: str
    user: object
    reason: str


def _history_summary(row):
    # Built from the historical row's own columns: following its foreign keys would cost a
    # query per row.
    model = row.instance_type
    if model is Segment:
        return row.name_fi or ""
    if model is SegmentAlias:
        return row.name
    if model is Criterion:
        return f"{Criterion.Kind(row.kind).label}: {row.text_fi or ''}"
    if model is Goal:
        return f"{Goal.Perspective(row.perspective).label}: {row.text_fi}"
    return row.text_fi or ""


def segment_history(segment, *, limit=200):
    """Who changed what in a segment and its items, when and why, newest first."""
    histories = [
        Segment.history.filter(id=segment.pk),
        SegmentAlias.history.filter(segment_id=segment.pk),
        Criterion.history.filter(segment_id=segment.pk),
        Goal.history.filter(segment_id=segment.pk),
        Strategy.history.filter(segment_id=segment.pk),
        ServicePromise.history.filter(segment_id=segment.pk),
    ]
    rows = chain.from_iterable(
        history.select_related("history_user").order_by("-history_date")[:limit]
        for history in histories
    )
    newest = sorted(rows, key=lambda row: row.history_date, reverse=True)[:limit]
    return [
        HistoryEntry(
            at=row.history_date,
            item_kind=row.instance_type._meta.verbose_name,
            summary=_history_summary(row),
            change=row.history_type,
            user=row.history_user,
            reason=row.history_change_reason or "",
        )
        for row in newest
    ]


def transition_matrix(rows, *, to_field="to_segment"):
    """Counts from segment x to segment over entries or transitions, in one GROUP BY query.

    Returns (segments in number order, [(from segment id or None, {to id or None: count})]);
    None stands for "no segment" (from) or "unplaced" (to).
    """
    counts = (
        rows.values_list("from_segment_id", f"{to_field}_id").annotate(n=Count("pk")).order_by()
    )
    return matrix_from_counts(counts)


def matrix_from_counts(counts):
    """The (segments, rows) of transition_matrix from [(from id, to id, count)] already counted."""
    matrix = {}
    for from_id, to_id, n in counts:
        matrix.setdefault(from_id, {})[to_id] = n
    segments = list(Segment.objects.filter(is_active=True).order_by("number"))
    ids = [s.pk for s in segments]
    seen = set(matrix) | {to for row in matrix.values() for to in row}
    extra = [s for s in Segment.objects.filter(pk__in=seen - set(ids) - {None}).order_by("number")]
    segments += extra
    order = [s.pk for s in segments] + [None]
    return segments, [(from_id, matrix[from_id]) for from_id in order if from_id in matrix]


def company_filter(*, search="", segment=None, region=None, industry="", ready=False):
    """Active companies narrowed by the list's filters: name prefix or exact Y-tunnus, segment,
    region, industry prefix, ready to move forward."""
    companies = Company.objects.filter(is_active=True)
    search = (search or "").strip()
    if search:
        business_id = normalize_business_id(search)
        if business_id[:7].isdigit():
            companies = companies.filter(business_id=business_id)
        else:
            companies = companies.filter(name__istartswith=search)
    if segment:
        companies = companies.filter(segment=segment)
    if region:
        companies = companies.filter(region=region)
    if industry:
        companies = companies.filter(industry__startswith=industry)
    if ready:
        companies = companies.filter(is_ready_to_move=True)
    return companies


def company_list(*, after=None, limit=50, **filters):
    """A page of companies in name order; keyset-paginated (no count, no OFFSET).

    `after` is the (name, id) of the last company of the previous page. Returns the page
    and whether there are more.
    """
    companies = company_filter(**filters).select_related("segment", "region")
    if after:
        name, pk = after
        companies = companies.filter(Q(name__gt=name) | Q(name=name, pk__gt=pk))
    page = list(companies.order_by("name", "pk")[: limit + 1])
    return page[:limit], len(page) > limit


def latest_value_years(count=3):
    """The last `count` years that have attribute values (an index lookup, not a scan)."""
    from django.db.models import Max

    from .models import AttributeValue

    latest = AttributeValue.objects.aggregate(latest=Max("year"))["latest"]
    return list(range(latest - count + 1, latest + 1)) if latest else []


def company_detail_queryset():
    """Companies with their region and segment."""
    return Company.objects.select_related("segment", "region")


def company_values_by_year(company):
    """The company's attribute values as (years, [(attribute, [value or None per year])])."""
    values = list(
        company.attribute_values.select_related("attribute").order_by(
            "attribute__order", "attribute__code", "year"
        )
    )
    years = sorted({v.year for v in values})
    table = {}
    for v in values:
        table.setdefault(v.attribute, {})[v.year] = v
    return years, [
        (attribute, [per_year.get(y) for y in years]) for attribute, per_year in table.items()
    ]


def company_transitions(company):
    """The company's moves between segments, newest first."""
    return company.transitions.select_related(
        "from_segment", "to_segment", "created_by", "run"
    ).order_by("-year")


def run_movers(run, *, from_segment=None, to_segment=None, manual=False, after=None, limit=50):
    """A page of a run's movers and of its companies placed by hand (or, with
    to_segment="unplaced", of its unplaced), in name order."""
    from .evaluation import MOVER

    entries = RunEntry.objects.filter(run=run, is_listed=True).select_related(
        "company",
        "from_segment",
        "rule_segment",
        "to_segment",
        "placement__segment",
        "placement__created_by",
    )
    if to_segment == "unplaced":
        entries = entries.filter(rule_segment__isnull=True)
    else:
        entries = entries.filter(MOVER | Q(placement__isnull=False))
        if to_segment:
            entries = entries.filter(to_segment_id=to_segment)
    if from_segment:
        entries = entries.filter(from_segment_id=from_segment)
    if manual:
        entries = entries.filter(placement__isnull=False)
    if after:
        name, pk = after
        entries = entries.filter(
            Q(company__name__gt=name) | Q(company__name=name, company_id__gt=pk)
        )
    page = list(entries.order_by("company__name", "company_id")[: limit + 1])
    return page[:limit], len(page) > limit


def placements(*, search="", removed=False):
    """Manual placements in force (or removed ones), newest first, with who and what."""
    queryset = ManualPlacement.objects.select_related(
        "company", "segment", "company__segment", "created_by", "removed_by"
    ).filter(removed_at__isnull=not removed)
    search = search.strip()
    if search:
        business_id = normalize_business_id(search)
        queryset = queryset.filter(
            Q(company__business_id=business_id) | Q(company__name__istartswith=search)
        )
    return queryset.order_by("-created_at", "-pk")


def transition_years():
    """The years that have transitions, newest first."""
    return list(
        SegmentTransition.objects.values_list("year", flat=True).distinct().order_by("-year")
    )
