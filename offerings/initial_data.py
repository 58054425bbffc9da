"""The organisations of report sections 3 and 6.4, with their official names in three languages."""

from datetime import date

from segments.seeding import seed_object

from .models import Organisation

Kind = Organisation.Kind

# (code, kind, parent code, abbreviation, Finnish, Swedish, English, report sections).
# Names as they were in 2008, when the report was written.
ORGANISATIONS = [
    (
        "tem",
        Kind.MINISTRY,
        None,
        "TEM",
        "Työ- ja elinkeinoministeriö",
        "Arbets- och näringsministeriet",
        "Ministry of Employment and the Economy",
        "1, 3, 6.4",
    ),
    (
        "tem-konserniohjaus",
        Kind.MINISTRY_UNIT,
        "tem",
        "",
        "Konserniohjaus",
        "Koncernstyrningen",
        "Group Steering",
        "3, 6.1, 6.4",
    ),
    (
        "tem-tyollisyys-ja-yrittajyysosasto",
        Kind.MINISTRY_UNIT,
        "tem",
        "",
        "Työllisyys- ja yrittäjyysosasto",
        "Sysselsättnings- och företagsavdelningen",
        "Employment and Entrepreneurship Department",
        "3, 5.2, 6.4",
    ),
    (
        "tem-innovaatio-osasto",
        Kind.MINISTRY_UNIT,
        "tem",
        "",
        "Innovaatio-osasto",
        "Innovationsavdelningen",
        "Innovation Department",
        "3, 6.4",
    ),
    (
        "tem-konsernipalveluiden-kehittamiskeskus",
        Kind.MINISTRY_UNIT,
        "tem",
        "",
        "Konsernipalveluiden kehittämiskeskus",
        "Utvecklingscentralen för koncerntjänster",
        "Group Services Development Centre",
        "6.4",
    ),
    (
        "finnvera",
        Kind.AGENCY,
        None,
        "Finnvera",
        "Finnvera Oyj",
        "Finnvera Abp",
        "Finnvera plc",
        "3, 5.5",
    ),
    ("finpro", Kind.AGENCY, None, "Finpro", "Finpro ry", "Finpro rf", "Finpro", "3"),
    (
        "tekes",
        Kind.AGENCY,
        None,
        "Tekes",
        "Tekes – teknologian ja innovaatioiden kehittämiskeskus",
        "Tekes – utvecklingscentralen för teknologi och innovationer",
        "Tekes – the Finnish Funding Agency for Technology and Innovation",
        "3, 5.2",
    ),
    (
        "vtt",
        Kind.AGENCY,
        None,
        "VTT",
        "Valtion teknillinen tutkimuskeskus VTT",
        "Statens tekniska forskningscentral VTT",
        "VTT Technical Research Centre of Finland",
        "3",
    ),
    (
        "gtk",
        Kind.AGENCY,
        None,
        "GTK",
        "Geologian tutkimuskeskus",
        "Geologiska forskningscentralen",
        "Geological Survey of Finland",
        "3",
    ),
]

# (region code, Finnish genitive, Swedish region name) for "<genitive> TE-keskus" and
# "TE-centralen i <region>"; the 15 TE-centres of 2008 (report 3, 5.6, 6.3).
TE_CENTRES = [
    ("uusimaa", "Uudenmaan", "Nyland"),
    ("varsinais-suomi", "Varsinais-Suomen", "Egentliga Finland"),
    ("satakunta", "Satakunnan", "Satakunta"),
    ("hame", "Hämeen", "Tavastland"),
    ("pirkanmaa", "Pirkanmaan", "Birkaland"),
    ("kaakkois-suomi", "Kaakkois-Suomen", "Sydöstra Finland"),
    ("etela-savo", "Etelä-Savon", "Södra Savolax"),
    ("pohjois-savo", "Pohjois-Savon", "Norra Savolax"),
    ("pohjois-karjala", "Pohjois-Karjalan", "Norra Karelen"),
    ("keski-suomi", "Keski-Suomen", "Mellersta Finland"),
    ("etela-pohjanmaa", "Etelä-Pohjanmaan", "Södra Österbotten"),
    ("pohjanmaa", "Pohjanmaan", "Österbotten"),
    ("pohjois-pohjanmaa", "Pohjois-Pohjanmaan", "Norra Österbotten"),
    ("kainuu", "Kainuun", "Kajanaland"),
    ("lappi", "Lapin", "Lappland"),
]


def te_centre_code(region_code):
    return f"te-{region_code}"


def load(report, *, regions):
    """Load the organisations; returns them by code."""
    organisations = {}
    order = 0
    for code, kind, parent, abbreviation, fi, sv, en, sections in ORGANISATIONS:
        order += 1
        organisations[code] = seed_object(
            Organisation,
            lookup={"code": code},
            values={
                "kind": kind,
                "parent": organisations[parent] if parent else None,
                "abbreviation": abbreviation,
                "name_fi": fi,
                "name_sv": sv,
                "name_en": en,
                "report_reference": sections,
                "order": order,
            },
            report=report,
        )
    for region_code, genitive, swedish_region in TE_CENTRES:
        order += 1
        region = regions[region_code]
        code = te_centre_code(region_code)
        organisations[code] = seed_object(
            Organisation,
            lookup={"code": code},
            values={
                "kind": Kind.TE_CENTRE,
                "region": region,
                "name_fi": f"{genitive} TE-keskus",
                "name_sv": f"TE-centralen i {swedish_region}",
                "name_en": f"{region.name_en} TE Centre",
                "report_reference": "3, 6.3" if region_code == "varsinais-suomi" else "5.6, 6.3",
                "order": order,
            },
            report=report,
        )
    return organisations


# Report 4: why public business services exist. The five rationales and their sub-points,
# word for word. The bullet "Yritysten markkinointiosaamisen …" stands in the report's
# text after the third rationale's sub-points, without the rationale's bold: it is kept as
# that rationale's last sub-point, where the outline puts it.
RATIONALES = [
    (
        "markkinapuute",
        "Markkinapuutteen kattaminen – julkinen sektori tuottaa ja välittää palveluita, joita yksityinen sektori ei tuota",
        [
            "Ei ole palveluita lainkaan yksityisellä sektorilla, esim. liian suuri riski => yritysten murrostilanteet ja yritystoiminnan aloittaminen",
            "Alueelliset erot ja niiden tasaaminen",
            "Ei kohtuukustannuksilla, pk-yrityksen näkökulma",
            "Markkinapuute ei ole on/off, vaihtelee eri kysymyksissä, eri tarpeissa ja eri suhdannetilanteissa",
            "Mitä palveluita tuotetaan itse, mitä ostetaan yksityisiltä toimijoilta?",
        ],
    ),
    (
        "toimintaymparisto",
        "Toimintaympäristön turvaaminen ja kehittäminen => tavoitteena olla maailman paras",
        [
            "Kilpailukykyinen yrittämisen toimintaympäristö",
            "Tasapainottaa markkinahäiriöitä ja talouden syklejä",
            "Niukat resurssit hyödynnetään täysimääräisesti käyttöön, tuottavuus",
            "Uusien yritysten synnyttäminen, riskirahoitus, neuvontapalvelut jne.",
            "Suuryritysten pysyminen Suomessa - suuryritysten laaja vaikuttavuus koko toimintaympäristöön erilaisten klusterit, alihankinta- ja tutkimus- ym. verkostojen kautta",
        ],
    ),
    (
        "kasvu-ja-kansainvalistyminen",
        "Kasvun ja kansainvälistymisen edistäminen",
        [
            "Vipuvaikutus nopeuttaa kasvua ja kehitystä, yksi TEM:n konsernistrategian painopistealueista",
            "Julkisten organisaatioiden keinot tukea yritysten kansainvälistymistä",
            "Julkisen tutkimuspohjan kansainvälistäminen ja siinä operointi",
            "Yritysten kansainvälistymisprosessi => EU-hankkeet yms.",
            "Kansainvälisten investointien houkuttelu Suomeen",
            "Oman innovaatioympäristömme tuotteistaminen maailmalle",
            "Yritysten markkinointiosaamisen ja –panostusten kasvattaminen, kun mennään globaaleille markkinoille - tuotekehitys vs. palveluiden tuotteistaminen, brändin hallinta",
        ],
    ),
    (
        "osaamispohja",
        "Osaamisohjan kehittäminen laajasti ja pitkällä tähtäimellä ja sen kytkeminen myös yrityksiin",
        [
            "Informaatioinfra, toimivat tietopalvelut koko innovaatioympäristön pohjalla",
            "Tieto on markkinoilla, asiakkailla, yrityksissä yms. julkisen sektorin tehtävä on koota sitä yhteen, tiedon muuttaminen liiketoiminnaksi, hyödyntäminen",
            "Asiakastarpeen, globaalien markkinoiden, trendien ymmärtäminen ja vaikutusten heijastuminen meidän yrityksiimme",
        ],
    ),
    (
        "yhteiskunnalliset-tavoitteet",
        "Yhteiskunnalliset / aluepoliittiset tavoitteet, poliittisen tahdon mukainen toiminta",
        [
            "Ylä- ja alamäkien tasapainottaminen",
            "Tulevista muutoksista selviytyminen julkisten palveluiden auttamana",
            "Julkisten varojen ohjaaminen tavoitteiden mukaisesti => keinot saada yritykset sitoutumaan niihin tavoitteisiin",
            "Tasapainoinen alueellinen kehittäminen",
            "Oltava edellytykset muuttaa painopisteitä, tietty perusinfra säilyy",
        ],
    ),
]

# The needs-mapping catalogue (5.2), drawn from the customer companies' goals of the 5.1.2
# table: (code, need, short description, source goals as "segment/number" of the customer
# perspective). The names are short labels of the goals; the goals are linked as sources.
NEEDS = [
    (
        "kannattavuus",
        "Kannattavuus ja kassavirta",
        "Kannattava liiketoiminta ja positiivinen kassavirta.",
        ["perustajat/1", "perustajat/5", "paikalliset/1", "kotimarkkinat/1", "kansainvalistyvat/2"],
    ),
    (
        "aloittaminen",
        "Yritystoiminnan käynnistäminen",
        "Apu ja neuvonta yritystoiminnan käynnistämiseen yhdeltä luukulta; liikkeellelähtö.",
        ["perustajat/2", "perustajat/4"],
    ),
    ("rahoitus", "Rahoitus", "Julkisen ja yksityisen rahoituksen hankkiminen.", ["perustajat/3"]),
    (
        "verkostot",
        "Verkostot",
        "Verkostot, joista on apua omaan liiketoimintaan; verkottuminen asiakkaiden ja kumppaneiden kanssa.",
        ["perustajat/6", "paikalliset/5", "kansainvalistyvat/3"],
    ),
    (
        "kaupallistaminen",
        "Ideoiden kaupallistaminen",
        "Ideoiden kaupallistaminen liiketoiminnaksi.",
        ["perustajat/7"],
    ),
    ("ipr", "IPR", "Aineettomat oikeudet (ipr:t).", ["perustajat/8"]),
    (
        "yrittajakoulutus",
        "Yritystoiminnan koulutus",
        "Yritystoiminnan koulutus ja urasuunnittelu yritystoimintaa harkitsevalle.",
        ["perustajat/9"],
    ),
    (
        "murroskohdat",
        "Omistajanvaihdokset ja murroskohdat",
        "Onnistuminen omistajanvaihdoksissa ja muissa murroskohdissa.",
        ["paikalliset/2"],
    ),
    (
        "kasvu",
        "Kasvu ja toiminnan laajentaminen",
        "Uskallus ja osaaminen kasvumahdollisuuksien hyödyntämiseen; toiminnan laajentaminen kotimaassa; kasvun ylläpitäminen.",
        ["paikalliset/3", "paikalliset/4", "kotimarkkinat/2"],
    ),
    (
        "osaava-tyovoima",
        "Osaava työvoima",
        "Osaavan työvoiman saanti, erityisesti johto ja avainhenkilöt.",
        ["paikalliset/6", "kotimarkkinat/6", "kansainvalistyvat/8", "suuryritykset/2"],
    ),
    (
        "asiakkuudet",
        "Asiakkuuksien ylläpitäminen",
        "Asiakkuuksien ylläpitäminen.",
        ["kotimarkkinat/3"],
    ),
    (
        "kansainvalistyminen",
        "Kansainvälistyminen",
        "Toiminnan laajentaminen kansainvälisille markkinoille, vahva kansainvälinen kasvu ja kansainvälinen liiketoimintamalli.",
        ["kotimarkkinat/4", "kansainvalistyvat/1", "kansainvalistyvat/5"],
    ),
    (
        "osaaminen",
        "Osaaminen ja johtaminen",
        "Osaamisen varmistaminen ja riittävyys, erityisesti johtamisosaaminen.",
        ["kotimarkkinat/5", "kansainvalistyvat/7"],
    ),
    (
        "riskinjako",
        "Riskinjako",
        "Julkinen toimija jakaa riskiä isojen hyppyjen ja murrosten yhteydessä ja mahdollistaa panostuksen kasvuun.",
        ["kotimarkkinat/7", "kansainvalistyvat/6"],
    ),
    (
        "kilpailukyky",
        "Kilpailukyky",
        "Kilpailukyvyn ylläpitäminen; johtoasema globaalissa kilpailussa.",
        ["kotimarkkinat/2", "kansainvalistyvat/4", "suuryritykset/1"],
    ),
    ("infra", "Toimiva infrastruktuuri", "Toimiva infra.", ["suuryritykset/3"]),
    (
        "kehittamispalvelut",
        "Helppokäyttöiset kehittämispalvelut",
        "Tuki liiketoiminnan kehittämiseen helppokäyttöisten palveluiden kautta.",
        ["suuryritykset/4"],
    ),
]

# The service channels named in the mission (5.3, Yritys-Suomi), a managed list.
CHANNELS = [
    (
        "yritys-suomi-verkko",
        "Yritys-Suomi-verkkopalvelu",
        "Företagsfinland-webbtjänsten",
        "Enterprise Finland web service",
    ),
    ("puhelin", "Puhelinpalvelu", "Telefontjänst", "Telephone service"),
    ("kasvokkain", "Henkilökohtainen palvelu", "Personlig service", "Face-to-face service"),
    (
        "tilaisuudet",
        "Tilaisuudet ja koulutukset",
        "Evenemang och utbildningar",
        "Events and training",
    ),
    (
        "sahkoinen-asiointi",
        "Sähköinen asiointi",
        "Elektronisk ärendehantering",
        "Online transactions",
    ),
]

# 5.2: the harmonisation of the current offering started at once in two sub-working groups,
# reporting by 1.2.2009 (the report names the coordinators; they are recorded here by
# organisation only).
HARMONISATION = [
    (
        "5.2/alkavat",
        "Alkavien yritysten nykytarjooman yhtenäistäminen",
        "Alkavien yritysten alatyöryhmä",
        "te-varsinais-suomi",
        ["perustajat"],
    ),
    (
        "5.2/kansainvalistyvat",
        "Kansainvälistymällä kasvua hakevien yritysten nykytarjooman yhtenäistäminen",
        "Kansainvälistymällä kasvua hakevien yritysten alatyöryhmä",
        "tekes",
        ["kansainvalistyvat"],
    ),
]
HARMONISATION_DEADLINE = date(2009, 2, 1)


def load_offering(report, *, organisations):
    """Load the rationales, needs, channels, harmonisation items and service model slots."""
    from segments.models import Segment

    segments = {s.code: s for s in Segment.objects.all()}
    _load_rationales(report)
    _load_needs(report)
    _load_channels(report)
    _load_harmonisation(report, organisations=organisations, segments=segments)
    _load_service_models(report, segments=segments)


def _load_rationales(report):
    from .models import Rationale, RationalePoint

    for order, (code, title, points) in enumerate(RATIONALES, start=1):
        rationale = seed_object(
            Rationale,
            lookup={"code": code},
            values={"order": order, "title_fi": title},
            report=report,
        )
        for point_order, text in enumerate(points, start=1):
            seed_object(
                RationalePoint,
                lookup={"report_key": f"4/{code}/{point_order}"},
                values={"rationale": rationale, "order": point_order, "text_fi": text},
                report=report,
            )


def _load_needs(report):
    """The customer needs, each linked to the goals it comes from and their segments."""
    from segments.models import Goal

    from .models import CustomerNeed

    goals = {
        g.report_key: g
        for g in Goal.objects.filter(report_key__startswith="5.1.2/", perspective="customer")
    }
    for order, (code, name, description, sources) in enumerate(NEEDS, start=1):
        need = seed_object(
            CustomerNeed,
            lookup={"code": code},
            values={"order": order, "name_fi": name, "description_fi": description},
            report=report,
        )
        source_goals = [
            goals[f"5.1.2/{s.split('/')[0]}/customer/{s.split('/')[1]}"] for s in sources
        ]
        if not need.source_goals.exists():
            need.source_goals.set(source_goals)
            need.segments.set({goal.segment_id for goal in source_goals})


def _load_channels(report):
    from .models import ServiceChannel

    for order, (code, fi, sv, en) in enumerate(CHANNELS, start=1):
        seed_object(
            ServiceChannel,
            lookup={"code": code},
            values={"order": order, "name_fi": fi, "name_sv": sv, "name_en": en},
            report=report,
        )


def _load_harmonisation(report, *, organisations, segments):
    from .models import DevelopmentItem

    for key, title, group, coordinator, scope in HARMONISATION:
        item = seed_object(
            DevelopmentItem,
            lookup={"report_key": key},
            values={
                "kind": DevelopmentItem.Kind.HARMONISATION,
                "title": title,
                "sub_working_group": group,
                "coordinator": organisations[coordinator],
                "deadline": HARMONISATION_DEADLINE,
                "status": DevelopmentItem.Status.IN_PROGRESS,
            },
            report=report,
        )
        if not item.segments.exists():
            item.segments.set([segments[code] for code in scope])


def _load_service_models(report, *, segments):
    """5.3: every segment gets its service model, to be written by its working group."""
    from .models import ServiceModel

    for segment in segments.values():
        seed_object(ServiceModel, lookup={"segment": segment}, values={}, report=report)
