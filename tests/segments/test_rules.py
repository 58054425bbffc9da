"""Rule trees on company attributes: validated with Finnish messages, evaluated in the database."""

from decimal import Decimal

import pytest
from django.utils import translation

from segments import rules
from segments.evaluation import company_pivot as _company_pivot
from segments.models import AttributeValue
from tests.factories import AttributeFactory, CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attributes(db):
    return {
        a.code: a
        for a in [
            AttributeFactory(staff=True),
            AttributeFactory(turnover=True),
            AttributeFactory(exporter=True),
            AttributeFactory(
                code="omistus",
                name_fi="Omistus",
                value_type="choice",
                choices="kotimainen\nulkomainen",
            ),
            AttributeFactory(free_text=True),
        ]
    }


def _company(attributes, number, **values):
    company = CompanyFactory(business_id=f"{number:07d}-X", name=f"Yritys {number}")
    for code, value in values.items():
        row = AttributeValue(company=company, attribute=attributes[code], year=2026)
        row.set_value(attributes[code].parse(value))
        row.save()
    return company


def _matching(attributes, tree):
    node = rules.parse_rules(tree)
    pivot = _company_pivot(2026, sorted(rules.attributes_in(node), key=lambda a: a.pk))
    return set(pivot.filter(rules.to_q(node)).values_list("name", flat=True))


@pytest.fixture
def companies(attributes):
    _company(
        attributes,
        1,
        henkilosto="300",
        liikevaihto="60,5",
        vientiyritys="kyllä",
        omistus="ulkomainen",
        kuvaus="Ohjelmistot ja palvelut",
    )
    _company(
        attributes,
        2,
        henkilosto="12",
        liikevaihto="1,2",
        vientiyritys="ei",
        omistus="kotimainen",
        kuvaus="Kahvila",
    )
    _company(attributes, 3, henkilosto="250")
    _company(attributes, 4)  # no values at all


@pytest.mark.parametrize(
    ("tree", "expected"),
    [
        ({"attribute": "henkilosto", "op": "gte", "value": 250}, {"Yritys 1", "Yritys 3"}),
        ({"attribute": "henkilosto", "op": "gt", "value": 250}, {"Yritys 1"}),
        ({"attribute": "henkilosto", "op": "lt", "value": "250"}, {"Yritys 2"}),
        ({"attribute": "henkilosto", "op": "lte", "value": 250}, {"Yritys 2", "Yritys 3"}),
        ({"attribute": "henkilosto", "op": "eq", "value": 12}, {"Yritys 2"}),
        # "not equal" needs a value: a company without one is not "≠ 12".
        ({"attribute": "henkilosto", "op": "ne", "value": 12}, {"Yritys 1", "Yritys 3"}),
        ({"attribute": "liikevaihto", "op": "gt", "value": "50,25"}, {"Yritys 1"}),
        ({"attribute": "liikevaihto", "op": "lte", "value": 1.2}, {"Yritys 2"}),
        ({"attribute": "vientiyritys", "op": "eq", "value": "kyllä"}, {"Yritys 1"}),
        ({"attribute": "vientiyritys", "op": "ne", "value": True}, {"Yritys 2"}),
        ({"attribute": "omistus", "op": "eq", "value": "kotimainen"}, {"Yritys 2"}),
        (
            {"attribute": "omistus", "op": "in", "value": ["kotimainen", "ulkomainen"]},
            {"Yritys 1", "Yritys 2"},
        ),
        ({"attribute": "omistus", "op": "ne", "value": "kotimainen"}, {"Yritys 1"}),
        ({"attribute": "kuvaus", "op": "contains", "value": "ohjelmisto"}, {"Yritys 1"}),
        ({"attribute": "kuvaus", "op": "eq", "value": "Kahvila"}, {"Yritys 2"}),
    ],
)
def test_rules__every_operator_of_every_type(companies, attributes, tree, expected):
    assert _matching(attributes, tree) == expected


def test_rules__nested_groups(companies, attributes):
    tree = {
        "any": [
            {
                "all": [
                    {"attribute": "henkilosto", "op": "gte", "value": 250},
                    {"attribute": "vientiyritys", "op": "eq", "value": "kyllä"},
                ]
            },
            {
                "all": [
                    {"attribute": "henkilosto", "op": "lt", "value": 50},
                    {"any": [{"attribute": "omistus", "op": "eq", "value": "kotimainen"}]},
                ]
            },
        ]
    }
    assert _matching(attributes, tree) == {"Yritys 1", "Yritys 2"}
    assert rules.describe(rules.parse_rules(tree)) == (
        "(Henkilöstö vähintään 250 ja Vientiyritys on kyllä) tai "
        "(Henkilöstö alle 50 ja (Omistus on kotimainen))"
    )


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        ({"attribute": "ei_ole", "op": "eq", "value": 1}, "ominaisuutta 'ei_ole' ei ole"),
        (
            {"attribute": "henkilosto", "op": "contains", "value": 1},
            "operaattori 'contains' ei sovi ominaisuudelle henkilosto",
        ),
        ({"attribute": "vientiyritys", "op": "gt", "value": 1}, "sallitut: eq, ne"),
        ({"attribute": "henkilosto", "op": "gte", "value": "paljon"}, "paljon ei ole kokonaisluku"),
        ({"attribute": "henkilosto", "op": "gte", "value": "2,5"}, "2,5 ei ole kokonaisluku"),
        ({"attribute": "liikevaihto", "op": "gte", "value": "NaN"}, "NaN ei ole luku"),
        (
            {"attribute": "omistus", "op": "eq", "value": "valtio"},
            "valtio ei ole sallittu arvo. Sallitut: kotimainen, ulkomainen",
        ),
        (
            {"attribute": "omistus", "op": "in", "value": []},
            'operaattorin "in" arvon on oltava ei-tyhjä luettelo',
        ),
        ({"attribute": "henkilosto", "op": "gte"}, 'täsmälleen "attribute", "op" ja "value"'),
        ({"all": []}, 'ryhmän "all" on oltava ei-tyhjä luettelo'),
        (
            {"all": [{"attribute": "henkilosto", "op": "gte", "value": 1}], "any": []},
            "ryhmässä saa olla vain yksi avain",
        ),
        ([1, 2], "odotettiin ehtoa tai ryhmää"),
        (
            {
                "all": [
                    {
                        "any": [
                            {
                                "all": [
                                    {
                                        "any": [
                                            {
                                                "all": [
                                                    {
                                                        "any": [
                                                            {
                                                                "all": [
                                                                    {
                                                                        "attribute": "henkilosto",
                                                                        "op": "gte",
                                                                        "value": 1,
                                                                    }
                                                                ]
                                                            }
                                                        ]
                                                    }
                                                ]
                                            }
                                        ]
                                    }
                                ]
                            }
                        ]
                    }
                ]
            },
            "sisäkkäin liian monta",
        ),
    ],
)
def test_rules__invalid_rules_get_a_finnish_message_with_the_place(attributes, tree, message):
    with pytest.raises(rules.RuleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        rules.parse_rules(tree)


def test_rules__the_place_of_an_error_is_named(attributes):
    tree = {
        "all": [
            {"attribute": "henkilosto", "op": "gte", "value": 1},
            {"any": [{"attribute": "x", "op": "eq", "value": 1}]},
        ]
    }
    with pytest.raises(
        rules.RuleError, match=r"^säännöt\.all\[2\]\.any\[1\]: ominaisuutta 'x' ei ole\.$"
    ):
        rules.parse_rules(tree)


def test_rules__too_many_conditions_are_refused(attributes):
    tree = {
        "any": [
            {"attribute": "henkilosto", "op": "eq", "value": n}
            for n in range(rules.MAX_CONDITIONS + 1)
        ]
    }
    with pytest.raises(rules.RuleError, match="ehtoja on liikaa"):
        rules.parse_rules(tree)


def test_criterion__clean_validates_rules_into_a_field_error(attributes, strategy_data):
    from django.core.exceptions import ValidationError

    from segments.models import Criterion

    criterion = Criterion.objects.get(segment__code="suuryritykset", kind="placement")
    criterion.rules = {"attribute": "henkilosto", "op": "gte", "value": "x"}
    with pytest.raises(ValidationError) as error:
        criterion.full_clean()
    assert error.value.message_dict["rules"] == ["säännöt: x ei ole kokonaisluku."]
    criterion.rules = {}
    criterion.full_clean()
    assert criterion.rules is None


def test_attribute_value__value_round_trips_by_type(attributes):
    company = _company(attributes, 9, henkilosto="1 234", liikevaihto="2,50", vientiyritys="ja")
    values = {
        v.attribute.code: v.value for v in company.attribute_values.select_related("attribute")
    }
    assert values == {"henkilosto": 1234, "liikevaihto": Decimal("2.5000"), "vientiyritys": True}


@pytest.mark.parametrize("raw", ["Infinity", "-inf", "NaN", "sNaN", "1e999999", "1e16", "9" * 30])
def test_attribute_parse__non_finite_and_huge_numbers_are_refused_quickly(attributes, raw):
    from django.core.exceptions import ValidationError

    for code in ("henkilosto", "liikevaihto"):
        with pytest.raises(ValidationError):
            attributes[code].parse(raw)


def _described(tree, language, **kwargs):
    with translation.override(language):
        return rules.describe(rules.parse_rules(tree), **kwargs)


def test_describe__in_the_ui_language_with_names_units_and_localized_numbers(attributes):
    attributes["liikevaihto"].unit_fi = "M€"
    attributes["liikevaihto"].save()
    tree = {
        "any": [
            {"attribute": "henkilosto", "op": "gte", "value": 12000},
            {"attribute": "liikevaihto", "op": "gt", "value": "0.1"},
            {"attribute": "vientiyritys", "op": "eq", "value": "kyllä"},
        ]
    }
    assert _described(tree, "fi") == (
        "Henkilöstö vähintään 12\xa0000 tai Liikevaihto yli 0,1 M€ tai Vientiyritys on kyllä"
    )
    # No Swedish or English names in the data: the Finnish ones stand, the words are translated.
    assert _described(tree, "sv") == (
        "Henkilöstö minst 12\xa0000 eller Liikevaihto över 0,1 M€ eller Vientiyritys är ja"
    )
    assert _described(tree, "en") == (
        "Henkilöstö at least 12,000 or Liikevaihto more than 0.1 M€ or Vientiyritys is yes"
    )


def test_describe__translated_names_used_and_finnish_fallback_marked_in_html(attributes):
    attributes["henkilosto"].name_sv = "Personal"
    attributes["henkilosto"].save()
    tree = {
        "all": [
            {"attribute": "henkilosto", "op": "lte", "value": 9},
            {"attribute": "liikevaihto", "op": "lt", "value": "2,5"},
        ]
    }
    assert _described(tree, "sv", html=True) == (
        'Personal högst 9 och <span lang="fi">Liikevaihto</span> under 2,5'
    )
    # Finnish in Finnish needs no mark.
    assert _described(tree, "fi", html=True) == "Henkilöstö enintään 9 ja Liikevaihto alle 2,5"


def test_describe__html_escapes_the_data(attributes):
    attributes["omistus"].name_fi = "<b>Omistus</b>"
    attributes["omistus"].save()
    tree = {"attribute": "omistus", "op": "in", "value": ["kotimainen", "ulkomainen"]}
    assert _described(tree, "fi", html=True) == (
        "&lt;b&gt;Omistus&lt;/b&gt; jokin näistä: kotimainen, ulkomainen"
    )
