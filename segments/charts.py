"""Server-rendered pictures: the flows of companies between segments (a Sankey diagram).

The picture is decoration for sighted users; the same numbers are always in a table beside it.
"""

from dataclasses import dataclass

WIDTH = 760
NODE_WIDTH = 14
GAP = 10
LABEL_SPACE = 190
# Colours of the Suomi.fi tokens with enough contrast against white.
PALETTE = [
    "#2A6EBB",
    "#00357A",
    "#078364",
    "#6B6B6B",
    "#8D4A9E",
    "#AE332D",
    "#235A9A",
    "#1A7F99",
    "#4D4D4D",
]


@dataclass(frozen=True)
class Band:
    source: str
    target: str
    count: int
    path: str
    colour: str
    width: float


@dataclass(frozen=True)
class Node:
    label: str
    count: int
    x: float
    y: float
    height: float
    colour: str
    lang: str = ""


@dataclass(frozen=True)
class Sankey:
    width: int
    height: int
    nodes: list
    bands: list
    total: int


def sankey(flows, *, height=420, languages=None):
    """Lay out flows [(from label, to label, count)] as left and right columns joined by bands.

    `languages` gives the language of labels that are not in the page's language.
    """
    flows = [(source, target, count) for source, target, count in flows if count > 0]
    total = sum(count for _s, _t, count in flows)
    if not total:
        return Sankey(WIDTH, 0, [], [], 0)
    sources = _ordered_totals(flows, 0)
    targets = _ordered_totals(flows, 1)
    usable = height - GAP * (max(len(sources), len(targets)) - 1)
    scale = usable / total
    colours = {}
    for label in [*sources, *targets]:
        colours.setdefault(label, PALETTE[len(colours) % len(PALETTE)])
    left_x, right_x = LABEL_SPACE, WIDTH - LABEL_SPACE - NODE_WIDTH
    left = _column(sources, left_x, scale, colours, languages or {})
    right = _column(targets, right_x, scale, colours, languages or {})
    left_offset = {n.label: n.y for n in left}
    right_offset = {n.label: n.y for n in right}
    bands = []
    for source, target, count in sorted(
        flows, key=lambda f: (list(sources).index(f[0]), list(targets).index(f[1]))
    ):
        w = count * scale
        y0 = left_offset[source] + w / 2
        y1 = right_offset[target] + w / 2
        left_offset[source] += w
        right_offset[target] += w
        x0, x1 = left_x + NODE_WIDTH, right_x
        mid = (x0 + x1) / 2
        path = f"M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
        bands.append(Band(source, target, count, path, colours[source], max(w, 1.0)))
    return Sankey(WIDTH, height, left + right, bands, total)


def _ordered_totals(flows, index):
    totals = {}
    for flow in flows:
        totals[flow[index]] = totals.get(flow[index], 0) + flow[2]
    return totals


def _column(totals, x, scale, colours, languages):
    nodes, y = [], 0.0
    for label, count in totals.items():
        h = max(count * scale, 1.0)
        nodes.append(Node(label, count, x, y, h, colours[label], languages.get(label, "")))
        y += h + GAP
    return nodes
