"""English as used in Finland: day before month (5.3.2026), like the Finnish and Swedish UI."""

from config.formats import DATE_ONLY_AND_ISO_INPUT_FORMATS, DAY_FIRST_DATE_INPUT_FORMATS

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = DAY_FIRST_DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = [
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    *DATE_ONLY_AND_ISO_INPUT_FORMATS,
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
