"""The company search's reading of a Y-tunnus: why a Y-tunnus-like search finds nothing."""

import pytest

from segments.selectors import business_id_search_problem


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        (
            "0737546-3",
            "Y-tunnuksen 0737546-3 tarkistusnumero on väärä: numeroilla 0737546 sen pitäisi "
            "olla 2.",
        ),
        (" 0737546 3 ", "Y-tunnuksen 0737546-3 tarkistusnumero on väärä"),
        ("07375463", "Y-tunnuksen 0737546-3 tarkistusnumero on väärä"),
        ("1234", "Y-tunnuksessa on seitsemän numeroa"),
        ("1" * 300, "Y-tunnuksessa on seitsemän numeroa"),
        ("1234567-X", "Y-tunnus saa sisältää vain numeroita"),
    ],
)
def test_business_id_search_problem__names_what_is_wrong(search, expected):
    assert expected in business_id_search_problem(search)


def test_business_id_search_problem__a_number_without_a_check_digit():
    # 0000006: the weighted sum leaves remainder 1, so no Y-tunnus has these digits.
    assert "ei ole mahdollinen" in business_id_search_problem("0000006-0")


@pytest.mark.parametrize("search", ["0737546-2", "Kone", "<script>", "", None, "   "])
def test_business_id_search_problem__none_for_a_valid_y_tunnus_a_name_or_nothing(search):
    assert business_id_search_problem(search) is None
