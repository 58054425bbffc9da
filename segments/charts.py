"""Server-rendered pictures: the flows of companies between segments (a Sankey diagram).

The picture is decoration for sighted users; the same numbers are always in a table beside it.
"""

import textwrap
from dataclasses import dataclass

WIDTH = 760
NODE_WIDTH = 14
GAP = 10
LABEL_SPACE = 190
# A label is wrapped, never cut: a line of at most this many characters fits LABEL_SPACE at
# the picture's 13 px type, and the lines of one label are LINE_HEIGHT apart.
LABEL_LINE_CHARS = 24
LINE_HEIGHT = 15
LABEL_GAP = 4
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
    # The label (with the count) on one or more lines, and where its first line stands: at
    # the node's top, or lower when the label of the node above needs the room.
    lines: tuple = ()
    label_y: float = 0.0

    @property
    def label_x(self):
        """Left of the left column, right of the right one."""
        return self.x - 6 if self.x < WIDTH / 2 else self.x + NODE_WIDTH + 6

    @property
    def label_anchor(self):
        return "end" if self.x < WIDTH / 2 else "start"


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
    # A column's labels may reach below its last node: the picture grows to hold them.
    height = max([height, *(_label_bottom(node) for node in left + right)])
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


def label_lines(label, count):
    """A node's label and its count in lines of at most LABEL_LINE_CHARS characters, broken
    between words (a longer word stands on a line of its own)."""
    lines = textwrap.wrap(label, LABEL_LINE_CHARS, break_long_words=False) or [""]
    last = f"{lines[-1]} ({count})"
    if len(last) <= LABEL_LINE_CHARS:
        lines[-1] = last
    else:
        lines.append(f"({count})")
    return tuple(lines)


def _label_bottom(node):
    return node.label_y + LINE_HEIGHT * len(node.lines)


def _column(totals, x, scale, colours, languages):
    nodes, y, free_from = [], 0.0, 0.0
    for label, count in totals.items():
        h = max(count * scale, 1.0)
        lines = label_lines(label, count)
        label_y = max(y, free_from)
        node = Node(label, count, x, y, h, colours[label], languages.get(label, ""), lines, label_y)
        nodes.append(node)
        free_from = _label_bottom(node) + LABEL_GAP
        y += h + GAP
    return nodes
