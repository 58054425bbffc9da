"""The regions of the 15 TE-centres of 2008 (report 3, 5.6: "15 hyvin itsenäistä toimijaa")."""

from .models import Region
from .seeding import seed_object

# (code, Finnish, Swedish, English): the official names of the regions.
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


def load(report):
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
