"""Fixtures of the segments tests: a small world of rule-bearing segments and companies."""

from decimal import Decimal

import pytest

from segments.models import Criterion, Segment
from tests.factories import AttributeFactory, CompanyFactory

YEAR = 2026


def _rules(code, kind, tree):
    criterion = Criterion.objects.get(segment__code=code, kind=kind)
    criterion.rules = tree
    criterion.full_clean()
    criterion.save()


def _gte(attribute, value):
    return {"attribute": attribute, "op": "gte", "value": value}


@pytest.fixture
def world(strategy_data):
    """Three rule-bearing segments evaluated large -> international -> local, and companies."""
    return build_world()


def build_world():
    """The `world` fixture's segments and companies (the browser tests build it too)."""
    staff = AttributeFactory(staff=True)
    export = AttributeFactory(export_share=True)
    for code, priority in [("suuryritykset", 1), ("kansainvalistyvat", 2), ("paikalliset", 3)]:
        Segment.objects.filter(code=code).update(priority=priority)
    Segment.objects.exclude(code__in=["suuryritykset", "kansainvalistyvat", "paikalliset"]).update(
        priority=50
    )
    _rules("suuryritykset", "placement", _gte("henkilosto", 250))
    _rules("kansainvalistyvat", "placement", _gte("vienti", 25))
    # Hysteresis: a company enters the international segment only from 30 % export.
    _rules("kansainvalistyvat", "entry", _gte("vienti", 30))
    _rules("kansainvalistyvat", "exit", _gte("henkilosto", 200))
    _rules("paikalliset", "placement", {"attribute": "henkilosto", "op": "lt", "value": 250})
    _rules("paikalliset", "exit", _gte("vienti", 20))
    seg = {s.code: s for s in Segment.objects.all()}
    companies = {}

    def company(name, segment, **values):
        companies[name] = CompanyFactory(
            business_id=f"{len(companies) + 1:07d}-0",
            name=name,
            segment=seg.get(segment),
            values={{"h": staff, "v": export}[key]: Decimal(v) for key, v in values.items()},
            values__year=YEAR,
        )

    company("Kasvaja", "paikalliset", h=300, v=5)  # -> large
    company("Viejä", "paikalliset", h=40, v=35)  # -> international (meets entry)
    company(
        "Rajalla", "paikalliset", h=40, v=27
    )  # placement yes, entry no -> stays local; ready (v >= 20)
    company("Kansainvälinen", "kansainvalistyvat", h=220, v=26)  # stays; ready to move (h >= 200)
    company("Pieni", "paikalliset", h=5, v=0)  # stays
    company("Tyhjä", "perustajat")  # no values: unplaced, stays where it is
    company("Uusi", None, h=3, v=0)  # no segment yet -> local
    CompanyFactory(
        business_id="9999999-9", name="Lopettanut", segment=seg["paikalliset"], is_active=False
    )
    return seg, companies
