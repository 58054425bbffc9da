"""The strategy overview (report tables 5.1.2 and 5.1.3) as CSV and XLSX files, and the
companies as XLSX in the company import's format (segments.imports)."""

import csv
import io
from itertools import islice

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.spreadsheets import FORMULA_STARTS, formula_safe, styled_cell

# FORMULA_STARTS is core's; responsibility and offerings still import it from here.
from core.translation import text_served

from . import selectors
from .import_rows import COMPANY_COLUMNS
from .models import Attribute, AttributeValue, Strategy

# Companies written per round of queries.
CHUNK_SIZE = 2_000


def _localized(obj, field):
    return text_served(obj, field)[0]


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


# Companies ---------------------------------------------------------------------------------


def companies_xlsx(queryset, *, years, attributes):
    """The companies as .xlsx in the import's column format: exporting and importing the
    file back changes nothing. Streamed: a few queries per 2,000 companies."""
    attributes = list(attributes)
    years = sorted({int(year) for year in years})
    pairs = [(attribute, year) for attribute in attributes for year in years]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Yritykset"))
    for letter, width in zip("ABCDEFGH", (12, 40, 18, 18, 10, 12, 22, 10), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "C2"
    header = [*COMPANY_COLUMNS, *(f"{attribute.code}:{year}" for attribute, year in pairs)]
    sheet.append([styled_cell(sheet, name, font=Font(bold=True)) for name in header])
    companies = queryset.select_related("region", "segment").iterator(chunk_size=CHUNK_SIZE)
    while batch := list(islice(companies, CHUNK_SIZE)):
        stored = _stored_values(batch, attributes, years)
        for company in batch:
            sheet.append(
                [
                    formula_safe(company.business_id),
                    formula_safe(company.name),
                    formula_safe(company.region.code) if company.region else None,
                    formula_safe(company.municipality),
                    formula_safe(company.industry),
                    styled_cell(sheet, company.founded_on, number_format="d.m.yyyy"),
                    formula_safe(company.segment.code) if company.segment else None,
                    "kyllä" if company.is_ready_to_move else "ei",
                    *(
                        _value_cell(attribute, stored.get((company.pk, attribute.pk, year)))
                        for attribute, year in pairs
                    ),
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _stored_values(companies, attributes, years):
    if not attributes or not years:
        return {}
    found = AttributeValue.objects.filter(
        company_id__in=[company.pk for company in companies],
        attribute_id__in=[attribute.pk for attribute in attributes],
        year__in=years,
    ).values_list("company_id", "attribute_id", "year", "number", "text")
    return {(c, a, y): (number, text) for c, a, y, number, text in found}


def _value_cell(attribute, stored):
    if stored is None:
        return None
    number, text = stored
    if number is None:
        return formula_safe(text)
    if attribute.value_type == Attribute.ValueType.BOOLEAN:
        return "kyllä" if number else "ei"
    number = number.normalize()
    # Spreadsheets keep 15 significant digits; a longer number goes as text, exactly.
    if len(number.as_tuple().digits) > 15:
        return formula_safe(format(number, "f"))
    return int(number) if number == number.to_integral_value() else float(number)
