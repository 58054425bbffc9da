"""The service catalogue as an Excel file and back: the export round-trips through the import,
which is all or nothing, idempotent, and reports errors by row and column in Finnish."""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import F
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from offerings.demo import load_demo_services
from offerings.exports import services_xlsx
from offerings.imports import COLUMNS, import_services, version_token
from offerings.models import Service
from tests.spreadsheets import (
    UNICODE_TEXT_FILES,
    claimed_zip_bomb,
    excel_csv,
    problems,
    xlsx,
    zip_bomb,
)

pytestmark = pytest.mark.django_db

LINKS = ("producers", "channels", "rationales", "needs")
REASON = "Tuonti tiedostosta palvelut.xlsx"
NEW_ROW = {
    "nimi": "Yritysneuvonta verkossa",
    "nimi_sv": "Företagsrådgivning på nätet",
    "kuvaus": "Ensimmäinen kappale.\nToinen kappale.",
    "tuottajat": "te-uusimaa, te-lappi",
    "tuotantotapa": "ostopalvelu",  # a Finnish label is read as its code
    "kumppani": "Uusyrityskeskukset",
    "hinnoittelu": "free",
    "kanavat": "puhelin; yritys-suomi-verkko",
    "perusteet": "markkinapuute",
    "tarpeet": "aloittaminen, rahoitus",
    "tila": "planned",
    "omistaja": "tem-tyollisyys-ja-yrittajyysosasto",
    "demo": "ei",
}


@pytest.fixture
def services(strategy_data):
    """The demo catalogue (13 services), loaded without history rows: writing them is what
    makes loading slow, and these tests count only the history rows the import writes."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        load_demo_services()
    return list(Service.objects.order_by("pk"))


def _import(content, filename="palvelut.xlsx", **options):
    options.setdefault("by", None)
    return import_services(io.BytesIO(content), filename=filename, **options)


def _exported(queryset=None):
    """The export's first sheet as lists: the header, then one list per service."""
    data = services_xlsx(Service.objects.order_by("pk") if queryset is None else queryset)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _set(rows, pk, column, value):
    row = next(row for row in rows[1:] if row[0] == pk)
    row[rows[0].index(column)] = value


def _with_new_row(rows, **cells):
    values = {**NEW_ROW, **cells}
    return [*rows, [values.get(column) for column in rows[0]]]


def _catalogue():
    """Every service's stored values and links, and how many history rows exist."""
    services = {
        s.pk: (
            s.name_fi,
            s.name_sv,
            s.name_en,
            s.description_fi,
            s.production_mode,
            s.partner,
            s.pricing,
            s.charging_note,
            s.status,
            s.owner_id,
            s.is_demo,
            s.version,
            *(frozenset(o.pk for o in getattr(s, name).all()) for name in LINKS),
        )
        for s in Service.objects.prefetch_related(*LINKS)
    }
    return services, Service.history.count()


def _as_a_spreadsheet_reads_csv(value):
    """A CSV cell as a spreadsheet opens and saves it again: text that looks like a number
    becomes one, kept to 15 significant digits and written back as shown (in Finnish)."""
    text = "" if value is None else str(value)
    if not re.fullmatch(r"\d+([.,]\d+)?", text):
        return value
    number = float(text.replace(",", "."))
    if number.is_integer() and number < 10**15:
        return str(int(number))
    return f"{number:.15G}".replace(".", ",")


# Export -----------------------------------------------------------------------------------


def test_services_xlsx__round_trip_changes_nothing(services, ministry_user):
    before = _catalogue()

    result = _import(xlsx(_exported()), by=ministry_user)

    assert result.ok, result.errors
    assert (result.rows, result.created, result.updated) == (len(services), 0, 0)
    assert result.unchanged == len(services)
    assert _catalogue() == before


def test_services_xlsx__has_the_import_columns_codes_and_a_code_sheet(services):
    service = Service.objects.get(name_fi="Pienlaina")

    rows = _exported()

    assert tuple(rows[0]) == COLUMNS
    cells = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == service.pk), strict=True))
    assert cells["tuottajat"] == "finnvera"
    assert cells["kanavat"] == "kasvokkain, sahkoinen-asiointi"
    assert cells["tarpeet"] == "aloittaminen, rahoitus"
    assert (cells["tuotantotapa"], cells["hinnoittelu"], cells["tila"]) == (
        "in_house",
        "market",
        "current",
    )
    assert (cells["omistaja"], cells["demo"], cells["versio"]) == (
        "finnvera",
        "kyllä",
        f"v{service.version}",
    )
    workbook = load_workbook(io.BytesIO(services_xlsx(Service.objects.all())))
    codes = [list(row) for row in workbook.worksheets[1].iter_rows(values_only=True)]
    assert ["tuottajat, omistaja", "finnvera", "Finnvera Oyj"] in codes
    assert ["tila", "harmonising", "yhtenäistettävänä"] in codes


def test_services_xlsx__formula_like_and_multiline_texts_round_trip(services, ministry_user):
    service = services[0]
    service.name_fi = '=HYPERLINK("http://example.com")'
    service.partner = "@kumppani"
    service.production_mode = Service.ProductionMode.PARTNER
    service.description_fi = "- ensimmäinen\r\n- toinen"
    service.save()
    before = _catalogue()

    rows = _exported()

    cells = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == service.pk), strict=True))
    assert cells["nimi"] == '\'=HYPERLINK("http://example.com")'
    assert cells["kumppani"] == "'@kumppani"
    assert cells["kuvaus"] == "'- ensimmäinen\n- toinen"
    result = _import(xlsx(rows), by=ministry_user)
    assert result.ok, result.errors
    assert result.updated == 0
    assert _catalogue() == before


def test_services_xlsx__query_count_does_not_grow_with_services(services):
    def queries(queryset):
        with CaptureQueriesContext(connection) as captured:
            services_xlsx(queryset)
        return len(captured)

    assert queries(Service.objects.filter(pk=services[0].pk)) == queries(Service.objects.all())


def test_import_services__query_count_of_an_unchanged_file_does_not_grow(services):
    def queries(queryset):
        content, count = xlsx(_exported(queryset)), queryset.count()
        with CaptureQueriesContext(connection) as captured:
            result = _import(content)
        assert result.unchanged == count
        return len(captured)

    assert queries(Service.objects.filter(pk=services[0].pk)) == queries(Service.objects.all())


def test_services_xlsx__exports_only_the_given_queryset(services):
    rows = _exported(Service.objects.filter(owner__code="finnvera"))

    assert {row[rows[0].index("omistaja")] for row in rows[1:]} == {"finnvera"}
    assert len(rows) - 1 == Service.objects.filter(owner__code="finnvera").count()


# Creating and updating --------------------------------------------------------------------


def test_import_services__creates_a_service_with_links_and_history(services, ministry_user):
    rows = _with_new_row(_exported())

    result = _import(xlsx(rows), by=ministry_user)

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (1, 0, len(services))
    assert result.summary() == (
        f"Palveluja {len(services) + 1}: uusia 1, muuttuneita 0, ennallaan {len(services)}."
    )
    service = Service.objects.get(name_fi="Yritysneuvonta verkossa")
    assert (service.name_sv, service.name_en) == ("Företagsrådgivning på nätet", None)
    assert service.description_fi == "Ensimmäinen kappale.\nToinen kappale."
    assert (service.production_mode, service.partner, service.status) == (
        "procured",
        "Uusyrityskeskukset",
        "planned",
    )
    assert service.owner.code == "tem-tyollisyys-ja-yrittajyysosasto"
    assert sorted(o.code for o in service.producers.all()) == ["te-lappi", "te-uusimaa"]
    assert sorted(c.code for c in service.channels.all()) == ["puhelin", "yritys-suomi-verkko"]
    assert sorted(n.code for n in service.needs.all()) == ["aloittaminen", "rahoitus"]
    history = list(service.history.order_by("history_id"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert {(h.history_user, h.history_change_reason) for h in history} == {(ministry_user, REASON)}
    # The last row holds the links as they were set.
    assert sorted(r.organisation.code for r in history[-1].producers.all()) == [
        "te-lappi",
        "te-uusimaa",
    ]
    assert sorted(r.customerneed.code for r in history[-1].needs.all()) == [
        "aloittaminen",
        "rahoitus",
    ]


def test_import_services__updates_fields_and_links_with_one_history_row(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    version = service.version
    history_before = Service.history.count()
    rows = _exported()
    _set(rows, service.pk, "tila", "harmonising")
    _set(rows, service.pk, "nimi_sv", "Smålån")
    _set(rows, service.pk, "tuottajat", "finnvera, te-uusimaa")
    _set(rows, service.pk, "kanavat", None)  # an empty list cell empties the links

    result = _import(xlsx(rows), by=ministry_user)

    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 1, len(services) - 1)
    service.refresh_from_db()
    assert (service.status, service.name_sv) == ("harmonising", "Smålån")
    assert sorted(o.code for o in service.producers.all()) == ["finnvera", "te-uusimaa"]
    assert not service.channels.exists()
    assert service.version != version
    assert Service.history.count() == history_before + 1
    latest = service.history.first()
    assert (latest.history_type, latest.history_user, latest.history_change_reason) == (
        "~",
        ministry_user,
        REASON,
    )
    assert (latest.status, latest.name_sv) == ("harmonising", "Smålån")
    assert sorted(r.organisation.code for r in latest.producers.all()) == [
        "finnvera",
        "te-uusimaa",
    ]
    assert not latest.channels.exists()


def test_import_services__the_same_file_again_changes_nothing(services, ministry_user):
    rows = _exported()
    _set(rows, services[0].pk, "tila", "retired")
    rows = _with_new_row(rows)
    content = xlsx(rows)
    assert _import(content, by=ministry_user).ok
    before = _catalogue()

    again = _import(content, by=ministry_user)

    # The new row is recognised by its name and owner, so it is not created twice.
    assert problems(again) == [(len(rows), "nimi")]
    assert "tiedosto on ehkä jo tuotu" in again.errors[0].message
    rows[-1][0] = Service.objects.get(name_fi=NEW_ROW["nimi"]).pk
    with_id = _import(xlsx(rows), by=ministry_user)
    assert with_id.ok, with_id.errors
    assert (with_id.created, with_id.updated) == (0, 0)
    assert _catalogue() == before


def test_import_services__a_partial_file_changes_only_its_columns(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    others = {pk: values for pk, values in _catalogue()[0].items() if pk != service.pk}

    result = _import(xlsx([["ID", "Tila"], [service.pk, "suunnitteilla"]]), by=ministry_user)

    assert result.ok, result.errors
    assert result.updated == 1
    updated = Service.objects.get(pk=service.pk)
    assert updated.status == "planned"
    assert (updated.name_fi, updated.owner_id, updated.production_mode) == (
        service.name_fi,
        service.owner_id,
        service.production_mode,
    )
    assert updated.producers.exists()
    assert {pk: v for pk, v in _catalogue()[0].items() if pk != service.pk} == others


def test_import_services__a_dry_run_counts_but_writes_nothing(services, ministry_user):
    rows = _with_new_row(_exported())
    _set(rows, services[0].pk, "tila", "retired")
    before = _catalogue()

    result = _import(xlsx(rows), by=ministry_user, dry_run=True)

    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    assert result.summary().startswith("Koeajo, mitään ei tallennettu.")
    assert _catalogue() == before


def test_import_services__reads_csv_too(services, ministry_user):
    header = ",".join(NEW_ROW)
    values = ",".join(f'"{value}"' for value in NEW_ROW.values())
    content = f"\ufeff{header}\r\n{values}\r\n".encode()

    result = _import(content, filename="palvelut.csv", by=ministry_user)

    assert result.ok, result.errors
    assert Service.objects.filter(name_fi=NEW_ROW["nimi"]).count() == 1


# Optimistic locking -----------------------------------------------------------------------


def test_import_services__refuses_a_row_whose_service_changed_since_export(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    rows = _exported()
    _set(rows, service.pk, "tila", "retired")
    service.charging_note = "Muutettu viennin jälkeen"
    service.save()
    before = _catalogue()

    result = _import(xlsx(rows), by=ministry_user)

    assert problems(result) == [(_row_number(rows, service.pk), "versio")]
    assert "muutettu sen jälkeen, kun tiedosto vietiin" in result.errors[0].message
    assert _catalogue() == before


def test_import_services__an_empty_version_overwrites_on_purpose(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    rows = _exported()
    _set(rows, service.pk, "tila", "retired")
    _set(rows, service.pk, "versio", None)
    service.charging_note = "Muutettu viennin jälkeen"
    service.save()

    result = _import(xlsx(rows), by=ministry_user)

    assert result.ok, result.errors
    service.refresh_from_db()
    assert (service.status, service.charging_note) == ("retired", "")


def test_import_services__an_unchanged_row_needs_no_current_version(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    rows = _exported()
    service.save()  # the version moves on, the content stays

    result = _import(xlsx(rows), by=ministry_user)

    assert result.ok, result.errors
    assert result.unchanged == len(services)


def test_import_services__a_save_by_someone_else_during_the_import_writes_nothing(
    services, ministry_user, monkeypatch
):
    from offerings import imports

    service = Service.objects.get(name_fi="Pienlaina")
    rows = _with_new_row(_exported())
    rows.insert(1, rows.pop())  # the new service is written first, and must be rolled back
    _set(rows, service.pk, "tila", "retired")
    read = imports._existing

    def read_then_someone_saves(rows, *, write):
        found = read(rows, write=write)
        if write:  # on SQLite nothing holds the row between the read and the write
            Service.objects.filter(pk=service.pk).update(version=F("version") + 1)
        return found

    monkeypatch.setattr(imports, "_existing", read_then_someone_saves)

    result = _import(xlsx(rows), by=ministry_user)

    assert problems(result) == [(None, "")]
    assert result.errors[0].message.startswith("Joku muu tallensi samoja palveluja samaan aikaan")
    assert not Service.objects.filter(name_fi=NEW_ROW["nimi"]).exists()
    assert Service.objects.get(pk=service.pk).status == "current"


# The version token in a spreadsheet ----------------------------------------------------------


def _column_of(sheet, name):
    return [cell.value for cell in sheet[1]].index(name) + 1


def test_services_xlsx__version_is_a_text_cell_that_a_spreadsheet_keeps(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    workbook = load_workbook(io.BytesIO(services_xlsx(Service.objects.order_by("pk"))))
    sheet = workbook.worksheets[0]
    versio = _column_of(sheet, "versio")
    tokens = [sheet.cell(row=number, column=versio) for number in range(2, sheet.max_row + 1)]
    assert {(cell.data_type, cell.number_format) for cell in tokens} == {("s", "@")}
    row = next(
        n for n in range(2, sheet.max_row + 1) if sheet.cell(row=n, column=1).value == service.pk
    )
    assert sheet.cell(row=row, column=versio).value == f"v{service.version}"

    # Edited and saved as in Excel: a text cell stays the text it was.
    sheet.cell(row=row, column=_column_of(sheet, "tila")).value = "retired"
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = _import(buffer.getvalue(), by=ministry_user)

    assert result.ok, result.errors
    assert (result.updated, result.unchanged) == (1, len(services) - 1)
    assert Service.objects.get(pk=service.pk).status == "retired"


def test_services_xlsx__version_survives_a_spreadsheet_that_reads_the_csv_again(
    services, ministry_user
):
    # Exported, saved as CSV, opened again: every number-like cell becomes a number.
    service = Service.objects.get(name_fi="Pienlaina")
    Service.objects.filter(pk=service.pk).update(version=1_780_000_000_000_123)
    rows = _exported()
    _set(rows, service.pk, "tila", "retired")
    content = excel_csv([[_as_a_spreadsheet_reads_csv(value) for value in row] for row in rows])

    result = _import(content, filename="palvelut.csv", by=ministry_user)

    assert result.ok, result.errors
    assert (result.updated, result.encoding) == (1, "Windows-1252 (cp1252)")
    assert Service.objects.get(pk=service.pk).status == "retired"


def _as_excel_writes_numbers(content):
    """The workbook with its large numbers written as Excel writes them, in exponent form."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<v>1780000000000120</v>", b"<v>1.78000000000012E+15</v>")
            target.writestr(member, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("rounded", "shown"),
    [
        # A number cell of an .xlsx: the spreadsheet kept 15 significant digits.
        (1_780_000_000_000_120, "1780000000000120"),
        ("excel", "1.78000000000012E+15"),
        # The same in a CSV saved in Finnish, in a wide and in a narrow column.
        ("1,78000000000012E+15", "1,78000000000012E+15"),
        ("1,78E+15", "1,78E+15"),
        # Written out in full as text: the sixteenth digit became a zero.
        ("1780000000000120", "1780000000000120"),
    ],
)
def test_import_services__a_rounded_version_is_called_rounded_not_changed(
    services, ministry_user, rounded, shown
):
    service = Service.objects.get(name_fi="Pienlaina")
    Service.objects.filter(pk=service.pk).update(version=1_780_000_000_000_123)
    rows = _exported()

    def content():
        if rounded == "excel":
            _set(rows, service.pk, "versio", 1_780_000_000_000_120)
            return _as_excel_writes_numbers(xlsx(rows))
        _set(rows, service.pk, "versio", rounded)
        return xlsx(rows)

    assert _import(content(), by=ministry_user).ok  # an unchanged row needs no version
    _set(rows, service.pk, "tila", "retired")
    before = _catalogue()

    result = _import(content(), by=ministry_user)

    assert problems(result) == [(_row_number(rows, service.pk), "versio")]
    assert result.errors[0].message.startswith(
        f"Versiotunniste näyttää taulukkolaskentaohjelman pyöristämältä ({shown}): ohjelma "
        "luki sen lukuna ja säilytti siitä vain 15 numeroa"
    )
    assert "muutettu sen jälkeen, kun tiedosto vietiin" not in result.errors[0].message
    assert _catalogue() == before


def test_import_services__older_exports_digits_and_the_new_token_are_read(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    for number, token in enumerate(
        [str, lambda version: version_token(version).upper(), version_token]
    ):
        rows = _exported()
        _set(rows, service.pk, "veloitus", f"Veloitus {number}")
        _set(rows, service.pk, "versio", token(service.version))

        result = _import(xlsx(rows), by=ministry_user)

        assert result.ok, (token(service.version), result.errors)
        service.refresh_from_db()
        assert service.charging_note == f"Veloitus {number}"
    # An older token ending in zero that differs in its first 15 digits is stale, not rounded.
    Service.objects.filter(pk=service.pk).update(version=1_790_000_000_000_123)
    rows = _exported()
    _set(rows, service.pk, "tila", "retired")
    _set(rows, service.pk, "versio", "1780000000000120")

    result = _import(xlsx(rows), by=ministry_user)

    assert problems(result) == [(_row_number(rows, service.pk), "versio")]
    assert "muutettu sen jälkeen, kun tiedosto vietiin" in result.errors[0].message


# What Finnish Excel writes --------------------------------------------------------------------

FINNISH_ROW = {
    **NEW_ROW,
    "nimi": "Yritysneuvonta – Åland ja Äänekoski",
    "nimi_sv": "Företagsrådgivning på Åland",
    "veloitus": "50 € / tunti, ”alv 0 %”",
}


def _assert_finnish_service_stored():
    service = Service.objects.get(name_fi=FINNISH_ROW["nimi"])
    assert (service.name_sv, service.charging_note) == (
        "Företagsrådgivning på Åland",
        "50 € / tunti, ”alv 0 %”",
    )


def test_import_services__reads_a_cp1252_semicolon_csv_saved_by_finnish_excel(
    services, ministry_user
):
    content = excel_csv([list(FINNISH_ROW), list(FINNISH_ROW.values())])

    result = _import(content, filename="palvelut.csv", by=ministry_user)

    assert result.ok, result.errors
    assert result.created == 1
    assert result.summary() == (
        "Palveluja 1: uusia 1, muuttuneita 0, ennallaan 0. Tiedosto luettiin merkistöllä "
        "Windows-1252 (cp1252)."
    )
    _assert_finnish_service_stored()


@UNICODE_TEXT_FILES
def test_import_services__utf8_and_utf16_files_name_their_encoding(
    services, ministry_user, encoding, bom, delimiter, extension, name
):
    rows = [list(FINNISH_ROW), list(FINNISH_ROW.values())]
    content = excel_csv(rows, encoding, delimiter, bom)

    result = _import(content, filename=f"palvelut.{extension}", by=ministry_user)

    assert result.ok, result.errors
    assert (result.created, result.encoding) == (1, name)
    assert result.summary().endswith(f"Tiedosto luettiin merkistöllä {name}.")
    _assert_finnish_service_stored()


# Limits -------------------------------------------------------------------------------------


def test_import_services__too_many_rows_are_refused_naming_the_limit(services, settings):
    settings.IMPORT_MAX_SERVICE_ROWS = len(services) - 1
    rows = _exported()
    _set(rows, services[0].pk, "tila", "retired")
    before = _catalogue()

    result = _import(xlsx(rows))

    assert [str(problem) for problem in result.errors] == [
        f"tiedosto: Tiedostossa on yli {len(services) - 1} palveluriviä. Jaa se osiin."
    ]
    assert _catalogue() == before


def test_import_services__too_large_file_is_refused_naming_the_limit(services, settings):
    settings.IMPORT_MAX_BYTES = 1000

    result = _import(xlsx(_exported()))

    assert [str(problem) for problem in result.errors] == [
        "tiedosto: Tiedosto on liian suuri: enintään 1000\xa0tavua. Jaa se osiin."
    ]


def test_import_services__xlsx_claiming_gigabytes_unpacked_is_refused(services):
    before = _catalogue()

    result = _import(claimed_zip_bomb(3 * 1024**3))

    assert [str(problem) for problem in result.errors] == [
        "tiedosto: Excel-tiedosto on purettuna liian suuri: 3,0\xa0GB, enintään 512,0\xa0MB. "
        "Jaa se osiin."
    ]
    assert _catalogue() == before


# Errors -----------------------------------------------------------------------------------


def _row_number(rows, pk):
    return next(number for number, row in enumerate(rows, start=1) if row[0] == pk)


# Every kind of bad cell, each on a new row of its own: (column, value, start of the message).
BAD_CELLS = [
    ("tuottajat", "finnvera, eiole", "Tunnusta eiole ei ole. Tunnukset: finnvera, finpro,"),
    ("kanavat", "kirje", "Tunnusta kirje ei ole. Tunnukset: kasvokkain, puhelin,"),
    ("perusteet", "hyvä-syy", "Tunnusta hyvä-syy ei ole. Tunnukset: kasvu-ja-"),
    ("tarpeet", "onni, ilo", "Tunnuksia onni, ilo ei ole. Tunnukset: aloittaminen,"),
    ("omistaja", "eiole", "Tunnusta eiole ei ole. Tunnukset: finnvera,"),
    ("omistaja", "finnvera, finpro", "Anna yksi organisaation tunnus."),
    ("omistaja", None, "Uuden palvelun omistaja puuttuu."),
    ("omistaja", " , ", "Anna yksi organisaation tunnus."),
    ("tuottajat", None, "Palvelulla on oltava vähintään yksi tuottaja."),
    ("kumppani", None, "Ostopalvelulle tai kumppanin tuottamalle palvelulle on nimettävä"),
    ("tila", "valmis", "Arvoa valmis ei ole. Sallitut: current (käytössä), harmonising"),
    ("hinnoittelu", "kallis", "Arvoa kallis ei ole. Sallitut: free (maksuton),"),
    ("tuotantotapa", "itse", "Arvoa itse ei ole. Sallitut: in_house (oma tuotanto),"),
    ("nimi", "x" * 201, "Teksti on liian pitkä: 201 merkkiä, enintään 200."),
    ("veloitus", "x" * 501, "Teksti on liian pitkä: 501 merkkiä, enintään 500."),
    ("kuvaus", "x" * 5001, "Teksti on liian pitkä: 5001 merkkiä, enintään 5000."),
    ("nimi", None, "Palvelun nimi puuttuu."),
    ("nimi", "=1+1", "Solu alkaa =-merkillä kuin kaava"),
    ("kuvaus", '=HYPERLINK("http://example.com","klikkaa")', "Solu alkaa =-merkillä"),
    ("kumppani", "Kumppani\x85Oy", "Solussa on ohjausmerkki"),
    ("nimi_sv", "Namn\u202egnp", "Solussa on ohjausmerkki"),
    ("kuvaus", "rivi\ttabulaattorilla", "Solussa on ohjausmerkki"),
    ("demo", "ehkä", "Arvo ehkä ei kelpaa: kirjoita kyllä tai ei."),
    ("id", 999_999, "Palvelua, jonka id on 999999, ei ole."),
    ("id", "12a", "id on palvelun numero (kokonaisluku)."),
    ("id", -3, "id on palvelun numero (kokonaisluku)."),
    ("id", 10**30, "id on palvelun numero (kokonaisluku)."),
    ("versio", "uusin", "Versio on viennin kirjoittama tunniste (v ja numero); älä muuta sitä."),
    ("versio", "1,5", "Versio on viennin kirjoittama tunniste (v ja numero); älä muuta sitä."),
]


def test_import_services__every_bad_cell_is_reported_by_row_and_column(services, ministry_user):
    rows = _exported()
    for number, (column, value, _message) in enumerate(BAD_CELLS):
        rows = _with_new_row(rows, **{"nimi": f"Virheellinen {number}", column: value})
    first = len(rows) - len(BAD_CELLS) + 1
    before = _catalogue()

    result = _import(xlsx(rows), by=ministry_user)

    found = {(problem.row, problem.column): problem.message for problem in result.errors}
    for number, (column, _value, message) in enumerate(BAD_CELLS, start=first):
        assert found.pop((number, column), "").startswith(message), (number, column)
    assert found == {}
    assert (result.created, result.updated, result.unchanged) == (0, 0, 0)
    assert result.summary() == (
        f"Tiedostossa palvelut.xlsx on {len(BAD_CELLS)} virhettä; mitään ei tallennettu."
    )
    assert _catalogue() == before


def test_import_services__an_existing_service_keeps_a_producer(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    rows = _exported()
    _set(rows, service.pk, "tuottajat", None)
    before = _catalogue()

    result = _import(xlsx(rows), by=ministry_user)

    assert problems(result) == [(_row_number(rows, service.pk), "tuottajat")]
    assert result.errors[0].message == "Palvelulla on oltava vähintään yksi tuottaja."
    assert _catalogue() == before


def test_import_services__partner_is_required_unless_in_house(services, ministry_user):
    service = Service.objects.get(name_fi="Pienlaina")
    rows = _exported()
    _set(rows, service.pk, "tuotantotapa", "procured")
    rows = _with_new_row(rows, tuotantotapa="partner", kumppani=None)
    before = _catalogue()

    result = _import(xlsx(rows), by=ministry_user)

    assert problems(result) == [
        (_row_number(rows, service.pk), "kumppani"),
        (len(rows), "kumppani"),
    ]
    assert result.errors[0].message == (
        "Ostopalvelulle tai kumppanin tuottamalle palvelulle on nimettävä kumppani."
    )
    assert _catalogue() == before


def test_import_services__a_control_character_in_csv_is_reported(services):
    content = f"id;nimi\r\n{services[0].pk};Nimi\x00\r\n".encode()

    result = _import(content, filename="palvelut.csv")

    assert problems(result) == [(2, "nimi")]
    assert result.errors[0].message.startswith("Solussa on ohjausmerkki")


def test_import_services__a_spreadsheet_error_value_is_reported(services):
    # An error value (#N/A) is stored with its own type in the file.
    workbook = Workbook()
    workbook.active.append(["id", "tila"])
    workbook.active.append([services[0].pk, "#N/A"])
    workbook.active["B2"].data_type = "e"
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = _import(buffer.getvalue())

    assert problems(result) == [(2, "tila")]
    assert "virhearvo #N/A" in result.errors[0].message


def test_import_services__the_same_id_twice_is_an_error(services):
    rows = _exported()
    rows.append(list(rows[1]))
    before = _catalogue()

    result = _import(xlsx(rows))

    assert problems(result) == [(len(rows), "id")]
    assert result.errors[0].message == (f"Palvelu {rows[1][0]} on tiedostossa jo rivillä 2.")
    assert _catalogue() == before


def test_import_services__the_same_new_service_twice_is_an_error(services):
    rows = _with_new_row(_with_new_row(_exported()))

    result = _import(xlsx(rows))

    assert problems(result) == [(len(rows), "nimi")]
    assert "on tiedostossa jo rivillä" in result.errors[0].message
    assert not Service.objects.filter(name_fi=NEW_ROW["nimi"]).exists()


def test_import_services__one_bad_row_among_many_writes_nothing(services, ministry_user):
    rows = _exported()
    for service in services:
        _set(rows, service.pk, "veloitus", f"Uusi veloitus {service.pk}")
    for number in range(30):
        rows = _with_new_row(rows, nimi=f"Uusi palvelu {number}")
    rows[-1][rows[0].index("tuottajat")] = "eiole"
    before = _catalogue()

    result = _import(xlsx(rows), by=ministry_user)

    assert problems(result) == [(len(rows), "tuottajat")]
    assert (result.created, result.updated) == (0, 0)
    assert _catalogue() == before
    assert not Service.objects.filter(name_fi__startswith="Uusi palvelu").exists()


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "palvelut.xlsx", "Tiedosto on tyhjä"),
        (b"PK\x03\x04rikki", "palvelut.xlsx", "Tiedosto ei ole kelvollinen Excel-tiedosto"),
        (b"%PDF-1.7", "palvelut.pdf", "Tiedostotyyppiä ei voi tuoda"),
        (b"\xd0\xcf\x11\xe0", "palvelut.xls", "Vanhaa Excel-muotoa .xls ei voi tuoda"),
        (b"id;nimi\n1;\x81\n", "palvelut.csv", "Tiedoston merkistöä ei tunnistettu"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "palvelut.csv", "nollatavuja"),
    ],
)
def test_import_services__an_unreadable_file_is_reported(services, content, filename, message):
    before = _catalogue()

    result = _import(content, filename=filename)

    assert not result.ok
    assert message in result.errors[0].message
    assert _catalogue() == before


def test_import_services__a_header_without_rows_is_reported(services):
    result = _import(xlsx([list(COLUMNS)]))

    assert problems(result) == [(None, "")]
    assert result.errors[0].message == "Tiedostossa ei ole yhtään palveluriviä otsikkorivin alla."


def test_import_services__unknown_and_missing_columns_are_reported(services):
    header = ["nimi", "hinta", "tila", "tila"]

    result = _import(xlsx([header, ["Uusi", "5", "current", "current", "yli"]]))

    assert problems(result) == [(1, "hinta"), (1, "tila")]
    assert result.errors[0].message.startswith("Tuntematon sarake. Sallitut: id, nimi, nimi_sv")
    result = _import(xlsx([["nimi", "tila", None], ["Uusi", "current", "yli"]]))
    assert problems(result) == [(2, "3."), (1, "tuottajat"), (1, "omistaja")]
    assert result.errors[1].message == (
        "Sarake puuttuu: uusille palveluille (rivit ilman id:tä) se on pakollinen."
    )


# Admin ------------------------------------------------------------------------------------


def _upload(rows, name="palvelut.xlsx"):
    return SimpleUploadedFile(name, xlsx(rows))


def test_service_import__ministry_staff_import_a_file_in_the_admin(client, services, ministry_user):
    client.force_login(ministry_user)
    changelist = client.get(reverse("admin:offerings_service_changelist"))
    url = reverse("admin:offerings_service_import")
    assert url in changelist.content.decode()
    assert client.get(url).status_code == 200

    response = client.post(url, {"file": _upload(_with_new_row(_exported()))})

    assert response.status_code == 200
    assert "uusia 1, muuttuneita 0" in response.content.decode()
    service = Service.objects.get(name_fi=NEW_ROW["nimi"])
    assert {(h.history_user, h.history_change_reason) for h in service.history.all()} == {
        (ministry_user, REASON)
    }


def test_service_import__errors_listed_by_row_and_column_and_nothing_saved(
    client, services, ministry_user
):
    client.force_login(ministry_user)
    rows = _with_new_row(_exported(), tuottajat="eiole")

    response = client.post(reverse("admin:offerings_service_import"), {"file": _upload(rows)})

    page = response.content.decode()
    assert "Mitään ei tallennettu." in page
    assert f"<td>{len(rows)}</td><td>tuottajat</td><td>Tunnusta eiole ei ole." in page
    assert not Service.objects.filter(name_fi=NEW_ROW["nimi"]).exists()


def test_service_import__needs_a_file_and_the_rights_to_add_and_change(
    client, services, ministry_user, working_group_user
):
    url = reverse("admin:offerings_service_import")
    client.force_login(ministry_user)
    assert "Valitse tuotava tiedosto." in client.post(url, {}).content.decode()
    client.force_login(working_group_user)
    assert client.get(url).status_code == 302  # not staff: the admin's login
    working_group_user.is_staff = True
    working_group_user.save()
    assert client.get(url).status_code == 403  # staff who may only view services
    working_group_user.user_permissions.add(
        Permission.objects.get(codename="add_service"),
    )
    assert client.get(url).status_code == 403  # adding without changing is not enough
    client.logout()
    assert client.get(url).status_code == 302


def test_service_import__a_finnish_excel_csv_is_imported_and_its_encoding_named(
    client, services, ministry_user
):
    client.force_login(ministry_user)
    content = excel_csv([list(FINNISH_ROW), list(FINNISH_ROW.values())])

    response = client.post(
        reverse("admin:offerings_service_import"),
        {"file": SimpleUploadedFile("palvelut.csv", content)},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "uusia 1, muuttuneita 0" in page
    assert "Tiedosto luettiin merkistöllä Windows-1252 (cp1252)." in page
    _assert_finnish_service_stored()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("palvelut.csv", bytes(range(256)) * 8, "nollatavuja"),
        ("palvelut.xlsx", claimed_zip_bomb(3 * 1024**3), "enintään 512,0\xa0MB"),
        ("palvelut.xlsx", zip_bomb(16), "pakkautuu epätavallisen tiiviisti"),
        ("palvelut.csv", b"id|nimi\r\n1|A\r\n", "tiedostossa on ehkä |"),
    ],
)
def test_service_import__bad_files_are_refused_on_the_page_and_nothing_saved(
    client, services, ministry_user, name, content, expected
):
    client.force_login(ministry_user)
    before = _catalogue()

    response = client.post(
        reverse("admin:offerings_service_import"), {"file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Mitään ei tallennettu." in page
    assert expected in page
    assert _catalogue() == before


def test_service_import__a_rounded_version_is_explained_on_the_page(
    client, services, ministry_user
):
    client.force_login(ministry_user)
    service = Service.objects.get(name_fi="Pienlaina")
    rows = _exported()
    _set(rows, service.pk, "tila", "retired")
    _set(rows, service.pk, "versio", "1,78E+15")

    response = client.post(reverse("admin:offerings_service_import"), {"file": _upload(rows)})

    assert "Versiotunniste näyttää taulukkolaskentaohjelman pyöristämältä (1,78E+15)" in (
        response.content.decode()
    )
    assert Service.objects.get(pk=service.pk).status == "current"


# Command ----------------------------------------------------------------------------------


def test_import_services_command__imports_as_the_user(services, ministry_user, tmp_path):
    path = tmp_path / "palvelut.xlsx"
    path.write_bytes(xlsx(_with_new_row(_exported())))
    out = io.StringIO()

    call_command("import_services", str(path), "--user", ministry_user.username, stdout=out)

    assert "uusia 1, muuttuneita 0" in out.getvalue()
    service = Service.objects.get(name_fi=NEW_ROW["nimi"])
    assert service.history.filter(history_user=ministry_user).count() == 2


def test_import_services_command__errors_exit_with_status_1(services, tmp_path):
    path = tmp_path / "palvelut.xlsx"
    rows = _with_new_row(_exported(), tila="valmis", tuottajat="eiole")
    path.write_bytes(xlsx(rows))
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_services", str(path), stderr=err)

    assert raised.value.returncode == 1
    assert "2 virhettä; mitään ei tallennettu" in str(raised.value)
    lines = err.getvalue().splitlines()
    assert lines[0] == "Virheet (rivi, sarake: ongelma):"
    assert lines[1].startswith(f"  rivi {len(rows)}, sarake tuottajat: Tunnusta eiole ei ole.")
    assert lines[2].startswith(f"  rivi {len(rows)}, sarake tila: Arvoa valmis ei ole.")


def test_import_services_command__dry_run_writes_nothing(services, tmp_path):
    path = tmp_path / "palvelut.xlsx"
    path.write_bytes(xlsx(_with_new_row(_exported())))
    out = io.StringIO()

    call_command("import_services", str(path), "--dry-run", stdout=out)

    assert out.getvalue().startswith("Koeajo")
    assert not Service.objects.filter(name_fi=NEW_ROW["nimi"]).exists()


def test_import_services_command__unknown_user_or_file_is_an_error(services, tmp_path):
    path = tmp_path / "palvelut.xlsx"
    path.write_bytes(xlsx(_exported()))

    with pytest.raises(CommandError, match="Käyttäjää eiole ei ole"):
        call_command("import_services", str(path), "--user", "eiole")
    with pytest.raises(CommandError, match="ei voi avata"):
        call_command("import_services", str(tmp_path / "puuttuu.xlsx"))


def test_import_services_command__names_the_encoding(services, tmp_path):
    path = tmp_path / "palvelut.csv"
    path.write_bytes(excel_csv([list(FINNISH_ROW), list(FINNISH_ROW.values())]))
    out = io.StringIO()

    call_command("import_services", str(path), stdout=out)

    assert out.getvalue().strip() == (
        "Palveluja 1: uusia 1, muuttuneita 0, ennallaan 0. Tiedosto luettiin merkistöllä "
        "Windows-1252 (cp1252)."
    )
    _assert_finnish_service_stored()
