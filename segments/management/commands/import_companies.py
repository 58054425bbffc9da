"""`manage.py import_companies`: the company file import from the command line."""

from core.commands import TabularImportCommand
from segments import imports


class Command(TabularImportCommand):
    help = (
        "Tuo yritykset ja niiden vuosittaiset ominaisuusarvot CSV- tai Excel-tiedostosta "
        "(.csv, .xlsx): kaikki tai ei mitään, toistettavasti Y-tunnuksen mukaan. Virheet "
        "listataan (rivi, sarake, ongelma), ja komento päättyy tilaan 1."
    )
    import_function = staticmethod(imports.import_companies)
    file_format = imports.__doc__
    file_help = "Tuotava .csv- tai .xlsx-tiedosto."
