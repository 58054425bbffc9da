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

from contextlib import closing
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.db import id_set
from core.imports import ImportResult, TabularImport, change_reason, data_rows, read_header
from core.tabular import count_text, open_table

from .exports import companies_xlsx
from .import_rows import COMPANY_COLUMNS, Reference, read_columns, read_row
from .models import AttributeValue, Company, Region, Segment

# companies_xlsx is the export (segments.exports) of this import's format, named here too
# for the callers that know it from here.
__all__ = [
    "COMPANY_COLUMNS",
    "CompanyImportResult",
    "change_reason",
    "companies_xlsx",
    "import_attribute_values",
    "import_companies",
]

# The errors a result lists; the rest are counted.
MAX_LISTED_ERRORS = 1_000
# Rows compared and written per round trip to the database.
CHUNK_SIZE = 2_000
# Numbers are stored with four decimals; rounding here, not in the database, makes the
# stored value the compared value, so a re-import finds it unchanged on every backend.
_FOUR_PLACES = Decimal("0.0001")


@dataclass
class CompanyImportResult(ImportResult):
    """What one company import did (or, as a dry run or with errors, would have done)."""

    values_created: int = 0
    values_updated: int = 0
    values_unchanged: int = 0

    @property
    def changes_anything(self):
        return super().changes_anything or bool(self.values_created or self.values_updated)

    def counts_text(self):
        return _(
            "Yrityksiä %(rows)s: uusia %(created)s, muuttuneita %(updated)s, ennallaan "
            "%(unchanged)s. Ominaisuusarvoja: uusia %(values_created)s, muuttuneita "
            "%(values_updated)s, ennallaan %(values_unchanged)s."
        ) % {
            **self.counts(),
            "values_created": self.values_created,
            "values_updated": self.values_updated,
            "values_unchanged": self.values_unchanged,
        }


def import_companies(file_obj, *, filename, by, dry_run=False):
    """Create and update companies and their attribute values from a CSV or XLSX file, all
    or nothing (core.imports.TabularImport), as `by`. Returns a CompanyImportResult; user
    errors are never raised."""
    run = _CompanyImport(
        filename=filename, by=by, dry_run=dry_run, max_listed_errors=MAX_LISTED_ERRORS
    )
    return run.run(file_obj)


def import_attribute_values(file_obj, *, filename, by, max_listed_errors=MAX_LISTED_ERRORS):
    """Create and update the yearly attribute values of companies already in the register
    from a company file of only y_tunnus and tunnus:vuosi columns (the integration API's
    upload), with the import's checks and messages, all or nothing, as `by`. A value equal
    to the stored one is left as it is, so sending the same values again changes nothing."""
    run = _AttributeValueImport(filename=filename, by=by, max_listed_errors=max_listed_errors)
    return run.run(file_obj)


class _CompanyImport(TabularImport):
    """The company file read in chunks: each chunk is compared (and written) as it is read,
    so that 500,000 rows never sit in memory at once."""

    result_class = CompanyImportResult
    # Someone created one of the file's companies between the check and the write.
    conflict_errors = (IntegrityError,)
    analyzed_models = (Company, AttributeValue)
    values_only = False

    def conflict_message(self):
        return _(
            "Joku muu tallensi samoja yrityksiä samaan aikaan, joten mitään ei "
            "tallennettu. Tuo tiedosto uudelleen."
        )

    def check(self, data, result):
        self.reference = Reference.load()
        self._process(data, result, write=False)

    def write(self, data, result):
        self._process(data, result, write=True)

    def _process(self, data, result, *, write):
        table = open_table(data, self.filename)
        with closing(table.rows):
            columns = read_columns(
                read_header(table, result), self.reference, result, values_only=self.values_only
            )
            if not result.ok:
                return
            seen, chunk = {}, []
            limit = settings.IMPORT_MAX_COMPANY_ROWS
            too_many = _("Tiedostossa on yli %(limit)s yritysriviä. Jaa se osiin.") % {
                "limit": count_text(limit)
            }
            for number, cells in data_rows(table.rows, limit=limit, message=too_many):
                result.rows += 1
                row = read_row(number, cells, columns, self.reference, seen, result)
                if row is not None:
                    chunk.append(row)
                if len(chunk) >= CHUNK_SIZE:
                    self._compare_and_write(chunk, result, write=write)
                    chunk = []
            self._compare_and_write(chunk, result, write=write)
        if result.rows == 0:
            result.add_error(
                None, "", _("Tiedostossa ei ole yhtään yritysriviä otsikkorivin alla.")
            )

    def _compare_and_write(self, rows, result, *, write):
        """Compare a chunk of checked rows with the database; write the differences if asked."""
        if not rows:
            return
        existing = _existing(rows, write=write)
        self.check_known(rows, existing, result)
        _check_segments(rows, existing, self.reference, result)
        if not result.ok:
            return  # nothing will be written: the rest only counts
        new, changed, changed_fields = _compare_companies(rows, existing, result)
        new_values, changed_values = _compare_values(rows, existing, result)
        if write:
            reason = self.change_reason()
            _write_companies(new, changed, changed_fields, by=self.by, reason=reason)
            _write_values(new_values, changed_values)

    def check_known(self, rows, existing, result):
        """A file may add companies: nothing to check."""


class _AttributeValueImport(_CompanyImport):
    """Values only: the companies must be in the register already, and their own fields are
    not read (read_columns refuses those columns).

    On PostgreSQL the values are compared and written as sets, which an agency's yearly
    upload of 400,000 companies × 5 values needs (bench/api.py): the check COPYs the file's
    checked values into a temporary table, counts the new and changed ones with one join,
    and the write is one INSERT … ON CONFLICT DO UPDATE of only the values that differ. No
    company row is locked: the values' own unique key makes two uploads of the same values
    at once safe, and a company deleted meanwhile fails the foreign key (the conflict
    message). The whole run is one transaction, so the temporary table goes with it.
    SQLite compares and writes chunk by chunk with the ORM (_CompanyImport)."""

    values_only = True

    def run(self, file_obj):
        self.set_based = connection.vendor == "postgresql"
        if not self.set_based:
            return super().run(file_obj)
        with transaction.atomic():
            return super().run(file_obj)

    def check_known(self, rows, existing, result):
        for row in rows:
            if row.business_id not in existing:
                result.add_error(
                    row.number,
                    "y_tunnus",
                    _(
                        "Yritystä %(value)s ei ole rekisterissä: arvoja voi lähettää vain "
                        "rekisterin yrityksille."
                    )
                    % {"value": row.business_id},
                )

    def check(self, data, result):
        if self.set_based:
            _ValueTable.create()
        super().check(data, result)
        if self.set_based and result.ok:
            created, updated, total = _ValueTable.compare()
            result.values_created, result.values_updated = created, updated
            result.values_unchanged = total - created - updated

    def _compare_and_write(self, rows, result, *, write):
        if not self.set_based:
            return super()._compare_and_write(rows, result, write=write)
        if not rows:
            return
        existing = dict(
            Company.objects.filter(
                business_id__in=id_set((row.business_id for row in rows), "text")
            ).values_list("business_id", "pk")
        )
        self.check_known(rows, existing, result)
        result.unchanged += len(rows)  # a company's own fields are not in the file
        if result.ok:  # after an error nothing is written: the rest of the file only counts
            _ValueTable.add(
                (
                    existing[row.business_id],
                    attribute.pk,
                    year,
                    *_stored_form(attribute, parsed),
                )
                for row in rows
                for attribute, year, parsed in row.values
            )

    def write_result(self, checked):
        if not self.set_based:
            return super().write_result(checked)
        result = self.new_result()
        result.rows, result.unchanged = checked.rows, checked.rows
        # A file of only new values skips the comparison join in the write.
        self.all_new = not (checked.values_updated or checked.values_unchanged)
        return result

    def write(self, data, result):
        if not self.set_based:
            return super().write(data, result)
        created, updated, total = _ValueTable.write(all_new=self.all_new)
        result.values_created, result.values_updated = created, updated
        result.values_unchanged = total - created - updated


class _ValueTable:
    """The file's checked values in a temporary table (PostgreSQL), and the set-based
    comparison and write of them."""

    # The statements below are built from these constants and the model's table name only;
    # every value goes in as a parameter or through COPY (hence the S608 exemptions).
    NAME = "import_attribute_values"
    COLUMNS = "company_id, attribute_id, year, number, text"

    @classmethod
    def create(cls):
        values = connection.ops.quote_name(AttributeValue._meta.db_table)
        with connection.cursor() as cursor:
            # Dropped at commit; a second import in one transaction (a test) starts afresh.
            cursor.execute(f"DROP TABLE IF EXISTS {cls.NAME}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {cls.NAME} ON COMMIT DROP AS "  # noqa: S608
                f"SELECT {cls.COLUMNS} FROM {values} WITH NO DATA"
            )

    @classmethod
    def add(cls, rows):
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {cls.NAME} ({cls.COLUMNS}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)

    @classmethod
    def _stored_join(cls, alias):
        """The stored value (as `alias`) of each of the file's values (f), if any."""
        values = connection.ops.quote_name(AttributeValue._meta.db_table)
        return (
            f"LEFT JOIN {values} {alias} ON {alias}.company_id = f.company_id "
            f"AND {alias}.attribute_id = f.attribute_id AND {alias}.year = f.year"
        )

    @classmethod
    def compare(cls):
        """(new, changed, all) values of the file against the stored ones."""
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {cls.NAME}")
            cursor.execute(
                "SELECT count(*) FILTER (WHERE v.id IS NULL), "  # noqa: S608
                "count(*) FILTER (WHERE v.id IS NOT NULL "
                "AND (v.number, v.text) IS DISTINCT FROM (f.number, f.text)), count(*) "
                f"FROM {cls.NAME} f {cls._stored_join('v')}"
            )
            return cursor.fetchone()

    @classmethod
    def write(cls, *, all_new):
        """Insert the new values and update the changed ones (their time set, for the API's
        updated_since); (new, changed, all). Unchanged values are left out before the
        upsert, which would lock each one it meets; `all_new` (the check found no stored
        value) leaves out that join. The upsert's own condition still holds if another
        upload wrote the same values meanwhile."""
        values = connection.ops.quote_name(AttributeValue._meta.db_table)
        differing = (
            ""
            if all_new
            else (
                f"{cls._stored_join('o')} "
                "WHERE o.id IS NULL OR (o.number, o.text) IS DISTINCT FROM (f.number, f.text)"
            )
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH written AS (INSERT INTO {values} AS v ({cls.COLUMNS}, changed_at) "  # noqa: S608
                f"SELECT f.company_id, f.attribute_id, f.year, f.number, f.text, %s "
                f"FROM {cls.NAME} f {differing} "
                # In the unique index's order: its pages (and the companies' rows the
                # foreign key checks) are then visited once, in turn, not at random.
                "ORDER BY f.company_id, f.attribute_id, f.year "
                "ON CONFLICT (company_id, attribute_id, year) DO UPDATE SET "
                "number = excluded.number, text = excluded.text, changed_at = excluded.changed_at "
                "WHERE (v.number, v.text) IS DISTINCT FROM (excluded.number, excluded.text) "
                "RETURNING xmax = 0 AS inserted) "
                "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), "
                f"(SELECT count(*) FROM {cls.NAME}) FROM written",
                [timezone.now()],
            )
            counts = cursor.fetchone()
        # The foreign keys are checked at commit, after the import's own error handling: a
        # company deleted meanwhile is found here instead, as the import's conflict.
        connection.check_constraints()
        return counts


# Comparing ---------------------------------------------------------------------------------


def _existing(rows, *, write):
    """The chunk's companies in the database, by Y-tunnus."""
    companies = Company.objects.filter(business_id__in=[row.business_id for row in rows])
    if write:
        # Read-then-write: hold the rows until commit (PostgreSQL; SQLite locks the file).
        companies = companies.select_for_update()
    return {company.business_id: company for company in companies}


def _check_segments(rows, existing, reference, result):
    """A company's segment changes only in re-segmentation: a file may not move it."""
    for row in rows:
        company = existing.get(row.business_id)
        segment = row.fields.get("segment")
        if company is not None and segment is not None and segment.pk != company.segment_id:
            result.add_error(row.number, "segmentti", _segment_message(company, reference))


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


def _compare_companies(rows, existing, result):
    """(new companies, changed companies, the fields changed): the changes set on the
    objects, the new ones added to `existing` for their values."""
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
    return new, changed, changed_fields


def _differs(company, name, value):
    if isinstance(value, Region | Segment):
        return getattr(company, f"{name}_id") != value.pk
    return getattr(company, name) != value


def _compare_values(rows, companies, result):
    """(new values as (company, attribute id, year, number, text), changed AttributeValues)."""
    stored = _stored_values(rows, companies)
    new, changed = [], []
    # Instances to write are built only for new and changed values.
    for row in rows:
        company = companies[row.business_id]
        for attribute, year, parsed in row.values:
            number, text = _stored_form(attribute, parsed)
            old = stored.get((company.pk, attribute.pk, year))
            if old is None:
                new.append((company, attribute.pk, year, number, text))
            elif (old[1], old[2]) != (number, text):
                changed.append(AttributeValue(pk=old[0], number=number, text=text))
    result.values_created += len(new)
    result.values_updated += len(changed)
    result.values_unchanged += sum(len(row.values) for row in rows) - len(new) - len(changed)
    return new, changed


def _stored_form(attribute, parsed):
    """(number, text) of a parsed value as the database stores it."""
    number, text = AttributeValue.columns_of(attribute, parsed)
    if number is not None:
        number = number.quantize(_FOUR_PLACES, rounding=ROUND_HALF_UP)
    return number, text


def _stored_values(rows, companies):
    """The stored values the rows name: (company, attribute, year) -> (pk, number, text)."""
    existing_ids = [company.pk for company in companies.values() if company.pk]
    pairs = {(attribute.pk, year) for row in rows for attribute, year, _value in row.values}
    if not existing_ids or not pairs:
        return {}
    found = AttributeValue.objects.filter(
        company_id__in=existing_ids,
        attribute_id__in={attribute for attribute, _year in pairs},
        year__in={year for _attribute, year in pairs},
    ).values_list("pk", "company_id", "attribute_id", "year", "number", "text")
    return {(c, a, y): (pk, number, text) for pk, c, a, y, number, text in found}


# Writing -----------------------------------------------------------------------------------


def _write_companies(new, changed, changed_fields, *, by, reason):
    """Create and update the companies in bulk, each with its history row."""
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


def _write_values(new, changed):
    # Attribute values are high-volume facts without history: plain bulk writes.
    if new:
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
                for company, attribute, year, number, text in new
            ]
        )
    if changed:
        # A bulk update skips auto_now: the time is set here (the API's updated_since).
        now = timezone.now()
        for value in changed:
            value.changed_at = now
        AttributeValue.objects.bulk_update(changed, ["number", "text", "changed_at"])
