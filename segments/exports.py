"""The strategy overview (report tables 5.1.2 and 5.1.3) as CSV and XLSX files."""

import csv
import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from . import selectors
from .models import Strategy

# A cell starting with one of these is a formula to Excel and LibreOffice; a text that
# happens to start so is prefixed with an apostrophe (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _localized(obj, field):
    language = (get_language() or "fi")[:2]
    return getattr(obj, f"{field}_{language}", None) or getattr(obj, f"{field}_fi", "") or ""


def _cell(text):
    text = str(text)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def goal_rows(segments):
    """Table 5.1.2: segment, public actor's goals, customer company's goals (one row each)."""
    header = [_("Segmentti"), _("Julkisen toimijan tavoitteet"), _("Asiakasyrityksen tavoitteet")]
    rows = []
    for segment in segments:
        public, customer = selectors.goals_by_perspective(segment)
        rows.append(
            [
                _localized(segment, "name"),
                "\n".join(f"• {_localized(goal, 'text')}" for goal in public),
                "\n".join(f"• {_localized(goal, 'text')}" for goal in customer),
            ]
        )
    return header, rows


def strategy_rows(segments):
    """Table 5.1.3: segment, segment strategy (with its points), service promise(s)."""
    header = [_("Segmentti"), _("Segmenttikohtainen strategia"), _("Segmentin palvelulupaus")]
    rows = []
    for segment in segments:
        strategy = getattr(segment, "strategy", None)
        strategy_text = ""
        if strategy is not None:
            points = Strategy.split_points(_localized(strategy, "points"))
            strategy_text = "\n".join([_localized(strategy, "text"), *(f"• {p}" for p in points)])
        promises = [
            f"{_localized(p, 'text')} ({p.get_status_display()})" for p in segment.promises.all()
        ]
        rows.append([_localized(segment, "name"), strategy_text, "\n".join(promises)])
    return header, rows


def overview_csv(table):
    """One of the two tables as CSV for Excel in Finland: semicolons and a UTF-8 BOM."""
    segments = list(selectors.strategy_overview())
    header, rows = (strategy_rows if table == "strategies" else goal_rows)(segments)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


def overview_xlsx():
    """Both tables as sheets of one workbook."""
    segments = list(selectors.strategy_overview())
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, (header, rows) in (
        (_("Tavoitteet 5.1.2"), goal_rows(segments)),
        (_("Strategiat 5.1.3"), strategy_rows(segments)),
    ):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(value) for value in row])
        for column in "ABC":
            sheet.column_dimensions[column].width = 30 if column == "A" else 70
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
