"""Files as users upload them to the imports: workbooks, CSV text, and zip archives that
claim or unpack to far more than they weigh; and the import result's problems by row and
column."""

import codecs
import io
import struct
import zipfile

import pytest
from openpyxl import Workbook


def xlsx(rows):
    """A workbook of one sheet holding the rows."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(rows, delimiter=";"):
    """The rows as a spreadsheet saves a sheet as CSV: each cell as the text it shows,
    quoted where it holds the delimiter, a quote or a line break; lines end in CRLF."""

    def shown(value):
        text = "" if value is None else str(value)
        if any(char in text for char in (delimiter, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text

    return "".join(delimiter.join(shown(value) for value in row) + "\r\n" for row in rows)


def excel_csv(rows, encoding="cp1252", delimiter=";", bom=b""):
    """The rows as Excel saves a sheet as text: by default Finnish Excel's "CSV (erotinmerkein
    eroteltu)" (Windows-1252, semicolons, no BOM)."""
    return bom + csv_text(rows, delimiter).encode(encoding)


# Unicode text files as the imports get them, for `excel_csv`: the encoding, its BOM, the
# delimiter, the file's extension, and the name the import gives the encoding.
UNICODE_TEXT_FILES = pytest.mark.parametrize(
    ("encoding", "bom", "delimiter", "extension", "name"),
    [
        # Excel's "CSV UTF-8".
        ("utf-8", codecs.BOM_UTF8, ";", "csv", "UTF-8 (BOM)"),
        # UTF-8 without a BOM, as most other programs write it.
        ("utf-8", b"", ",", "csv", "UTF-8"),
        # Excel's "Unicode-teksti": UTF-16 LE with its BOM, tabs between the cells.
        ("utf-16-le", codecs.BOM_UTF16_LE, "\t", "txt", "UTF-16 LE"),
        ("utf-16-be", codecs.BOM_UTF16_BE, ";", "csv", "UTF-16 BE"),
        ("utf-16-be", codecs.BOM_UTF16_BE, ",", "csv", "UTF-16 BE"),
    ],
)


def problems(result):
    """Where the import found problems: (row, column) pairs."""
    return [(problem.row, problem.column) for problem in result.errors]


def zip_bomb(megabytes):
    """A workbook-looking zip with a sheet of zeros: deflate packs them about 1000:1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        # Written as a stream: the test never holds the unpacked sheet in memory.
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            zeros = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(zeros)
    return buffer.getvalue()


def claimed_zip_bomb(claimed):
    """A small zip whose directory claims its sheet unpacks to `claimed` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(1000))
    data = bytearray(buffer.getvalue())
    # The uncompressed size in the sheet's central directory entry (offset 24 of it).
    entry = data.rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, entry + 24, claimed)
    return bytes(data)
