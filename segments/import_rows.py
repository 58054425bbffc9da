"""Reading a company file (segments.imports): its columns and rows, every cell checked.

The file's format and rules are in segments.imports; here each header cell becomes a
column and each row a CompanyRow of checked values, or errors at its row and column.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.imports import (
    CellError,
    cell_at,
    cell_text,
    check_past_header,
    check_text_length,
    check_width,
    column_name,
    header_label,
    lookup_key,
)

from .models import Attribute, Company, Region, Segment
from .validators import normalize_business_id, validate_business_id, validate_industry_code

MAX_COLUMNS = 1_000

COMPANY_COLUMNS = (
    "y_tunnus",
    "nimi",
    "alue",
    "kotikunta",
    "toimiala",
    "perustettu",
    "segmentti",
    "valmis_siirtymaan",
)
REQUIRED_COLUMNS = ("y_tunnus", "nimi")
# Written by the export for reading; the flag is the re-segmentation's to set.
IGNORED_COLUMNS = ("valmis_siirtymaan",)
# Column -> Company field the column sets.
FIELDS = {
    "nimi": "name",
    "alue": "region",
    "kotikunta": "municipality",
    "toimiala": "industry",
    "perustettu": "founded_on",
    "segmentti": "segment",
}

_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


@dataclass
class Reference:
    """The regions, segments and attributes a file may name, looked up once."""

    regions: dict  # by code and by name in each language, case-folded
    segments: dict  # by code, case-folded
    attributes: dict  # by code, case-folded
    segments_by_pk: dict

    @classmethod
    def load(cls):
        regions = {}
        for region in Region.objects.all():
            # Codes last: a code wins over another region's name.
            for name in (region.name_en, region.name_sv, region.name_fi, region.code):
                if name:
                    regions[lookup_key(name)] = region
        segments = list(Segment.objects.all())
        return cls(
            regions=regions,
            segments={lookup_key(segment.code): segment for segment in segments},
            attributes={
                lookup_key(attribute.code): attribute for attribute in Attribute.objects.all()
            },
            segments_by_pk={segment.pk: segment for segment in segments},
        )

    def region_codes(self):
        return sorted({region.code for region in self.regions.values()})


@dataclass
class Column:
    """A header cell: a company column, an attribute's year, or one not read."""

    name: str  # as in the file
    kind: str  # "company", "attribute" or "ignored"
    target: str = ""  # company column
    attribute: Attribute | None = None
    year: int = 0


@dataclass(slots=True)
class CompanyRow:
    """A row whose every cell was read without error."""

    number: int
    business_id: str
    fields: dict  # Company field -> value, only the non-empty cells
    values: list  # (attribute, year, parsed value)


# The header --------------------------------------------------------------------------------


def read_columns(header, reference, result, *, values_only=False):
    """The header's columns; errors (row 1) for unknown, repeated and missing ones.

    `values_only`: an upload of attribute values (the integration API), whose columns are
    the Y-tunnus and the attributes' years; a company's own columns are not changed by it."""
    check_width(header, MAX_COLUMNS)
    columns, seen = [], set()
    for index, raw in enumerate(header, start=1):
        label = header_label(raw)
        column = _column(label, index, reference, result)
        if column is None:
            columns.append(Column(label, "ignored"))
            continue
        if values_only and column.kind != "attribute" and column.target != "y_tunnus":
            result.add_error(
                1,
                label,
                _(
                    "Arvoja lähetettäessä sarakkeet ovat y_tunnus ja ominaisuudet muodossa "
                    "tunnus:vuosi (esim. henkilosto:2026); yrityksen omia tietoja ei muuteta."
                ),
            )
            columns.append(Column(label, "ignored"))
            continue
        identity = (column.target, column.attribute and column.attribute.pk, column.year)
        if identity in seen:
            result.add_error(1, label, _("Sarake on tiedostossa kahdesti."))
        seen.add(identity)
        columns.append(column)
    present = {column.target for column in columns}
    for required in ("y_tunnus",) if values_only else REQUIRED_COLUMNS:
        if required not in present:
            result.add_error(1, required, _("Pakollinen sarake puuttuu otsikkoriviltä."))
    if values_only and result.ok and not any(c.kind == "attribute" for c in columns):
        result.add_error(1, "", _("Ominaisuussarakkeita ei ole: anna arvot muodossa tunnus:vuosi."))
    return columns


def _column(label, index, reference, result):
    if not label:
        result.add_error(
            1, f"{index}.", _("Sarakkeen otsikko puuttuu (tyhjän sarakkeen voi poistaa).")
        )
        return None
    if ":" not in label:
        name = column_name(label)
        if name not in COMPANY_COLUMNS:
            result.add_error(
                1,
                label,
                _(
                    "Tuntematon sarake. Sallitut: %(columns)s sekä ominaisuudet muodossa "
                    "tunnus:vuosi (esim. henkilosto:2025)."
                )
                % {"columns": ", ".join(COMPANY_COLUMNS)},
            )
            return None
        return Column(label, "ignored" if name in IGNORED_COLUMNS else "company", target=name)
    return _attribute_column(label, reference, result)


def _attribute_column(label, reference, result):
    """A column "code:year" of an attribute's values in a year."""
    code, _colon, year_text = label.partition(":")
    attribute = reference.attributes.get(lookup_key(code))
    if attribute is None:
        known = ", ".join(sorted(a.code for a in reference.attributes.values())[:30])
        result.add_error(
            1,
            label,
            _("Ominaisuutta %(code)s ei ole. Ominaisuudet: %(known)s.")
            % {"code": code.strip(), "known": known or "–"},
        )
        return None
    year_text = year_text.strip()
    if not re.fullmatch(r"\d{4}", year_text) or not 1900 <= int(year_text) <= 2100:
        result.add_error(
            1,
            label,
            _("Sarakkeen nimen vuosi %(year)s ei ole vuosiluku väliltä 1900–2100.")
            % {"year": year_text or "–"},
        )
        return None
    return Column(label, "attribute", attribute=attribute, year=int(year_text))


# The rows ----------------------------------------------------------------------------------


def read_row(number, cells, columns, reference, seen, result):
    """The row's checked values, or None (with its errors added) if any cell is wrong.

    `seen` maps the Y-tunnus of the rows read so far to their row: a repeat is an error."""
    errors_before = result.error_count
    fields, values, business_id = {}, [], ""
    for index, column in enumerate(columns):
        if column.kind == "ignored":
            continue
        value = cell_at(cells, index)
        try:
            if column.kind == "attribute":
                text = cell_text(value)
                if text:
                    values.append((column.attribute, column.year, _parse(column.attribute, text)))
            elif column.target == "y_tunnus":
                business_id = _business_id(value)
            else:
                parsed = _company_value(column.target, value, reference)
                if parsed not in (None, ""):
                    fields[FIELDS[column.target]] = parsed
        except CellError as error:
            result.add_error(number, column.name, error.args[0])
    check_past_header(number, cells, len(columns), result)
    if business_id in seen:
        result.add_error(
            number,
            "y_tunnus",
            _("Y-tunnus %(value)s on tiedostossa jo rivillä %(row)s.")
            % {"value": business_id, "row": seen[business_id]},
        )
    elif business_id:
        seen[business_id] = number
    if result.error_count > errors_before:
        return None
    return CompanyRow(number, business_id, fields, values)


# The cells ---------------------------------------------------------------------------------


def _parse(attribute, text):
    if attribute.value_type in (Attribute.ValueType.INTEGER, Attribute.ValueType.DECIMAL):
        # Plain numbers only: Attribute.parse goes through Decimal, which also reads
        # "Infinity" (int() fails) and "1e999999" (int() takes minutes).
        plain = text.replace("\xa0", "").replace(" ", "")
        if not _PLAIN_NUMBER.fullmatch(plain):
            if attribute.value_type == Attribute.ValueType.INTEGER:
                message = _("%(value)s ei ole kokonaisluku.")
            else:
                message = _("%(value)s ei ole luku.")
            raise CellError(message % {"value": text[:100]})
        if len(plain) > 40:
            raise CellError(_("%(value)s on liian suuri.") % {"value": text[:100]})
    try:
        value = attribute.parse(text)
    except ValidationError as error:
        raise CellError(error.messages[0]) from None
    return value


def _is_whole_number(value):
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and float(value).is_integer()
        and value >= 0
    )


def _business_id(value):
    if _is_whole_number(value) and value < 10**8:
        # A Y-tunnus typed as a number loses its leading zero; the check digit still guards.
        value = f"{int(value):08d}"
    text = cell_text(value)
    if not text:
        raise CellError(_("Y-tunnus puuttuu."))
    if len(text) > 20:
        raise CellError(
            _("Y-tunnus %(value)s… on liian pitkä: muoto on 1234567-8.") % {"value": text[:20]}
        )
    try:
        validate_business_id(text)
    except ValidationError as error:
        raise CellError(error.messages[0]) from None
    return normalize_business_id(text)


def _company_value(column, value, reference):
    """A company column's value (None for an empty cell); CellError if it is wrong."""
    if column == "perustettu":
        return _date(value)
    if column == "toimiala":
        return _industry(value)
    text = cell_text(value)
    if column == "nimi" and not text:
        raise CellError(_("Yrityksen nimi puuttuu."))
    if not text:
        return None
    if column in ("nimi", "kotikunta"):
        check_text_length(text, Company._meta.get_field(FIELDS[column]).max_length)
        return text
    if column == "alue":
        return _region(text, reference)
    return _segment(text, reference)


def _industry(value):
    if _is_whole_number(value):
        if value < 10_000:
            # 1110 may have been 01110 before the spreadsheet made it a number.
            raise CellError(
                _(
                    "Toimialakoodi %(value)s on solussa lukuna, jolloin alkunollat katoavat. "
                    "Muotoile sarake tekstiksi ja kirjoita koodi uudelleen."
                )
                % {"value": int(value)}
            )
        value = str(int(value))
    text = cell_text(value)
    if not text:
        return None
    code = text.upper() if len(text) == 1 else text
    try:
        validate_industry_code(code)
    except ValidationError as error:
        raise CellError(error.messages[0]) from None
    return code


def _region(text, reference):
    region = reference.regions.get(lookup_key(text))
    if region is None:
        raise CellError(
            _("Aluetta %(value)s ei ole. Alueet: %(known)s.")
            % {"value": text[:100], "known": ", ".join(reference.region_codes())}
        )
    return region


def _segment(text, reference):
    segment = reference.segments.get(lookup_key(text))
    if segment is None:
        raise CellError(
            _("Segmenttiä %(value)s ei ole. Segmentit: %(known)s.")
            % {"value": text[:100], "known": ", ".join(s.code for s in reference.segments.values())}
        )
    return segment


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    finnish, iso = _FINNISH_DATE.fullmatch(text), _ISO_DATE.fullmatch(text)
    try:
        if finnish:
            day, month, year = (int(part) for part in finnish.groups())
            return datetime.date(year, month, day)
        if iso:
            return datetime.date(*(int(part) for part in iso.groups()))
    except ValueError:
        pass
    raise CellError(
        _("%(value)s ei ole päivämäärä muodossa p.k.vvvv (5.3.2026) tai vvvv-kk-pp.")
        % {"value": text[:100]}
    )
