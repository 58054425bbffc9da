"""Formats of the UI languages as used in Finland (FORMAT_MODULE_PATH); Finnish uses
Django's own "fi" formats."""

# Dates are typed day first in every UI language, as on Finnish forms; ISO is accepted too.
DAY_FIRST_DATE_INPUT_FORMATS = [
    "%d.%m.%Y",  # '25.10.2026'
    "%d.%m.%y",  # '25.10.26'
    "%Y-%m-%d",  # '2026-10-25'
]
# After a language's own time notations: the date alone, and ISO.
DATE_ONLY_AND_ISO_INPUT_FORMATS = [
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
