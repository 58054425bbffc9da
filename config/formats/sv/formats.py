"""Finland-Swedish formats: Django's "sv" locale is Sweden's (ISO dates, US input)."""

from config.formats import DATE_ONLY_AND_ISO_INPUT_FORMATS, DAY_FIRST_DATE_INPUT_FORMATS

DATE_FORMAT = "j.n.Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = r"j.n.Y \k\l. G.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j.n."
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = DAY_FIRST_DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H.%M.%S",
    "%d.%m.%Y %H.%M",
    "%d.%m.%Y %H:%M",
    *DATE_ONLY_AND_ISO_INPUT_FORMATS,
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
