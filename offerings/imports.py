"""Palveluluettelon tuonti Excel- ja CSV-tiedostosta (palveluluettelon viennin muodossa).

Tiedostomuoto
  Ensimmäinen rivi on otsikkorivi; sarakkeiden järjestyksellä ei ole väliä, eikä
  otsikoiden kirjainkoolla. Vienti (Vie Exceliin) kirjoittaa kaikki sarakkeet, ja
  viedyn tiedoston voi muokata ja tuoda takaisin.
    id             palvelun numero; tyhjä uudella palvelulla
    nimi           nimi suomeksi (myös nimi_fi), enintään 200 merkkiä
    nimi_sv        nimi ruotsiksi
    nimi_en        nimi englanniksi
    kuvaus         kuvaus suomeksi (myös kuvaus_fi), enintään 5 000 merkkiä;
                   rivinvaihdot solun sisällä sallitaan
    kuvaus_sv      kuvaus ruotsiksi
    kuvaus_en      kuvaus englanniksi
    tuottajat      organisaatioiden tunnukset pilkuin erotettuina (finnvera, tekes);
                   vähintään yksi
    tuotantotapa   in_house (oma tuotanto), procured (ostopalvelu) tai partner
                   (kumppanin tuottama); suomenkielinen nimi kelpaa myös
    kumppani       kumppani tai palveluntuottaja; pakollinen, ellei tuotantotapa ole
                   oma tuotanto
    hinnoittelu    free (maksuton), subsidised (tuettu hinta) tai market (markkinahinta)
    veloitus       veloituksen kuvaus, enintään 500 merkkiä
    kanavat        palvelukanavien tunnukset pilkuin erotettuina
    perusteet      perusteiden tunnukset pilkuin erotettuina
    tarpeet        asiakastarpeiden tunnukset pilkuin erotettuina
    tila           current (käytössä), harmonising (yhtenäistettävänä), planned
                   (suunnitteilla) tai retired (lakkautettu)
    omistaja       omistavan organisaation tunnus
    demo           kyllä tai ei
    versio         viennin kirjoittama versiotunniste, v ja numero (v1780000000000123),
                   tekstinä; älä muuta (ks. säännöt)
  Tunnukset luetellaan viedyn tiedoston toisella taulukolla (Koodit). Muut sarakkeet
  ovat virhe.

Tiedostot
  Excel: .xlsx, ensimmäinen taulukko; kaavoja ei lasketa. CSV (.csv; myös Excelin
  Unicode-teksti .txt): merkistö tunnistetaan, UTF-8 (BOM:n kanssa tai ilman), UTF-16
  (BOM:n kanssa) tai Windows-1252 (cp1252; Excelin "CSV (erotinmerkein eroteltu)"), ja
  tulos kertoo sen; erottimena puolipiste, pilkku tai sarkain. Enintään 50 Mt (asetus
  IMPORT_MAX_BYTES) ja 10 000 palveluriviä (IMPORT_MAX_SERVICE_ROWS). Tyhjät rivit
  ohitetaan.

Säännöt
  - Kaikki tai ei mitään: jos jossakin on virhe, mitään ei tallenneta. Raportti kertoo
    jokaisesta virheestä rivin (otsikkorivi on rivi 1), sarakkeen ja ongelman.
  - Rivi, jolla on id, päivittää sen palvelun; rivi ilman id:tä luo uuden palvelun, ja
    sille nimi, tuottajat ja omistaja ovat pakollisia. Sama id kahdesti on virhe. Uusi
    rivi, jonka nimi ja omistaja ovat jo jollakin palvelulla, on virhe (tiedosto on
    ehkä jo tuotu): anna silloin sen palvelun id.
  - Rivi kuvaa palvelun kokonaan: tyhjä teksti- tai luettelosolu tyhjentää tiedon
    (paitsi nimi ja tuottajat, jotka ovat pakollisia). Tyhjä tuotantotapa, hinnoittelu,
    tila, omistaja tai demo jättää arvon ennalleen (uudella palvelulla oletusarvo).
    Sarake, jota tiedostossa ei ole, ei muuta mitään.
  - Saman tiedoston tuominen uudelleen ei muuta mitään: vain muuttuneet palvelut
    tallennetaan, ja jokainen muutos kirjataan historiaan tuojan nimissä syyllä
    "Tuonti tiedostosta <tiedoston nimi>".
  - Versio: jos rivi muuttaisi palvelua, jota joku on muuttanut viennin jälkeen,
    rivi on virhe, eikä kenenkään muutosta kirjoiteta yli. Vie luettelo uudelleen, tai
    tyhjennä versio-solu, jos tiedoston tiedot saavat korvata tehdyt muutokset.
    Aiempien vientien pelkät numerot kelpaavat yhä; taulukko-ohjelman lukuna
    pyöristämä tunniste (esim. 1,78E+15) ei kelpaa muuttuvalle riville, ja virhe
    sanoo sen.
  - Solu, joka alkaa =-merkillä, on kaava ja siksi virhe. Jos tekstin kuuluu alkaa
    merkillä = + - tai @, aloita solu heittomerkillä ('), kuten vienti tekee.
  - Ohjausmerkit ovat virhe (kuvauksissa rivinvaihto sallitaan).
"""

import re
import unicodedata
from contextlib import closing
from dataclasses import dataclass, field

from concurrency.exceptions import RecordModifiedError
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.tabular import (
    FileProblem,
    count_text,
    data_rows,
    is_blank,
    open_table,
    read_upload,
)

# The company import's file checks (core.tabular: size, zip bombs, encodings, rows) and
# cell checks (formulas, control characters) are the shared ones: one place decides what a
# safe upload is, with the same Finnish messages.
from segments.imports import (
    ImportResult,
    _CellError,
    _display_name,
    _filled,
    _key,
    _text,
    change_reason,
)

from .models import CustomerNeed, Organisation, Rationale, Service, ServiceChannel

__all__ = ["COLUMNS", "ServiceImportResult", "import_services", "version_token"]

# The export writes a service's version (a 16-digit number) as "v" and the digits: a
# spreadsheet keeps only 15 significant digits of a number, and with the letter no program
# reads the token as one. Older exports wrote the digits alone; they are still read.
_VERSION_TOKEN = re.compile(r"[vV](\d{1,19})")
_SPREADSHEET_DIGITS = 15
# A number as a spreadsheet writes it back once it has read the token as one:
# 1,78E+15, 1.78000000000012E+15, 1780000000000120.0.
_SPREADSHEET_NUMBER = re.compile(r"\d+(\.\d*)?([eE]\+?\d{1,3})?")

# The largest number a primary key or version can be (a 64-bit integer).
_MAX_NUMBER = 2**63 - 1
# Valid codes named in an error message, at most.
_MAX_CODES_LISTED = 30

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
_COLUMN_OF_FIELD = {
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


@dataclass
class ServiceImportResult(ImportResult):
    """What one service import did (or, as a dry run or with errors, would have done)."""

    def outcome(self):
        if not self.ok:
            return super().outcome()
        counts = _(
            "Palveluja %(rows)s: uusia %(created)s, muuttuneita %(updated)s, ennallaan "
            "%(unchanged)s."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            return _("Koeajo, mitään ei tallennettu. %(counts)s") % {"counts": counts}
        return counts


def import_services(file_obj, *, filename, by, dry_run=False):
    """Create and update services of the catalogue from an XLSX or CSV file.

    All or nothing: the whole file is checked first, and only a file without errors is
    written, in one transaction, as `by`. Returns a ServiceImportResult (with errors, its
    counts are zero: nothing was written); user errors are never raised.
    """
    name = _display_name(filename)
    result = ServiceImportResult(filename=name, dry_run=dry_run)
    try:
        data = read_upload(file_obj)
        reference = _Reference.load()
        rows = _read(data, str(filename or ""), reference, result)
        # Checked outside a transaction, so a file with errors never holds the write lock.
        # The rows without cell errors are compared even if others have them, so that one
        # report lists every error there is.
        if rows is not None:
            _compare_and_write(rows, reference, result, write=False)
        # A file that matches the database (a re-import) has nothing to write.
        if result.ok and not dry_run and result.changes_anything:
            result = ServiceImportResult(filename=name, rows=result.rows, encoding=result.encoding)
            with transaction.atomic():
                # Compared again under the lock: the database may have changed meanwhile.
                _compare_and_write(rows, reference, result, write=True, by=by, filename=name)
                if not result.ok:
                    transaction.set_rollback(True)
    except FileProblem as problem:
        result.add_error(problem.row, "", problem.message)
    except RecordModifiedError:
        # A service was saved by someone else between our read and our write.
        result = ServiceImportResult(filename=name, encoding=result.encoding)
        result.add_error(
            None,
            "",
            _(
                "Joku muu tallensi samoja palveluja samaan aikaan, joten mitään ei "
                "tallennettu. Tuo tiedosto uudelleen."
            ),
        )
    if not result.ok:
        return ServiceImportResult(
            filename=name,
            dry_run=dry_run,
            rows=result.rows,
            errors=result.errors,
            error_count=result.error_count,
            encoding=result.encoding,
        )
    return result


# Reading and checking the cells ---------------------------------------------------------


@dataclass
class _Reference:
    """The codes a file may name, looked up once: case-folded code -> object."""

    organisations: dict
    channels: dict
    rationales: dict
    needs: dict

    @classmethod
    def load(cls):
        return cls(
            organisations={_key(o.code): o for o in Organisation.objects.all()},
            channels={_key(c.code): c for c in ServiceChannel.objects.all()},
            rationales={_key(r.code): r for r in Rationale.objects.all()},
            needs={_key(n.code): n for n in CustomerNeed.objects.all()},
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
class _Row:
    number: int
    pk: int | None
    version: int | None
    fields: dict  # Service field -> value, for the columns the file has (see the rules)
    links: dict = field(default_factory=dict)  # many-to-many field -> set of primary keys
    # The version cell as the user sees it, when a spreadsheet seems to have rounded it.
    rounded_version: str = ""


def _read(data, filename, reference, result):
    """The file's rows without cell errors; errors are added to the result. None if the
    header is wrong: then the rows cannot be compared with the catalogue."""
    table = open_table(data, filename)
    result.encoding = table.encoding
    rows = table.rows
    checked = []
    with closing(rows):
        first = next(rows, None)
        if first is None:
            raise FileProblem(_("Tiedosto on tyhjä: ensimmäisellä rivillä pitää olla otsikot."))
        if is_blank(first[1]):
            raise FileProblem(
                _("Ensimmäinen rivi on tyhjä: sillä pitää olla sarakkeiden otsikot."), row=1
            )
        columns = _columns(first[1], result)
        if not result.ok:
            return None
        seen_ids = {}
        id_index = next((i for i, (_label, c) in enumerate(columns) if c == "id"), None)
        has_new = False
        limit = settings.IMPORT_MAX_SERVICE_ROWS
        too_many = _("Tiedostossa on yli %(limit)s palveluriviä. Jaa se osiin.") % {
            "limit": count_text(limit)
        }
        for number, cells in data_rows(rows, limit=limit, message=too_many):
            result.rows += 1
            if id_index is None or not _filled(cells[id_index] if id_index < len(cells) else None):
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
    columns, seen = [], set()
    if len(header) > 200:
        raise FileProblem(_("Tiedostossa on yli 200 saraketta."), row=1)
    for raw in header:
        # Cut short: the label is repeated in the error messages.
        label = unicodedata.normalize("NFC", str(raw if raw is not None else "")).strip()[:100]
        if not label:
            columns.append((label, None))  # a value under it is an error on its row
            continue
        name = label.lower().replace(" ", "_").replace("-", "_")
        name = name.replace("ä", "a").replace("ö", "o").replace("å", "a")
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
    row = _Row(number=number, pk=None, version=None, fields={})
    for index, (label, column) in enumerate(columns):
        value = cells[index] if index < len(cells) else None
        if column is None:
            if _filled(value) and not label:
                result.add_error(
                    number,
                    f"{index + 1}.",
                    _("Solussa on arvo, mutta sarakkeella ei ole otsikkoa."),
                )
            continue
        try:
            _read_cell(row, column, value, reference)
        except _CellError as error:
            result.add_error(number, label, error.args[0])
    for index in range(len(columns), len(cells)):
        if _filled(cells[index]):
            result.add_error(
                number, f"{index + 1}.", _("Solussa on arvo, mutta sarakkeella ei ole otsikkoa.")
            )
    if row.pk is not None:
        if row.pk in seen_ids:
            result.add_error(
                number,
                "id",
                _("Palvelu %(id)s on tiedostossa jo rivillä %(row)s.")
                % {"id": row.pk, "row": seen_ids[row.pk]},
            )
        else:
            seen_ids[row.pk] = number
    if result.error_count > errors_before:
        return None
    return row


def _read_cell(row, column, value, reference):
    if column == "id":
        row.pk = _number(value, _("id on palvelun numero (kokonaisluku)."))
    elif column == "versio":
        row.version, row.rounded_version = _version(value)
    elif column in TEXT_FIELDS:
        name = TEXT_FIELDS[column]
        text = _multiline_text(value) if column in _MULTILINE else _text(value)
        if column == "nimi" and not text:
            raise _CellError(_("Palvelun nimi puuttuu."))
        limit = Service._meta.get_field(name).max_length
        if len(text) > limit:
            raise _CellError(
                _("Teksti on liian pitkä: %(length)s merkkiä, enintään %(limit)s.")
                % {"length": len(text), "limit": limit}
            )
        row.fields[name] = text
    elif column in CHOICE_FIELDS:
        name, choices = CHOICE_FIELDS[column]
        text = _text(value)
        if text:
            row.fields[name] = _choice(text, choices)
    elif column in LINK_FIELDS:
        row.links[LINK_FIELDS[column]] = {
            obj.pk for obj in _codes(_text(value), column, reference.for_column(column))
        }
    elif column == "omistaja":
        text = _text(value)
        if text:
            (owner,) = _codes(text, column, reference.organisations, single=True)
            row.fields["owner"] = owner
    elif column == "demo":
        text = _text(value)
        if text:
            row.fields["is_demo"] = _yes_no(text)


def _number(value, message):
    """A whole number from a number cell or from digits; None for an empty cell."""
    if isinstance(value, bool):
        raise _CellError(message)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number = value
    else:
        text = _text(value)
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or len(text) > 19:
            raise _CellError(message)
        number = int(text)
    if not 1 <= number <= _MAX_NUMBER:
        raise _CellError(message)
    return number


def version_token(version):
    """The export's text of a service's version, which no spreadsheet reads as a number."""
    return f"v{version}"


def _version(value):
    """(version, the cell as text if a spreadsheet seems to have rounded it) of a version
    cell; (None, "") for an empty one."""
    message = _("Versio on viennin kirjoittama tunniste (v ja numero); älä muuta sitä.")
    if isinstance(value, bool):
        raise _CellError(message)
    if isinstance(value, float):
        if not (value.is_integer() and abs(value) < 10**_SPREADSHEET_DIGITS):
            # A number cell: at most 15 significant digits of the 16 a version has.
            return None, f"{value:.15G}"
        value = int(value)
    if isinstance(value, int):
        return _version_digits(str(value), message)
    text = _text(value)
    if not text:
        return None, ""
    token = _VERSION_TOKEN.fullmatch(text)
    if token:
        return _number(token.group(1), message), ""
    if text.isascii() and text.isdigit():
        return _version_digits(text, message)  # an older export's token
    number = text.replace("\xa0", "").replace(" ", "").replace(",", ".")
    if (
        len(number) <= 40
        and _SPREADSHEET_NUMBER.fullmatch(number)
        and float(number) >= 10**_SPREADSHEET_DIGITS
    ):
        return None, text[:30]
    raise _CellError(message)


def _version_digits(digits, message):
    # Past 15 significant digits a spreadsheet writes zeros: such a token may be rounded.
    number = _number(digits, message)
    significant = digits.lstrip("0")
    rounded = len(significant) > _SPREADSHEET_DIGITS and not significant[
        _SPREADSHEET_DIGITS:
    ].strip("0")
    return number, digits if rounded else ""


def _rounding_explains(version, service):
    """Whether a token that looks rounded may differ from the service's version by rounding
    alone; a token read as digits that differs in its first 15 is stale, rounded or not."""
    if version == service.version:
        return False
    return version is None or f"{version:.14E}" == f"{service.version:.14E}"


def _multiline_text(value):
    """Like a one-line cell, but line breaks (a description's paragraphs) are kept."""
    if not isinstance(value, str):
        return _text(value)
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    # Checked as one line (formula, control characters, the export's escape); _text strips
    # the same whitespace and at most the escape's apostrophe from the start.
    checked = _text(text.replace("\n", " "))
    return text[len(text) - len(checked) :]


def _choice(text, choices):
    wanted = _key(text)
    with translation.override("fi"):
        for value, label in choices.choices:
            if wanted in (_key(value), _key(str(label))):
                return value
        known = ", ".join(f"{value} ({label})" for value, label in choices.choices)
    raise _CellError(
        _("Arvoa %(value)s ei ole. Sallitut: %(known)s.") % {"value": text[:100], "known": known}
    )


def _codes(text, column, known, *, single=False):
    codes = [code.strip() for code in _SEPARATORS.split(text) if code.strip()]
    if single and len(codes) != 1:
        raise _CellError(_("Anna yksi organisaation tunnus."))
    found, unknown = [], []
    for code in codes:
        obj = known.get(_key(code))
        if obj is None:
            unknown.append(code[:60])
        elif obj not in found:
            found.append(obj)
    if unknown:
        valid = sorted(obj.code for obj in known.values())
        listed = ", ".join(valid[:_MAX_CODES_LISTED])
        if len(valid) > _MAX_CODES_LISTED:
            listed += " …"
        raise _CellError(
            ngettext(
                "Tunnusta %(codes)s ei ole. Tunnukset: %(known)s.",
                "Tunnuksia %(codes)s ei ole. Tunnukset: %(known)s.",
                len(unknown),
            )
            % {"codes": ", ".join(unknown[:5]), "known": listed or "–"}
        )
    return found


def _yes_no(text):
    word = _key(text)
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise _CellError(_("Arvo %(value)s ei kelpaa: kirjoita kyllä tai ei.") % {"value": text[:20]})


# Comparing and writing ------------------------------------------------------------------

# Primary keys looked up per query (SQLite's limit on query parameters is 999 in old builds).
_LOOKUP_BATCH = 500


def _compare_and_write(rows, reference, result, *, write, by=None, filename=""):
    """Compare the checked rows with the database; write the differences if asked."""
    existing, links_of = _existing(rows, write=write)
    taken = _taken_names(rows)
    planned, new_keys = [], {}
    for row in rows:
        errors_before = result.error_count
        service = existing.get(row.pk) if row.pk else None
        if row.pk and service is None:
            result.add_error(
                row.number, "id", _("Palvelua, jonka id on %(id)s, ei ole.") % {"id": row.pk}
            )
            continue
        if service is None:
            _check_new(row, taken, new_keys, result)
            service = Service()
            current_links = {name: set() for name in LINK_FIELDS.values()}
        else:
            current_links = links_of[service.pk]
        fields = {
            name: value for name, value in row.fields.items() if _differs(service, name, value)
        }
        links = {name: pks for name, pks in row.links.items() if pks != current_links[name]}
        if service.pk and not fields and not links:
            result.unchanged += 1
            continue
        if service.pk and row.rounded_version and _rounding_explains(row.version, service):
            result.add_error(row.number, "versio", _rounded_message(row.rounded_version))
            continue
        if service.pk and row.version is not None and row.version != service.version:
            result.add_error(row.number, "versio", _stale_message())
            continue
        for name, value in fields.items():
            setattr(service, name, _stored(name, value))
        target_links = {**current_links, **links}
        _check_service(row, service, target_links, result)
        if result.error_count > errors_before:
            continue
        if service.pk:
            result.updated += 1
        else:
            result.created += 1
        planned.append((service, links))
    if write and result.ok:
        reason = change_reason(filename)
        for service, links in planned:
            _save(service, links, by=by, reason=reason)


def _existing(rows, *, write):
    """The file's existing services by primary key, and their links as sets of keys."""
    pks = sorted({row.pk for row in rows if row.pk})
    found, links = {}, {}
    for start in range(0, len(pks), _LOOKUP_BATCH):
        services = Service.objects.filter(pk__in=pks[start : start + _LOOKUP_BATCH])
        if write:
            # Read-then-write: hold the rows until commit (PostgreSQL; SQLite locks the file).
            services = services.select_for_update()
        for service in services.prefetch_related(*LINK_FIELDS.values()):
            links[service.pk] = {
                name: {obj.pk for obj in getattr(service, name).all()}
                for name in LINK_FIELDS.values()
            }
            found[service.pk] = service
    return found, links


def _taken_names(rows):
    """(Finnish name, owner) of the services already made by the owners of the new rows."""
    owners = {row.fields["owner"].pk for row in rows if not row.pk and "owner" in row.fields}
    if not owners:
        return {}
    found = Service.objects.filter(owner_id__in=owners).values_list("pk", "name_fi", "owner_id")
    return {(_key(name or ""), owner): pk for pk, name, owner in found}


def _check_new(row, taken, new_keys, result):
    """A new service has an owner, and is not in the catalogue or the file already."""
    owner = row.fields.get("owner")
    if owner is None:
        result.add_error(row.number, "omistaja", _("Uuden palvelun omistaja puuttuu."))
        return
    key = (_key(row.fields["name_fi"]), owner.pk)
    if key in taken:
        result.add_error(
            row.number,
            "nimi",
            _(
                "Omistajalla %(owner)s on jo palvelu %(name)s (id %(id)s). Jos rivi tarkoittaa "
                "sitä, kirjoita id-sarakkeeseen %(id)s; tiedosto on ehkä jo tuotu."
            )
            % {"owner": owner.code, "name": row.fields["name_fi"], "id": taken[key]},
        )
    elif key in new_keys:
        result.add_error(
            row.number,
            "nimi",
            _("Sama uusi palvelu (nimi ja omistaja) on tiedostossa jo rivillä %(row)s.")
            % {"row": new_keys[key]},
        )
    else:
        new_keys[key] = row.number


def _check_service(row, service, links, result):
    """The rules of a whole service: a producer, a partner unless in-house, the model's own."""
    if not links["producers"]:
        result.add_error(
            row.number, "tuottajat", _("Palvelulla on oltava vähintään yksi tuottaja.")
        )
    if service.production_mode != Service.ProductionMode.IN_HOUSE and not service.partner:
        constraint = next(c for c in Service._meta.constraints if c.name == "service_partner_named")
        result.add_error(row.number, "kumppani", str(constraint.violation_error_message))
        return  # the model's check below would say the same
    if not service.owner_id:
        return  # reported already (a new service without an owner)
    try:
        # The model's own validation as the last word: the fields are checked above with
        # the column's name; this catches any rule added to the model later. The owner was
        # found by its code, so its query is skipped.
        service.full_clean(
            exclude=["name", "description", "owner", "version"], validate_unique=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = "" if name == NON_FIELD_ERRORS else _COLUMN_OF_FIELD.get(name, name)
            for message in messages:
                result.add_error(row.number, column, message)


def _normalised(value):
    """A stored text as the import reads it: the same value compares equal."""
    text = "" if value is None else value
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _differs(service, name, value):
    if name == "owner":
        return service.owner_id != value.pk
    if name in TEXT_FIELDS.values():
        return _normalised(getattr(service, name)) != value
    return getattr(service, name) != value


def _stored(name, value):
    # Translation columns are nullable: an empty translation is stored as NULL, as the
    # admin stores it, so "no Swedish name" has one representation.
    if value == "" and Service._meta.get_field(name).null:
        return None
    return value


def _stale_message():
    return _(
        "Palvelua on muutettu sen jälkeen, kun tiedosto vietiin, joten riviä ei tuoda, "
        "ettei kenenkään muutos katoa. Vie luettelo uudelleen ja tee muutos siihen, tai "
        "tyhjennä versio-solu, jos rivin tiedot saavat korvata tehdyt muutokset."
    )


def _rounded_message(value):
    return _(
        "Versiotunniste näyttää taulukkolaskentaohjelman pyöristämältä (%(value)s): ohjelma "
        "luki sen lukuna ja säilytti siitä vain 15 numeroa, joten ei voi tietää, onko "
        "palvelua muutettu viennin jälkeen, eikä riviä tuoda. Vie luettelo uudelleen ja tee "
        "muutos siihen (uusi vienti kirjoittaa tunnisteen tekstinä, v-kirjaimella alkavana, "
        "jota ohjelmat eivät pyöristä), tai tyhjennä versio-solu, jos rivin tiedot saavat "
        "korvata tehdyt muutokset."
    ) % {"value": value}


def _save(service, links, *, by, reason):
    """Save one service and its links as `by`, with one history row per change.

    A new service gets its creation row and, once its links are set, a change row with
    them; a changed service gets one change row with its fields and links. The per-link
    history rows of the many-to-many signals are skipped: the save's row holds the sets.
    """
    service._history_user = by
    service._change_reason = reason
    if service.pk is None:
        service.save()
    service.skip_history_when_saving = True
    try:
        for name, pks in links.items():
            getattr(service, name).set(pks)
    finally:
        del service.skip_history_when_saving
    # Also moves the version on, so a form opened before the import reports a conflict.
    service.save()
