"""Demo services for every agency, realistic but invented: the report lists no services.

Every one is marked is_demo and shown with a "demo" badge, so nobody mistakes it for the
ministry's real catalogue. `manage.py load_demo_services` loads them; `make run` calls it.
"""

from dataclasses import dataclass

from django.db import transaction

from segments.models import Segment
from segments.seeding import SeedReport, seed_object

from .models import CustomerNeed, Organisation, Rationale, SegmentOffering, Service, ServiceChannel

TE_CENTRES = "te-*"

# (name, producers, owner, mode, partner, pricing, channels, rationales, needs,
#  basic segments, transitions [(from, to)])
SERVICES = [
    (
        "Pienlaina",
        ["finnvera"],
        "finnvera",
        "in_house",
        "",
        "market",
        ["kasvokkain", "sahkoinen-asiointi"],
        ["markkinapuute"],
        ["rahoitus", "aloittaminen"],
        ["perustajat", "paikalliset"],
        [],
    ),
    (
        "Takaus pankkilainalle",
        ["finnvera"],
        "finnvera",
        "in_house",
        "",
        "market",
        ["kasvokkain"],
        ["markkinapuute"],
        ["rahoitus", "riskinjako"],
        ["paikalliset", "kotimarkkinat"],
        [],
    ),
    (
        "Vientitakuu",
        ["finnvera"],
        "finnvera",
        "in_house",
        "",
        "market",
        ["kasvokkain"],
        ["kasvu-ja-kansainvalistyminen"],
        ["kansainvalistyminen", "riskinjako"],
        ["kansainvalistyvat", "suuryritykset"],
        [],
    ),
    (
        "Kansainvälistymisen neuvonta",
        ["finpro"],
        "finpro",
        "in_house",
        "",
        "subsidised",
        ["kasvokkain", "puhelin"],
        ["kasvu-ja-kansainvalistyminen"],
        ["kansainvalistyminen", "verkostot"],
        ["kansainvalistyvat"],
        [("kotimarkkinat", "kansainvalistyvat")],
    ),
    (
        "Markkinaselvitys kohdemaassa",
        ["finpro"],
        "finpro",
        "procured",
        "Kohdemaan asiantuntijayritykset",
        "market",
        ["kasvokkain"],
        ["kasvu-ja-kansainvalistyminen"],
        ["kansainvalistyminen"],
        ["kansainvalistyvat", "suuryritykset"],
        [],
    ),
    (
        "Tuotekehitysrahoitus",
        ["tekes"],
        "tekes",
        "in_house",
        "",
        "subsidised",
        ["sahkoinen-asiointi", "kasvokkain"],
        ["osaamispohja", "kasvu-ja-kansainvalistyminen"],
        ["rahoitus", "kaupallistaminen", "kilpailukyky"],
        ["kotimarkkinat", "kansainvalistyvat", "suuryritykset"],
        [],
    ),
    (
        "Nuorten innovatiivisten yritysten rahoitus",
        ["tekes"],
        "tekes",
        "in_house",
        "",
        "subsidised",
        ["sahkoinen-asiointi"],
        ["kasvu-ja-kansainvalistyminen"],
        ["rahoitus", "kasvu"],
        [],
        [("paikalliset", "kansainvalistyvat"), ("perustajat", "kansainvalistyvat")],
    ),
    (
        "Tutkimus- ja testauspalvelut",
        ["vtt"],
        "vtt",
        "in_house",
        "",
        "market",
        ["kasvokkain"],
        ["osaamispohja"],
        ["kaupallistaminen", "osaaminen"],
        ["kansainvalistyvat", "suuryritykset"],
        [],
    ),
    (
        "Geotietopalvelut yrityksille",
        ["gtk"],
        "gtk",
        "in_house",
        "",
        "market",
        ["yritys-suomi-verkko", "sahkoinen-asiointi"],
        ["osaamispohja"],
        ["infra"],
        ["suuryritykset"],
        [],
    ),
    (
        "Yritystoiminnan aloittamisen neuvonta",
        [TE_CENTRES],
        "te-uusimaa",
        "partner",
        "Seudulliset uusyrityskeskukset",
        "free",
        ["yritys-suomi-verkko", "puhelin", "kasvokkain"],
        ["markkinapuute"],
        ["aloittaminen", "yrittajakoulutus"],
        ["perustajat"],
        [("perustajat", "paikalliset")],
    ),
    (
        "Yrityksen kehittämisavustus",
        [TE_CENTRES],
        "te-uusimaa",
        "in_house",
        "",
        "free",
        ["sahkoinen-asiointi", "kasvokkain"],
        ["toimintaymparisto", "yhteiskunnalliset-tavoitteet"],
        ["rahoitus", "kasvu"],
        ["paikalliset", "kotimarkkinat"],
        [],
    ),
    (
        "Omistajanvaihdospalvelu",
        [TE_CENTRES],
        "te-varsinais-suomi",
        "partner",
        "Alueelliset yrittäjäjärjestöt",
        "subsidised",
        ["kasvokkain", "tilaisuudet"],
        ["markkinapuute"],
        ["murroskohdat"],
        ["paikalliset", "kotimarkkinat"],
        [],
    ),
    (
        "Rekrytointi- ja koulutuspalvelut yrityksille",
        [TE_CENTRES],
        "te-pirkanmaa",
        "in_house",
        "",
        "subsidised",
        ["kasvokkain", "tilaisuudet"],
        ["yhteiskunnalliset-tavoitteet"],
        ["osaava-tyovoima", "osaaminen"],
        ["paikalliset", "kotimarkkinat", "kansainvalistyvat"],
        [],
    ),
]


@transaction.atomic
def load_demo_services():
    """Create or complete the demo services; idempotent, keyed on the name among demo services."""
    report = SeedReport()
    lookups = _Lookups.read()
    for row in SERVICES:
        _load_service(report, lookups, *row)
    return report


@dataclass
class _Lookups:
    """The reference rows the demo services link to, by code."""

    organisations: dict
    channels: dict
    rationales: dict
    needs: dict
    segments: dict

    @classmethod
    def read(cls):
        return cls(
            organisations={o.code: o for o in Organisation.objects.all()},
            channels={c.code: c for c in ServiceChannel.objects.all()},
            rationales={r.code: r for r in Rationale.objects.all()},
            needs={n.code: n for n in CustomerNeed.objects.all()},
            segments={s.code: s for s in Segment.objects.all()},
        )

    def producers(self, codes):
        """The organisations of `codes`; TE_CENTRES stands for every TE-centre."""
        te_centres = [
            o for o in self.organisations.values() if o.kind == Organisation.Kind.TE_CENTRE
        ]
        return [
            o
            for code in codes
            for o in (te_centres if code == TE_CENTRES else [self.organisations[code]])
        ]


def _load_service(
    report,
    lookups,
    name,
    producers,
    owner,
    mode,
    partner,
    pricing,
    channels,
    rationales,
    needs,
    basic,
    transitions,
):
    """One row of SERVICES: the service, its links (when it has none yet) and its offering."""
    service = seed_object(
        Service,
        lookup={"name_fi": name, "is_demo": True},
        values={
            "description_fi": f"Demopalvelu: {name.lower()}. Esimerkki tarjooman rakenteesta, ei ministeriön palveluluettelo.",
            "production_mode": mode,
            "partner": partner,
            "pricing": pricing,
            "owner": lookups.organisations[owner],
            "status": Service.Status.CURRENT,
        },
        report=report,
    )
    if not service.producers.exists():
        service.producers.set(lookups.producers(producers))
        service.channels.set([lookups.channels[c] for c in channels])
        service.rationales.set([lookups.rationales[r] for r in rationales])
        service.needs.set([lookups.needs[n] for n in needs])
    segments = lookups.segments
    for code in basic:
        lookup = {"service": service, "kind": "basic", "segment": segments[code]}
        seed_object(SegmentOffering, lookup=lookup, values={}, report=report)
    for from_code, to_code in transitions:
        lookup = {
            "service": service,
            "kind": "transition",
            "from_segment": segments[from_code],
            "to_segment": segments[to_code],
        }
        seed_object(SegmentOffering, lookup=lookup, values={}, report=report)
