"""Yritysten ja niiden vuosittaisten ominaisuusarvojen tuonti CSV- ja Excel-tiedostoista.

Tiedostomuoto
  Ensimmäinen rivi on otsikkorivi; sarakkeiden järjestyksellä ei ole väliä.
  Pakolliset sarakkeet:
    y_tunnus           Y-tunnus, esim. 1234567-8 (myös 12345678 kelpaa)
    nimi               yrityksen nimi, enintään 300 merkkiä
  Vapaaehtoiset sarakkeet:
    alue               TE-keskuksen alue: tunnus (esim. uusimaa) tai nimi (Uusimaa)
    kotikunta          enintään 100 merkkiä
    toimiala           TOL 2008: pääluokan kirjain A–U tai 2–5 numeroa (esim. 62010);
                       Excelissä tekstinä, jotta alkunollat säilyvät (01110)
    perustettu         päivämäärä p.k.vvvv (5.3.2026) tai vvvv-kk-pp (2026-03-05)
    segmentti          segmentin tunnus (esim. paikalliset), ks. säännöt alla
    valmis_siirtymaan  vain tiedoksi (vienti kirjoittaa sen); tuonti ei lue sitä
  Ominaisuussarakkeita voi olla kuinka monta tahansa, muodossa tunnus:vuosi, esim.
  henkilosto:2025 tai liikevaihto:2026 (vuosi 1900–2100). Arvo luetaan ominaisuuden
  tyypin mukaan: luvuissa käy desimaalipilkku, kyllä/ei-arvoissa kyllä tai ei.
  Muut sarakkeet ovat virhe.

Tiedostot
  CSV: merkistö UTF-8 (BOM:n kanssa tai ilman), erottimena puolipiste tai pilkku
  (päätellään otsikkorivistä). Excelissä: Tallenna nimellä > CSV UTF-8.
  Excel: .xlsx, ensimmäinen taulukko. Kaavoja ei lasketa: liitä solut arvoina.
  Enintään 50 Mt ja 500 000 yritysriviä. Tyhjät rivit ohitetaan.

Säännöt
  - Kaikki tai ei mitään: jos jossakin on virhe, mitään ei tallenneta. Raportti kertoo
    jokaisesta virheestä rivin (kuten taulukko-ohjelmassa; otsikkorivi on rivi 1),
    sarakkeen ja ongelman.
  - Yritys tunnistetaan Y-tunnuksesta; sama Y-tunnus kahdesti tiedostossa on virhe.
  - Saman tiedoston tuominen uudelleen ei muuta mitään: vain muuttuneet yritykset ja
    arvot tallennetaan. Yritysten muutokset kirjataan historiaan tuojan nimissä
    syyllä "Tuonti tiedostosta <tiedoston nimi>".
  - Tyhjä solu ei muuta olemassa olevaa tietoa: tuonnilla ei tyhjennetä kenttiä eikä
    poisteta arvoja.
  - Segmentin voi antaa uudelle yritykselle. Olemassa olevan yrityksen segmentti
    muuttuu vain uudelleensegmentoinnissa: eri segmentti on virhe, sama tai tyhjä ei.
  - Solu, joka alkaa =-merkillä, on kaava ja siksi virhe. Jos tekstin kuuluu alkaa
    merkillä = + - tai @, aloita solu heittomerkillä ('), kuten vienti tekee;
    heittomerkki poistetaan.
  - Ohjausmerkit (esim. nollatavu tai rivinvaihto solun sisällä) ovat virhe.
"""

import csv
import datetime
import io
import re
import unicodedata
import warnings
import zipfile
from contextlib import closing
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from pathlib import PureWindowsPath
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from .exports import FORMULA_STARTS
from .models import Attribute, AttributeValue, Company, Region, Segment
from .validators import normalize_business_id, validate_business_id, validate_industry_code

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 1_000
# An .xlsx is a zip: a small file can unpack to gigabytes of XML (a "zip bomb").
MAX_XLSX_UNPACKED_BYTES = 1024**3
MAX_LISTED_ERRORS = 1_000
# Rows compared and written per round trip to the database.
CHUNK_SIZE = 2_000

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

# C0 and C1 control characters, DEL, and the bidirectional overrides that can make a
# name display differently from what it is ("Trojan Source").
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FINNISH_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class ImportProblem(NamedTuple):
    """One error: the row as the user sees it (None for the whole file), the column, what."""

    row: int | None
    column: str
    message: str

    def __str__(self):
        where = [_("rivi %(row)s") % {"row": self.row}] if self.row else [_("tiedosto")]
        if self.column:
            where.append(_("sarake %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}"


@dataclass
class ImportResult:
    """What one import did (or, as a dry run or with errors, would have done)."""

    filename: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    values_created: int = 0
    values_updated: int = 0
    values_unchanged: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self):
        return self.error_count == 0

    @property
    def errors_not_listed(self):
        return self.error_count - len(self.errors)

    def add_error(self, row, column, message):
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(ImportProblem(row, column, str(message)))

    def summary(self):
        if not self.ok:
            return _(
                "Tiedostossa %(filename)s on %(count)s virhettä; mitään ei tallennettu."
            ) % {"filename": self.filename, "count": self.error_count}
        counts = _(
            "Yrityksiä %(rows)s: uusia %(created)s, muuttuneita %(updated)s, ennallaan "
            "%(unchanged)s. Ominaisuusarvoja: uusia %(values_created)s, muuttuneita "
            "%(values_updated)s, ennallaan %(values_unchanged)s."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "values_created": self.values_created,
            "values_updated": self.values_updated,
            "values_unchanged": self.values_unchanged,
        }
        if self.dry_run:
            return _("Koeajo, mitään ei tallennettu. %(counts)s") % {"counts": counts}
        return counts

    def error_lines(self):
        """The listed errors as lines "rivi 7, sarake y_tunnus: …", and how many more."""
        lines = [str(problem) for problem in self.errors]
        if self.errors_not_listed:
            lines.append(
                _("… ja %(count)s muuta virhettä.") % {"count": self.errors_not_listed}
            )
        return lines


def import_companies(file_obj, *, filename, by, dry_run=False):
    """Create and update companies and their attribute values from a CSV or XLSX file.

    All or nothing: the whole file is checked first; only a file without errors is
    written, in one transaction. Returns an ImportResult; user errors are never raised.
    """
    name = _display_name(filename)
    result = ImportResult(filename=name, dry_run=dry_run)
    try:
        data = _read_bytes(file_obj)
        reference = _Reference.load()
        # Checked without a transaction, so a file with errors never holds the write lock.
        _process(data, name, reference, result, write=False)
        if not result.ok or dry_run:
            return result
        result = ImportResult(filename=name)
        with transaction.atomic():
            # Compared again under the lock: the database may have changed meanwhile.
            _process(data, name, reference, result, write=True, by=by)
            if not result.ok:
                transaction.set_rollback(True)
    except _FileProblem as problem:
        result.add_error(problem.row, "", problem.message)
    except IntegrityError:
        result = ImportResult(filename=name)
        result.add_error(
            None,
            "",
            _(
                "Joku muu tallensi samoja yrityksiä samaan aikaan, joten mitään ei "
                "tallennettu. Tuo tiedosto uudelleen."
            ),
        )
    return result


def change_reason(filename):
    """The history reason of the companies an import writes (at most 100 characters)."""
    return (_("Tuonti tiedostosta %(filename)s") % {"filename": _display_name(filename)})[:100]


# Reading the file ------------------------------------------------------------------------


class _FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""

    def __init__(self, message, row=None):
        super().__init__(message)
        self.message = str(message)
        self.row = row


class _ExcelError(str):
    """An error value of a spreadsheet cell, such as #N/A or #DIV/0!."""


def _display_name(filename):
    name = PureWindowsPath(str(filename or "")).name  # also splits "/" paths
    return _CONTROL.sub("", name)[:80] or "?"


def _read_bytes(file_obj):
    size = getattr(file_obj, "size", None)
    data = b"" if size is not None and size > MAX_FILE_BYTES else file_obj.read(MAX_FILE_BYTES + 1)
    if (size is not None and size > MAX_FILE_BYTES) or len(data) > MAX_FILE_BYTES:
        raise _FileProblem(
            _("Tiedosto on liian suuri: enintään %(limit)s Mt. Jaa se osiin.")
            % {"limit": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise _FileProblem(_("Tiedosto on tyhjä: ensimmäisellä rivillä pitää olla otsikot."))
    return data


def _rows(data, filename):
    """(row number, cell values) of the file, the header first; blank rows included."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    is_zip = data.startswith(b"PK\x03\x04")
    if suffix == "xlsx":
        return _xlsx_rows(data)
    if suffix == "csv" and not is_zip:
        return _csv_rows(data)
    if suffix == "csv":
        message = _("Tiedoston pääte on .csv, mutta se on Excel-tiedosto: tallenna se .xlsx-päätteellä.")
    elif suffix == "xls":
        message = _("Vanhaa Excel-muotoa .xls ei voi tuoda: tallenna tiedosto muodossa .xlsx.")
    else:
        message = _(
            "Tiedostotyyppiä ei voi tuoda: tuo CSV-tiedosto (.csv) tai Excel-tiedosto (.xlsx)."
        )
    raise _FileProblem(message)


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _FileProblem(
            _(
                "Tiedoston merkistö ei ole UTF-8. Tallenna se Excelissä muodossa CSV UTF-8 "
                "tai tuo .xlsx-tiedosto."
            ),
            row=data.count(b"\n", 0, error.start) + 1,
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise _FileProblem(
                _("CSV-rivi on rikki tai solu on liian pitkä (esim. lainausmerkki puuttuu)."),
                row=number + 1,
            ) from None
        number += 1
        yield number, cells


def _xlsx_rows(data):
    corrupt = _(
        "Tiedosto ei ole kelvollinen Excel-tiedosto (.xlsx): se on vioittunut, salattu tai "
        "muuta muotoa."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _FileProblem(corrupt) from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _FileProblem(_("Excel-tiedosto on purettuna liian suuri. Jaa se osiin."))
    try:
        with warnings.catch_warnings():
            # openpyxl warns of features it skips (data validation, styles); not the user's.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a broken file
        raise _FileProblem(corrupt) from None
    number = 0
    try:
        if not workbook.worksheets:
            raise _FileProblem(_("Excel-tiedostossa ei ole taulukkoa."))
        sheet = workbook.worksheets[0]
        # Rows as wide as their cells, not as the (possibly bogus) stated dimensions.
        sheet.reset_dimensions()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for number, row in enumerate(sheet.iter_rows(), start=1):  # noqa: B007
                yield number, [_xlsx_value(cell) for cell in row]
    except _FileProblem:
        raise
    except Exception:
        raise _FileProblem(corrupt, row=number + 1) from None
    finally:
        workbook.close()


def _xlsx_value(cell):
    if cell.data_type == "e":
        return _ExcelError(cell.value)
    return cell.value


# Checking the rows ----------------------------------------------------------------------


@dataclass
class _Reference:
    """The regions, segments and attributes a file may name, looked up once."""

    regions: dict
    segments: dict
    attributes: dict

    @classmethod
    def load(cls):
        regions = {}
        for region in Region.objects.all():
            for name in (region.name_en, region.name_sv, region.name_fi, region.code):
                if name:
                    regions[_key(name)] = region
        return cls(
            regions=regions,
            segments={_key(s.code): s for s in Segment.objects.all()},
            attributes={_key(a.code): a for a in Attribute.objects.all()},
        )


def _key(text):
    return unicodedata.normalize("NFC", text).strip().casefold()


@dataclass
class _Column:
    name: str  # as in the file
    kind: str  # "company", "attribute" or "ignored"
    target: str = ""  # company column
    attribute: Attribute | None = None
    year: int = 0


@dataclass(slots=True)
class _Row:
    number: int
    business_id: str
    fields: dict  # Company field -> value, only the non-empty cells
    values: list  # (attribute, year, parsed value)


class _CellError(Exception):
    pass


def _process(data, filename, reference, result, *, write, by=None):
    rows = _rows(data, filename)
    with closing(rows):
        first = next(rows, None)
        if first is None or _blank(first[1]):
            raise _FileProblem(_("Tiedosto on tyhjä: ensimmäisellä rivillä pitää olla otsikot."))
        columns = _columns(first[1], reference, result)
        if not result.ok:
            return
        seen = {}
        chunk = []
        for number, cells in rows:
            if _blank(cells):
                continue
            result.rows += 1
            if result.rows > MAX_ROWS:
                raise _FileProblem(
                    _("Tiedostossa on yli %(limit)s yritysriviä. Jaa se osiin.")
                    % {"limit": f"{MAX_ROWS:,}".replace(",", " ")}
                )
            row = _row(number, cells, columns, reference, seen, result)
            if row is not None:
                chunk.append(row)
            if len(chunk) >= CHUNK_SIZE:
                _compare_and_write(chunk, columns, result, write=write, by=by)
                chunk = []
        _compare_and_write(chunk, columns, result, write=write, by=by)
    if result.rows == 0:
        result.add_error(None, "", _("Tiedostossa ei ole yhtään yritysriviä otsikkorivin alla."))


def _blank(cells):
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _columns(header, reference, result):
    """The header's columns; errors (row 1) for unknown, repeated and missing ones."""
    if len(header) > MAX_COLUMNS:
        raise _FileProblem(
            _("Tiedostossa on yli %(limit)s saraketta.") % {"limit": MAX_COLUMNS}, row=1
        )
    columns, seen = [], set()
    for index, raw in enumerate(header, start=1):
        label = unicodedata.normalize("NFC", str(raw if raw is not None else "")).strip()
        column = _column(label, index, reference, result)
        if column is None:
            columns.append(_Column(label, "ignored"))
            continue
        identity = (column.target, column.attribute and column.attribute.pk, column.year)
        if identity in seen:
            result.add_error(1, label, _("Sarake on tiedostossa kahdesti."))
        seen.add(identity)
        columns.append(column)
    present = {column.target for column in columns}
    for required in REQUIRED_COLUMNS:
        if required not in present:
            result.add_error(1, required, _("Pakollinen sarake puuttuu otsikkoriviltä."))
    return columns


def _column(label, index, reference, result):
    if not label:
        result.add_error(
            1, f"{index}.", _("Sarakkeen otsikko puuttuu (tyhjän sarakkeen voi poistaa).")
        )
        return None
    if ":" not in label:
        name = label.lower().replace(" ", "_").replace("-", "_")
        name = name.replace("ä", "a").replace("ö", "o").replace("å", "a")
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
        return _Column(label, "ignored" if name in IGNORED_COLUMNS else "company", target=name)
    code, _colon, year_text = label.partition(":")
    attribute = reference.attributes.get(_key(code))
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
    return _Column(label, "attribute", attribute=attribute, year=int(year_text))


