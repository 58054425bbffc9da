"""The organisations of report sections 3 and 6.4, with their official names in three languages."""

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
