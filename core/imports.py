"""Imports of uploaded tables: what the company import (segments.imports) and the service
catalogue import (offerings.imports) share, so that both behave and speak alike.

- TabularImport runs one import all or nothing: the upload is read (core.tabular) and
  checked outside a transaction, and only a file without errors is written, compared again
  under the lock in one transaction; someone else's write in between is reported, not raised.
- ImportResult is what the user reads: the counts, the problems by row and column (the first
  MAX_LISTED_ERRORS listed, the rest counted), and the encoding of a text file.
- The cell readers turn a cell into clean text (cell_text) or raise CellError, which the
  import reports at the cell's row and column; the header helpers read the first row.

An import subclasses TabularImport and ImportResult; its own module says which columns there
are, how a cell is read and how a row is compared and written.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PureWindowsPath
from typing import NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .db import BULK_ROWS, analyze
from .spreadsheets import FORMULA_STARTS
from .tabular import ExcelError, FileProblem, read_upload

# The errors a result lists; the rest are counted.
MAX_LISTED_ERRORS = 1_000

# The largest whole number a cell may give (a 64-bit integer: a primary key, a version).
MAX_INTEGER = 2**63 - 1

# C0 and C1 control characters, DEL, and the bidirectional overrides that can make a
# name display differently from what it is ("Trojan Source").
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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
    """What one import did (or, as a dry run or with errors, would have done).

    Each import says its counts in its own words (counts_text); the rest is shared."""

    filename: str
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    error_count: int = 0
    # The encoding a text file was read in ("" for an Excel file or an unread file).
    encoding: str = ""
    max_listed: int = field(default=MAX_LISTED_ERRORS, repr=False)

    @property
    def ok(self):
        return self.error_count == 0

    @property
    def changes_anything(self):
        return bool(self.created or self.updated)

    @property
    def errors_not_listed(self):
        return self.error_count - len(self.errors)

    def add_error(self, row, column, message):
        """Record an error at a row (None: the file) and a column ("" for none)."""
        self.error_count += 1
        if len(self.errors) < self.max_listed:
            self.errors.append(ImportProblem(row, column, str(message)))

    def failed(self):
        """The result of a file with errors: its problems, and no counts (nothing written)."""
        return type(self)(
            filename=self.filename,
            dry_run=self.dry_run,
            rows=self.rows,
            errors=self.errors,
            error_count=self.error_count,
            encoding=self.encoding,
            max_listed=self.max_listed,
        )

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
        counts = self.counts_text()
        if self.dry_run:
            return _("Koeajo, mitään ei tallennettu. %(counts)s") % {"counts": counts}
        return counts

    def counts(self):
        """The counts by name, for counts_text."""
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }

    def counts_text(self):
        """The counts of a file without errors, as a sentence in the import's own words."""
        raise NotImplementedError

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


class TabularImport:
    """One run of an import, all or nothing: check the whole file, then write it only if it
    has no errors. A subclass reads the file in check() and writes it in write()."""

    result_class = ImportResult
    # What a write raises when someone else saved the same rows between check and write.
    conflict_errors = ()
    # The tables a large write changes, whose planner statistics are refreshed after it.
    analyzed_models = ()

    def __init__(self, *, filename, by, dry_run=False, max_listed_errors=MAX_LISTED_ERRORS):
        self.filename = str(filename or "")
        self.name = display_name(filename)
        self.by = by
        self.dry_run = dry_run
        self.max_listed_errors = max_listed_errors

    def run(self, file_obj):
        """Import the file; returns the result (with errors, its counts are zero: nothing
        was written). User errors are never raised."""
        result = self.new_result(dry_run=self.dry_run)
        try:
            data = read_upload(file_obj)
            # Checked outside a transaction, so a file with errors never holds the write lock.
            self.check(data, result)
            # A file that matches the database (a re-import) has nothing to write.
            if result.ok and not self.dry_run and result.changes_anything:
                result = self.write_result(result)
                with transaction.atomic():
                    # Compared again under the lock: the database may have changed meanwhile.
                    self.write(data, result)
                    if not result.ok:
                        transaction.set_rollback(True)
                if result.ok and result.created + result.updated >= BULK_ROWS:
                    analyze(*self.analyzed_models)
        except FileProblem as problem:
            result.add_error(problem.row, "", problem.message)
        except self.conflict_errors:
            result = self.new_result(encoding=result.encoding)
            result.add_error(None, "", self.conflict_message())
        return result if result.ok else result.failed()

    def new_result(self, **fields):
        return self.result_class(filename=self.name, max_listed=self.max_listed_errors, **fields)

    def write_result(self, checked):
        """The empty result the write fills in, given the check's."""
        return self.new_result()

    def check(self, data, result):
        """Read and compare the file with the database, adding its errors and counts."""
        raise NotImplementedError

    def write(self, data, result):
        """Compare again and write the differences (in the transaction, as self.by)."""
        raise NotImplementedError

    def conflict_message(self):
        """The error of a write that met someone else's (one of conflict_errors)."""
        raise NotImplementedError

    def change_reason(self):
        return change_reason(self.filename)


def display_name(filename):
    """The file's name as the user gave it, without its folders and control characters."""
    name = PureWindowsPath(str(filename or "")).name  # also splits "/" paths
    return CONTROL_CHARACTERS.sub("", name)[:80] or "?"


def change_reason(filename):
    """The history reason of the rows an import writes (at most 100 characters)."""
    return (_("Tuonti tiedostosta %(filename)s") % {"filename": display_name(filename)})[:100]


# Cells ------------------------------------------------------------------------------------


class CellError(Exception):
    """A cell's value cannot be read; the message (args[0]) is for the user."""


def lookup_key(text):
    """A code or a name as looked up: the same text in any case or Unicode form matches."""
    return unicodedata.normalize("NFC", text).strip().casefold()


def cell_at(cells, index):
    """The row's cell at `index` (from 0); None past the row's end, as an empty cell."""
    return cells[index] if index < len(cells) else None


def is_filled(value):
    """Whether a cell holds anything but white space."""
    return not (value is None or (isinstance(value, str) and not value.strip()))


def cell_text(value):
    """The cell as clean text ("" if empty); formulas and control characters are errors."""
    if value is None:
        return ""
    if isinstance(value, ExcelError):
        raise CellError(
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
        raise CellError(
            _(
                "Solu alkaa =-merkillä kuin kaava, eikä tuonti laske kaavoja. Liitä solut "
                "arvoina; jos = kuuluu tekstiin, aloita solu heittomerkillä (')."
            )
        )
    if CONTROL_CHARACTERS.search(text):
        raise CellError(
            _("Solussa on ohjausmerkki (esimerkiksi nollatavu tai rivinvaihto); poista se.")
        )
    return text


def cell_integer(value, message):
    """A positive whole number (at most MAX_INTEGER) from a number cell or from digits; None
    for an empty cell. Anything else raises CellError with `message`."""
    if isinstance(value, bool):
        raise CellError(message)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = cell_text(value)
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or len(text) > 19:
            raise CellError(message)
        number = int(text)
    if not 1 <= number <= MAX_INTEGER:
        raise CellError(message)
    return number


def check_text_length(text, limit):
    """Refuse a text longer than its field's `limit`."""
    if len(text) > limit:
        raise CellError(
            _("Teksti on liian pitkä: %(length)s merkkiä, enintään %(limit)s.")
            % {"length": len(text), "limit": limit}
        )


# The header and the columns ---------------------------------------------------------------


def read_header(table, result):
    """The first row's cells of a core.tabular Table; a file without a header is refused.
    The result learns the encoding the file was read in."""
    result.encoding = table.encoding
    first = next(table.rows, None)
    if first is None:
        raise FileProblem(_("Tiedosto on tyhjä: ensimmäisellä rivillä pitää olla otsikot."))
    if is_blank(first[1]):
        raise FileProblem(
            _("Ensimmäinen rivi on tyhjä: sillä pitää olla sarakkeiden otsikot."), row=1
        )
    return first[1]


def data_rows(rows, *, limit, message):
    """The non-blank rows under the header; past `limit` of them the file is refused with
    `message` (which names the limit) as soon as the first extra row is read."""
    count = 0
    for number, cells in rows:
        if is_blank(cells):
            continue
        count += 1
        if count > limit:
            raise FileProblem(message)
        yield number, cells


def is_blank(cells):
    """Whether a row has no filled cell."""
    return not any(is_filled(cell) for cell in cells)


def check_width(header, limit):
    """Refuse a header of more than `limit` columns."""
    if len(header) > limit:
        raise FileProblem(_("Tiedostossa on yli %(limit)s saraketta.") % {"limit": limit}, row=1)


def header_label(value):
    """A header cell as the error messages name it: text, cut short (it is repeated)."""
    return unicodedata.normalize("NFC", str(value if value is not None else "")).strip()[:100]


def column_name(label):
    """A header label as a column name: "Valmis siirtymään" is valmis_siirtymaan."""
    name = label.lower().replace(" ", "_").replace("-", "_")
    return name.replace("ä", "a").replace("ö", "o").replace("å", "a")


def add_unlabelled_error(result, number, index):
    """A value in a cell (index from 0) whose column has no header."""
    result.add_error(
        number, f"{index + 1}.", _("Solussa on arvo, mutta sarakkeella ei ole otsikkoa.")
    )


def check_past_header(number, cells, width, result):
    """Errors for the filled cells of a row beyond the header's `width` columns."""
    for index in range(width, len(cells)):
        if is_filled(cells[index]):
            add_unlabelled_error(result, number, index)
