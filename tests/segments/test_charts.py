"""The Sankey picture's layout (segments.charts): labels wrapped, never cut, never overlapping."""

import itertools

from segments import charts

LONG = "Yrityksen perustajat ja keksintöasiakkaat"


def test_label_lines__a_long_name_is_wrapped_whole_with_its_count():
    lines = charts.label_lines(LONG, 14)

    assert " ".join(lines) == f"{LONG} (14)"
    assert all(len(line) <= charts.LABEL_LINE_CHARS for line in lines)
    assert len(lines) == 2


def test_label_lines__a_word_longer_than_a_line_stands_on_its_own():
    lines = charts.label_lines("Kansainvälistymälläkasvuahakevat", 3)

    assert lines == ("Kansainvälistymälläkasvuahakevat", "(3)")


def test_sankey__labels_of_small_nodes_do_not_overlap_and_the_picture_holds_them():
    flows = [(LONG, "Suuryritykset", 500), *((f"{LONG} {n}", "Suuryritykset", 1) for n in range(5))]

    picture = charts.sankey(flows, height=200)

    left = [node for node in picture.nodes if node.x < charts.WIDTH / 2]
    for above, below in itertools.pairwise(left):
        assert below.label_y >= above.label_y + charts.LINE_HEIGHT * len(above.lines)
    last = left[-1]
    assert picture.height >= last.label_y + charts.LINE_HEIGHT * len(last.lines)
    assert all(node.label_y >= node.y for node in picture.nodes)
