"""Reads of the yearly re-segmentation: the runs, a run's transition matrix and movers, the
manual placements, and the dynamics of the transitions applied."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.pagination import Keyset
from segments.models import ManualPlacement, ResegmentationRun, RunEntry, Segment, SegmentTransition
from segments.models.resegmentation import LISTED_MOVERS, LISTED_UNPLACED
from segments.selectors.companies import company_search

# A run's movers in company name order, and their cursor (?after_name=&after_id=).
MOVERS_KEYSET = Keyset(
    fields=("company_name", "company_id"),
    params=("after_name", "after_id"),
    kinds=("text", "int"),
)
# The states in which a run has a matrix and movers to review.
REVIEWABLE = (
    ResegmentationRun.Status.PREVIEWED,
    ResegmentationRun.Status.APPLIED,
    ResegmentationRun.Status.APPLYING,
)


def runs_recent(limit=100):
    """The newest runs, with who started and applied them."""
    return run_queryset()[:limit]


def run_queryset():
    """Runs with who started and applied them."""
    return ResegmentationRun.objects.select_related("created_by", "applied_by")


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


def segment_labels(segments):
    """Segment names in the user's language by id, with "fi" where the Finnish name stands in
    for a missing translation (so that the page can mark it lang="fi")."""
    language = (get_language() or "fi")[:2]
    labels = {None: (_("ei segmenttiä"), "")}
    for s in segments:
        translated = s.name_fi if language == "fi" else getattr(s, f"name_{language}", None)
        labels[s.pk] = (translated, "") if translated else (s.name_fi, "fi")
    return labels


def run_review(run, query, *, size=50):
    """What a previewed (or applied) run's page shows for review: the transition matrix as
    counted at preview, the segments to filter by, and a page of movers after the cursor in
    `query` narrowed by its filters (from, to, manual). Empty before the preview."""
    if run.status not in REVIEWABLE:
        return {}
    # Counted once when the preview was made (400,000 entries).
    segments, rows = matrix_from_counts(run.matrix)
    labels = segment_labels(segments)
    filters = _mover_filters(segments, query)
    return {
        "segments": segments,
        "segment_options": [(s.pk, *labels[s.pk]) for s in segments],
        "matrix": [
            (labels[from_id], from_id, [counts.get(s.pk, 0) for s in segments], counts.get(None, 0))
            for from_id, counts in rows
        ],
        "movers": run_movers(run, query, **filters, size=size),
        "mover_filters": filters,
    }


def _mover_filters(segments, query):
    ids = {str(s.pk): s.pk for s in segments}
    to = query.get("to", "")
    return {
        "from_segment": ids.get(query.get("from", "")),
        "to_segment": "unplaced" if to == "unplaced" else ids.get(to),
        "manual": query.get("manual") == "1",
    }


def run_movers(run, query, *, size=50, **filters):
    """A page of a run's movers and of its companies placed by hand (or, with
    to_segment="unplaced", of its unplaced), in name order after the cursor in `query`."""
    return MOVERS_KEYSET.page(run_listed_entries(run, **filters), query, size=size)


def run_listed_entries(run, *, from_segment=None, to_segment=None, manual=False):
    """The entries of one of the run page's lists, narrowed by its filters."""
    # The two lists' conditions are their partial indexes' (RunEntry.Meta): each page is
    # read in name order from its own index, whatever the run's size.
    listed = LISTED_UNPLACED if to_segment == "unplaced" else LISTED_MOVERS
    entries = RunEntry.objects.filter(listed, run=run).select_related(
        "company",
        "from_segment",
        "rule_segment",
        "to_segment",
        "placement__segment",
        "placement__created_by",
    )
    if to_segment and to_segment != "unplaced":
        entries = entries.filter(to_segment_id=to_segment)
    if from_segment:
        entries = entries.filter(from_segment_id=from_segment)
    if manual:
        entries = entries.filter(placement__isnull=False)
    return entries


def placements(*, search="", removed=False):
    """Manual placements in force (or removed ones), newest first, with who and what."""
    queryset = ManualPlacement.objects.select_related(
        "company", "segment", "company__segment", "created_by", "removed_by"
    ).filter(removed_at__isnull=not removed)
    return company_search(queryset, search, "company__").order_by("-created_at", "-pk")


def transition_years():
    """The years that have transitions, newest first."""
    return list(
        SegmentTransition.objects.values_list("year", flat=True).distinct().order_by("-year")
    )


@dataclass(frozen=True)
class Dynamics:
    """A year's applied transitions (report 5): the matrix of counts from segment to segment,
    and the flows between them ((from label, to label, companies), as the picture draws them)."""

    years: list
    year: int | None
    segments: list
    matrix: list
    flows: list
    languages: dict

    @property
    def flows_by_size(self):
        return sorted(self.flows, key=lambda flow: -flow[2])


def dynamics(year):
    """The dynamics of the year asked for (text from the query string), or of the newest year
    with transitions when that is not one of them."""
    years = transition_years()
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else None)
    if year is None:
        return Dynamics(years, None, [], [], [], {})
    segments, rows = transition_matrix(SegmentTransition.objects.filter(year=year))
    labels = segment_labels(segments)
    return Dynamics(
        years=years,
        year=year,
        segments=segments,
        matrix=[
            (labels[from_id], [counts.get(s.pk, 0) for s in segments], sum(counts.values()))
            for from_id, counts in rows
        ],
        flows=[
            (labels[from_id][0], labels[to_id][0], n)
            for from_id, counts in rows
            for to_id, n in counts.items()
        ],
        languages={text: lang for text, lang in labels.values() if lang},
    )
