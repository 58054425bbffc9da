"""Reads of segments and their content: the list, a segment's page, the strategy overview
and who changed what."""

from dataclasses import dataclass
from itertools import chain

from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    prefetch_related_objects,
)

from core.history import (
    field_changes,
    previous_row,
    previous_rows,
    related_objects,
    with_previous,
)
from segments import rules
from segments.models import (
    Attribute,
    Criterion,
    Goal,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)

# What the segment page shows of a segment (segment_content): a change to any of these
# tables invalidates its cached fragment (segments.apps).
SEGMENT_CONTENT_MODELS = (Segment, SegmentAlias, Criterion, Goal, Strategy, ServicePromise)


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


def _content_prefetches():
    return [
        "aliases",
        Prefetch("criteria", queryset=Criterion.objects.order_by("kind")),
        Prefetch("goals", queryset=Goal.objects.order_by("perspective", "order", "pk")),
        Prefetch("promises", queryset=_promises_confirmed_first()),
    ]


def segment_detail_queryset():
    """Segments with everything the detail page shows, in a constant number of queries."""
    return Segment.objects.select_related("strategy").prefetch_related(*_content_prefetches())


def segments_with_strategy():
    """Segments with their strategy: what a segment page reads before its cached content."""
    return Segment.objects.select_related("strategy")


def segment_content(segment):
    """What a segment page shows of the segment's items (aliases, criteria in order, goals
    by perspective, promises confirmed first), read in four queries: only when the page's
    cached copy is rendered anew."""
    prefetch_related_objects([segment], *_content_prefetches())
    public_goals, customer_goals = goals_by_perspective(segment)
    return {
        "aliases": list(segment.aliases.all()),
        "criteria": criteria_in_order(segment),
        "public_goals": public_goals,
        "customer_goals": customer_goals,
        "promises": list(segment.promises.all()),
    }


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


def criteria_in_order(segment, attributes=None):
    """Placement, entry, exit: the order in which the report names them (5.1.1); each with
    `rules_text`, its machine-checkable rules in words in the UI language (empty when it has
    none), and `rules_html`, the same with untranslated names marked lang="fi".
    `attributes` ({code: attribute}) saves reading them per segment when many are shown."""
    order = {kind: index for index, kind in enumerate(Criterion.Kind.values)}
    criteria = sorted(segment.criteria.all(), key=lambda c: order[c.kind])
    if attributes is None:
        attributes = Attribute.objects.by_code() if any(c.rules for c in criteria) else {}
    for criterion in criteria:
        criterion.rules_text = criterion.rules_html = ""
        if criterion.rules:
            try:
                parsed = rules.parse_rules(criterion.rules, attributes)
            except rules.RuleError as error:
                # An attribute removed since the rule was saved: say so instead of failing.
                criterion.rules_text = criterion.rules_html = str(error)
            else:
                criterion.rules_text = rules.describe(parsed)
                criterion.rules_html = rules.describe(parsed, html=True)
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
    """One change of a segment or its items: when, what, which kind of change, who and why,
    and the fields it changed (before → after)."""

    at: object
    item_kind: str
    summary: str
    change: str
    user: object
    reason: str
    changes: list
    kind: str = ""
    history_id: int = 0


# The items of a segment whose history its page shows, by the name their revert URL uses.
HISTORY_ITEMS = {
    "segment": (Segment, "id"),
    "alias": (SegmentAlias, "segment_id"),
    "criterion": (Criterion, "segment_id"),
    "goal": (Goal, "segment_id"),
    "strategy": (Strategy, "segment_id"),
    "promise": (ServicePromise, "segment_id"),
}


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


def describe_stored_rules(value, context):
    """A criterion's stored rule tree in words (history); the attributes read once a page."""
    if "segments.attributes" not in context:
        context["segments.attributes"] = Attribute.objects.by_code()
    try:
        return rules.describe(rules.parse_rules(value, context["segments.attributes"]))
    except rules.RuleError as error:
        return str(error)


def segment_history(segment, *, limit=200):
    """Who changed what in a segment and its items, when, why and how (each changed field
    before → after), newest first. A save that changed nothing visible is left out. The
    number of queries does not grow with the history."""
    kind_of = {model: kind for kind, (model, _key) in HISTORY_ITEMS.items()}
    histories = [model.history.filter(**{key: segment.pk}) for model, key in HISTORY_ITEMS.values()]
    rows = list(
        chain.from_iterable(
            with_previous(history.select_related("history_user")).order_by(
                "-history_date", "-history_id"
            )[:limit]
            for history in histories
        )
    )
    previous = previous_rows(rows)
    related = related_objects([*rows, *previous.values()])
    entries = []
    for row in sorted(rows, key=lambda row: (row.history_date, row.history_id), reverse=True):
        changes = field_changes(row, previous_row(previous, row), related=related)
        if row.history_type == "~" and not changes:
            continue  # a save that changed nothing anyone can see
        entries.append(
            HistoryEntry(
                at=row.history_date,
                item_kind=row.instance_type._meta.verbose_name,
                summary=_history_summary(row),
                change=row.history_type,
                user=row.history_user,
                reason=row.history_change_reason or "",
                changes=changes,
                kind=kind_of[row.instance_type],
                history_id=row.history_id,
            )
        )
    return entries[:limit]


def history_record(segment, kind, history_id):
    """One history row of the segment or one of its items, with the changes it made; None
    when there is no such row of this segment."""
    if kind not in HISTORY_ITEMS:
        return None
    model, key = HISTORY_ITEMS[kind]
    record = (
        with_previous(model.history.filter(**{key: segment.pk}))
        .select_related("history_user")
        .filter(history_id=history_id)
        .first()
    )
    if record is None:
        return None
    previous = previous_rows([record])
    related = related_objects([record, *previous.values()])
    record.changes = field_changes(record, previous_row(previous, record), related=related)
    record.summary = _history_summary(record)
    record.item_kind = model._meta.verbose_name
    record.newest_history_id = (
        model.history.filter(**{model._meta.pk.attname: record.id})
        .order_by("-history_date", "-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    return record
