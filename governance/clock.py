"""Geometry of the annual planning clock (vuosikello, 5.6): pure functions, no database.

The clock is a circle of twelve month sectors, January at the top and the months running
clockwise. Each lane (a planning level, or "general" for events of no level) is a ring at
its own radius; an event is a mark on its lane inside its month, spread evenly when a month
has several. Each lane has its own mark shape, so the legend does not rely on colour alone.
The template (governance/includes/steering_clock_svg.html) draws what these functions return.
"""

import math
from dataclasses import dataclass, field

SIZE = 480
CENTRE = SIZE / 2
SECTOR_RADIUS = 196  # outer edge of the month sectors (labels sit outside it)
INNER_RADIUS = 56  # the hole in the middle, where the year is written
LABEL_RADIUS = 212
MONTHS = range(1, 13)
MONTH_DEGREES = 30
# One shape per lane, in lane order (circle, square, triangle, diamond, ring): the legend
# tells lanes apart by shape and colour both.
SHAPES = ["circle", "square", "triangle", "diamond", "ring"]
MARK_SIZE = 7


def _round(value):
    return round(value, 2)


def polar(radius, degrees):
    """The point at `radius` from the centre, `degrees` clockwise from twelve o'clock."""
    radians = math.radians(degrees)
    return _round(CENTRE + radius * math.sin(radians)), _round(CENTRE - radius * math.cos(radians))


def month_start_degrees(month):
    """Where a month's sector begins: January at 0° (the top), each month 30° further."""
    if month not in MONTHS:
        raise ValueError(f"month must be 1–12, not {month!r}")
    return (month - 1) * MONTH_DEGREES


def sector_path(month, *, outer=SECTOR_RADIUS, inner=INNER_RADIUS):
    """An SVG path of the month's ring sector between the inner and outer radius."""
    start = month_start_degrees(month)
    end = start + MONTH_DEGREES
    ox1, oy1 = polar(outer, start)
    ox2, oy2 = polar(outer, end)
    ix2, iy2 = polar(inner, end)
    ix1, iy1 = polar(inner, start)
    # Sweep flag 1 runs clockwise on screen; back along the inner arc with 0.
    return (
        f"M {ox1} {oy1} A {outer} {outer} 0 0 1 {ox2} {oy2} "
        f"L {ix2} {iy2} A {inner} {inner} 0 0 0 {ix1} {iy1} Z"
    )


def month_label_position(month):
    """The centre of the month's label, in the band outside the sectors."""
    return polar(LABEL_RADIUS, month_start_degrees(month) + MONTH_DEGREES / 2)


def lane_radius(lane, lane_count):
    """The radius of a lane's ring: lanes spread evenly between the hole and the edge."""
    if lane_count < 1 or not 0 <= lane < lane_count:
        raise ValueError(f"lane {lane!r} not in 0…{lane_count - 1}")
    step = (SECTOR_RADIUS - INNER_RADIUS) / (lane_count + 1)
    return _round(INNER_RADIUS + step * (lane + 1))


def mark_angle(month, index, count):
    """The angle of the index-th of `count` marks of one lane in one month, spread evenly."""
    if count < 1 or not 0 <= index < count:
        raise ValueError(f"index {index!r} not in 0…{count - 1}")
    return month_start_degrees(month) + MONTH_DEGREES * (index + 1) / (count + 1)


def shape_points(shape, x, y, size=MARK_SIZE):
    """The points of a polygon mark (square, triangle, diamond) centred on (x, y)."""
    if shape == "square":
        corners = [(-size, -size), (size, -size), (size, size), (-size, size)]
    elif shape == "triangle":
        corners = [(0, -size * 1.2), (size * 1.1, size * 0.8), (-size * 1.1, size * 0.8)]
    elif shape == "diamond":
        corners = [(0, -size * 1.3), (size * 1.3, 0), (0, size * 1.3), (-size * 1.3, 0)]
    else:
        raise ValueError(f"{shape!r} is not a polygon shape")
    return " ".join(f"{_round(x + dx)},{_round(y + dy)}" for dx, dy in corners)


@dataclass
class Lane:
    """A ring of the clock: its key (a planning level or "" for general), label and shape."""

    key: str
    label: str
    index: int
    shape: str
    radius: float = 0


@dataclass
class Mark:
    """One event drawn on the clock."""

    event: object
    lane: Lane
    x: float
    y: float
    points: str = ""  # for polygon shapes


@dataclass
class Sector:
    month: int
    name: str
    path: str
    label_x: float
    label_y: float
    event_count: int = 0


@dataclass
class Drawing:
    """Everything the template needs to draw the clock."""

    year: int
    sectors: list
    lanes: list
    marks: list = field(default_factory=list)
    size: int = SIZE
    centre: float = CENTRE
    inner_radius: int = INNER_RADIUS
    sector_radius: int = SECTOR_RADIUS

    @property
    def is_empty(self):
        return not self.marks


def draw(*, year, events, lanes, month_names, lane_of):
    """The drawing of a year's clock.

    `lanes` are (key, label) pairs in drawing order, `lane_of(event)` gives an event's lane
    key, `month_names` the twelve month names. Each event needs a `month` attribute.
    """
    lane_objects = [
        Lane(key=key, label=label, index=i, shape=SHAPES[i % len(SHAPES)])
        for i, (key, label) in enumerate(lanes)
    ]
    for lane in lane_objects:
        lane.radius = lane_radius(lane.index, len(lane_objects))
    by_key = {lane.key: lane for lane in lane_objects}
    sectors = []
    for month in MONTHS:
        x, y = month_label_position(month)
        sectors.append(Sector(month, month_names[month - 1], sector_path(month), x, y))
    groups = {}
    for event in events:
        groups.setdefault((event.month, lane_of(event)), []).append(event)
    marks = []
    for (month, key), group in sorted(groups.items(), key=lambda item: item[0][0]):
        lane = by_key[key]
        sectors[month - 1].event_count += len(group)
        for index, event in enumerate(group):
            x, y = polar(lane.radius, mark_angle(month, index, len(group)))
            points = shape_points(lane.shape, x, y) if lane.shape in _POLYGONS else ""
            marks.append(Mark(event=event, lane=lane, x=x, y=y, points=points))
    return Drawing(year=year, sectors=sectors, lanes=lane_objects, marks=marks)


_POLYGONS = {"square", "triangle", "diamond"}


def months_with_events(drawing, events):
    """Each month's sector with its events, in month order: the table beside the picture."""
    by_month = {sector.month: [] for sector in drawing.sectors}
    for event in events:
        by_month[event.month].append(event)
    return [(sector, by_month[sector.month]) for sector in drawing.sectors]
