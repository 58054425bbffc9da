"""A synthetic national data set of companies (`generate_companies`): invented companies,
deterministic for a seed and marked `is_synthetic`, for trying the yearly re-segmentation,
the lists and the admin at national scale (about 400,000 companies) without real customer data.

The numbers follow the shape of Finland's company population — a pyramid of mostly small local
companies and few large ones, regions weighted by population, three years of values that grow
so that each yearly run moves a few percent of the companies — but no company is real: every
Y-tunnus is from the 9-series (9000000-…), which the registry has not reached, and every name
begins "Testiyritys".
"""

import bisect
import itertools
import math
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, reset_queries, transaction

from .models import (
    Attribute,
    AttributeValue,
    Company,
    Criterion,
    ManualPlacement,
    Region,
    RunEntry,
    Segment,
    SegmentTransition,
)
from .rules import parse_rules

YEARS = (2024, 2025, 2026)

# The synthetic Y-tunnus block: 9000000-x upwards. The registry hands numbers out in order
# and has not come near it; should a real company hold one anyway, it is kept and the number
# skipped (companies_generate).
FIRST_NUMBER = 9_000_000
LAST_NUMBER = 9_999_999
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)

DEFAULT_COUNT = 400_000
DEFAULT_SEED = 2008
DEFAULT_CHUNK = 10_000

ATTRIBUTE_REASON = "Synteettisen aineiston ominaisuus"
DEMO_RULES_REASON = "Demosäännöt synteettiselle aineistolle"

# (code, Finnish name, type, unit, order): the attributes the data set and the demo rules use.
ATTRIBUTES = [
    ("henkilosto", "Henkilöstö", Attribute.ValueType.INTEGER, "hlö", 10),
    ("liikevaihto", "Liikevaihto", Attribute.ValueType.DECIMAL, "M€", 20),
    ("vientiosuus", "Vientiosuus", Attribute.ValueType.DECIMAL, "%", 30),
    ("kasvu", "Liikevaihdon kasvu", Attribute.ValueType.DECIMAL, "%", 40),
    ("tki_osuus", "T&K-menojen osuus liikevaihdosta", Attribute.ValueType.DECIMAL, "%", 50),
]
ATTRIBUTE_CODES = [code for code, *_rest in ATTRIBUTES]

COMPANY_SEGMENTS = [
    "perustajat",
    "paikalliset",
    "kotimarkkinat",
    "kansainvalistyvat",
    "suuryritykset",
]

# Share of each segment in the generated population: the pyramid of Finnish companies, where
# nine in ten employ fewer than ten people and a few hundred employ 250 or more.
SEGMENT_SHARES = {
    "perustajat": 0.20,
    "paikalliset": 0.647,
    "kotimarkkinat": 0.10,
    "kansainvalistyvat": 0.05,
    "suuryritykset": 0.003,
}

# Regions weighted roughly by population (and so by number of companies), in percent.
REGION_WEIGHTS = {
    "uusimaa": 30.0,
    "varsinais-suomi": 9.0,
    "satakunta": 4.2,
    "hame": 6.8,
    "pirkanmaa": 9.2,
    "kaakkois-suomi": 5.6,
    "etela-savo": 3.0,
    "pohjois-savo": 4.6,
    "pohjois-karjala": 2.9,
    "keski-suomi": 4.9,
    "etela-pohjanmaa": 3.8,
    "pohjanmaa": 4.4,
    "pohjois-pohjanmaa": 7.0,
    "kainuu": 1.4,
    "lappi": 3.2,
}
# Large companies have their head offices in the capital region far more often than others.
LARGE_IN_UUSIMAA = 0.5

# A few real municipalities per region, weighted roughly by population.
MUNICIPALITIES = {
    "uusimaa": [
        ("Helsinki", 40),
        ("Espoo", 18),
        ("Vantaa", 14),
        ("Porvoo", 3),
        ("Hyvinkää", 3),
        ("Järvenpää", 3),
        ("Lohja", 3),
        ("Tuusula", 3),
        ("Kerava", 2),
        ("Raasepori", 2),
    ],
    "varsinais-suomi": [
        ("Turku", 40),
        ("Salo", 11),
        ("Kaarina", 7),
        ("Raisio", 5),
        ("Naantali", 4),
        ("Uusikaupunki", 3),
        ("Loimaa", 3),
    ],
    "satakunta": [("Pori", 38), ("Rauma", 18), ("Ulvila", 6), ("Kankaanpää", 5), ("Eura", 5)],
    "hame": [
        ("Lahti", 30),
        ("Hämeenlinna", 20),
        ("Riihimäki", 9),
        ("Forssa", 5),
        ("Heinola", 5),
        ("Orimattila", 5),
    ],
    "pirkanmaa": [
        ("Tampere", 45),
        ("Nokia", 7),
        ("Ylöjärvi", 7),
        ("Kangasala", 6),
        ("Lempäälä", 5),
        ("Valkeakoski", 4),
        ("Sastamala", 4),
    ],
    "kaakkois-suomi": [
        ("Kouvola", 28),
        ("Kotka", 20),
        ("Lappeenranta", 26),
        ("Imatra", 9),
        ("Hamina", 6),
    ],
    "etela-savo": [("Mikkeli", 40), ("Savonlinna", 28), ("Pieksämäki", 14)],
    "pohjois-savo": [("Kuopio", 50), ("Iisalmi", 9), ("Varkaus", 9), ("Siilinjärvi", 9)],
    "pohjois-karjala": [("Joensuu", 55), ("Kitee", 7), ("Lieksa", 7), ("Nurmes", 5)],
    "keski-suomi": [("Jyväskylä", 55), ("Äänekoski", 7), ("Jämsä", 7), ("Laukaa", 7)],
    "etela-pohjanmaa": [
        ("Seinäjoki", 35),
        ("Lapua", 9),
        ("Kauhava", 9),
        ("Kurikka", 11),
        ("Alavus", 6),
    ],
    "pohjanmaa": [
        ("Vaasa", 30),
        ("Kokkola", 20),
        ("Pietarsaari", 8),
        ("Mustasaari", 8),
        ("Kristiinankaupunki", 3),
    ],
    "pohjois-pohjanmaa": [
        ("Oulu", 55),
        ("Raahe", 6),
        ("Kempele", 5),
        ("Kuusamo", 4),
        ("Ylivieska", 4),
        ("Nivala", 3),
    ],
    "kainuu": [("Kajaani", 55), ("Kuhmo", 12), ("Sotkamo", 15), ("Suomussalmi", 10)],
    "lappi": [("Rovaniemi", 40), ("Tornio", 13), ("Kemi", 13), ("Sodankylä", 6), ("Kittilä", 6)],
}

# TOL 2008 industries: (code, word for the name, weight among home-market companies, weight
# among exporters and large companies). Construction, trade, transport, restaurants and
# business services dominate small companies; manufacturing and software the exporters.
INDUSTRIES = [
    ("01110", "Maatila", 4, 0),
    ("02200", "Metsäpalvelu", 3, 1),
    ("10710", "Leipomo", 2, 1),
    ("16101", "Saha", 1, 4),
    ("17120", "Paperi", 0, 3),
    ("20160", "Kemia", 0, 3),
    ("21200", "Lääke", 0, 2),
    ("22220", "Muovi", 1, 3),
    ("25110", "Metalli", 2, 6),
    ("25620", "Konepaja", 3, 8),
    ("26110", "Elektroniikka", 1, 6),
    ("27110", "Sähkökone", 0, 4),
    ("28220", "Nosturi", 0, 4),
    ("28920", "Kone", 1, 5),
    ("30110", "Telakka", 0, 1),
    ("31090", "Huonekalu", 2, 2),
    ("35130", "Energia", 1, 1),
    ("41200", "Rakennus", 12, 2),
    ("43210", "Sähkö", 6, 0),
    ("43220", "LVI", 5, 0),
    ("43320", "Puuseppä", 3, 1),
    ("45200", "Autokorjaamo", 5, 0),
    ("46690", "Tukku", 3, 6),
    ("47110", "Kauppa", 5, 0),
    ("47710", "Vaateliike", 3, 1),
    ("49320", "Taksi", 4, 0),
    ("49410", "Kuljetus", 6, 2),
    ("55101", "Hotelli", 1, 1),
    ("56101", "Ravintola", 5, 0),
    ("58210", "Peli", 0, 4),
    ("61200", "Tele", 0, 1),
    ("62010", "Ohjelmisto", 3, 10),
    ("62020", "IT-konsultointi", 3, 4),
    ("68201", "Kiinteistö", 3, 0),
    ("69201", "Tilitoimisto", 3, 0),
    ("70220", "Konsultointi", 5, 3),
    ("71122", "Insinööritoimisto", 3, 4),
    ("72190", "Tutkimus", 1, 4),
    ("73110", "Mainos", 2, 1),
    ("74100", "Muotoilu", 1, 2),
    ("81210", "Siivous", 4, 0),
    ("86230", "Hammaslääkäri", 2, 0),
    ("93130", "Kuntosali", 2, 0),
    ("96021", "Kampaamo", 4, 0),
]

# The demo rules: evaluated large -> international -> domestic -> local -> founders, each
# segment catching what the earlier ones left, so the placements never overlap. An entry rule
# stricter than the placement rule keeps a company from bouncing across a threshold from one
# year to the next (hysteresis); the exit rules ("hyppy eteenpäin") mark companies close to
# the next segment's threshold.


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


# --- Y-tunnus -------------------------------------------------------------------------------


def check_digit(digits):
    """The Y-tunnus check digit of seven digits, or None when the remainder is 1 (no check
    digit exists: such numbers are never handed out)."""
    remainder = sum(w * int(d) for w, d in zip(WEIGHTS, digits, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def business_ids():
    """The synthetic Y-tunnukset in order: the valid numbers of the 9-series, from 9000000."""
    for number in range(FIRST_NUMBER, LAST_NUMBER + 1):
        digits = f"{number:07d}"
        check = check_digit(digits)
        if check is not None:
            yield f"{digits}-{check}"


# How many synthetic companies there can be: one number in eleven has no check digit.
CAPACITY = 909_091


# --- Rules in Python ------------------------------------------------------------------------
# The demo rules evaluated in Python, so that each company's starting segment is where last
# year's run would have left it under the same rules; the database evaluation
# (segments.rules.to_q) gives the same answers, and the tests hold the two together.

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


# --- Generating -----------------------------------------------------------------------------


@dataclass(slots=True)
class SyntheticCompany:
    """One invented company: its identity, its segment before the 2026 run, and its values
    by year (an empty year: not reported yet)."""

    business_id: str
    name: str
    region: str
    municipality: str
    industry: str
    founded_on: date
    segment: str | None
    values: dict = field(default_factory=dict)  # year -> {attribute code: Decimal}


def _cumulative(weights):
    total = 0.0
    cumulative = []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


class _Choice:
    """A weighted choice drawn with one random number (faster than random.choices per call)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = _cumulative(weights)
        self.total = self.cumulative[-1]

    def pick(self, rng):
        return self.items[
            min(
                bisect.bisect_right(self.cumulative, rng.random() * self.total), len(self.items) - 1
            )
        ]


_SEGMENTS = _Choice(SEGMENT_SHARES, SEGMENT_SHARES.values())
_REGIONS = _Choice(REGION_WEIGHTS, REGION_WEIGHTS.values())
_MUNICIPALITIES = {
    region: _Choice([m for m, _w in towns], [w for _m, w in towns])
    for region, towns in MUNICIPALITIES.items()
}
_HOME_INDUSTRIES = _Choice(
    [(code, word) for code, word, home, _export in INDUSTRIES if home],
    [home for _c, _w, home, _export in INDUSTRIES if home],
)
_EXPORT_INDUSTRIES = _Choice(
    [(code, word) for code, word, _home, export in INDUSTRIES if export],
    [export for _c, _w, _home, export in INDUSTRIES if export],
)

# Mean age in years of a segment's companies, and the youngest and oldest.
_AGE = {
    "perustajat": (1.5, 0, 4),
    "paikalliset": (12, 0.5, 80),
    "kotimarkkinat": (20, 2, 100),
    "kansainvalistyvat": (14, 1, 100),
    "suuryritykset": (40, 5, 150),
}
# Turnover per employee (M€, median) of a segment's companies.
_PRODUCTIVITY = {
    "paikalliset": 0.08,
    "kotimarkkinat": 0.14,
    "kansainvalistyvat": 0.18,
    "suuryritykset": 0.30,
}
# Share of companies that have not yet reported the latest year's values: the run leaves
# them unplaced, as it must for a company it cannot judge.
MISSING_LATEST = 0.004
VALUES_END = date(2024, 12, 31)


def _d(number, places):
    """A float as a Decimal with `places` decimals (via text: no binary fractions)."""
    return Decimal(f"{number:.{places}f}")


def _first_year(rng, segment):
    """(employees, turnover M€, export %, R&D %) of a company of a segment in the first year."""
    if segment == "perustajat":
        staff = 0
        turnover = min(0.3, max(0.001, rng.lognormvariate(math.log(0.025), 0.9)))
        export = rng.uniform(1, 15) if rng.random() < 0.05 else 0.0
        rnd = rng.uniform(5, 60) if rng.random() < 0.2 else 0.0
        return staff, turnover, export, rnd
    if segment == "paikalliset":
        staff = min(9, 1 + int(rng.expovariate(0.45)))
        export = rng.uniform(0.5, 15) if rng.random() < 0.15 else 0.0
        rnd = rng.uniform(0.5, 5) if rng.random() < 0.1 else 0.0
    elif segment == "kotimarkkinat":
        staff = min(249, 10 + int((rng.paretovariate(1.2) - 1) * 8))
        export = rng.uniform(0.5, 14) if rng.random() < 0.35 else 0.0
        rnd = rng.uniform(0.5, 4) if rng.random() < 0.3 else 0.0
    elif segment == "kansainvalistyvat":
        staff = min(249, 1 + int((rng.paretovariate(1.1) - 1) * 10))
        export = 25 + rng.random() ** 1.5 * 70
        rnd = rng.uniform(1, 25) if rng.random() < 0.7 else 0.0
    else:  # suuryritykset
        if rng.random() < 0.15:
            # Large by turnover alone: few people, a large turnover (trade, energy).
            staff = rng.randint(60, 249)
            turnover = rng.uniform(50, 400)
        else:
            staff = min(30_000, 250 + int((rng.paretovariate(1.2) - 1) * 300))
            turnover = None
        if turnover is None:
            turnover = staff * rng.lognormvariate(math.log(_PRODUCTIVITY[segment]), 0.5)
        export = rng.uniform(0, 10) if rng.random() < 0.3 else rng.uniform(10, 90)
        rnd = rng.uniform(0.5, 10) if rng.random() < 0.9 else 0.0
        return staff, turnover, export, rnd
    turnover = staff * rng.lognormvariate(math.log(_PRODUCTIVITY[segment]), 0.5)
    # Below the large companies' turnover threshold, whatever the draw; at least 1,000 €.
    return staff, min(45.0, max(0.001, turnover)), export, rnd


def _next_year(rng, staff, turnover, export, rnd):
    """A year later: people hired or gone, turnover following, exports begun or grown."""
    if staff == 0:
        # A founder hires the first employee.
        new_staff = (1 if rng.random() < 0.8 else 2) if rng.random() < 0.08 else 0
    else:
        new_staff = round(staff * rng.lognormvariate(0.01, 0.08))
        if staff < 20:
            draw = rng.random()
            if draw < 0.10:
                new_staff += 1
            elif draw < 0.15 + (0.0 if staff > 1 else -0.03):
                new_staff -= 1
        new_staff = max(0, new_staff)
    ratio = (new_staff / staff) if staff and new_staff else 1.0
    turnover = max(0.001, turnover * ratio**0.7 * rng.lognormvariate(0.03, 0.12))
    if export == 0:
        if rng.random() < 0.012:
            export = rng.uniform(2, 30)
    else:
        export = min(100.0, max(0.0, export + rng.gauss(0.3, 3.0)))
    if rnd == 0:
        if rng.random() < 0.02:
            rnd = rng.uniform(0.5, 5)
    else:
        rnd = min(100.0, max(0.0, rnd * rng.lognormvariate(0, 0.15)))
    return new_staff, turnover, export, rnd


def _values(staff, turnover, export, rnd, *, growth=None, previous=None):
    """A year's values; growth given, or from last year's turnover as stored, so that the
    two agree to the decimal."""
    stored = _d(turnover, 3)
    if growth is None:
        growth = (float(stored) / float(previous) - 1) * 100
    return {
        "henkilosto": Decimal(staff),
        "liikevaihto": stored,
        "vientiosuus": _d(export, 1),
        "kasvu": _d(growth, 1),
        "tki_osuus": _d(rnd, 1),
    }


_FORMS = {
    "perustajat": _Choice(["Tmi", "Oy", "Ky"], [6, 3, 1]),
    "paikalliset": _Choice(["Oy", "Ky", "Tmi"], [7, 1.5, 1.5]),
    "kotimarkkinat": _Choice(["Oy", "Ky"], [19, 1]),
    "kansainvalistyvat": _Choice(["Oy"], [1]),
    "suuryritykset": _Choice(["Oy", "Oyj"], [4, 1]),
}


def generate(*, count, seed):
    """The data set's companies in Y-tunnus order, the same for the same seed.

    One random stream in company order: the first N companies of a larger count are the
    same N companies, so a data set can be grown by running again with a larger count.
    """
    # Test data, not security: a seeded, reproducible generator is the point.
    rng = random.Random(seed)  # noqa: S311
    for number, business_id in enumerate(itertools.islice(business_ids(), count), start=1):
        profile = _SEGMENTS.pick(rng)
        region = _REGIONS.pick(rng)
        if profile == "suuryritykset" and rng.random() < LARGE_IN_UUSIMAA:
            region = "uusimaa"
        municipality = _MUNICIPALITIES[region].pick(rng)
        exporting = profile in ("kansainvalistyvat", "suuryritykset")
        industry, word = (_EXPORT_INDUSTRIES if exporting else _HOME_INDUSTRIES).pick(rng)
        mean_age, youngest, oldest = _AGE[profile]
        age = min(oldest, youngest + rng.expovariate(1 / max(mean_age - youngest, 0.1)))
        founded_on = VALUES_END - timedelta(days=int(age * 365.25))

        state = _first_year(rng, profile)
        values = {YEARS[0]: _values(*state, growth=max(-90.0, rng.gauss(3, 12)))}
        for year in YEARS[1:]:
            state = _next_year(rng, *state)
            values[year] = _values(*state, previous=values[year - 1]["liikevaihto"])
        if rng.random() < MISSING_LATEST:
            values[YEARS[-1]] = {}
        # Where last year's run left it: placed by the first year's values as a newcomer,
        # then by the second year's with the entry rules' hysteresis.
        segment = demo_placement(values[YEARS[1]], demo_placement(values[YEARS[0]], None))
        form = _FORMS[segment or profile].pick(rng)
        yield SyntheticCompany(
            business_id=business_id,
            name=f"Testiyritys {number:06d} {word} {form}",
            region=region,
            municipality=municipality,
            industry=industry,
            founded_on=founded_on,
            segment=segment,
            values=values,
        )


# --- Writing --------------------------------------------------------------------------------


class SyntheticDataError(Exception):
    """The data set cannot be written as asked; the message says why, in Finnish."""


@dataclass
class GenerateReport:
    """What one generation did: companies created, synthetic ones already there (left as they
    are), numbers held by real companies (skipped), values written, and how long it took."""

    created: int = 0
    existing: int = 0
    skipped_real: list[str] = field(default_factory=list)
    values: int = 0
    seconds: float = 0.0


def attributes_ensure(*, by=None):
    """The data set's attributes by code, created where missing; an existing attribute is left
    as staff have defined it, but it must hold numbers for the values to mean anything."""
    attributes = {a.code: a for a in Attribute.objects.filter(code__in=ATTRIBUTE_CODES)}
    numeric = {Attribute.ValueType.INTEGER, Attribute.ValueType.DECIMAL}
    for code, name, value_type, unit, order in ATTRIBUTES:
        attribute = attributes.get(code)
        if attribute is None:
            attribute = Attribute(
                code=code, name_fi=name, value_type=value_type, unit=unit, order=order
            )
            attribute.full_clean()
            attribute._change_reason = ATTRIBUTE_REASON
            attribute._history_user = by
            attribute.save()
            attributes[code] = attribute
        elif attribute.value_type not in numeric:
            raise SyntheticDataError(
                f"Ominaisuus {code} on tyypiltään {attribute.get_value_type_display()}; "
                "synteettinen aineisto tarvitsee siihen lukuarvon (kokonaisluku tai desimaaliluku)."
            )
    return attributes


def _require(model, codes, what):
    found = dict(model.objects.filter(code__in=codes).values_list("code", "pk"))
    missing = sorted(set(codes) - set(found))
    if missing:
        raise SyntheticDataError(
            f"{what} puuttuu: {', '.join(missing)}. Lataa ensin alkutiedot: "
            "python manage.py load_strategy_2008."
        )
    return found


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def companies_generate(*, count, seed, chunk_size=DEFAULT_CHUNK, report=None):
    """Write the data set's first `count` companies for a seed, with three years of values.

    Idempotent, keyed on the Y-tunnus: a synthetic company already in the database is left
    as it is (a yearly run may have moved it since), and a number held by a real company is
    skipped. Each chunk is its own transaction, so an interrupted run resumes where it
    stopped when run again.
    """
    if not 0 <= count <= CAPACITY:
        raise SyntheticDataError(
            f"Synteettisiä yrityksiä voi olla 0–{CAPACITY:,}".replace(",", " ")
            + f" (pyydettiin {count})."
        )
    started = time.monotonic()
    regions = _require(Region, list(REGION_WEIGHTS), "Alueita")
    segments = _require(Segment, COMPANY_SEGMENTS, "Segmenttejä")
    attribute_ids = {code: a.pk for code, a in attributes_ensure().items()}
    exits = {
        code: compile_rule(rules["exit"]) if rules["exit"] else None
        for code, rules in DEMO_RULES.items()
    }
    write_values = _copy_values if connection.vendor == "postgresql" else _insert_values
    result = GenerateReport()
    done = 0
    with _sqlite_page_cache():
        for chunk in _chunks(generate(count=count, seed=seed), chunk_size):
            with transaction.atomic():
                new = _new_in(chunk, result)
                # No history rows: these are invented companies written in bulk, not anyone's
                # edit; a company's history starts when someone edits it.
                companies = Company.objects.bulk_create(
                    [_company(item, regions, segments, exits) for item in new], batch_size=2_000
                )
                rows = [
                    (company.pk, attribute_ids[code], year, value)
                    for company, item in zip(companies, new, strict=True)
                    for year, values in item.values.items()
                    for code, value in values.items()
                ]
                write_values(rows)
            result.created += len(new)
            result.values += len(rows)
            done += len(chunk)
            # DEBUG keeps every query's text; at millions of rows that alone would fill memory.
            reset_queries()
            if report:
                report(done, count)
    if result.created and connection.vendor == "postgresql":
        # Fresh statistics, so that the planner does not take a table of millions for an empty
        # one until autovacuum comes round (0.4 s at 400,000 companies). SQLite plans the
        # same with or without them.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE "
                + ", ".join(
                    connection.ops.quote_name(model._meta.db_table)
                    for model in (Company, AttributeValue)
                )
            )
    result.seconds = time.monotonic() - started
    return result


def _new_in(chunk, result):
    """The chunk's companies not yet in the database; those that are, are counted."""
    # The numbers of a chunk are consecutive: one index range finds those taken.
    taken = dict(
        Company.objects.filter(
            business_id__gte=chunk[0].business_id, business_id__lte=chunk[-1].business_id
        ).values_list("business_id", "is_synthetic")
    )
    new = []
    for item in chunk:
        if item.business_id not in taken:
            new.append(item)
        elif taken[item.business_id]:
            result.existing += 1
        else:
            result.skipped_real.append(item.business_id)
    return new


def _company(item, regions, segments, exits):
    exit_rule = exits.get(item.segment)
    return Company(
        business_id=item.business_id,
        name=item.name,
        region_id=regions[item.region],
        municipality=item.municipality,
        industry=item.industry,
        founded_on=item.founded_on,
        segment_id=segments[item.segment] if item.segment else None,
        # As last year's run under the demo rules left it.
        is_ready_to_move=bool(exit_rule and exit_rule(item.values[YEARS[1]])),
        is_synthetic=True,
    )


_VALUE_COLUMNS = ("company", "attribute", "year", "number")
# SQLite's page cache for this connection while writing, in KiB: the indexes of six million
# values outgrow the default 2 MB and each insert then waits on page reads (about 12 %
# slower at 400,000 companies).
SQLITE_CACHE_KIB = 131_072


@contextmanager
def _sqlite_page_cache():
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _insert_values(rows):
    """Values with one prepared INSERT run for every row (SQLite and other databases).

    Not bulk_create: building six million model instances and compiling their SQL made the
    whole run five times slower (22 s against 4 s per 20,000 companies on SQLite, whose
    999-parameter limit also cuts bulk_create into 200-row statements).
    """
    meta = AttributeValue._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in _VALUE_COLUMNS)
    placeholders = ", ".join(["%s"] * len(_VALUE_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})",  # noqa: S608
            rows,
        )


def _copy_values(rows):
    """Values through PostgreSQL's COPY: several times faster than INSERT for millions."""
    from psycopg import sql

    meta = AttributeValue._meta
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(meta.db_table),
        sql.SQL(", ").join(sql.Identifier(meta.get_field(name).column) for name in _VALUE_COLUMNS),
    )
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


# The tables of this app that synthetic_delete empties itself.
_DELETED_WITH_COMPANIES = {ManualPlacement, RunEntry, SegmentTransition, AttributeValue}


def _refuse_if_referred_to_elsewhere(synthetic):
    """Apps above this one (customer responsibility, its append-only access log) may refer
    to synthetic companies; their rows are not this command's to remove, so say which
    they are instead of failing on the database's foreign key."""
    referring = [
        rel.related_model._meta.verbose_name_plural
        for rel in Company._meta.related_objects
        if rel.related_model not in _DELETED_WITH_COMPANIES
        and rel.related_model._default_manager.filter(
            **{f"{rel.field.name}__in": synthetic}
        ).exists()
    ]
    if referring:
        raise SyntheticDataError(
            "Synteettisiin yrityksiin viittaavat vielä muut tiedot ("
            + ", ".join(sorted(str(name) for name in referring))
            + "), joita tämä komento ei poista. Kokeiluympäristössä aloita tyhjästä "
            "tietokannasta; mitään ei poistettu."
        )


@transaction.atomic
def synthetic_delete():
    """Remove every synthetic company with its values, run results, manual placements, transitions and
    history; real companies are untouched. Returns the number of rows removed by kind."""
    synthetic = Company.objects.filter(is_synthetic=True).values("pk")
    _refuse_if_referred_to_elsewhere(synthetic)
    counts = {}
    # Manual placements are few and historised: deleted through the ORM.
    counts["käsin sijoitukset"] = ManualPlacement.objects.filter(company__in=synthetic).delete()[0]
    # The rest in one statement each (none of these tables has signals or history).
    counts["ajon tulokset"] = RunEntry.objects.filter(company__in=synthetic).delete()[0]
    counts["siirtymät"] = SegmentTransition.objects.filter(company__in=synthetic).delete()[0]
    values = AttributeValue.objects.filter(company__in=synthetic)
    counts["ominaisuuksien arvot"] = values.delete()[0]
    # The history of invented companies (edits made while trying the app) is test data too;
    # the DELETE below records no deletion, so left behind it would explain nothing.
    ManualPlacement.history.filter(company_id__in=synthetic).delete()
    Company.history.filter(id__in=synthetic).delete()
    # One DELETE without per-row signals (the ORM would write a history row per company).
    # A table added later that refers to companies makes this fail, and roll back, rather
    # than leave rows pointing nowhere.
    quote = connection.ops.quote_name
    table = quote(Company._meta.db_table)
    column = quote(Company._meta.get_field("is_synthetic").column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [True])  # noqa: S608
        counts["yritykset"] = cursor.rowcount
    return counts


@transaction.atomic
def demo_rules_apply(*, by=None):
    """Give the five company segments the demo rules and evaluation order, for trying the
    yearly run on the synthetic data set; returns what changed.

    Rules are replaced; a criterion's text is written only where it is empty, marked as a
    demo, so a text people have agreed on is never overwritten.
    """
    attributes = attributes_ensure(by=by)
    segments = {s.code: s for s in Segment.objects.filter(code__in=list(DEMO_RULES))}
    missing = sorted(set(DEMO_RULES) - set(segments))
    if missing:
        raise SyntheticDataError(
            f"Segmenttejä puuttuu: {', '.join(missing)}. Lataa ensin alkutiedot: "
            "python manage.py load_strategy_2008."
        )
    changed = []
    for code, spec in DEMO_RULES.items():
        segment = segments[code]
        if segment.priority != spec["priority"]:
            segment.priority = spec["priority"]
            _save(segment, by)
            changed.append(f"{segment}: arviointijärjestys {segment.priority}")
        criteria = {c.kind: c for c in segment.criteria.all()}
        for kind in Criterion.Kind.values:
            rules = spec[kind]
            if rules is not None:
                parse_rules(rules, attributes)
            criterion = criteria.get(kind) or Criterion(segment=segment, kind=kind)
            dirty = criterion.pk is None
            if criterion.rules != rules:
                criterion.rules = rules
                dirty = True
            text = DEMO_TEXTS.get((code, kind))
            if text and not (criterion.text_fi or "").strip():
                criterion.text_fi = _DEMO + text
                dirty = True
            if dirty:
                _save(criterion, by)
                changed.append(str(criterion))
    return changed


def _save(obj, by):
    obj.full_clean()
    obj._change_reason = DEMO_RULES_REASON
    obj._history_user = by
    obj.save()
