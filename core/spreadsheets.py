"""Cells of the spreadsheets the app writes (exports), so that no spreadsheet runs a text as a
formula and an import (core.imports) reads the file back as it was written."""

from openpyxl.cell import WriteOnlyCell

# A cell starting with one of these is a formula to Excel and LibreOffice; a text that
# happens to start so is prefixed with an apostrophe (OWASP: CSV injection). The imports
# take the apostrophe off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text):
    """A text cell that no spreadsheet reads as a formula; None for an empty text."""
    if not text:
        return None
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def styled_cell(sheet, value, **style):
    """A cell of a write-only sheet with the given style (font, number_format, alignment);
    None, an empty cell, for None."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell
