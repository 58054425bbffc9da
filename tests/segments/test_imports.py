"""Importing companies and their yearly values from CSV and XLSX, and the export that
round-trips through it: all or nothing, idempotent, errors by row and column."""

import codecs
import datetime
import io
import random
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from stdnum.fi import ytunnus

from core import tabular
from segments import imports
from segments.exports import companies_xlsx
from segments.imports import import_companies
from segments.models import Attribute, AttributeValue, Company, Region, Segment
from tests.factories import (
    AttributeFactory,
    AttributeValueFactory,
    CompanyFactory,
    business_id,
)
from tests.spreadsheets import (
    UNICODE_TEXT_FILES,
    claimed_zip_bomb,
    csv_text,
    excel_csv,
    problems,
    xlsx,
    zip_bomb,
)

pytestmark = pytest.mark.django_db

HEADER = ["y_tunnus", "nimi", "alue", "kotikunta", "toimiala", "perustettu", "segmentti"]
VALUE_HEADER = ["henkilosto:2025", "liikevaihto:2025", "vientiyritys:2025", "kuvaus:2025"]


@pytest.fixture
def attributes(strategy_data):
    return {
        attribute.code: attribute
        for attribute in [
            AttributeFactory(staff=True),
            AttributeFactory(turnover=True, unit="M€"),
            AttributeFactory(exporter=True),
            AttributeFactory(free_text=True),
        ]
    }


def _csv(rows, *, delimiter=";", bom=True):
    return ("\ufeff" if bom else "").encode() + csv_text(rows, delimiter).encode()


def _import(content, filename="yritykset.csv", **options):
    options.setdefault("by", None)
    return import_companies(io.BytesIO(content), filename=filename, **options)


def _good_rows(count=2, start=1):
    return [
        [
            business_id(start + n),
            f"Yritys {start + n} Oy",
            "uusimaa",
            "Helsinki",
            "62010",
            "5.3.2001",
            "",
            str(10 + n),
            "1,5",
            "kyllä",
            "",
        ]
        for n in range(count)
    ]


def _counts(result):
    return (
        result.created,
        result.updated,
        result.unchanged,
        result.values_created,
        result.values_updated,
        result.values_unchanged,
    )


def _business_id_with_remainder_one():
    weights = (7, 9, 10, 5, 8, 4, 2)
    number = 1_000_000
    while sum(w * int(d) for w, d in zip(weights, f"{number:07d}", strict=True)) % 11 != 1:
        number += 1
    return f"{number:07d}-0"


def _wrong_check_digit():
    right = business_id(5)
    return f"{right[:8]}{(int(right[8]) + 1) % 10}"


def test_import_companies__csv_creates_companies_and_values(attributes, ministry_user):
    alfa = [business_id(1), "Alfa Oy", "uusimaa", "Helsinki", "62010", "5.3.2001", ""]
    # A Y-tunnus without its dash, a region by its Finnish name, an ISO date, a segment.
    beta = [business_id(2).replace("-", ""), "Beta Ab", "Varsinais-Suomi", "Turku", "C"]
    rows = [
        [*HEADER, *VALUE_HEADER],
        [*alfa, "12", "1,5", "kyllä", "Ohjelmistoja"],
        [*beta, "2010-01-31", "paikalliset", "1 250", "", "ei", ""],
    ]

    result = _import(_csv(rows), by=ministry_user)

    assert result.ok, result.errors
    assert _counts(result) == (2, 0, 0, 6, 0, 0)
    alfa = Company.objects.get(business_id=business_id(1))
    assert (alfa.name, alfa.region.code, alfa.municipality, alfa.industry, alfa.founded_on) == (
        "Alfa Oy",
        "uusimaa",
        "Helsinki",
        "62010",
        datetime.date(2001, 3, 5),
    )
    assert alfa.segment is None
    values = {v.attribute.code: v.value for v in alfa.attribute_values.select_related("attribute")}
    assert values == {
        "henkilosto": 12,
        "liikevaihto": Decimal("1.5"),
        "vientiyritys": True,
        "kuvaus": "Ohjelmistoja",
    }
    beta = Company.objects.get(business_id=business_id(2))
    assert (beta.region.code, beta.segment.code, beta.founded_on) == (
        "varsinais-suomi",
        "paikalliset",
        datetime.date(2010, 1, 31),
    )
    assert beta.attribute_values.get(attribute__code="henkilosto").value == 1250


def test_import_companies__takes_an_upload_and_a_long_path_as_its_name(attributes, ministry_user):
    upload = SimpleUploadedFile(
        "yritykset.csv", _csv([["y_tunnus", "nimi"], [business_id(1), "A"]])
    )
    filename = "C:\\Users\\virkailija\\" + "pitkä-nimi-" * 20 + ".csv"

    result = import_companies(upload, filename=filename, by=ministry_user)

    assert result.ok, result.errors
    reason = Company.history.get(business_id=business_id(1)).history_change_reason
    assert reason.startswith("Tuonti tiedostosta pitkä-nimi-pitkä-nimi-")
    assert len(reason) <= 100


def test_import_companies__comma_separated_csv_without_bom(attributes):
    content = _csv(
        [["y_tunnus", "nimi", "henkilosto:2025"], [business_id(1), "Alfa, Oy", "7"]],
        delimiter=",",
        bom=False,
    )

    result = _import(content)

    assert result.ok, result.errors
    assert Company.objects.get(business_id=business_id(1)).name == "Alfa, Oy"


def test_import_companies__xlsx_creates_companies_and_values(attributes, ministry_user):
    digits = "0" + business_id(100)[1:].replace("-", "")  # a Y-tunnus with a leading zero
    assert ytunnus.is_valid(digits)
    alfa = [business_id(1), "Alfa Oy", "uusimaa", None, "62010", datetime.date(2001, 3, 5), None]
    rows = [
        [*HEADER, *VALUE_HEADER],
        [*alfa, 12, 1.25, True, "Ohjelmistoja"],
        # A Y-tunnus typed as a number loses its leading zero; 5-digit industries are safe.
        [int(digits), "Beta Oy", None, None, 62010, "5.3.2001", None, 3.0, 7, False, None],
    ]

    result = _import(xlsx(rows), filename="yritykset.xlsx", by=ministry_user)

    assert result.ok, result.errors
    assert _counts(result) == (2, 0, 0, 7, 0, 0)
    alfa = Company.objects.get(business_id=business_id(1))
    assert alfa.founded_on == datetime.date(2001, 3, 5)
    assert alfa.attribute_values.get(attribute__code="liikevaihto").number == Decimal("1.25")
    beta = Company.objects.get(business_id=f"{digits[:7]}-{digits[7]}")
    assert (beta.industry, beta.founded_on) == ("62010", datetime.date(2001, 3, 5))
    assert beta.attribute_values.get(attribute__code="vientiyritys").value is False


def test_import_companies__reimport_changes_nothing(attributes, ministry_user):
    content = _csv([[*HEADER, *VALUE_HEADER], *_good_rows(3)])
    first = _import(content, by=ministry_user)
    history = Company.history.count()
    versions = dict(Company.objects.values_list("business_id", "version"))

    again = _import(content, by=ministry_user)

    assert first.ok and again.ok
    assert _counts(first) == (3, 0, 0, 9, 0, 0)
    assert _counts(again) == (0, 0, 3, 0, 0, 9)
    assert Company.history.count() == history
    assert dict(Company.objects.values_list("business_id", "version")) == versions


def test_import_companies__created_companies_have_history_with_user_and_reason(
    attributes, ministry_user
):
    result = _import(
        _csv([[*HEADER, *VALUE_HEADER], *_good_rows(2)]), filename="uudet.csv", by=ministry_user
    )

    assert result.created == 2
    history = Company.history.filter(business_id__in=[business_id(1), business_id(2)])
    assert (
        sorted(history.values_list("history_type", "history_user", "history_change_reason"))
        == [("+", ministry_user.pk, "Tuonti tiedostosta uudet.csv")] * 2
    )


def test_import_companies__changed_company_is_updated_with_history(attributes, ministry_user):
    _import(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(2)]))
    alfa, beta = Company.objects.order_by("business_id")
    rows = _good_rows(2)
    rows[0][1:4] = ["Alfa Uusi Oy", "Häme", "Hämeenlinna"]
    rows[0][7] = "11"  # was 10
    rows[0][10] = "Uusi kuvaus"  # a value for a new attribute

    result = _import(
        _csv([[*HEADER, *VALUE_HEADER], *rows]), filename="muutos.csv", by=ministry_user
    )

    assert _counts(result) == (0, 1, 1, 1, 1, 5)
    alfa_now = Company.objects.get(pk=alfa.pk)
    assert (alfa_now.name, alfa_now.region.code, alfa_now.municipality) == (
        "Alfa Uusi Oy",
        "hame",
        "Hämeenlinna",
    )
    assert alfa_now.version != alfa.version  # a form opened before sees a conflict
    assert alfa_now.attribute_values.get(attribute__code="henkilosto").value == 11
    latest = alfa_now.history.order_by("-history_id").first()
    assert (latest.history_type, latest.history_user, latest.name) == (
        "~",
        ministry_user,
        "Alfa Uusi Oy",
    )
    assert latest.history_change_reason == "Tuonti tiedostosta muutos.csv"
    assert beta.history.count() == 1  # unchanged: no history row


def test_import_companies__empty_cells_leave_existing_data_alone(attributes):
    _import(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(1)]))
    sparse = [[business_id(1), "Yritys 1 Oy", "", "", "", "", "", "", "", "", ""]]

    result = _import(_csv([[*HEADER, *VALUE_HEADER], *sparse]))

    assert _counts(result) == (0, 0, 1, 0, 0, 0)
    company = Company.objects.get(business_id=business_id(1))
    assert (company.region.code, company.municipality, company.industry) == (
        "uusimaa",
        "Helsinki",
        "62010",
    )
    assert company.attribute_values.count() == 3


def test_import_companies__decimals_are_rounded_once_so_a_reimport_is_unchanged(attributes):
    content = _csv([["y_tunnus", "nimi", "liikevaihto:2025"], [business_id(1), "A", "1,23456"]])

    first, again = _import(content), _import(content)

    assert (first.values_created, again.values_unchanged, again.values_updated) == (1, 1, 0)
    assert AttributeValue.objects.get().number == Decimal("1.2346")


def test_import_companies__segment_of_an_existing_company_may_be_repeated(attributes):
    content = _csv([["y_tunnus", "nimi", "segmentti"], [business_id(1), "A", "paikalliset"]])
    _import(content)

    result = _import(content)

    assert _counts(result)[:3] == (0, 0, 1)


@pytest.mark.parametrize("current", ["suuryritykset", None])
def test_import_companies__segment_change_of_an_existing_company_is_an_error(attributes, current):
    company = CompanyFactory(
        business_id=business_id(1), name="A", segment=Segment.objects.filter(code=current).first()
    )
    content = _csv([["y_tunnus", "nimi", "segmentti"], [business_id(1), "B", "paikalliset"]])

    result = _import(content)

    assert problems(result) == [(2, "segmentti")]
    assert "uudelleensegmentoinnissa" in result.errors[0].message
    company.refresh_from_db()
    assert (company.name, company.segment_id) == (
        "A",
        Segment.objects.filter(code=current).values_list("pk", flat=True).first(),
    )


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("y_tunnus", "12345A7-8", "vain numeroita"),
        ("y_tunnus", "123456-7", "seitsemän numeroa"),
        ("y_tunnus", _business_id_with_remainder_one(), "jakojäännös 1"),
        ("y_tunnus", _wrong_check_digit(), "tarkistusnumero on väärä"),
        ("y_tunnus", "", "Y-tunnus puuttuu"),
        ("y_tunnus", "1" * 5000, "liian pitkä"),
        ("nimi", "", "nimi puuttuu"),
        ("nimi", "x" * 301, "enintään 300"),
        ("kotikunta", "x" * 101, "enintään 100"),
        ("alue", "atlantis", "Aluetta atlantis ei ole"),
        ("segmentti", "olematon", "Segmenttiä olematon ei ole"),
        ("toimiala", "62-01", "TOL 2008"),
        ("perustettu", "31.2.2020", "ei ole päivämäärä"),
        ("henkilosto:2025", "paljon", "ei ole kokonaisluku"),
        ("henkilosto:2025", "2,5", "ei ole kokonaisluku"),
        ("liikevaihto:2025", "1,2,3", "ei ole luku"),
        # Decimal reads these, but int() of them fails or takes minutes.
        ("henkilosto:2025", "Infinity", "ei ole kokonaisluku"),
        ("henkilosto:2025", "1e999999", "ei ole kokonaisluku"),
        ("henkilosto:2025", "sNaN", "ei ole kokonaisluku"),
        ("liikevaihto:2025", "NaN", "ei ole luku"),
        ("liikevaihto:2025", "9" * 50, "liian suuri"),
        ("henkilosto:2025", "1" + "0" * 16, "liian suuri"),
        ("vientiyritys:2025", "ehkä", "ei ole kyllä tai ei"),
        ("nimi", "=cmd|' /C calc'!A0", "kaava"),
        ("henkilosto:2025", "=1+1", "kaava"),
        ("nimi", "Yritys\x00 Oy", "ohjausmerkki"),
        ("kotikunta", "Espoo\nHelsinki", "ohjausmerkki"),
        ("nimi", "Yritys \u202eyO", "ohjausmerkki"),
    ],
)
def test_import_companies__bad_cell_is_reported_and_nothing_is_written(
    attributes, column, value, expected
):
    header = [*HEADER, "henkilosto:2025", "liikevaihto:2025", "vientiyritys:2025"]
    good = [business_id(1), "Hyvä Oy", "", "", "", "", "", "1", "1", "ei"]
    bad = [business_id(2), "Huono Oy", "", "", "", "", "", "", "", ""]
    bad[header.index(column)] = value
    companies, values = Company.objects.count(), AttributeValue.objects.count()

    result = _import(_csv([header, good, bad]))

    assert problems(result) == [(3, column)]
    assert expected in result.errors[0].message
    assert str(result.errors[0]).startswith(f"rivi 3, sarake {column}: ")
    assert _counts(result) == (0, 0, 0, 0, 0, 0)
    assert (Company.objects.count(), AttributeValue.objects.count()) == (companies, values)


@pytest.mark.parametrize(
    ("header", "column", "expected"),
    [
        (["y_tunnus", "nimi", "olematon:2025"], "olematon:2025", "Ominaisuutta olematon ei ole"),
        (["y_tunnus", "nimi", "henkilosto:20x5"], "henkilosto:20x5", "vuosi 20x5"),
        (["y_tunnus", "nimi", "henkilosto:1800"], "henkilosto:1800", "1900–2100"),
        (["y_tunnus", "nimi", "henkilosto:"], "henkilosto:", "ei ole vuosiluku"),
        (["y_tunnus", "nimi", "puhelin"], "puhelin", "Tuntematon sarake"),
        (["y_tunnus", "kotikunta"], "nimi", "Pakollinen sarake puuttuu"),
        (["nimi"], "y_tunnus", "Pakollinen sarake puuttuu"),
        (["y_tunnus", "nimi", "Nimi"], "Nimi", "kahdesti"),
        (["y_tunnus", "nimi", ""], "3.", "otsikko puuttuu"),
    ],
)
def test_import_companies__bad_header_is_reported(attributes, header, column, expected):
    content = _csv([header, [business_id(1), "A", "1"][: len(header)]])

    result = _import(content)

    assert (result.errors[0].row, result.errors[0].column) == (1, column)
    assert expected in result.errors[0].message
    assert not Company.objects.filter(business_id=business_id(1)).exists()


def test_import_companies__header_names_are_forgiving(attributes):
    content = _csv([["Y-tunnus", " Nimi ", "Valmis siirtymään"], [business_id(1), "A", "kyllä"]])

    result = _import(content)

    assert result.ok, result.errors
    assert Company.objects.get(business_id=business_id(1)).is_ready_to_move is False


def test_import_companies__duplicate_business_id_is_an_error(attributes):
    rows = [["y_tunnus", "nimi"], [business_id(1), "A"], [business_id(1).replace("-", ""), "B"]]

    result = _import(_csv(rows))

    assert problems(result) == [(3, "y_tunnus")]
    assert result.errors[0].message == f"Y-tunnus {business_id(1)} on tiedostossa jo rivillä 2."
    assert not Company.objects.filter(business_id=business_id(1)).exists()


def test_import_companies__one_bad_row_among_fifty_writes_nothing(attributes, ministry_user):
    rows = _good_rows(50)
    rows[25][7] = "viisi"
    history = Company.history.count()

    result = _import(_csv([[*HEADER, *VALUE_HEADER], *rows]), by=ministry_user)

    assert problems(result) == [(27, "henkilosto:2025")]
    assert not Company.objects.filter(name__startswith="Yritys ").exists()
    assert AttributeValue.objects.count() == 0
    assert Company.history.count() == history


def test_import_companies__cells_without_a_header_are_errors(attributes):
    rows = [["y_tunnus", "nimi"], [business_id(1), "A", "", "ylimääräinen"]]

    result = _import(_csv(rows))

    assert problems(result) == [(2, "4.")]


def test_import_companies__blank_rows_are_skipped_and_rows_keep_their_numbers(attributes):
    rows = [["y_tunnus", "nimi"], [business_id(1), "A"], ["", ""], [business_id(2), ""]]

    result = _import(_csv(rows))

    assert problems(result) == [(4, "nimi")]


def test_import_companies__hostile_text_is_stored_as_plain_text(attributes):
    names = {
        business_id(1): "<script>alert(1)</script> Oy",
        business_id(2): "+358 Palvelut Oy",
        business_id(3): "@Työ Oy",
        business_id(4): "'=SUM(A1) Oy",  # the export's escape of a text starting with =
    }
    rows = [["y_tunnus", "nimi"], *([bid, name] for bid, name in names.items())]

    result = _import(_csv(rows))

    assert result.ok, result.errors
    stored = dict(Company.objects.filter(business_id__in=names).values_list("business_id", "name"))
    assert stored == {**names, business_id(4): "=SUM(A1) Oy"}


def test_import_companies__xlsx_formula_and_error_cells_are_errors(attributes):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["y_tunnus", "nimi", "henkilosto:2025"])
    sheet.append([business_id(1), "A", "=1+1"])
    sheet.append([business_id(2), "#N/A", 5])
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = _import(buffer.getvalue(), filename="kaavat.xlsx")

    assert problems(result) == [(2, "henkilosto:2025"), (3, "nimi")]
    assert "kaava" in result.errors[0].message
    assert "#N/A" in result.errors[1].message


def _valid_xlsx():
    return xlsx([["y_tunnus", "nimi"], [business_id(1), "A"]])


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b"", "tyhja.csv", "Tiedosto on tyhjä"),
        (b"\xef\xbb\xbf\r\n\r\n", "tyhja.csv", "Tiedosto on tyhjä"),
        (b"y_tunnus;nimi\r\n;\r\n", "otsikko.csv", "ei ole yhtään yritysriviä"),
        (b"%PDF-1.4 ...", "yritykset.pdf", "Tiedostotyyppiä ei voi tuoda"),
        (b"\xd0\xcf\x11\xe0 old excel", "yritykset.xls", "Vanhaa Excel-muotoa"),
        (b"y_tunnus;nimi\n", "yritykset", "Tiedostotyyppiä ei voi tuoda"),
        (b"not a zip at all", "rikki.xlsx", "ei ole kelvollinen Excel-tiedosto"),
        (_valid_xlsx()[:300], "katkennut.xlsx", "ei ole kelvollinen Excel-tiedosto"),
        (_valid_xlsx(), "vaara-paate.csv", "se on Excel-tiedosto"),
        # 0x81 is no character in Windows-1252, and the file is not UTF-8 either.
        (b"y_tunnus;nimi\n1;\x81\xe4\n", "outo.csv", "Tiedoston merkistöä ei tunnistettu"),
        (codecs.BOM_UTF16_LE + "\r\n \r\n".encode("utf-16-le"), "tyhja.csv", "Tiedosto on tyhjä"),
        (codecs.BOM_UTF16_LE + b"y\x00_", "pariton.csv", "ei ole kokonaan tätä merkistöä"),
    ],
)
def test_import_companies__unreadable_file_is_reported(attributes, content, filename, expected):
    companies = Company.objects.count()

    result = _import(content, filename=filename)

    assert not result.ok
    assert expected in result.errors[0].message
    assert Company.objects.count() == companies


def test_import_companies__zip_that_is_not_a_workbook_is_reported(attributes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    result = _import(buffer.getvalue(), filename="paketti.xlsx")

    assert "ei ole kelvollinen Excel-tiedosto" in result.errors[0].message


def test_import_companies__two_encodings_in_one_file_are_refused_naming_the_rows(attributes):
    # Rows pasted from a UTF-8 file into a Windows-1252 one: read as either, names would be
    # stored garbled ("MÃ¤ki Oy").
    content = (
        b"y_tunnus;nimi\n"
        + f"{business_id(1)};Mäki Oy\n".encode()
        + f"{business_id(2)};Äijä Oy\n".encode("cp1252")
    )

    result = _import(content)

    assert problems(result) == [(3, "")]
    assert str(result.errors[0]) == (
        "rivi 3: Tiedostossa on kahta merkistöä: rivi 2 on UTF-8-merkistöä, mutta rivi 3 ei "
        "ole. Tallenna koko tiedosto uudelleen samalla tavalla (Excelissä: Tallenna nimellä "
        "> CSV UTF-8)."
    )
    assert not Company.objects.filter(business_id__in=[business_id(1), business_id(2)]).exists()


def test_import_companies__too_large_file_is_refused_naming_the_limit(attributes, settings):
    settings.IMPORT_MAX_BYTES = 100
    content = _csv([["y_tunnus", "nimi"], *_good_rows(10)])

    for upload in (io.BytesIO(content), SimpleUploadedFile("yritykset.csv", content)):
        result = import_companies(upload, filename="yritykset.csv", by=None)

        assert problems(result) == [(None, "")]
        assert str(result.errors[0]) == (
            "tiedosto: Tiedosto on liian suuri: enintään 100\xa0tavua. Jaa se osiin."
        )
    assert not Company.objects.filter(name__startswith="Yritys ").exists()


def test_import_companies__xlsx_that_unpacks_too_large_is_refused_naming_the_limit(
    attributes, settings
):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1000

    result = _import(_valid_xlsx(), filename="pommi.xlsx")

    assert result.errors[0].message.startswith("Excel-tiedosto on purettuna liian suuri: ")
    assert "enintään 1000\xa0tavua. Jaa se osiin." in result.errors[0].message


# What Finnish Excel writes -----------------------------------------------------------------

# A company as typed in Finnish Excel: the letters of Finnish and Swedish, the euro sign and
# Excel's typographic dash and quotes, all in Windows-1252.
FINNISH_ROW = {
    "nimi": "Åbo Öljy & Äijälä Ab",
    "kotikunta": "Hämeenlinna",
    "kuvaus:2025": "Hinta 5 € – ”hyvä” ja ’hyvin’",
}


def _finnish_rows():
    return [
        ["y_tunnus", *FINNISH_ROW, "liikevaihto:2025"],
        [business_id(1), *FINNISH_ROW.values(), "1 234,5"],
    ]


def _assert_finnish_company_stored():
    company = Company.objects.get(business_id=business_id(1))
    assert (company.name, company.municipality) == (FINNISH_ROW["nimi"], "Hämeenlinna")
    values = {v.attribute.code: v.value for v in company.attribute_values.all()}
    assert values == {"kuvaus": FINNISH_ROW["kuvaus:2025"], "liikevaihto": Decimal("1234.5")}


def test_import_companies__cp1252_semicolon_csv_saved_by_finnish_excel(attributes, ministry_user):
    # Excel's "CSV (erotinmerkein eroteltu)" in Finland: Windows-1252, semicolons, no BOM.
    content = excel_csv(_finnish_rows())

    result = _import(content, by=ministry_user)

    assert result.ok, result.errors
    assert (result.encoding, result.created, result.values_created) == (
        "Windows-1252 (cp1252)",
        1,
        2,
    )
    assert result.summary().endswith("Tiedosto luettiin merkistöllä Windows-1252 (cp1252).")
    _assert_finnish_company_stored()


@UNICODE_TEXT_FILES
def test_import_companies__utf8_and_utf16_files_name_their_encoding(
    attributes, encoding, bom, delimiter, extension, name
):
    content = excel_csv(_finnish_rows(), encoding, delimiter, bom)

    result = _import(content, filename=f"yritykset.{extension}")

    assert result.ok, result.errors
    assert result.encoding == name
    assert result.summary().endswith(f"Tiedosto luettiin merkistöllä {name}.")
    _assert_finnish_company_stored()


def test_import_companies__short_ascii_csv_is_utf8(attributes):
    result = _import(b"y_tunnus;nimi\n" + f"{business_id(1)};A Oy\n".encode())

    assert result.ok, result.errors
    assert result.summary() == (
        "Yrityksiä 1: uusia 1, muuttuneita 0, ennallaan 0. Ominaisuusarvoja: uusia 0, "
        "muuttuneita 0, ennallaan 0. Tiedosto luettiin merkistöllä UTF-8."
    )


def test_import_companies__short_upper_case_cp1252_is_still_cp1252(attributes):
    # A statistical detector refuses this (too many accents for so few letters).
    content = f"y_tunnus;nimi\r\n{business_id(1)};ÄÄNEKOSKEN ÖLJY OY\r\n".encode("cp1252")

    result = _import(content)

    assert result.ok, result.errors
    assert result.encoding == "Windows-1252 (cp1252)"
    assert Company.objects.get(business_id=business_id(1)).name == "ÄÄNEKOSKEN ÖLJY OY"


def test_import_companies__errors_in_a_cp1252_file_name_the_encoding(attributes):
    content = "y_tunnus;nimi\r\n1234567-2;Väärä Oy\r\n".encode("cp1252")

    result = _import(content)

    assert problems(result) == [(2, "y_tunnus")]
    assert result.summary() == (
        "Tiedostossa yritykset.csv on 1 virhe; mitään ei tallennettu. Tiedosto luettiin "
        "merkistöllä Windows-1252 (cp1252)."
    )


def test_import_companies__hostile_cells_in_utf16_and_cp1252_are_errors(attributes):
    hostile = [
        ["y_tunnus", "nimi"],
        [business_id(1), "=cmd|' /C calc'!A0"],
        [business_id(2), "Nolla\x00tavu Oy"],
        [business_id(3), "Käänteinen \u202eyO"],
    ]
    for content in (
        codecs.BOM_UTF16_LE + csv_text(hostile).encode("utf-16-le"),
        csv_text([*hostile[:3], [business_id(3), "Tab\tOy"]]).encode("cp1252"),
    ):
        result = _import(content)

        assert problems(result) == [(2, "nimi"), (3, "nimi"), (4, "nimi")], result.errors
        assert "kaava" in result.errors[0].message
        assert result.errors[1].message.startswith("Solussa on ohjausmerkki")
    assert not Company.objects.filter(business_id__in=[business_id(n) for n in (1, 2, 3)]).exists()


def _junk(size, *, seed):
    return random.Random(seed).randbytes(size)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            _junk(4096, seed=1),
            "Tiedosto ei ole tekstitiedosto, jonka voisi tuoda (siinä on nollatavuja)",
        ),
        # A picture or PDF renamed .csv, without NUL bytes: not text in any encoding.
        (
            bytes(b for b in _junk(8192, seed=2) if b not in (0, 0x81, 0x8D, 0x8F, 0x90, 0x9D)),
            "Tiedosto ei ole tekstitiedosto (CSV) millään tunnetulla merkistöllä.",
        ),
        ("y_tunnus;nimi\r\n1;A Oy\r\n".encode("utf-16-le"), "UTF-16-tekstiä ilman"),
    ],
)
def test_import_companies__binary_junk_named_csv_is_refused(attributes, content, expected):
    companies = Company.objects.count()

    result = _import(content, filename="roskaa.csv")

    assert problems(result) == [(None, "")]
    assert expected in result.errors[0].message
    assert Company.objects.count() == companies


def test_import_companies__wrong_delimiter_is_named(attributes):
    content = f"y_tunnus|nimi\r\n{business_id(1)}|A Oy\r\n".encode()

    result = _import(content)

    assert [str(problem) for problem in result.errors] == [
        "rivi 1: Otsikkorivillä on vain yksi sarake (y_tunnus|nimi): sarakkeiden erottimena "
        "pitää olla puolipiste, pilkku tai sarkain, mutta tiedostossa on ehkä |."
    ]
    assert not Company.objects.filter(business_id=business_id(1)).exists()


# Zip bombs: refused from the zip's directory, before anything is unpacked -------------------


def _no_unpacking(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(tabular, "load_workbook", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "read", refuse)
    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_import_companies__xlsx_zip_bomb_is_refused_without_unpacking(attributes, monkeypatch):
    content = zip_bomb(64)
    assert len(content) < 100 * 1024
    _no_unpacking(monkeypatch)

    result = _import(content, filename="pommi.xlsx")

    assert problems(result) == [(None, "")]
    # The ratio itself (about 1000:1) is zlib's to decide.
    assert re.fullmatch(
        "Excel-tiedostoa ei tuoda: sen osa xl/worksheets/sheet1.xml pakkautuu epätavallisen "
        "tiiviisti \\(64,0\xa0MB purettuna, yli [\\d\xa0]+:1; enintään 100:1\\). Tiedosto ei "
        "ole tavallinen taulukko.",
        result.errors[0].message,
    )


def test_import_companies__xlsx_claiming_gigabytes_unpacked_is_refused(attributes, monkeypatch):
    content = claimed_zip_bomb(4 * 1024**3 - 1)
    assert len(content) < 2048
    _no_unpacking(monkeypatch)

    result = _import(content, filename="pommi.xlsx")

    assert result.errors[0].message == (
        "Excel-tiedosto on purettuna liian suuri: 4,0\xa0GB, enintään 512,0\xa0MB. Jaa se osiin."
    )


def test_import_companies__zip_of_too_many_members_is_refused(attributes, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(20_000):
            archive.writestr(f"x/{number:05d}", b"")
    monkeypatch.setattr(
        zipfile, "ZipFile", lambda *args, **kwargs: pytest.fail("the directory was read")
    )

    result = _import(buffer.getvalue(), filename="osia.xlsx")

    assert result.errors[0].message.startswith("Excel-tiedostossa on liian monta osaa")


def test_import_companies__concurrent_insert_is_reported_not_raised(attributes, monkeypatch):
    def collide(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: segments_company.business_id")

    monkeypatch.setattr(imports, "bulk_create_with_history", collide)

    result = _import(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(2)]))

    assert problems(result) == [(None, "")]
    assert "samaan aikaan" in result.errors[0].message
    assert not Company.objects.filter(name__startswith="Yritys ").exists()


def test_import_companies__too_many_rows_are_refused_naming_the_limit(attributes, settings):
    settings.IMPORT_MAX_COMPANY_ROWS = 3
    assert _import(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(3)]), dry_run=True).ok

    result = _import(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(4)]))

    assert [str(problem) for problem in result.errors] == [
        "tiedosto: Tiedostossa on yli 3 yritysriviä. Jaa se osiin."
    ]
    assert Company.objects.filter(name__startswith="Yritys ").count() == 0


def test_import_companies__error_list_is_capped_with_a_count_of_the_rest(attributes, monkeypatch):
    monkeypatch.setattr(imports, "MAX_LISTED_ERRORS", 3)
    rows = [["y_tunnus", "nimi"], *(["bad", f"Yritys {n}"] for n in range(5))]

    result = _import(_csv(rows))

    assert (len(result.errors), result.error_count, result.errors_not_listed) == (3, 5, 2)
    assert result.error_lines()[-1] == "… ja 2 muuta virhettä."


def test_import_companies__dry_run_counts_but_writes_nothing(attributes):
    result = _import(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(2)]), dry_run=True)

    assert result.ok and result.dry_run
    assert _counts(result) == (2, 0, 0, 6, 0, 0)
    assert not Company.objects.filter(name__startswith="Yritys ").exists()
    assert result.summary().startswith("Koeajo")


@pytest.fixture
def exported_world(attributes):
    local = Segment.objects.get(code="paikalliset")
    region = Region.objects.get(code="uusimaa")
    zero = next(business_id(n) for n in range(1, 400) if business_id(n).startswith("0"))
    companies = [
        CompanyFactory(
            business_id=zero,
            name="-Miinus & <b>Oy</b>",
            region=region,
            municipality="Espoo",
            industry="01110",
            founded_on=datetime.date(1999, 12, 31),
            segment=local,
            is_ready_to_move=True,
        ),
        CompanyFactory(business_id=business_id(500), name="=Kaava Oy"),
    ]
    values = [
        (companies[0], "henkilosto", 2025, Decimal(250), None),
        (companies[0], "henkilosto", 2026, Decimal(-3), None),
        (companies[0], "liikevaihto", 2025, Decimal("1234.5678"), None),
        (companies[0], "liikevaihto", 2026, Decimal("123456789012.3456"), None),
        (companies[0], "vientiyritys", 2025, Decimal(1), None),
        (companies[1], "kuvaus", 2025, None, '=HYPERLINK("http://x")'),
        (companies[1], "kuvaus", 2026, None, "-"),
    ]
    for company, code, year, number, text in values:
        AttributeValueFactory(
            company=company, attribute=attributes[code], year=year, number=number, text=text
        )
    return companies


def test_companies_xlsx__export_then_import_changes_nothing(attributes, exported_world):
    history = Company.history.count()
    content = companies_xlsx(
        Company.objects.filter(pk__in=[c.pk for c in exported_world]),
        years=[2025, 2026],
        attributes=Attribute.objects.all(),
    )

    result = _import(content, filename="vienti.xlsx")

    assert result.ok, result.errors
    assert _counts(result) == (0, 0, 2, 0, 0, 7)
    assert Company.history.count() == history


def test_companies_xlsx__cells_keep_their_types_and_formulas_are_escaped(
    attributes, exported_world
):
    content = companies_xlsx(
        Company.objects.filter(pk__in=[c.pk for c in exported_world]).order_by("business_id"),
        years=[2025],
        attributes=[attributes["henkilosto"], attributes["liikevaihto"], attributes["kuvaus"]],
    )

    sheet = load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert rows[0] == [
        *imports.COMPANY_COLUMNS,
        "henkilosto:2025",
        "liikevaihto:2025",
        "kuvaus:2025",
    ]
    first, second = rows[1], rows[2]
    assert first[0] == exported_world[0].business_id and first[0].startswith("0")
    assert first[1:5] == ["'-Miinus & <b>Oy</b>", "uusimaa", "Espoo", "01110"]
    assert first[5] == datetime.datetime(1999, 12, 31)
    assert first[6:] == ["paikalliset", "kyllä", 250, 1234.5678, None]
    assert second[1] == "'=Kaava Oy"
    assert second[-1] == '\'=HYPERLINK("http://x")'
    assert sheet.cell(row=2, column=1).data_type == "s"


def test_companies_xlsx__queries_do_not_grow_with_companies(attributes, django_assert_num_queries):
    def export(count):
        Company.objects.all().delete()
        for n in range(count):
            CompanyFactory(
                business_id=business_id(n + 1),
                name=f"Y{n}",
                values={attributes["henkilosto"]: n},
                values__year=2025,
            )
        with django_assert_num_queries(2):
            return companies_xlsx(
                Company.objects.all(), years=[2025], attributes=list(attributes.values())
            )

    export(3)
    export(30)


def test_import_companies_command__prints_the_counts(attributes, ministry_user, tmp_path):
    path = tmp_path / "yritykset.csv"
    path.write_bytes(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(2)]))
    out = io.StringIO()

    call_command("import_companies", str(path), "--user", ministry_user.username, stdout=out)

    assert "uusia 2, muuttuneita 0, ennallaan 0" in out.getvalue()
    assert Company.history.filter(history_user=ministry_user).count() == 2


def test_import_companies_command__errors_exit_with_status_1(attributes, tmp_path):
    path = tmp_path / "virheet.csv"
    path.write_bytes(_csv([["y_tunnus", "nimi"], ["1234567-8", "A"], [business_id(1), ""]]))
    err = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_companies", str(path), stderr=err)

    assert raised.value.returncode == 1
    assert "2 virhettä; mitään ei tallennettu" in str(raised.value)
    lines = err.getvalue().splitlines()
    assert lines[1].startswith("  rivi 2, sarake y_tunnus: Y-tunnuksen 1234567-8 tarkistusnumero")
    assert lines[2] == "  rivi 3, sarake nimi: Yrityksen nimi puuttuu."


def test_import_companies_command__dry_run_writes_nothing(attributes, tmp_path):
    path = tmp_path / "yritykset.csv"
    path.write_bytes(_csv([[*HEADER, *VALUE_HEADER], *_good_rows(2)]))
    out = io.StringIO()

    call_command("import_companies", str(path), "--dry-run", stdout=out)

    assert out.getvalue().startswith("Koeajo")
    assert not Company.objects.filter(name__startswith="Yritys ").exists()


def test_import_companies_command__unknown_user_is_an_error(attributes, tmp_path):
    path = tmp_path / "yritykset.csv"
    path.write_bytes(_csv([["y_tunnus", "nimi"], [business_id(1), "A"]]))

    with pytest.raises(CommandError, match="Käyttäjää eiole ei ole"):
        call_command("import_companies", str(path), "--user", "eiole")


def test_import_companies_command__missing_file_is_an_error(attributes, tmp_path):
    with pytest.raises(CommandError, match="ei voi avata"):
        call_command("import_companies", str(tmp_path / "puuttuu.csv"))


def test_import_companies_command__names_the_encoding(attributes, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(excel_csv(_finnish_rows()))
    out = io.StringIO()

    call_command("import_companies", str(path), stdout=out)

    assert "Tiedosto luettiin merkistöllä Windows-1252 (cp1252)." in out.getvalue()
    _assert_finnish_company_stored()


# The admin's import page --------------------------------------------------------------------


def test_company_import__a_finnish_excel_csv_is_imported_and_its_encoding_named(
    client, attributes, ministry_user
):
    client.force_login(ministry_user)
    upload = SimpleUploadedFile("excel.csv", excel_csv(_finnish_rows()))

    response = client.post(reverse("admin:segments_company_import"), {"file": upload})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tiedosto luettiin merkistöllä Windows-1252 (cp1252)." in page
    _assert_finnish_company_stored()
    assert Company.history.get(business_id=business_id(1)).history_user == ministry_user


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("roskaa.csv", _junk(4096, seed=3), "nollatavuja"),
        ("pommi.xlsx", claimed_zip_bomb(4 * 1024**3 - 1), "enintään 512,0\xa0MB"),
        ("outo.csv", b"y_tunnus;nimi\r\n\x81\r\n", "Tiedoston merkistöä ei tunnistettu"),
        ("tyhja.csv", codecs.BOM_UTF16_BE + "\r\n".encode("utf-16-be"), "Tiedosto on tyhjä"),
        ("vaara.csv", csv_text(_finnish_rows(), "|").encode(), "tiedostossa on ehkä |"),
    ],
)
def test_company_import__bad_files_are_refused_on_the_page_and_nothing_saved(
    client, attributes, ministry_user, name, content, expected
):
    client.force_login(ministry_user)
    companies = Company.objects.count()

    response = client.post(
        reverse("admin:segments_company_import"), {"file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Mitään ei tallennettu." in page
    assert expected in page
    assert Company.objects.count() == companies


def test_company_import__errors_of_a_cp1252_file_name_the_encoding_on_the_page(
    client, attributes, ministry_user
):
    client.force_login(ministry_user)
    content = "y_tunnus;nimi\r\n1234567-2;Väärä Oy\r\n".encode("cp1252")

    response = client.post(
        reverse("admin:segments_company_import"),
        {"file": SimpleUploadedFile("excel.csv", content)},
    )

    page = response.content.decode()
    assert (
        "Tiedostossa on 1 virhe. Mitään ei tallennettu. Tiedosto luettiin merkistöllä "
        "Windows-1252 (cp1252)."
    ) in page
    assert "<td>2</td><td>y_tunnus</td>" in page
    assert not Company.objects.filter(name="Väärä Oy").exists()
