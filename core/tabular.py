"""Uploaded tables for the imports (segments.imports, offerings.imports): the limits,
checked before a file is parsed, the encoding of a text file, and the rows.

One place decides what a safe upload is, so the company and the service imports refuse the
same files with the same Finnish messages:
  - the file's size (setting IMPORT_MAX_BYTES), before it is read;
  - an .xlsx (a zip) whose members would unpack too large in all (IMPORT_MAX_UNPACKED_BYTES)
    or one by one compress too well (IMPORT_MAX_COMPRESSION_RATIO): a "zip bomb" is refused
    from the zip's directory, without unpacking anything;
  - the number of rows under the header (each import's own setting; core.imports.data_rows),
    while the rows are read, before anything is compared or written.

A text file (.csv, or .txt as Excel's "Unicode-teksti" writes it) is read in the encoding
that Finnish Excel and other programs write: UTF-8 with or without a BOM, UTF-16 with a BOM,
or Windows-1252 (cp1252), which Excel's "CSV (erotinmerkein eroteltu)" writes in Finland.
The choice is deterministic, never a guess among all code pages (see decode_text).
"""

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PureWindowsPath

from charset_normalizer import is_binary
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# Only members at least this large are judged by their compression ratio: a small member
# (styles, a short sheet) may compress very well, and cannot unpack to much.
RATIO_MIN_BYTES = 1024 * 1024
# An .xlsx has a dozen members, at most a few hundred (about 100 bytes each in the zip's
# directory); reading a directory of a million members takes seconds, so it is refused first.
MAX_DIRECTORY_BYTES = 1024 * 1024

# The encodings a text file is read in, by the mark (BOM) it starts with. UTF-32 is checked
# first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 BE"),
)
UTF_8 = "UTF-8"
CP1252 = "Windows-1252 (cp1252)"
# UTF-8 of the letters and marks Finnish text has (ä ö å é, € – ” …) read as Windows-1252
# ("Ã¤", "â‚¬", "â€“"): no Finnish or Swedish word has these, so a file that has them and is
# not UTF-8 has two encodings in it.
_UTF8_IN_CP1252 = re.compile(rb"\xc3[\x80-\xbf]|\xc2[\xa0-\xbf]|\xe2[\x80-\x82][\x80-\xbf]")
_DELIMITERS = (";", ",", "\t")
# Punctuation that no column name has: in a header of one column, a delimiter not known.
_OTHER_DELIMITER = re.compile(r"[!#$%&*+./<=>?@\\^`|~]")


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""

    def __init__(self, message, row=None):
        super().__init__(message)
        self.message = str(message)
        self.row = row


class ExcelError(str):
    """An error value of a spreadsheet cell, such as #N/A or #DIV/0!."""


@dataclass
class Table:
    """An uploaded table: rows as (row number, cell values), the header first and blank rows
    included; for a text file, the name of the encoding it was read in."""

    rows: Iterator
    encoding: str = ""


def max_bytes():
    """The largest file an import reads (setting IMPORT_MAX_BYTES)."""
    return settings.IMPORT_MAX_BYTES


def size_text(size):
    """A size as the user reads it: "50,0 MB"."""
    return filesizeformat(size)


def count_text(count):
    """A count as the user reads it: "500 000"."""
    return number_format(count, force_grouping=True)


def read_upload(file_obj):
    """The file's bytes; a file over the size limit is refused before it is read."""
    limit = max_bytes()
    # An upload knows its size; anything else is read one byte past the limit.
    too_large = (getattr(file_obj, "size", None) or 0) > limit
    data = b"" if too_large else file_obj.read(limit + 1)
    if too_large or len(data) > limit:
        raise FileProblem(
            _("Tiedosto on liian suuri: enintään %(limit)s. Jaa se osiin.")
            % {"limit": size_text(limit)}
        )
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise FileProblem(_("Tiedosto on tyhjä: ensimmäisellä rivillä pitää olla otsikot."))
    return data


def open_table(data, filename):
    """The file as a Table, by its name's suffix; a file that cannot be a table is refused.

    The checks of the whole file (encoding, zip bomb) are made here, before any row is read.
    """
    suffix = PureWindowsPath(filename).suffix.lower().removeprefix(".")
    is_zip = data.startswith(b"PK\x03\x04")
    if suffix == "xlsx":
        return Table(rows=_xlsx_rows(data))
    if suffix in ("csv", "txt") and not is_zip:
        text, encoding = decode_text(data)
        return Table(rows=_text_rows(text), encoding=encoding)
    if suffix in ("csv", "txt"):
        message = _(
            "Tiedoston pääte on .%(suffix)s, mutta se on Excel-tiedosto: tallenna se "
            ".xlsx-päätteellä."
        ) % {"suffix": suffix}
    elif suffix == "xls":
        message = _("Vanhaa Excel-muotoa .xls ei voi tuoda: tallenna tiedosto muodossa .xlsx.")
    else:
        message = _(
            "Tiedostotyyppiä ei voi tuoda: tuo CSV-tiedosto (.csv) tai Excel-tiedosto (.xlsx)."
        )
    raise FileProblem(message)


# Text files ----------------------------------------------------------------------------------


def decode_text(data):
    """(text, name of its encoding). In this order, so that the answer never depends on a
    statistical guess between code pages:

    1. a byte order mark names the encoding (UTF-8, UTF-16, UTF-32);
    2. bytes that are valid UTF-8 are UTF-8 (pure ASCII included), unless a quarter or more
       of them are NUL;
    3. a NUL byte is in no CSV text of an 8-bit encoding: UTF-16 without its mark, or binary;
    4. charset-normalizer decides whether the bytes are text at all (a picture or a PDF
       renamed .csv is refused, not read as Windows-1252);
    5. text is Windows-1252, what Finnish Excel writes. charset-normalizer is not asked to
       choose the code page: unrestricted, it names cp932, cp1250 or UTF-16 for short Finnish
       samples, and restricted to cp1252 its statistics refuse short upper-case names such
       as ÄÄNEKOSKI;
    6. a Windows-1252 file with UTF-8 in it (two files pasted together) is refused, rather
       than stored as "MÃ¤ki".
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _not_empty(_decode_marked(data, codec, name)), name
    try:
        text, not_utf8_row = data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        text, not_utf8_row = None, _line_of(data, error.start)
    nul_bytes = data.count(b"\x00")
    # ASCII in UTF-16 is valid UTF-8 with every other byte NUL; a stray NUL in a UTF-8 file
    # is its cell's error.
    if text is not None and nul_bytes * 4 <= len(data):
        return _not_empty(text), UTF_8
    _refuse_binary(data, nul_bytes)
    return _not_empty(_decode_cp1252(data, not_utf8_row)), CP1252


def _decode_marked(data, codec, name):
    """Step 1: the text of a file whose byte order mark names its encoding."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise FileProblem(
            _(
                "Tiedosto alkaa %(encoding)s-merkistön tunnisteella (BOM), mutta se ei "
                "ole kokonaan tätä merkistöä. Tallenna se uudelleen muodossa CSV UTF-8."
            )
            % {"encoding": name.split(" ")[0]}
        ) from None


def _refuse_binary(data, nul_bytes):
    """Steps 3 and 4: bytes that are no text of an 8-bit encoding are refused."""
    if nul_bytes:
        raise FileProblem(
            _(
                "Tiedosto ei ole tekstitiedosto, jonka voisi tuoda (siinä on nollatavuja): se "
                "on binääritiedosto tai UTF-16-tekstiä ilman merkistön tunnistetta (BOM). "
                "Tallenna se Excelissä muodossa CSV UTF-8 tai tuo .xlsx-tiedosto."
            )
        )
    if is_binary(data):
        raise FileProblem(
            _(
                "Tiedosto ei ole tekstitiedosto (CSV) millään tunnetulla merkistöllä. Tuo "
                "CSV-tiedosto (Excelissä: Tallenna nimellä > CSV UTF-8) tai .xlsx-tiedosto."
            )
        )


def _decode_cp1252(data, not_utf8_row):
    """Steps 5 and 6: the text as Windows-1252, unless it has UTF-8 in it too."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "Tiedoston merkistöä ei tunnistettu: se ei ole UTF-8 (rivi %(utf8_row)s) eikä "
                "Windows-1252 (cp1252). Tallenna se Excelissä muodossa CSV UTF-8 tai tuo "
                ".xlsx-tiedosto."
            )
            % {"utf8_row": not_utf8_row},
            row=_line_of(data, error.start),
        ) from None
    mixed = _UTF8_IN_CP1252.search(data)
    if mixed:
        raise FileProblem(
            _(
                "Tiedostossa on kahta merkistöä: rivi %(utf8_row)s on UTF-8-merkistöä, mutta "
                "rivi %(row)s ei ole. Tallenna koko tiedosto uudelleen samalla tavalla "
                "(Excelissä: Tallenna nimellä > CSV UTF-8)."
            )
            % {"utf8_row": _line_of(data, mixed.start()), "row": not_utf8_row},
            row=not_utf8_row,
        )
    return text


def _not_empty(text):
    if not text.strip():
        raise FileProblem(_("Tiedosto on tyhjä: ensimmäisellä rivillä pitää olla otsikot."))
    return text


def _line_of(data, position):
    return data.count(b"\n", 0, position) + 1


def _text_rows(text):
    # The delimiter the header uses most: Excel writes ";" in Finland, "," elsewhere, and a
    # tab in "Unicode-teksti"; with a tie, the first of these.
    first_line = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise FileProblem(
                _("CSV-rivi on rikki tai solu on liian pitkä (esim. lainausmerkki puuttuu)."),
                row=number + 1,
            ) from None
        number += 1
        if number == 1 and len(cells) == 1:
            _check_delimiter(cells[0])
        yield number, cells


def _check_delimiter(header):
    # Every import needs two columns or more, so one column is a delimiter problem when
    # the name holds punctuation (y_tunnus|nimi); a bare name gets the column errors.
    other = _OTHER_DELIMITER.search(header)
    if other:
        raise FileProblem(
            _(
                "Otsikkorivillä on vain yksi sarake (%(header)s): sarakkeiden erottimena "
                "pitää olla puolipiste, pilkku tai sarkain, mutta tiedostossa on ehkä "
                "%(delimiter)s."
            )
            % {"header": header[:60], "delimiter": other.group()},
            row=1,
        )


# Excel files ---------------------------------------------------------------------------------


def _corrupt():
    return _(
        "Tiedosto ei ole kelvollinen Excel-tiedosto (.xlsx): se on vioittunut, salattu tai "
        "muuta muotoa."
    )


def check_xlsx(data):
    """Refuse a zip that is no workbook or would unpack too large, from its directory only:
    nothing is unpacked, so a small file that unpacks to gigabytes is refused at once."""
    directory_size = _zip_directory_size(data)
    if directory_size is None:
        raise FileProblem(_corrupt())
    if directory_size > MAX_DIRECTORY_BYTES:
        raise FileProblem(
            _(
                "Excel-tiedostossa on liian monta osaa: sen sisällysluettelo on yli %(limit)s. "
                "Tiedosto ei ole tavallinen taulukko."
            )
            % {"limit": size_text(MAX_DIRECTORY_BYTES)}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FileProblem(_corrupt()) from None
    if not any(member.filename == "[Content_Types].xml" for member in members):
        raise FileProblem(_corrupt())
    # The sizes the zip's directory states bound what unpacking can give: Python's zipfile
    # stops a member at its stated size (and then fails its checksum).
    unpacked = sum(member.file_size for member in members)
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    if unpacked > limit:
        raise FileProblem(
            _(
                "Excel-tiedosto on purettuna liian suuri: %(size)s, enintään %(limit)s. Jaa se "
                "osiin."
            )
            % {"size": size_text(unpacked), "limit": size_text(limit)}
        )
    ratio = settings.IMPORT_MAX_COMPRESSION_RATIO
    for member in members:
        if member.file_size >= RATIO_MIN_BYTES and member.file_size > ratio * max(
            member.compress_size, 1
        ):
            # Spreadsheet XML compresses about 5–20 to 1; a thousand to one is a run of
            # zeros made to fill memory (a "zip bomb").
            raise FileProblem(
                _(
                    "Excel-tiedostoa ei tuoda: sen osa %(member)s pakkautuu epätavallisen "
                    "tiiviisti (%(size)s purettuna, yli %(ratio)s:1; enintään %(limit)s:1). "
                    "Tiedosto ei ole tavallinen taulukko."
                )
                % {
                    "member": member.filename[:60],
                    "size": size_text(member.file_size),
                    "ratio": count_text(member.file_size // max(member.compress_size, 1)),
                    "limit": count_text(ratio),
                }
            )


def _zip_directory_size(data):
    """The size of the zip's central directory as its end record states it (None if there
    is no end record): read before Python's zipfile parses the directory entry by entry."""
    # The end record is 22 bytes and a comment of at most 65,535 bytes.
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65_535))
    if end < 0 or len(data) < end + 22:
        return None
    return int.from_bytes(data[end + 12 : end + 16], "little")


def _xlsx_rows(data):
    check_xlsx(data)
    return _xlsx_sheet_rows(data)


def _xlsx_sheet_rows(data):
    try:
        with warnings.catch_warnings():
            # openpyxl warns of features it skips (data validation, styles); not the user's.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a broken file
        raise FileProblem(_corrupt()) from None
    number = 0
    try:
        if not workbook.worksheets:
            raise FileProblem(_("Excel-tiedostossa ei ole taulukkoa."))
        sheet = workbook.worksheets[0]
        # Rows as wide as their cells, not as the (possibly bogus) stated dimensions.
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(), start=1):
            yield number, [_xlsx_value(cell) for cell in row]
    except FileProblem:
        raise
    except Exception:
        raise FileProblem(_corrupt(), row=number + 1) from None
    finally:
        workbook.close()


def _xlsx_value(cell):
    if cell.data_type == "e":
        return ExcelError(cell.value)
    return cell.value
