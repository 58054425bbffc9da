"""Reading a service catalogue file (offerings.imports): its columns and rows, every cell
checked.

The file's format and rules are in offerings.imports; here each header cell becomes a
column and each row a ServiceRow of checked values, or errors at its row and column. The
export (offerings.exports) writes the same columns; the version column's token is read in
offerings.version_tokens.
"""

import re
import unicodedata
from contextlib import closing
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.imports import (
    CellError,
    add_unlabelled_error,
    cell_at,
    cell_integer,
    cell_text,
    check_past_header,
    check_text_length,
    check_width,
    column_name,
    data_rows,
    header_label,
    is_filled,
    lookup_key,
    read_header,
)
from core.tabular import count_text, open_table

from .models import CustomerNeed, Organisation, Rationale, Service, ServiceChannel
from .version_tokens import read_version

MAX_COLUMNS = 200

COLUMNS = (
    "id",
    "nimi",
    "nimi_sv",
    "nimi_en",
    "kuvaus",
    "kuvaus_sv",
    "kuvaus_en",
    "tuottajat",
    "tuotantotapa",
    "kumppani",
    "hinnoittelu",
    "veloitus",
    "kanavat",
    "perusteet",
    "tarpeet",
    "tila",
    "omistaja",
    "demo",
    "versio",
)
_ALIASES = {"nimi_fi": "nimi", "kuvaus_fi": "kuvaus"}
# Column -> Service text field; an empty cell empties the field.
TEXT_FIELDS = {
    "nimi": "name_fi",
    "nimi_sv": "name_sv",
    "nimi_en": "name_en",
    "kuvaus": "description_fi",
    "kuvaus_sv": "description_sv",
    "kuvaus_en": "description_en",
    "kumppani": "partner",
    "veloitus": "charging_note",
}
_MULTILINE = {"kuvaus", "kuvaus_sv", "kuvaus_en"}
# Column -> (Service field, choices); an empty cell keeps the value.
CHOICE_FIELDS = {
    "tuotantotapa": ("production_mode", Service.ProductionMode),
    "hinnoittelu": ("pricing", Service.Pricing),
    "tila": ("status", Service.Status),
}
# Column -> Service many-to-many field; the cell lists codes, and replaces the set.
LINK_FIELDS = {
    "tuottajat": "producers",
    "kanavat": "channels",
    "perusteet": "rationales",
    "tarpeet": "needs",
}
# Service field -> the column that sets it, to name the column of a model's error.
COLUMN_OF_FIELD = {
    **{name: column for column, name in TEXT_FIELDS.items()},
    **{name: column for column, (name, _choices) in CHOICE_FIELDS.items()},
    **{name: column for column, name in LINK_FIELDS.items()},
    "owner": "omistaja",
    "is_demo": "demo",
}
# A new service needs these; updating rows may leave them out of the file.
REQUIRED_FOR_NEW = ("nimi", "tuottajat", "omistaja")
_YES = {"kyllä", "kylla", "k", "1", "true"}
_NO = {"ei", "e", "0", "false"}
_SEPARATORS = re.compile(r"[,;]")

# Valid codes named in an error message, at most.
_MAX_CODES_LISTED = 30


@dataclass
class Reference:
    """The codes a file may name, looked up once: case-folded code -> object."""

    organisations: dict
    channels: dict
    rationales: dict
    needs: dict

    @classmethod
    def load(cls):
        return cls(
            organisations={lookup_key(o.code): o for o in Organisation.objects.all()},
            channels={lookup_key(c.code): c for c in ServiceChannel.objects.all()},
            rationales={lookup_key(r.code): r for r in Rationale.objects.all()},
            needs={lookup_key(n.code): n for n in CustomerNeed.objects.all()},
        )

    def for_column(self, column):
        return {
            "tuottajat": self.organisations,
            "omistaja": self.organisations,
            "kanavat": self.channels,
            "perusteet": self.rationales,
            "tarpeet": self.needs,
        }[column]


@dataclass(slots=True)
class ServiceRow:
    """A row whose every cell was read without error."""

    number: int
    pk: int | None
    version: int | None
    fields: dict  # Service field -> value, for the columns the file has (see the rules)
    links: dict = field(default_factory=dict)  # many-to-many field -> set of primary keys
    # The version cell as the user sees it, when a spreadsheet seems to have rounded it.
    rounded_version: str = ""


def read_rows(data, filename, reference, result):
    """The file's rows without cell errors; errors are added to the result. None if the
    header is wrong: then the rows cannot be compared with the catalogue."""
    table = open_table(data, filename)
    checked = []
    with closing(table.rows):
        columns = _columns(read_header(table, result), result)
        if not result.ok:
            return None
        seen_ids = {}
        id_index = next((i for i, (_label, c) in enumerate(columns) if c == "id"), None)
        has_new = False
        limit = settings.IMPORT_MAX_SERVICE_ROWS
        too_many = _("Tiedostossa on yli %(limit)s palveluriviä. Jaa se osiin.") % {
            "limit": count_text(limit)
        }
        for number, cells in data_rows(table.rows, limit=limit, message=too_many):
            result.rows += 1
            if id_index is None or not is_filled(cell_at(cells, id_index)):
                has_new = True
            row = _row(number, cells, columns, reference, seen_ids, result)
            if row is not None:
                checked.append(row)
    if result.rows == 0:
        result.add_error(None, "", _("Tiedostossa ei ole yhtään palveluriviä otsikkorivin alla."))
    present = {column for _label, column in columns if column}
    missing = [column for column in REQUIRED_FOR_NEW if column not in present] if has_new else []
    for column in missing:
        result.add_error(
            1,
            column,
            _("Sarake puuttuu: uusille palveluille (rivit ilman id:tä) se on pakollinen."),
        )
    return None if missing else checked


def _columns(header, result):
    """(label, column) for each header cell; the column is None for an ignored one."""
    check_width(header, MAX_COLUMNS)
    columns, seen = [], set()
    for raw in header:
        label = header_label(raw)
        if not label:
            columns.append((label, None))  # a value under it is an error on its row
            continue
        name = column_name(label)
        name = _ALIASES.get(name, name)
        if name not in COLUMNS:
            result.add_error(
                1,
                label,
                _("Tuntematon sarake. Sallitut: %(columns)s.") % {"columns": ", ".join(COLUMNS)},
            )
            name = None
        elif name in seen:
            result.add_error(1, label, _("Sarake on tiedostossa kahdesti."))
        seen.add(name)
        columns.append((label, name))
    return columns


def _row(number, cells, columns, reference, seen_ids, result):
    """The row's checked values, or None (with its errors added) if any cell is wrong."""
    errors_before = result.error_count
    row = ServiceRow(number=number, pk=None, version=None, fields={})
    for index, (label, column) in enumerate(columns):
        value = cell_at(cells, index)
        if column is None:
            if is_filled(value) and not label:
                add_unlabelled_error(result, number, index)
            continue
        try:
            _read_cell(row, column, value, reference)
        except CellError as error:
            result.add_error(number, label, error.args[0])
    check_past_header(number, cells, len(columns), result)
    if row.pk in seen_ids:
        result.add_error(
            number,
            "id",
            _("Palvelu %(id)s on tiedostossa jo rivillä %(row)s.")
            % {"id": row.pk, "row": seen_ids[row.pk]},
        )
    elif row.pk is not None:
        seen_ids[row.pk] = number
    if result.error_count > errors_before:
        return None
    return row


def _read_cell(row, column, value, reference):
    if column == "id":
        row.pk = cell_integer(value, _("id on palvelun numero (kokonaisluku)."))
    elif column == "versio":
        row.version, row.rounded_version = read_version(value)
    elif column in TEXT_FIELDS:
        name = TEXT_FIELDS[column]
        text = _multiline_text(value) if column in _MULTILINE else cell_text(value)
        if column == "nimi" and not text:
            raise CellError(_("Palvelun nimi puuttuu."))
        check_text_length(text, Service._meta.get_field(name).max_length)
        row.fields[name] = text
    elif column in CHOICE_FIELDS:
        name, choices = CHOICE_FIELDS[column]
        text = cell_text(value)
        if text:
            row.fields[name] = _choice(text, choices)
    elif column in LINK_FIELDS:
        row.links[LINK_FIELDS[column]] = {
            obj.pk for obj in _codes(cell_text(value), reference.for_column(column))
        }
    elif column == "omistaja":
        text = cell_text(value)
        if text:
            (owner,) = _codes(text, reference.organisations, single=True)
            row.fields["owner"] = owner
    elif column == "demo":
        text = cell_text(value)
        if text:
            row.fields["is_demo"] = _yes_no(text)


# The cells ---------------------------------------------------------------------------------


def _multiline_text(value):
    """Like a one-line cell, but line breaks (a description's paragraphs) are kept."""
    if not isinstance(value, str):
        return cell_text(value)
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    # Checked as one line (formula, control characters, the export's escape); cell_text
    # strips the same whitespace and at most the escape's apostrophe from the start.
    checked = cell_text(text.replace("\n", " "))
    return text[len(text) - len(checked) :]


def _choice(text, choices):
    wanted = lookup_key(text)
    with translation.override("fi"):
        for value, label in choices.choices:
            if wanted in (lookup_key(value), lookup_key(str(label))):
                return value
        known = ", ".join(f"{value} ({label})" for value, label in choices.choices)
    raise CellError(
        _("Arvoa %(value)s ei ole. Sallitut: %(known)s.") % {"value": text[:100], "known": known}
    )


def _codes(text, known, *, single=False):
    codes = [code.strip() for code in _SEPARATORS.split(text) if code.strip()]
    if single and len(codes) != 1:
        raise CellError(_("Anna yksi organisaation tunnus."))
    found, unknown = [], []
    for code in codes:
        obj = known.get(lookup_key(code))
        if obj is None:
            unknown.append(code[:60])
        elif obj not in found:
            found.append(obj)
    if unknown:
        valid = sorted(obj.code for obj in known.values())
        listed = ", ".join(valid[:_MAX_CODES_LISTED])
        if len(valid) > _MAX_CODES_LISTED:
            listed += " …"
        raise CellError(
            ngettext(
                "Tunnusta %(codes)s ei ole. Tunnukset: %(known)s.",
                "Tunnuksia %(codes)s ei ole. Tunnukset: %(known)s.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown[:5]), "known": listed or "–"}
        )
    return found


def _yes_no(text):
    word = lookup_key(text)
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise CellError(_("Arvo %(value)s ei kelpaa: kirjoita kyllä tai ei.") % {"value": text[:20]})
