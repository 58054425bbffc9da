"""The report's segments (2.2, 5.1), goals (5.1.2), strategies and service promises (5.1.3).

Texts are the report's own words. Where the report names a thing but gives no wording
(criteria texts, Swedish and English names, the second promise alternative), the slot
is modelled and left empty.
"""

from .models import (
    Criterion,
    Goal,
    Region,
    ReviewStatus,
    Segment,
    SegmentAlias,
    ServicePromise,
    Strategy,
)
from .seeding import seed_object

# (code, Finnish, Swedish, English): the official names of the regions of the 15 TE-centres.
REGIONS = [
    ("uusimaa", "Uusimaa", "Nyland", "Uusimaa"),
    ("varsinais-suomi", "Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"),
    ("satakunta", "Satakunta", "Satakunta", "Satakunta"),
    ("hame", "Häme", "Tavastland", "Häme"),
    ("pirkanmaa", "Pirkanmaa", "Birkaland", "Pirkanmaa"),
    ("kaakkois-suomi", "Kaakkois-Suomi", "Sydöstra Finland", "South-East Finland"),
    ("etela-savo", "Etelä-Savo", "Södra Savolax", "South Savo"),
    ("pohjois-savo", "Pohjois-Savo", "Norra Savolax", "North Savo"),
    ("pohjois-karjala", "Pohjois-Karjala", "Norra Karelen", "North Karelia"),
    ("keski-suomi", "Keski-Suomi", "Mellersta Finland", "Central Finland"),
    ("etela-pohjanmaa", "Etelä-Pohjanmaa", "Södra Österbotten", "South Ostrobothnia"),
    ("pohjanmaa", "Pohjanmaa", "Österbotten", "Ostrobothnia"),
    ("pohjois-pohjanmaa", "Pohjois-Pohjanmaa", "Norra Österbotten", "North Ostrobothnia"),
    ("kainuu", "Kainuu", "Kajanaland", "Kainuu"),
    ("lappi", "Lappi", "Lappland", "Lapland"),
]

Kind = Segment.Kind
Group = Segment.CustomerGroup

# (code, kind, customer group, name, type description, report sections, cross-cutting,
#  open promise alternative). The five confirmed company segments and the communities with
# their type descriptions from the 2.2 table; the two candidates from 5.1.
SEGMENTS = [
    (
        "perustajat",
        Kind.CONFIRMED,
        Group.COMPANY,
        "Yrityksen perustajat ja keksintöasiakkaat",
        "Tyypillisesti henkilöasiakkaana asioivia yritystoiminnan perustajia ja keksijöitä",
        "2.2, 5.1, 5.1.2, 5.1.3, 6.2",
        False,
        False,
    ),
    (
        "paikalliset",
        Kind.CONFIRMED,
        Group.COMPANY,
        "Paikallisesti toimivat yritykset",
        "Tyypillisesti aloittavia ja toimivia pieniä yrityksiä",
        "2.2, 5.1, 5.1.2, 5.1.3, 6.2",
        False,
        False,
    ),
    (
        # 2.2 calls it "Kotimarkkinoille keskittyvät yritykset"; 5.1 onwards (the list of the
        # confirmed segmentation and every table) "Kotimarkkinoilla toimivat yritykset".
        "kotimarkkinat",
        Kind.CONFIRMED,
        Group.COMPANY,
        "Kotimarkkinoilla toimivat yritykset",
        "Tyypillisesti aloittavia ja toimivia pieniä ja keskisuuria yrityksiä",
        "2.2, 5.1, 5.1.2, 5.1.3, 6.2",
        False,
        True,
    ),
    (
        "kansainvalistyvat",
        Kind.CONFIRMED,
        Group.COMPANY,
        "Kansainvälistymällä kasvua hakevat yritykset",
        "Tyypillisesti aloittavia ja toimivia kansainvälisille markkinoille pyrkiviä tai "
        "kansainvälisillä markkinoilla jo toimivia ja toimintaansa laajentavia pk-yrityksiä",
        "2.2, 5.1, 5.1.2, 5.1.3, 6.2",
        False,
        True,
    ),
    (
        "suuryritykset",
        Kind.CONFIRMED,
        Group.COMPANY,
        "Suuryritykset",
        "Tyypillisesti globaaleilla markkinoilla toimivia suuryrityksiä. Yritykset ovat keskeisiä "
        "teknologiavetureita, palveluliiketoiminnan kehittäjiä ja verkostojen moottoreita "
        "kansallisesti ja kansainvälisesti. Yrityksillä on myös merkittävä rooli kansallisen ja "
        "kansainvälisen tutkimuksen hyödyntäjänä, suuntaajana ja verkottajana.",
        "2.2, 5.1, 5.1.2, 5.1.3, 6.2",
        False,
        False,
    ),
    (
        "yhteisot",
        Kind.COMMUNITY,
        Group.COMMUNITY,
        "Yhteisöt",
        "Tyypillisesti\n"
        "-julkista tutkimusta harjoittavia organisaatioita, kuten ammattikorkeakoulut, "
        "tiedekorkeakoulut ja yliopistot ja tutkimuslaitokset;\n"
        "-julkisen ja kolmas sektori (kunnalliset ja valtiolliset toimijat)\n"
        "-sidosryhmät: toimialajärjestöt, kumppaniorganisaatiot, omistajat ja "
        "toimintaedellytyksistä päättävät, media ja kansalaiset.",
        "2.2",
        False,
        False,
    ),
    (
        "invest-in-finland",
        Kind.CANDIDATE,
        Group.COMPANY,
        "Invest-in-Finland",
        "Projektiryhmässä nousi esille tarve tarkastella erikseen ”Invest-in-Finland”-tyyppisiä "
        "asiakkaita, jotka usein ovat suuryrityksiä, mutta joita pitää lähestyä erilaisella "
        "tarjoomalla ja palvelumalleilla kuin tällä hetkellä Suomessa toimivia suuryrityksiä.",
        "5.1, 5.1.1, 6.2",
        False,
        False,
    ),
    (
        "uudet-toimialat",
        Kind.CANDIDATE,
        Group.COMPANY,
        "Uudet toimialat",
        "Toinen teema, joka nousi projektiryhmässä aktiiviseen keskusteluun on kokonaan uusien "
        "toimialojen synnyttäminen. Sitä on vaikea kohdentaa mihinkään nykysegmenteistä, sillä "
        "se leikkaa läpi useita eri segmenttejä ja vaatii niin ikään omanlaistaan tarjoomaa ja "
        "palvelumalleja.",
        "5.1, 5.1.1, 6.2",
        True,
        False,
    ),
]

# (segment code, alias, where the report uses it)
ALIASES = [("kotimarkkinat", "Kotimarkkinoille keskittyvät yritykset", "2.2")]

# (segment code, public actor's goals, customer company's goals), word for word from 5.1.2.
GOALS = [
    (
        "perustajat",
        [
            "uusia kannattavia yrityksiä, jotka toimivat vielä muutaman vuoden päästäkin",
            "uusia työpaikkoja, yrittäjäyys keinona työllistyä",
            "todellisten ”tähtien” tunnistaminen ja ohjaaminen mahdollisimman pian oikeisiin segmentteihin",
            "todellisten mahdollisuuksien tunnistaminen ja hyödyntäminen",
            "painopistealueiden erityinen huomiointi",
            "verkostoituminen T&K-toimijoihin",
            "verkostoituminen yrityksiin ja muihin kumppaneihin",
        ],
        [
            "kannattavaa liiketoimintaa",
            "taloudellista apua ja neuvoja yritystoiminnan käynnistäminen, kaikki yhdeltä luukulta",
            "rahoituksen hankkiminen (julkinen ja yksityinen)",
            "liiketoiminnan todellinen liikkeellelähtö, myynti saadaan rullaamaan",
            "pysytään hengissä ja päästään hyvään kasvuun",
            "verkostoja",
            "ideoiden kaupallistamista",
            "ipr:t",
            "yritystoiminnan koulutusta, urasuunnittelupalvelua yritystoimintaa harkitsevalle",
        ],
    ),
    (
        "paikalliset",
        [
            "työllisyyden sekä paikallisen kannattavan liiketoiminnan turvaaminen",
            "kasvumahdollisuuksien tunnistaminen ja tukeminen",
            "yritysten murroskohdista selviytyminen (omistusjärjestelyt, sukupolvenvaihdokset, talouden häiriöt jne)",
        ],
        [
            "positiivinen kassavirta ja kannattava liiketoiminta",
            "onnistuminen omistajavaihdoksissa ja muissa murroskohdissa",
            "uskallus ja osaaminen kasvumahdollisuuksien hyödyntämiseen",
            "toiminnan laajentaminen kotimaassa (”kioskista ketjuksi”)",
            "verkostoja, joista apua omaan liiketoimintaan",
            "osaavan työvoiman saanti",
        ],
    ),
    (
        "kotimarkkinat",
        [
            "työpaikkojen turvaaminen",
            "kannattavan liiketoiminnan, kasvun ja kehittymisen ylläpitäminen (jatkuva uudistuminen)",
            "potentiaalisten kv. kasvajien tunnistaminen",
            "yritysten murroskohdista selviytyminen (omistusjärjestelyt, sukupolvenvaihdokset, talouden häiriöt jne)",
            "verkottuminen",
        ],
        [
            "kannattava liiketoiminta ja positiivinen kassavirta",
            "kasvun ja kilpailukyvyn ylläpitäminen",
            "asiakkuuksien ylläpitäminen",
            'toiminnan laajentaminen kv. markkinoille ("ketjusta kansainväliseksi")',
            "osaamisen varmistaminen,",
            "osaavan työvoiman saanti",
            "julkinen toimija jakamaan riskiä isojen hyppyjen / murrosten yhteydessä",
        ],
    ),
    (
        "kansainvalistyvat",
        [
            "lisää verotuloja – ja työpaikkoja kannattavalla liiketoiminnalla",
            "viennin kasvu",
            "edelläkävijän onnistuminen innostaa muita",
            "verkostoituminen",
            "osaamisen jakaminen",
            'lisää "tähtiä"',
            "liiketoimintojen ja elinkeinorakenteen uudistaminen",
        ],
        [
            "vahva kansainvälinen kasvu",
            "kannattavuus ja kassavirta",
            "verkottuminen asiakkaiden ja kumppaneiden kanssa",
            "kilpailukyvyn ylläpitäminen",
            "kansainvälisen liiketoimintamallin rakentaminen",
            "julkinen toimija jakamaan riskiä ja mahdollistamaan panostuksen kasvuun",
            "osaamisen riittävyys (määrä ja laatu), erityisesti korostuu johtamisosaamisen haasteet",
            "osaavan työvoiman saanti, erityisesti johto ja avainhenkilöt",
        ],
    ),
    (
        "suuryritykset",
        [
            "verotulot",
            "työllistäminen",
            "Suomessa pysyminen",
            "Verkostoituminen pk-kentän ja tutkimuksen kanssa",
            "osaamisen jakaminen",
            "yhteiskuntavastuun kantaminen",
            "pk-yritysten kansainvälistäminen",
            "liiketoimintojen ja teollisen rakenteen uudistaminen",
            "kilpailukykyinen ja kansainvälisesti vahva T&K-toiminta ja innovaatioympäristö",
            "edelläkävijyys",
            "kv. yritysten houkuttelevuus osaksi innovaatioympäristöä (investointeja suomalaisen osaamiseen)",
        ],
        [
            "globaalissa kilpailussa johtoaseman saavuttaminen ja ylläpitäminen",
            "osaavan työvoiman saanti, erityisesti johto ja avainhenkilöt",
            "toimiva infra",
            "tuki liiketoiminnan kehittämiseen helppokäyttöisten palveluiden kautta",
        ],
    ),
]

# (segment code, strategy, its points, service promise), word for word from 5.1.3. The
# large-company promise continues on the table's next line and is joined whole.
STRATEGIES_AND_PROMISES = [
    (
        "perustajat",
        "Uuden yritystoiminnan käynnistäminen ja vauhdittaminen",
        [],
        "Autamme sinua kehittämään liikeideastasi liiketoimintaa ja mahdollistamme sen käynnistämisen",
    ),
    (
        "paikalliset",
        "Kannattavan paikallisen liiketoiminnan ja alueen elinvoimaisuuden turvaaminen sekä "
        "kasvumahdollisuuksien tunnistaminen",
        [],
        "Tuemme yrityksesi kannattavan liiketoiminnan kehittämistä ja kasvumahdollisuuksien "
        "tunnistamista.",
    ),
    (
        "kotimarkkinat",
        "Kannattavan liiketoiminnan, kasvun ja kehityksen mahdollistaminen",
        [],
        "Autamme yritystäsi löytämään uusia mahdollisuuksia, markkinoita, asiakkaita.",
    ),
    (
        "kansainvalistyvat",
        "Kansainvälisen kasvun vauhdittaminen, panostus kaupallistamiseen, myyntiin ja "
        "markkinointiin sekä osaamisen varmistaminen",
        [],
        "Autamme tunnistamaan liiketoimintamahdollisuuksia, jaamme riskiä, autamme verkottumaan "
        "maailmalle ja tuemme kehityshankkeita.",
    ),
    (
        "suuryritykset",
        "Suomalaisesta suuryrityksestä globaaliksi menestyjäksi",
        [
            "Aktivoidaan toimimaan verkostoissa",
            "Varmistetaan osaaminen ja riittävä työvoima yrityksen tarpeisiin",
            "Autetaan muokkaamaan markkinoita ja liiketoimintamalleja",
        ],
        "Tarjoamme kilpailukykyisen ja verkostoituneen innovaatioympäristön liiketoiminnan "
        "globaaliin kehittämiseen ja uudistamiseen.",
    ),
]


def load_regions(report):
    """Load the regions; returns them by code for the apps that refer to them."""
    regions = {}
    for order, (code, fi, sv, en) in enumerate(REGIONS, start=1):
        regions[code] = seed_object(
            Region,
            lookup={"code": code},
            values={"name_fi": fi, "name_sv": sv, "name_en": en, "order": order},
            report=report,
        )
    return regions


def load_segments(report):
    """Load the segments with their aliases, empty criteria, goals, strategies and promises."""
    segments = _load_segment_rows(report)
    _load_aliases(segments, report)
    _load_criteria(segments, report)
    _load_goals(segments, report)
    _load_strategies_and_promises(segments, report)
    return segments


def _load_segment_rows(report):
    segments = {}
    for number, (code, kind, group, name, description, sections, cross, open_alt) in enumerate(
        SEGMENTS, start=1
    ):
        segments[code] = seed_object(
            Segment,
            lookup={"code": code},
            values={
                "number": number,
                # The report states no evaluation order; staff set it with the rules.
                "priority": number,
                "kind": kind,
                "customer_group": group,
                "name_fi": name,
                "description_fi": description,
                "report_reference": sections,
                "is_cross_cutting": cross,
                "has_open_promise_alternative": open_alt,
            },
            report=report,
        )
    return segments


def _load_aliases(segments, report):
    for code, alias, sections in ALIASES:
        seed_object(
            SegmentAlias,
            lookup={"segment": segments[code], "name": alias},
            values={"report_reference": sections},
            report=report,
        )


def _load_criteria(segments, report):
    # The report asks for all three criteria per segment but gives no texts (5.1.1).
    for segment in segments.values():
        for kind in Criterion.Kind.values:
            seed_object(
                Criterion, lookup={"segment": segment, "kind": kind}, values={}, report=report
            )


def _load_goals(segments, report):
    for code, public_goals, customer_goals in GOALS:
        for perspective, texts in (
            (Goal.Perspective.PUBLIC_ACTOR, public_goals),
            (Goal.Perspective.CUSTOMER, customer_goals),
        ):
            for order, text in enumerate(texts, start=1):
                seed_object(
                    Goal,
                    lookup={"report_key": f"5.1.2/{code}/{perspective}/{order}"},
                    values={
                        "segment": segments[code],
                        "perspective": perspective,
                        "order": order,
                        "text_fi": text,
                        # "to be reviewed once more and then confirmed" (5.1.2)
                        "status": ReviewStatus.UNDER_REVIEW,
                    },
                    report=report,
                )


def _load_strategies_and_promises(segments, report):
    for code, strategy, points, promise in STRATEGIES_AND_PROMISES:
        seed_object(
            Strategy,
            lookup={"segment": segments[code]},
            values={
                "text_fi": strategy,
                "points_fi": "\n".join(points),
                "status": ReviewStatus.UNDER_REVIEW,
            },
            report=report,
        )
        seed_object(
            ServicePromise,
            lookup={"report_key": f"5.1.3/{code}/1"},
            values={
                "segment": segments[code],
                "text_fi": promise,
                "status": ServicePromise.Status.PROPOSED,
                "order": 1,
            },
            report=report,
        )
