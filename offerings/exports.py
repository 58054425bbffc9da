"""The service catalogue as an Excel file in the import's format (offerings.imports)."""

import io
from itertools import islice

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.spreadsheets import formula_safe, styled_cell

from .import_rows import CHOICE_FIELDS, COLUMNS, LINK_FIELDS
from .models import CustomerNeed, Organisation, Rationale, ServiceChannel
from .version_tokens import version_token

# Services written per round of prefetch queries (few thousand services in all).
CHUNK_SIZE = 1_000
_WIDTHS = {
    "id": 8,
    "nimi": 40,
    "nimi_sv": 30,
    "nimi_en": 30,
    "kuvaus": 60,
    "kuvaus_sv": 40,
    "kuvaus_en": 40,
    "tuottajat": 30,
    "tuotantotapa": 14,
    "kumppani": 25,
    "hinnoittelu": 12,
    "veloitus": 25,
    "kanavat": 30,
    "perusteet": 30,
    "tarpeet": 30,
    "tila": 12,
    "omistaja": 18,
    "demo": 7,
    "versio": 18,
}


def services_xlsx(queryset):
    """The services of `queryset` as .xlsx: importing the file back changes nothing.

    The first sheet holds the services in the columns the import reads; the second lists
    the codes the coded columns accept. A constant number of queries per 1,000 services.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Palvelut"))
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = _WIDTHS[column]
    sheet.freeze_panes = "C2"
    bold = Font(bold=True)
    sheet.append([styled_cell(sheet, column, font=bold) for column in COLUMNS])
    wrapped = Alignment(wrap_text=True, vertical="top")
    services = (
        queryset.select_related("owner")
        .prefetch_related(*LINK_FIELDS.values())
        .iterator(chunk_size=CHUNK_SIZE)
    )
    while batch := list(islice(services, CHUNK_SIZE)):
        for service in batch:
            sheet.append(
                [
                    service.pk,
                    _text(service.name_fi),
                    _text(service.name_sv),
                    _text(service.name_en),
                    styled_cell(sheet, _text(service.description_fi), alignment=wrapped),
                    styled_cell(sheet, _text(service.description_sv), alignment=wrapped),
                    styled_cell(sheet, _text(service.description_en), alignment=wrapped),
                    _codes(service.producers.all()),
                    service.production_mode,
                    _text(service.partner),
                    service.pricing,
                    _text(service.charging_note),
                    _codes(service.channels.all()),
                    _codes(service.rationales.all()),
                    _codes(service.needs.all()),
                    service.status,
                    _text(service.owner.code),
                    "kyllä" if service.is_demo else "ei",
                    # A 16-digit number, and a spreadsheet keeps 15: written as text with a
                    # letter (no program reads "v1780000000000123" as a number, not even
                    # when the file goes through CSV) in a cell formatted as text.
                    styled_cell(sheet, version_token(service.version), number_format="@"),
                ]
            )
    _write_codes(workbook.create_sheet(_("Koodit")), bold)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value):
    """A stored text as a safe cell: no formula, no character the file format refuses."""
    if not value:
        return None
    text = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return formula_safe(text)


def _codes(objects):
    return _text(", ".join(sorted(obj.code for obj in objects)))


def _write_codes(sheet, bold):
    """The values each coded column accepts, with their Finnish names, for the editor."""
    for letter, width in zip("ABC", (16, 34, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([styled_cell(sheet, name, font=bold) for name in ("sarake", "tunnus", "nimi")])
    lists = [
        ("tuottajat, omistaja", Organisation.objects.order_by("order", "code")),
        ("kanavat", ServiceChannel.objects.order_by("order", "code")),
        ("perusteet", Rationale.objects.order_by("order", "code")),
        ("tarpeet", CustomerNeed.objects.order_by("order", "code")),
    ]
    for column, objects in lists:
        for obj in objects:
            name = getattr(obj, "name_fi", None) or getattr(obj, "title_fi", "")
            sheet.append([column, _text(obj.code), _text(name)])
    with translation.override("fi"):
        for column, (_field, choices) in CHOICE_FIELDS.items():
            for value, label in choices.choices:
                sheet.append([column, value, str(label)])
    sheet.append(["demo", "kyllä", None])
    sheet.append(["demo", "ei", None])
