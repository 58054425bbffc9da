"""The annual planning clock's geometry (governance/clock.py) and its SVG, for an empty and a
full year: valid XML, twelve month sectors with labels, one mark per event."""

import math

import pytest
from defusedxml import ElementTree as ET  # xml.etree's parser, safe against XML attacks
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dates import MONTHS

from governance import clock

SVG = "{http://www.w3.org/2000/svg}"
LANES = [("whole_base", "koko kanta"), ("organisation_base", "toimijat"), ("", "yleinen")]


class Event:
    """A stand-in for ClockEvent: the drawing needs only these attributes."""

    def __init__(self, pk, month, level=""):
        self.pk, self.month, self.level = pk, month, level
        self.title, self.timing = f"Tapahtuma {pk}", ""

    def get_kind_display(self):
        return "suunnittelu"


def _drawing(events, year=2026):
    return clock.draw(
        year=year,
        events=events,
        lanes=LANES,
        month_names=[MONTHS[m] for m in clock.MONTHS],
        lane_of=lambda event: event.level,
    )


def _svg(drawing):
    with translation.override("fi"):
        html = render_to_string("governance/includes/steering_clock_svg.html", {"drawing": drawing})
    return ET.fromstring(html.strip())  # raises on invalid XML


def test_polar__twelve_o_clock_is_up_and_three_o_clock_is_right():
    assert clock.polar(100, 0) == (clock.CENTRE, clock.CENTRE - 100)
    assert clock.polar(100, 90) == (clock.CENTRE + 100, clock.CENTRE)
    assert clock.polar(100, 180) == (clock.CENTRE, clock.CENTRE + 100)


def test_month_start_degrees__january_at_top_clockwise():
    assert [clock.month_start_degrees(m) for m in (1, 4, 7, 10, 12)] == [0, 90, 180, 270, 330]


@pytest.mark.parametrize("month", [0, 13, -1, None])
def test_month_start_degrees__refuses_a_month_outside_the_year(month):
    with pytest.raises(ValueError):
        clock.month_start_degrees(month)


def test_sector_path__starts_on_the_outer_edge_at_the_month_start():
    path = clock.sector_path(4)
    x, y = clock.polar(clock.SECTOR_RADIUS, 90)
    assert path.startswith(f"M {x} {y} A ")
    assert path.endswith("Z")


def test_month_label_position__in_the_middle_of_the_month():
    x, y = clock.month_label_position(1)
    assert math.isclose(
        math.degrees(math.atan2(x - clock.CENTRE, clock.CENTRE - y)), 15, abs_tol=0.01
    )


def test_lane_radius__lanes_inside_the_sectors_and_outwards_in_order():
    radii = [clock.lane_radius(i, 5) for i in range(5)]
    assert radii == sorted(radii)
    assert radii[0] > clock.INNER_RADIUS and radii[-1] < clock.SECTOR_RADIUS


def test_mark_angle__marks_of_a_month_spread_inside_it():
    angles = [clock.mark_angle(2, i, 3) for i in range(3)]
    assert angles == [37.5, 45.0, 52.5]
    assert all(30 < a < 60 for a in angles)


def test_shape_points__polygons_centred_on_the_point():
    for shape, corners in (("square", 4), ("triangle", 3), ("diamond", 4)):
        assert len(clock.shape_points(shape, 10, 10).split()) == corners
    with pytest.raises(ValueError):
        clock.shape_points("circle", 0, 0)


def test_draw__marks_fall_in_their_month_and_lane():
    events = [Event(1, 3, "whole_base"), Event(2, 3, "whole_base"), Event(3, 9, "")]
    drawing = _drawing(events)
    assert len(drawing.marks) == 3
    assert drawing.sectors[2].event_count == 2 and drawing.sectors[8].event_count == 1
    for mark in drawing.marks:
        angle = math.degrees(math.atan2(mark.x - clock.CENTRE, clock.CENTRE - mark.y)) % 360
        start = clock.month_start_degrees(mark.event.month)
        assert start < angle < start + 30
        radius = math.hypot(mark.x - clock.CENTRE, mark.y - clock.CENTRE)
        assert math.isclose(radius, mark.lane.radius, abs_tol=0.05)
    assert {mark.lane.key for mark in drawing.marks} == {"whole_base", ""}


def test_clock_svg__empty_year_has_twelve_months_and_says_no_events():
    root = _svg(_drawing([]))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Vuosikello 2026"
    assert root.find(f"{SVG}desc").text
    assert len(root.findall(f".//{SVG}path[@data-month]")) == 12
    labels = [t.text for t in root.findall(f".//{SVG}text[@data-month]")]
    assert labels == [MONTHS[m] for m in range(1, 13)]
    assert root.findall(f".//{SVG}g[@data-event]") == []
    assert "ei tapahtumia" in [t.text for t in root.iter(f"{SVG}text")]


def test_clock_svg__full_year_has_one_mark_per_event():
    events = [
        Event(pk, month, level)
        for pk, (month, level) in enumerate(
            ((m, lvl) for m in range(1, 13) for lvl in ("whole_base", "organisation_base", "")),
            start=1,
        )
    ]
    root = _svg(_drawing(events))
    marks = root.findall(f".//{SVG}g[@data-event]")
    assert sorted(int(m.get("data-event")) for m in marks) == list(range(1, 37))
    for mark in marks:
        assert mark.find(f"{SVG}title").text.startswith("Tapahtuma ")
    assert len(root.findall(f".//{SVG}path[@data-month]")) == 12
    assert "ei tapahtumia" not in [t.text for t in root.iter(f"{SVG}text")]


def test_clock_svg__coordinates_are_not_localised():
    """Finnish formats would write 240,5: the SVG's numbers must keep their decimal point."""
    with translation.override("fi"):
        root = _svg(_drawing([Event(1, 2, "whole_base")]))
    circle = root.find(f".//{SVG}g[@data-event]/{SVG}circle")
    float(circle.get("cx")), float(circle.get("cy"))
    assert "," not in root.find(f".//{SVG}path").get("d")
