"""The demo rules of the five company segments, their texts, and their evaluation in Python.

Evaluated large -> international -> domestic -> local -> founders, each segment catching what
the earlier ones left, so the placements never overlap. An entry rule stricter than the
placement rule keeps a company from bouncing across a threshold from one year to the next
(hysteresis); the exit rules ("hyppy eteenpäin") mark companies close to the next segment's
threshold.

The Python evaluation places each generated company where last year's run would have left
it under the same rules; the database evaluation (segments.rules.to_q) gives the same
answers, and the tests hold the two together.
"""

from decimal import Decimal


def _gte(code, value):
    return {"attribute": code, "op": "gte", "value": value}


DEMO_RULES = {
    "suuryritykset": {
        "priority": 1,
        "placement": {"any": [_gte("henkilosto", 250), _gte("liikevaihto", 50)]},
        "entry": None,
        "exit": None,
    },
    "kansainvalistyvat": {
        "priority": 2,
        "placement": _gte("vientiosuus", 20),
        "entry": _gte("vientiosuus", 25),
        "exit": {"any": [_gte("henkilosto", 200), _gte("liikevaihto", 40)]},
    },
    "kotimarkkinat": {
        "priority": 3,
        "placement": _gte("henkilosto", 8),
        "entry": _gte("henkilosto", 10),
        "exit": {
            "any": [_gte("vientiosuus", 15), _gte("henkilosto", 200), _gte("liikevaihto", 40)]
        },
    },
    "paikalliset": {
        "priority": 4,
        "placement": _gte("henkilosto", 1),
        "entry": None,
        "exit": {"any": [_gte("henkilosto", 7), _gte("vientiosuus", 15)]},
    },
    "perustajat": {
        "priority": 5,
        # No employees yet: the founder works alone (or with co-founders outside the payroll).
        "placement": {"attribute": "henkilosto", "op": "lt", "value": 1},
        "entry": None,
        "exit": _gte("liikevaihto", "0.1"),
    },
}

_DEMO = "DEMO (synteettinen aineisto): "
DEMO_TEXTS = {
    ("suuryritykset", "placement"): "henkilöstö ≥ 250 tai liikevaihto ≥ 50 M€.",
    ("kansainvalistyvat", "placement"): (
        "vientiosuus ≥ 20 % (uusi yritys tulee segmenttiin vasta 25 %:sta, ks. tulo segmenttiin)."
    ),
    ("kansainvalistyvat", "entry"): "segmenttiin tullaan, kun vientiosuus on ≥ 25 %.",
    ("kansainvalistyvat", "exit"): (
        "henkilöstö ≥ 200 tai liikevaihto ≥ 40 M€ (lähellä suuryritysten rajaa)."
    ),
    ("kotimarkkinat", "placement"): (
        "henkilöstö ≥ 8 (uusi yritys tulee segmenttiin vasta 10 hengestä, ks. tulo segmenttiin)."
    ),
    ("kotimarkkinat", "entry"): "segmenttiin tullaan, kun henkilöstö on ≥ 10.",
    ("kotimarkkinat", "exit"): (
        "vientiosuus ≥ 15 %, henkilöstö ≥ 200 tai liikevaihto ≥ 40 M€ "
        "(lähellä kansainvälistyvien tai suuryritysten rajaa)."
    ),
    ("paikalliset", "placement"): "henkilöstö ≥ 1.",
    ("paikalliset", "exit"): (
        "henkilöstö ≥ 7 tai vientiosuus ≥ 15 % (lähellä kotimarkkinayritysten tai "
        "kansainvälistyvien rajaa)."
    ),
    ("perustajat", "placement"): "ei palkattua henkilöstöä (henkilöstö < 1).",
    ("perustajat", "exit"): "liikevaihto ≥ 0,1 M€ (valmis palkkaamaan ensimmäisen työntekijän).",
}


_COMPARE = {
    "gte": lambda a, b: a >= b,
    "gt": lambda a, b: a > b,
    "lte": lambda a, b: a <= b,
    "lt": lambda a, b: a < b,
    "eq": lambda a, b: a == b,
}


def compile_rule(rule):
    """A demo rule tree as a function of a company's values (code -> Decimal); a missing
    value never matches, as in the database."""
    if "all" in rule:
        children = [compile_rule(child) for child in rule["all"]]
        return lambda values: all(child(values) for child in children)
    if "any" in rule:
        children = [compile_rule(child) for child in rule["any"]]
        return lambda values: any(child(values) for child in children)
    code, compare, threshold = rule["attribute"], _COMPARE[rule["op"]], Decimal(str(rule["value"]))

    def condition(values):
        value = values.get(code)
        return value is not None and compare(value, threshold)

    return condition


# (segment, placement, entry or None) in evaluation order.
_COMPILED = [
    (
        code,
        compile_rule(DEMO_RULES[code]["placement"]),
        compile_rule(DEMO_RULES[code]["entry"]) if DEMO_RULES[code]["entry"] else None,
    )
    for code in sorted(DEMO_RULES, key=lambda code: DEMO_RULES[code]["priority"])
]


def demo_placement(values, current):
    """Where the demo rules place a company with these values now in `current` (or None):
    the first segment in priority order whose placement rule it meets and, unless it is
    already there, its entry rule too. None: unplaced."""
    for code, placement, entry in _COMPILED:
        if placement(values) and (entry is None or code == current or entry(values)):
            return code
    return None


def exit_rules():
    """Each segment's exit rule as a function of a company's values (None: it has none)."""
    return {
        code: compile_rule(rules["exit"]) if rules["exit"] else None
        for code, rules in DEMO_RULES.items()
    }
