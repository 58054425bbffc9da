"""Yritysten ja niiden vuosittaisten ominaisuusarvojen tuonti CSV- ja Excel-tiedostoista.

Tiedostomuoto
  Ensimmäinen rivi on otsikkorivi; sarakkeiden järjestyksellä ei ole väliä, eikä
  otsikoiden kirjainkoolla (Y-tunnus, Valmis siirtymään kelpaavat myös).
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
  CSV (.csv; myös Excelin Unicode-teksti .txt): Excelin tallentamat muodot kelpaavat
  sellaisinaan. Merkistö tunnistetaan: UTF-8 (BOM:n kanssa tai ilman), UTF-16
  (BOM:n kanssa) tai Windows-1252 (cp1252; Excelin "CSV (erotinmerkein eroteltu)"),
  ja tulos kertoo, millä merkistöllä tiedosto luettiin. Erottimena puolipiste, pilkku
  tai sarkain (päätellään otsikkorivistä).
  Excel: .xlsx, ensimmäinen taulukko. Kaavoja ei lasketa: liitä solut arvoina.
  Enintään 50 Mt (asetus IMPORT_MAX_BYTES) ja 500 000 yritysriviä
  (IMPORT_MAX_COMPANY_ROWS); .xlsx purettuna enintään 512 Mt. Tyhjät rivit ohitetaan.

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

import datetime
import io
import re
import unicodedata
from contextlib import closing
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import islice
from pathlib import PureWindowsPath
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.tabular import (
    ExcelError,
    FileProblem,
    count_text,
    data_rows,
    is_blank,
    open_table,
    read_upload,
)

from .exports import FORMULA_STARTS
from .models import Attribute, AttributeValue, Company, Region, Segment
from .validators import normalize_business_id, validate_business_id, validate_industry_code

MAX_COLUMNS = 1_000
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
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


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
    # The encoding a text file was read in ("" for an Excel file or an unread file).
    encoding: str = ""

    @property
    def ok(self):
        return self.error_count == 0

    @property
    def changes_anything(self):
        return bool(self.created or self.updated or self.values_created or self.values_updated)

    @property
    def errors_not_listed(self):
        return self.error_count - len(self.errors)

    def add_error(self, row, column, message):
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(ImportProblem(row, column, str(message)))

    def encoding_note(self):
        """Which encoding a text file was read in, for the user to check ("" if none)."""
        if not self.encoding:
            return ""
        return _("Tiedosto luettiin merkistöllä %(encoding)s.") % {"encoding": self.encoding}

    def summary(self):
        return " ".join(part for part in (self.outcome(), self.encoding_note()) if part)

    def outcome(self):
        if not self.ok:
            return ngettext(
                "Tiedostossa %(filename)s on %(count)s virhe; mitään ei tallennettu.",
                "Tiedostossa %(filename)s on %(count)s virhettä; mitään ei tallennettu.",
                self.error_count,
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
                ngettext(
                    "… ja %(count)s muu virhe.",
                    "… ja %(count)s muuta virhettä.",
                    self.errors_not_listed,
                )
                % {"count": self.errors_not_listed}
            )
        return lines


def import_companies(file_obj, *, filename, by, dry_run=False):
    """Create and update companies and their attribute values from a CSV or XLSX file.

    All or nothing: the whole file is checked first, and only a file without errors is
    written, in one transaction, as `by`. Returns an ImportResult (with errors, its counts
    are zero: nothing was written); user errors are never raised.
    """
    name = _display_name(filename)
    result = ImportResult(filename=name, dry_run=dry_run)
    try:
        data = read_upload(file_obj)
        reference = _Reference.load()
        # Checked outside a transaction, so a file with errors never holds the write lock.
        _process(data, str(filename or ""), reference, result, write=False)
        # A file that matches the database (a re-import) has nothing to write.
        if result.ok and not dry_run and result.changes_anything:
            result = ImportResult(filename=name)
            with transaction.atomic():
                # Compared again under the lock: the database may have changed meanwhile.
                _process(data, str(filename or ""), reference, result, write=True, by=by)
                if not result.ok:
                    transaction.set_rollback(True)
    except FileProblem as problem:
        result.add_error(problem.row, "", problem.message)
    except IntegrityError:
        # Someone created one of the file's companies between the check and the write.
        result = ImportResult(filename=name, encoding=result.encoding)
        result.add_error(
            None,
            "",
            _(
                "Joku muu tallensi samoja yrityksiä samaan aikaan, joten mitään ei "
                "tallennettu. Tuo tiedosto uudelleen."
            ),
        )
    if not result.ok:
        return ImportResult(
            filename=name,
            dry_run=dry_run,
            rows=result.rows,
            errors=result.errors,
            error_count=result.error_count,
            encoding=result.encoding,
        )
    return result


def change_reason(filename):
    """The history reason of the companies an import writes (at most 100 characters)."""
    return (_("Tuonti tiedostosta %(filename)s") % {"filename": _display_name(filename)})[:100]


# Reading the file ------------------------------------------------------------------------


def _display_name(filename):
    name = PureWindowsPath(str(filename or "")).name  # also splits "/" paths
    return _CONTROL.sub("", name)[:80] or "?"


# Checking the rows ----------------------------------------------------------------------


@dataclass
class _Reference:
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
                    regions[_key(name)] = region
        segments = list(Segment.objects.all())
        return cls(
            regions=regions,
            segments={_key(segment.code): segment for segment in segments},
            attributes={_key(attribute.code): attribute for attribute in Attribute.objects.all()},
            segments_by_pk={segment.pk: segment for segment in segments},
        )

    def region_codes(self):
        return sorted({region.code for region in self.regions.values()})


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
    table = open_table(data, filename)
    result.encoding = table.encoding
    rows = table.rows
    with closing(rows):
        first = next(rows, None)
        if first is None:
            raise FileProblem(_("Tiedosto on tyhjä: ensimmäisellä rivillä pitää olla otsikot."))
        if is_blank(first[1]):
            raise FileProblem(
                _("Ensimmäinen rivi on tyhjä: sillä pitää olla sarakkeiden otsikot."), row=1
            )
        columns = _columns(first[1], reference, result)
        if not result.ok:
            return
        seen = {}
        chunk = []
        limit = settings.IMPORT_MAX_COMPANY_ROWS
        too_many = _("Tiedostossa on yli %(limit)s yritysriviä. Jaa se osiin.") % {
            "limit": count_text(limit)
        }
        for number, cells in data_rows(rows, limit=limit, message=too_many):
            result.rows += 1
            row = _row(number, cells, columns, reference, seen, result)
            if row is not None:
                chunk.append(row)
            if len(chunk) >= CHUNK_SIZE:
                _compare_and_write(chunk, reference, result, write=write, by=by, filename=filename)
                chunk = []
        _compare_and_write(chunk, reference, result, write=write, by=by, filename=filename)
    if result.rows == 0:
        result.add_error(None, "", _("Tiedostossa ei ole yhtään yritysriviä otsikkorivin alla."))


def _columns(header, reference, result):
    """The header's columns; errors (row 1) for unknown, repeated and missing ones."""
    if len(header) > MAX_COLUMNS:
        raise FileProblem(
            _("Tiedostossa on yli %(limit)s saraketta.") % {"limit": MAX_COLUMNS}, row=1
        )
    columns, seen = [], set()
    for index, raw in enumerate(header, start=1):
        # Cut short: the label is repeated in the error messages.
        label = unicodedata.normalize("NFC", str(raw if raw is not None else "")).strip()[:100]
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


def _row(number, cells, columns, reference, seen, result):
    """The row's checked values, or None (with its errors added) if any cell is wrong."""
    errors_before = result.error_count
    fields, values, business_id = {}, [], ""
    for index, column in enumerate(columns):
        if column.kind == "ignored":
            continue
        value = cells[index] if index < len(cells) else None
        try:
            if column.kind == "attribute":
                text = _text(value)
                if text:
                    values.append((column.attribute, column.year, _parse(column.attribute, text)))
            elif column.target == "y_tunnus":
                business_id = _business_id(value)
            else:
                parsed = _company_value(column.target, value, reference)
                if parsed not in (None, ""):
                    fields[FIELDS[column.target]] = parsed
        except _CellError as error:
            result.add_error(number, column.name, error.args[0])
    for index in range(len(columns), len(cells)):
        if _filled(cells[index]):
            result.add_error(
                number, f"{index + 1}.", _("Solussa on arvo, mutta sarakkeella ei ole otsikkoa.")
            )
    if business_id:
        if business_id in seen:
            result.add_error(
                number,
                "y_tunnus",
                _("Y-tunnus %(value)s on tiedostossa jo rivillä %(row)s.")
                % {"value": business_id, "row": seen[business_id]},
            )
        else:
            seen[business_id] = number
    if result.error_count > errors_before:
        return None
    return _Row(number, business_id, fields, values)


def _filled(value):
    return not (value is None or (isinstance(value, str) and not value.strip()))


def _text(value):
    """The cell as clean text ("" if empty); formulas and control characters are errors."""
    if value is None:
        return ""
    if isinstance(value, ExcelError):
        raise _CellError(
            _("Solussa on taulukko-ohjelman virhearvo %(value)s.") % {"value": str(value)}
        )
    if isinstance(value, float):
        # Written out in full: 1e+16 as 10000000000000000, as the text a person would type.
        value = format(Decimal(repr(value)), "f")
    text = unicodedata.normalize("NFC", value if isinstance(value, str) else str(value)).strip()
    if text[:1] == "'" and text[1:2] and text[1] in FORMULA_STARTS:
        # The export's escape of a text that starts like a formula: the text itself.
        text = text[1:]
    elif text.startswith("="):
        raise _CellError(
            _(
                "Solu alkaa =-merkillä kuin kaava, eikä tuonti laske kaavoja. Liitä solut "
                "arvoina; jos = kuuluu tekstiin, aloita solu heittomerkillä (')."
            )
        )
    if _CONTROL.search(text):
        raise _CellError(
            _("Solussa on ohjausmerkki (esimerkiksi nollatavu tai rivinvaihto); poista se.")
        )
    return text


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
            raise _CellError(message % {"value": text[:100]})
        if len(plain) > 40:
            raise _CellError(_("%(value)s on liian suuri.") % {"value": text[:100]})
    try:
        value = attribute.parse(text)
    except ValidationError as error:
        raise _CellError(error.messages[0]) from None
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
    text = _text(value)
    if not text:
        raise _CellError(_("Y-tunnus puuttuu."))
    if len(text) > 20:
        raise _CellError(
            _("Y-tunnus %(value)s… on liian pitkä: muoto on 1234567-8.") % {"value": text[:20]}
        )
    try:
        validate_business_id(text)
    except ValidationError as error:
        raise _CellError(error.messages[0]) from None
    return normalize_business_id(text)


def _company_value(column, value, reference):
    if column == "perustettu":
        return _date(value)
    if column == "toimiala" and _is_whole_number(value):
        if value < 10_000:
            # 1110 may have been 01110 before the spreadsheet made it a number.
            raise _CellError(
                _(
                    "Toimialakoodi %(value)s on solussa lukuna, jolloin alkunollat katoavat. "
                    "Muotoile sarake tekstiksi ja kirjoita koodi uudelleen."
                )
                % {"value": int(value)}
            )
        value = str(int(value))
    text = _text(value)
    if column == "nimi" and not text:
        raise _CellError(_("Yrityksen nimi puuttuu."))
    if not text:
        return None
    if column in ("nimi", "kotikunta"):
        limit = Company._meta.get_field(FIELDS[column]).max_length
        if len(text) > limit:
            raise _CellError(
                _("Teksti on liian pitkä: %(length)s merkkiä, enintään %(limit)s.")
                % {"length": len(text), "limit": limit}
            )
        return text
    if column == "toimiala":
        code = text.upper() if len(text) == 1 else text
        try:
            validate_industry_code(code)
        except ValidationError as error:
            raise _CellError(error.messages[0]) from None
        return code
    if column == "alue":
        region = reference.regions.get(_key(text))
        if region is None:
            raise _CellError(
                _("Aluetta %(value)s ei ole. Alueet: %(known)s.")
                % {"value": text[:100], "known": ", ".join(reference.region_codes())}
            )
        return region
    segment = reference.segments.get(_key(text))
    if segment is None:
        raise _CellError(
            _("Segmenttiä %(value)s ei ole. Segmentit: %(known)s.")
            % {"value": text[:100], "known": ", ".join(s.code for s in reference.segments.values())}
        )
    return segment


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
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
    raise _CellError(
        _("%(value)s ei ole päivämäärä muodossa p.k.vvvv (5.3.2026) tai vvvv-kk-pp.")
        % {"value": text[:100]}
    )


# Comparing and writing ------------------------------------------------------------------

# Numbers are stored with four decimals; rounding here, not in the database, makes the
# stored value the compared value, so a re-import finds it unchanged on every backend.
_FOUR_PLACES = Decimal("0.0001")


def _compare_and_write(rows, reference, result, *, write, by, filename):
    """Compare a chunk of checked rows with the database; write the differences if asked."""
    if not rows:
        return
    companies = Company.objects.filter(business_id__in=[row.business_id for row in rows])
    if write:
        # Read-then-write: hold the rows until commit (PostgreSQL; SQLite locks the file).
        companies = companies.select_for_update()
    existing = {company.business_id: company for company in companies}
    for row in rows:
        company = existing.get(row.business_id)
        segment = row.fields.get("segment")
        if company is not None and segment is not None and segment.pk != company.segment_id:
            result.add_error(row.number, "segmentti", _segment_message(company, reference))
    if not result.ok:
        return  # nothing will be written: the rest only counts
    new, changed, changed_fields = [], [], set()
    for row in rows:
        company = existing.get(row.business_id)
        if company is None:
            company = existing[row.business_id] = Company(business_id=row.business_id, **row.fields)
            new.append(company)
            continue
        differing = [name for name, value in row.fields.items() if _differs(company, name, value)]
        for name in differing:
            setattr(company, name, row.fields[name])
        if differing:
            changed.append(company)
            changed_fields.update(differing)
    result.created += len(new)
    result.updated += len(changed)
    result.unchanged += len(rows) - len(new) - len(changed)
    new_values, changed_values = _compare_values(rows, existing, result)
    if not write:
        return
    reason = change_reason(filename)
    if new:
        bulk_create_with_history(new, Company, default_user=by, default_change_reason=reason)
    if changed:
        # A bulk update bypasses the optimistic lock's save(): move the version on by hand,
        # so that a form opened before the import reports a conflict instead of overwriting.
        version = Company._meta.get_field("version")
        for company in changed:
            company.version = version._get_next_version(company)
        bulk_update_with_history(
            changed,
            Company,
            [*sorted(changed_fields), "version"],
            default_user=by,
            default_change_reason=reason,
        )
    # Attribute values are high-volume facts without history: plain bulk writes.
    if new_values:
        AttributeValue.objects.bulk_create(
            [
                # The company's id exists now that the new companies are created.
                AttributeValue(
                    company_id=company.pk,
                    attribute_id=attribute,
                    year=year,
                    number=number,
                    text=text,
                )
                for company, attribute, year, number, text in new_values
            ]
        )
    if changed_values:
        AttributeValue.objects.bulk_update(changed_values, ["number", "text"])


def _segment_message(company, reference):
    current = reference.segments_by_pk.get(company.segment_id)
    if current is None:
        return _(
            "Yritys ei ole nyt missään segmentissä, ja segmentti muuttuu vain "
            "uudelleensegmentoinnissa. Jätä solu tyhjäksi."
        )
    return _(
        "Yritys on nyt segmentissä %(code)s, ja segmentti muuttuu vain "
        "uudelleensegmentoinnissa. Jätä solu tyhjäksi tai anna nykyinen segmentti."
    ) % {"code": current.code}


def _differs(company, name, value):
    if isinstance(value, Region | Segment):
        return getattr(company, f"{name}_id") != value.pk
    return getattr(company, name) != value


def _compare_values(rows, companies, result):
    stored = {}
    existing_ids = [company.pk for company in companies.values() if company.pk]
    pairs = {(attribute.pk, year) for row in rows for attribute, year, _value in row.values}
    if existing_ids and pairs:
        found = AttributeValue.objects.filter(
            company_id__in=existing_ids,
            attribute_id__in={attribute for attribute, _year in pairs},
            year__in={year for _attribute, year in pairs},
        ).values_list("pk", "company_id", "attribute_id", "year", "number", "text")
        stored = {(c, a, y): (pk, number, text) for pk, c, a, y, number, text in found}
    new, changed = [], []
    # One model instance per attribute applies the model's rule of which column holds a
    # value; instances to write are built only for new and changed values.
    probes = {}
    for row in rows:
        company = companies[row.business_id]
        for attribute, year, parsed in row.values:
            probe = probes.get(attribute.pk)
            if probe is None:
                probe = probes[attribute.pk] = AttributeValue(attribute=attribute)
            probe.set_value(parsed)
            number = probe.number
            if number is not None:
                number = number.quantize(_FOUR_PLACES, rounding=ROUND_HALF_UP)
            old = stored.get((company.pk, attribute.pk, year))
            if old is None:
                new.append((company, attribute.pk, year, number, probe.text))
            elif (old[1], old[2]) != (number, probe.text):
                changed.append(AttributeValue(pk=old[0], number=number, text=probe.text))
    result.values_created += len(new)
    result.values_updated += len(changed)
    result.values_unchanged += sum(len(row.values) for row in rows) - len(new) - len(changed)
    return new, changed


# Export ---------------------------------------------------------------------------------


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
    sheet.append([_styled_cell(sheet, name, font=Font(bold=True)) for name in header])
    companies = queryset.select_related("region", "segment").iterator(chunk_size=CHUNK_SIZE)
    while batch := list(islice(companies, CHUNK_SIZE)):
        stored = _stored_values(batch, attributes, years)
        for company in batch:
            sheet.append(
                [
                    _escaped(company.business_id),
                    _escaped(company.name),
                    _escaped(company.region.code) if company.region else None,
                    _escaped(company.municipality),
                    _escaped(company.industry),
                    _styled_cell(sheet, company.founded_on, number_format="d.m.yyyy"),
                    _escaped(company.segment.code) if company.segment else None,
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


def _styled_cell(sheet, value, **style):
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _escaped(text):
    """A text cell that no spreadsheet reads as a formula (OWASP: CSV injection)."""
    if not text:
        return None
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _value_cell(attribute, stored):
    if stored is None:
        return None
    number, text = stored
    if number is None:
        return _escaped(text)
    if attribute.value_type == Attribute.ValueType.BOOLEAN:
        return "kyllä" if number else "ei"
    number = number.normalize()
    # Spreadsheets keep 15 significant digits; a longer number goes as text, exactly.
    if len(number.as_tuple().digits) > 15:
        return _escaped(format(number, "f"))
    return int(number) if number == number.to_integral_value() else float(number)
