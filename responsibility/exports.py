"""The access log as CSV and XLSX, with the page's search applied: what an auditor asks for,
and what a company's data-subject request needs (906/2019 § 17; GDPR art. 15).

Every text a user or a company wrote (names, the consent's giver) is written so that no
spreadsheet reads it as a formula (OWASP: CSV injection). The CSV is streamed a chunk of
rows at a time, whatever the size of the log; the XLSX is built in memory and capped
(views.ministry.EXPORT_LIMIT).
"""

import csv
import io

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from segments.exports import FORMULA_STARTS

# Rows fetched per query: the joins of a row are in the same query, so the number of
# queries grows with the size of the export by one per chunk, never by one per row.
CHUNK_SIZE = 2_000
_WIDTHS = [22, 28, 18, 28, 28, 36, 12, 24, 20, 40]


def _header():
    return [
        _("Aika"),
        _("Katsoja"),
        _("Käyttäjätunnus"),
        _("Katsojan organisaatio"),
        _("Tietojen omistaja"),
        _("Yritys"),
        _("Y-tunnus"),
        _("Tiedot"),
        _("Peruste"),
        _("Suostumus"),
    ]


def safe_text(value):
    """A text as a cell no spreadsheet runs: a leading = + - @ (or tab, carriage return)
    gets an apostrophe in front, and characters the XLSX format refuses are dropped."""
    if value is None:
        return ""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _consent(consent):
    if consent is None:
        return ""
    return _("nro %(number)s, annettu %(day)s, antaja %(giver)s") % {
        "number": consent.pk,
        "day": formats.date_format(consent.given_on, "SHORT_DATE_FORMAT"),
        "giver": consent.given_by,
    }


def _texts(entry):
    """A row's cells after the time, every one of them text."""
    viewer = entry.viewer
    return [
        safe_text(viewer.get_full_name()),
        safe_text(viewer.get_username()),
        safe_text(entry.viewer_organisation),
        safe_text(entry.owner_organisation),
        safe_text(entry.company.name),
        safe_text(entry.company.business_id),
        safe_text(entry.get_scope_display()),
        safe_text(entry.get_basis_display()),
        safe_text(_consent(entry.consent)),
    ]


class _Line:
    """A file-like object whose write returns the line: the csv writer then yields lines."""

    def write(self, line):
        return line


def access_log_csv(rows, *, language):
    """The rows as CSV for Excel in Finland (semicolons, a UTF-8 byte-order mark), line by
    line: meant for a StreamingHttpResponse. Times are local, with their UTC offset."""
    with translation.override(language):
        writer = csv.writer(_Line(), delimiter=";")
        yield "\ufeff" + writer.writerow(_header())
        for entry in rows.iterator(chunk_size=CHUNK_SIZE):
            at = timezone.localtime(entry.at).isoformat(timespec="seconds")
            yield writer.writerow([at, *_texts(entry)])


def access_log_xlsx(rows):
    """The rows as an XLSX workbook (bytes); times as spreadsheet dates in local time."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Katseluloki"))
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in _header():
        cell = _cell(sheet, title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for entry in rows.iterator(chunk_size=CHUNK_SIZE):
        at = _cell(sheet, timezone.localtime(entry.at).replace(tzinfo=None))
        at.number_format = "d.m.yyyy h:mm:ss"
        # The escaped texts: openpyxl would store a text starting with "=" as a formula.
        sheet.append([at, *_texts(entry)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet, value):
    return WriteOnlyCell(sheet, value=value)
