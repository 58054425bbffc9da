"""The invented companies themselves, without the database: identity, segment and three
years of values, drawn from one seeded random stream so that a seed always gives the same
companies (and a larger count extends a smaller one)."""

import bisect
import itertools
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .business_ids import business_ids
from .demo_rules import demo_placement
from .population import (
    AGE,
    FORMS,
    INDUSTRIES,
    LARGE_IN_UUSIMAA,
    MISSING_LATEST,
    MUNICIPALITIES,
    PRODUCTIVITY,
    REGION_WEIGHTS,
    SEGMENT_SHARES,
    VALUES_END,
    YEARS,
)


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
_FORMS = {segment: _Choice(forms, weights) for segment, (forms, weights) in FORMS.items()}


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
            turnover = staff * rng.lognormvariate(math.log(PRODUCTIVITY[segment]), 0.5)
        export = rng.uniform(0, 10) if rng.random() < 0.3 else rng.uniform(10, 90)
        rnd = rng.uniform(0.5, 10) if rng.random() < 0.9 else 0.0
        return staff, turnover, export, rnd
    turnover = staff * rng.lognormvariate(math.log(PRODUCTIVITY[segment]), 0.5)
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
        mean_age, youngest, oldest = AGE[profile]
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
