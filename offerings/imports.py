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

import unicodedata
from dataclasses import dataclass

from concurrency.exceptions import RecordModifiedError
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from core.history import save_with_history
from core.imports import ImportResult, TabularImport, lookup_key

from .import_rows import COLUMN_OF_FIELD, COLUMNS, LINK_FIELDS, TEXT_FIELDS, Reference, read_rows
from .models import Service
from .version_tokens import rounding_explains, version_token

__all__ = ["COLUMNS", "ServiceImportResult", "import_services", "version_token"]

# Primary keys looked up per query (SQLite's limit on query parameters is 999 in old builds).
_LOOKUP_BATCH = 500


@dataclass
class ServiceImportResult(ImportResult):
    """What one service import did (or, as a dry run or with errors, would have done)."""

    def counts_text(self):
        return (
            _(
                "Palveluja %(rows)s: uusia %(created)s, muuttuneita %(updated)s, ennallaan "
                "%(unchanged)s."
            )
            % self.counts()
        )


def import_services(file_obj, *, filename, by, dry_run=False):
    """Create and update services of the catalogue from an XLSX or CSV file, all or nothing
    (core.imports.TabularImport), as `by`. Returns a ServiceImportResult; user errors are
    never raised."""
    return _ServiceImport(filename=filename, by=by, dry_run=dry_run).run(file_obj)


class _ServiceImport(TabularImport):
    """The catalogue file read whole (at most 10,000 rows), then compared and written."""

    result_class = ServiceImportResult
    # A service was saved by someone else between our read and our write.
    conflict_errors = (RecordModifiedError,)

    def conflict_message(self):
        return _(
            "Joku muu tallensi samoja palveluja samaan aikaan, joten mitään ei "
            "tallennettu. Tuo tiedosto uudelleen."
        )

    def check(self, data, result):
        self.reference = Reference.load()
        self.rows = read_rows(data, self.filename, self.reference, result)
        # The rows without cell errors are compared even if others have them, so that one
        # report lists every error there is.
        if self.rows is not None:
            _compare_and_write(self.rows, result, write=False)

    def write_result(self, checked):
        # The rows were read once, by the check: the write compares them again.
        return self.new_result(rows=checked.rows, encoding=checked.encoding)

    def write(self, data, result):
        _compare_and_write(self.rows, result, write=True, by=self.by, reason=self.change_reason())


# Comparing ---------------------------------------------------------------------------------


def _compare_and_write(rows, result, *, write, by=None, reason=""):
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
        elif not service.pk or _check_version(row, service, result):
            for name, value in fields.items():
                setattr(service, name, _stored(name, value))
            _check_service(row, service, {**current_links, **links}, result)
            if result.error_count == errors_before:
                planned.append((service, links))
    result.created += sum(1 for service, _links in planned if not service.pk)
    result.updated += sum(1 for service, _links in planned if service.pk)
    if write and result.ok:
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
    return {(lookup_key(name or ""), owner): pk for pk, name, owner in found}


def _check_new(row, taken, new_keys, result):
    """A new service has an owner, and is not in the catalogue or the file already."""
    owner = row.fields.get("owner")
    if owner is None:
        result.add_error(row.number, "omistaja", _("Uuden palvelun omistaja puuttuu."))
        return
    key = (lookup_key(row.fields["name_fi"]), owner.pk)
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


def _check_version(row, service, result):
    """Whether a row may change the service: not if someone changed it since the export."""
    if row.rounded_version and rounding_explains(row.version, service):
        result.add_error(row.number, "versio", _rounded_message(row.rounded_version))
        return False
    if row.version is not None and row.version != service.version:
        result.add_error(row.number, "versio", _stale_message())
        return False
    return True


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
            column = "" if name == NON_FIELD_ERRORS else COLUMN_OF_FIELD.get(name, name)
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


# Writing -----------------------------------------------------------------------------------


def _save(service, links, *, by, reason):
    """Save one service and its links as `by`, with one history row per change.

    A new service gets its creation row and, once its links are set, a change row with
    them; a changed service gets one change row with its fields and links. The per-link
    history rows of the many-to-many signals are skipped: the save's row holds the sets.
    The rows were checked (with the model's own validation) when they were compared.
    """
    if service.pk is None:
        save_with_history(service, by=by, reason=reason, clean=False)
    service.skip_history_when_saving = True
    try:
        for name, pks in links.items():
            getattr(service, name).set(pks)
    finally:
        del service.skip_history_when_saving
    # Also moves the version on, so a form opened before the import reports a conflict.
    save_with_history(service, by=by, reason=reason, clean=False)
