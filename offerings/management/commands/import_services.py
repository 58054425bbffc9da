"""`manage.py import_services`: the service catalogue import from the command line."""

from core.commands import TabularImportCommand
from offerings import imports


class Command(TabularImportCommand):
    help = (
        "Tuo palveluluettelon palvelut Excel- tai CSV-tiedostosta (.xlsx, .csv), "
        "palveluluettelon viennin muodossa: kaikki tai ei mitään, toistettavasti. Virheet "
        "listataan (rivi, sarake, ongelma), ja komento päättyy tilaan 1."
    )
    import_function = staticmethod(imports.import_services)
    file_format = imports.__doc__
    file_help = "Tuotava .xlsx- tai .csv-tiedosto."
