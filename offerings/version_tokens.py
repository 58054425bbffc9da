"""A service's version in a catalogue file: the export (offerings.exports) writes it as a
token that a spreadsheet keeps as it is, and the import (offerings.imports) reads it back, and
tells a token that a spreadsheet rounded from one that is stale."""

import re

from django.utils.translation import gettext as _

from core.imports import CellError, cell_integer, cell_text

# The export writes a service's version (a 16-digit number) as "v" and the digits: a
# spreadsheet keeps only 15 significant digits of a number, and with the letter no program
# reads the token as one. Older exports wrote the digits alone; they are still read.
_VERSION_TOKEN = re.compile(r"[vV](\d{1,19})")
_SPREADSHEET_DIGITS = 15
# A number as a spreadsheet writes it back once it has read the token as one:
# 1,78E+15, 1.78000000000012E+15, 1780000000000120.0.
_SPREADSHEET_NUMBER = re.compile(r"\d+(\.\d*)?([eE]\+?\d{1,3})?")


def version_token(version):
    """The export's text of a service's version, which no spreadsheet reads as a number."""
    return f"v{version}"


def read_version(value):
    """(version, the cell as text if a spreadsheet seems to have rounded it) of a version
    cell; (None, "") for an empty one."""
    message = _("Versio on viennin kirjoittama tunniste (v ja numero); älä muuta sitä.")
    if isinstance(value, bool):
        raise CellError(message)
    if isinstance(value, float):
        if not (value.is_integer() and abs(value) < 10**_SPREADSHEET_DIGITS):
            # A number cell: at most 15 significant digits of the 16 a version has.
            return None, f"{value:.15G}"
        value = int(value)
    if isinstance(value, int):
        return _version_digits(str(value), message)
    text = cell_text(value)
    if not text:
        return None, ""
    token = _VERSION_TOKEN.fullmatch(text)
    if token:
        return cell_integer(token.group(1), message), ""
    if text.isascii() and text.isdigit():
        return _version_digits(text, message)  # an older export's token
    number = text.replace("\xa0", "").replace(" ", "").replace(",", ".")
    if (
        len(number) <= 40
        and _SPREADSHEET_NUMBER.fullmatch(number)
        and float(number) >= 10**_SPREADSHEET_DIGITS
    ):
        return None, text[:30]
    raise CellError(message)


def _version_digits(digits, message):
    # Past 15 significant digits a spreadsheet writes zeros: such a token may be rounded.
    number = cell_integer(digits, message)
    significant = digits.lstrip("0")
    rounded = len(significant) > _SPREADSHEET_DIGITS and not significant[
        _SPREADSHEET_DIGITS:
    ].strip("0")
    return number, digits if rounded else ""


def rounding_explains(version, service):
    """Whether a token that looks rounded may differ from the service's version by rounding
    alone; a token read as digits that differs in its first 15 is stale, rounded or not."""
    if version == service.version:
        return False
    return version is None or f"{version:.14E}" == f"{service.version:.14E}"
