"""load_strategy_2008: the report's organisations, regions and governance structure, word for
word; idempotent, user edits kept."""

import pytest
from django.core.management import call_command

from governance.initial_data import load_strategy_2008
from governance.models import (
    Body,
    BodyResponsibility,
    ClockEvent,
    Membership,
    MinistryUnitRole,
    QuestionAlternative,
    RegionalTask,
    StrategicQuestion,
    WorkPhase,
)
from offerings.models import Organisation
from segments.models import Region
from segments.seeding import LOADER_REASON

pytestmark = pytest.mark.django_db

# 15 regions, 25 organisations, 110 segment rows, 62 offering rows, 9 responsibility rows,
# and 242 governance rows: 21 bodies, 174 responsibilities (9 × 2 of 6.1, 7 × 3 of 6.2,
# 9 × 15 of 6.3), 6 ministry roles and 8 memberships of 6.4, 11 strategic questions with 18
# alternatives, 4 phases of section 7.
TOTAL_ROWS = 463


def _history_rows():
    return sum(
        model.history.count()
        for model in (
            Organisation,
            Region,
            Body,
            BodyResponsibility,
            Membership,
            StrategicQuestion,
            QuestionAlternative,
            WorkPhase,
        )
    )


def _edited(row, reason, by=None, **fields):
    """The row saved with new values, its history row saying why (and who, where given)."""
    for name, value in fields.items():
        setattr(row, name, value)
    row._change_reason = reason
    if by is not None:
        row._history_user = by
    row.save()
    return row


def test_load__creates_the_report_organisations_and_regions(empty_db):
    report = load_strategy_2008()
    assert Region.objects.count() == 15
    assert Organisation.objects.filter(kind="te_centre").count() == 15
    assert set(Organisation.objects.filter(kind="agency").values_list("code", flat=True)) == {
        "finnvera",
        "finpro",
        "tekes",
        "vtt",
        "gtk",
    }
    units = Organisation.objects.filter(kind="ministry_unit")
    assert {u.name_fi for u in units} == {
        "Konserniohjaus",
        "Työllisyys- ja yrittäjyysosasto",
        "Innovaatio-osasto",
        "Konsernipalveluiden kehittämiskeskus",
    }
    assert all(u.parent.code == "tem" for u in units)
    assert len(report.created) == TOTAL_ROWS


def test_load__every_organisation_has_finnish_and_swedish_names(strategy_data):
    for organisation in Organisation.objects.all():
        assert organisation.name_fi and organisation.name_sv, organisation.code
    vs = Organisation.objects.get(code="te-varsinais-suomi")
    assert (vs.name_fi, vs.name_sv) == (
        "Varsinais-Suomen TE-keskus",
        "TE-centralen i Egentliga Finland",
    )
    assert vs.region.name_fi == "Varsinais-Suomi"


def test_load__writes_history_with_the_loader_reason(strategy_data):
    row = Organisation.history.get(code="finnvera")
    assert row.history_type == "+"
    assert row.history_change_reason == LOADER_REASON
    assert row.history_user is None


def _rows():
    return [
        list(Organisation.objects.values()),
        list(Body.objects.values()),
        list(Body.segments.through.objects.values_list("body_id", "segment_id")),
        list(BodyResponsibility.objects.values()),
        list(Membership.objects.values()),
        list(StrategicQuestion.objects.values()),
        list(QuestionAlternative.objects.values()),
        list(WorkPhase.objects.values()),
    ]


def test_load__running_twice_changes_nothing():
    load_strategy_2008()
    before = (_history_rows(), _rows())
    report = load_strategy_2008()
    assert not report.changed_anything
    assert report.unchanged == TOTAL_ROWS
    assert (_history_rows(), _rows()) == before


def test_load__keeps_and_reports_a_row_a_user_has_edited(ministry_user):
    finpro = _edited(
        Organisation.objects.get(code="finpro"),
        "Nimi päivitetty",
        by=ministry_user,
        name_sv="Finpro rf (Business Finland)",
    )

    report = load_strategy_2008()

    finpro.refresh_from_db()
    assert finpro.name_sv == "Finpro rf (Business Finland)"
    assert len(report.kept_user_edits) == 1
    assert "Finpro" in report.kept_user_edits[0] and "name_sv" in report.kept_user_edits[0]


def test_load__brings_a_row_it_still_owns_up_to_date():
    load_strategy_2008()
    # As if an earlier release of the loader had written another name.
    gtk = _edited(Organisation.objects.get(code="gtk"), LOADER_REASON, name_en="Old name")

    report = load_strategy_2008()

    gtk.refresh_from_db()
    assert gtk.name_en == "Geological Survey of Finland"
    assert report.updated == ["organisaatio: Geologian tutkimuskeskus"]


def test_load_command__reports_what_it_did(empty_db, capsys):
    call_command("load_strategy_2008")
    call_command("load_strategy_2008")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"Alkutiedot ladattu: luotu {TOTAL_ROWS}, päivitetty 0")
    assert out[1].startswith(f"Alkutiedot ladattu: luotu 0, päivitetty 0, ennallaan {TOTAL_ROWS}")


# --- The governance structure (6, 6.1–6.4), questions (5.1.1, 5.1.3, 5.4, 5.5, 6.3, 8) and
# phases (7). The expected texts below are quoted from the report, line by line.

REPORT_6_1 = [
    "vastaa asiakkuusstrategian linjauksista ja strategiatyön toteutuskonseptista",
    "varmistaa, että TEM:n hallinnonalan toimijoiden asiakkuusstrategiat noudattavat yhteistä linjaa",
    "täsmentää eri toimijoiden pääroolit osana asiakkuuksien johtamisen kokonaiskuvaa",
    "määrittelee tilaaja-tuottajamallin mukaiset päälinjaukset",
    "ohjaa asiakassegmenttikohtaisten työryhmien toimintaa ja ottaa kantaa niiden esityksiin",
    "määrittelee asiakkuuksien johtamisen tavoitteet, mittarit ja ohjauskäytännöt",
    "omistaa Yritys-Suomi -brändin",
    "ottaa kantaa asiakkuuksien hallinnan (=asiakastietojen vaihtamisen) kysymyksiin sekä yhteisten tietojärjestelmien ja muun infran rakentamiseen ja ylläpitoon asiakassegmenttikohtaisten työryhmien ja alueellisten asiakkuustyöryhmien tarpeiden pohjalta",
    "ohjaa sähköisten palvelukanavien kehittämistä",
]

REPORT_6_2 = [
    "toteuttaa asiakkuusstrategiaryhmän linjauksia ja vie esityksiä sen päätettäväksi (ml. tavoitteet ja painopistealueet)",
    "tunnistaa ko. segmenttien yritysten tarpeet (= yhteinen tarveanalyysi) ja määrittelee tarpeita vastaavat tarjoomat (karsii päällekkäisyydet ja tunnistaa puutteet)",
    "määrittelee palvelumallit, huomioi myös eri palvelukanavat",
    "täsmentää eri toimijoiden roolit ja vastuut, myös kumppanuudet",
    "ohjaa alueellisten asiakkuustyöryhmien toimintaa, asettaa niille tavoitteet ja seuraa niiden toteutumista asiakkuusstrategiaryhmän linjausten mukaisesti",
    "jalkauttaa asiakkuusstrategiaryhmän vahvistamat toimintamallit kaikkiin organisaatioihin keskitetyssä ohjauksessa",
    "ohjaa ja varmistaa tilaaja-tuottajamallin mukaisen toimintatavan",
]

REPORT_6_3 = [
    "ohjaa julkisten yrityspalveluiden käytännön asiakastyötä ylemmiltä ryhmiltä tulevien linjausten mukaisesti",
    "jalkauttaa asiakassegmenttikohtaiselta tasolta tulevat strategiat ja käytännön toimintamallit oman alueensa käytännön asiakastyöhön",
    "huomioi tehdyt työnjakosopimukset ja eri toimijoiden roolit",
    "varmistaa ja sopii tilaaja-tuottajamalli mukaisesta palvelutuotannosta",
    "huomioi alueelliset painopisteet",
    "tekee jatkuvaa asiakastarveanalyysiä => vie tarvittaessa viestiä ylöspäin",
    "tekee jatkuvaa vaikuttavuuden seuranta",
    "kehittää asiakaspalvelumalleja yhteistyössä asiakassegmenttikohtaisten työryhmien kanssa",
    "osallistuu alueellisen elinkeinostrategian työstämiseen",
]

# 6.4, paragraph by paragraph (the units' names in bold in the report).
REPORT_6_4 = [
    (
        "tem",
        "TEM:n rooli asiakkuusstrategiatyössä on ohjaava ja sen tehtävä on katsoa erityisesti yli organisaatioyksikkörajojen.",
    ),
    (
        "tem-konserniohjaus",
        "Konserniohjauksella on kaksi vastuualuetta: koko järjestelmän ohjaus ja erityisrahoituksen substanssivastuu. Tästä näkökulmasta sen keskeisiä rooleja on johtaa koko asiakkuusstrategiatyötä, asiakkuusstrategiaryhmää, osallistua aktiivisesti työvaliokuntatyöskentelyyn sekä osallistua asiakassegmenttikohtaiseen työskentelyyn tarpeen mukaan. Konserniohjauksen tehtävänä on myös valmistella asiakkuusstrategiatyön seuraavan vaiheen käynnistymistä ja toteuttaa siihen liittyvä kilpailutus. Konserniohjauksella on asiakkuusstrategian kannalta erittäin keskeinen rooli myös TE-keskusten yleishallinnollisessa ohjauksessa ja asiakkuusstrategisten linjausten käyttöönoton varmistamisessa tulosohjauksen keinoin.",
    ),
    (
        "tem-tyollisyys-ja-yrittajyysosasto",
        "Työllisyys ja yrittäjyys –osasto osallistuu työskentelyyn asiakkuustrategiaryhmässä, työvaliokunnassa sekä asiakassegmenttikohtaisissa työryhmissä ainakin yrityksen perustajat ja keksintöasiakkaat, paikallisesti toimivat yritykset sekä kotimarkkinoilla toimivat yritykset –työryhmien osalta. Resurssien ja tarpeen mukaan se osallistuu muihinkin segmenttikohtaisiin työryhmiin.",
    ),
    (
        "tem-innovaatio-osasto",
        "Innovaatio-osasto osallistuu työskentelyyn asiakkuusstrategiaryhmässä, työvaliokunnassa sekä asiakassegmenttikohtaisissa työryhmissä ainakin kansainvälistymällä kasvua hakevat yritykset ja suuryritykset –työryhmien osalta. Resurssien ja tarpeen mukaan se osallistuu myös alkavien yritysten työryhmään.",
    ),
    (
        "tem-konsernipalveluiden-kehittamiskeskus",
        "Konsernipalveluiden kehittämiskeskus osallistuu asiakkuusstrategiatyön eri työryhmien työskentelyyn siltä osin kuin heidän erityisasiantuntijuuttaan tarvitaan.",
    ),
    (
        "tem",
        "Ministeriön eri toimijoiden roolit ja osallistuminen työskentelyyn eri tasoilla täsmennetään asiakkuusstrategiaryhmässä.",
    ),
]

REPORT_7 = [
    "Asiakkuusstrategiatyön seuraavan vaiheen kilpailutus ja toimittajavalinta",
    "Työn käynnistäminen valitusajan päätyttyä",
    "Kilpailutuksen rinnalla tapahtuva nykytarjooman yhtenäistämistyö",
    "Seuraavan vaiheen työskentelyn organisointi Konserniohjauksen toimesta",
]


def _texts(body):
    return list(body.responsibilities.order_by("order").values_list("text_fi", flat=True))


def test_bodies__the_three_tiers_of_section_6(strategy_data):
    kinds = list(Body.objects.values_list("kind", flat=True))
    assert kinds.count("strategy_group") == 1
    assert kinds.count("working_committee") == 1
    assert kinds.count("advisory_board") == 1
    assert kinds.count("segment_group") == 3
    assert kinds.count("regional_group") == 15
    group = Body.objects.get(kind="strategy_group")
    assert (group.name_fi, group.lead_organisation.code) == (
        "Asiakkuusstrategiaryhmä",
        "tem-konserniohjaus",
    )
    assert set(group.sub_bodies.values_list("kind", flat=True)) == {
        "working_committee",
        "advisory_board",
    }
    assert Body.objects.get(kind="advisory_board").description_fi == (
        "Asiakkuusstrategia-ryhmän rinnalla toimii neuvottelukunta, jonka kautta "
        "asiakkuusstrategiatyön tuloksista viestitään ja keskustellaan laajan toimijajoukon kanssa."
    )


def test_bodies__segment_groups_cover_the_segments_of_6_2(strategy_data):
    covered = {
        body.letter: sorted(body.segments.values_list("code", flat=True))
        for body in Body.objects.filter(kind="segment_group")
    }
    assert covered == {
        "a": ["kotimarkkinat", "paikalliset", "perustajat"],
        "b": ["kansainvalistyvat"],
        "c": ["invest-in-finland", "suuryritykset", "uudet-toimialat"],
    }
    assert Body.objects.get(letter="c").description_fi == (
        "c) Suuryritykset. Tämän segmentin tarkastelun yhteyteen liitetään tässä vaiheessa myös "
        "erilaiset klusterit, verkostot, kokonaan uudet toimialat sekä ”invest in Finland” "
        "–tyyppiset asiakkaat."
    )


def test_bodies__one_regional_group_per_te_centre_area_coordinated_by_it(strategy_data):
    for body in Body.objects.filter(kind="regional_group").select_related("lead_organisation"):
        assert body.variant == "combined"
        assert body.lead_organisation.kind == "te_centre"
        assert body.lead_organisation.region_id == body.region_id
    assert Body.objects.get(code="alue-varsinais-suomi").name_fi == (
        "Varsinais-Suomen alueellinen asiakkuustyöryhmä"
    )


def test_responsibilities__6_1_for_the_strategy_group_and_its_working_committee(strategy_data):
    # "Strategiaryhmän (ja sen työvaliokunnan) keskeiset tehtäväalueet"
    assert _texts(Body.objects.get(kind="strategy_group")) == REPORT_6_1
    assert _texts(Body.objects.get(kind="working_committee")) == REPORT_6_1
    assert _texts(Body.objects.get(kind="advisory_board")) == []


def test_responsibilities__6_2_for_each_segment_group(strategy_data):
    for body in Body.objects.filter(kind="segment_group"):
        assert _texts(body) == REPORT_6_2, body.code


def test_responsibilities__6_3_for_each_regional_group(strategy_data):
    for body in Body.objects.filter(kind="regional_group"):
        assert _texts(body) == REPORT_6_3, body.code


def test_regional_task_kinds__are_the_nine_tasks_of_6_3(strategy_data):
    assert [str(label) for label in RegionalTask.Kind.labels] == REPORT_6_3


def test_ministry_roles__6_4_word_for_word(strategy_data):
    rows = MinistryUnitRole.objects.order_by("order").values_list("organisation__code", "text_fi")
    assert list(rows) == REPORT_6_4


def test_memberships__the_units_take_part_where_6_4_says(strategy_data):
    seats = {
        (m.organisation.code, m.body.code, m.role, m.person_id)
        for m in Membership.objects.select_related("organisation", "body")
    }
    assert seats == {
        ("tem-konserniohjaus", "tyovaliokunta", "member", None),
        ("tem-tyollisyys-ja-yrittajyysosasto", "asiakkuusstrategiaryhma", "member", None),
        ("tem-tyollisyys-ja-yrittajyysosasto", "tyovaliokunta", "member", None),
        ("tem-tyollisyys-ja-yrittajyysosasto", "tyoryhma-a", "member", None),
        ("tem-innovaatio-osasto", "asiakkuusstrategiaryhma", "member", None),
        ("tem-innovaatio-osasto", "tyovaliokunta", "member", None),
        ("tem-innovaatio-osasto", "tyoryhma-b", "member", None),
        ("tem-innovaatio-osasto", "tyoryhma-c", "member", None),
    }


def test_questions__the_open_questions_of_the_report(strategy_data):
    rows = StrategicQuestion.objects.values_list("code", "subject", "segment__code", "status")
    assert list(rows) == [
        ("yhteiset-vai-omat-asiakkaat", "data_sharing", None, "open"),
        ("asiakasvastuu-perustajat", "responsibility", "perustajat", "open"),
        ("asiakasvastuu-paikalliset", "responsibility", "paikalliset", "open"),
        ("asiakasvastuu-kotimarkkinat", "responsibility", "kotimarkkinat", "open"),
        ("asiakasvastuu-kansainvalistyvat", "responsibility", "kansainvalistyvat", "open"),
        ("asiakasvastuu-suuryritykset", "responsibility", "suuryritykset", "open"),
        ("palvelulupaus-kotimarkkinat", "service_promise", "kotimarkkinat", "open"),
        ("palvelulupaus-kansainvalistyvat", "service_promise", "kansainvalistyvat", "open"),
        ("olemassaolo-invest-in-finland", "segment_existence", "invest-in-finland", "open"),
        ("olemassaolo-uudet-toimialat", "segment_existence", "uudet-toimialat", "open"),
        ("alueellisten-tyoryhmien-kokoonpano", "regional_scope", None, "open"),
    ]


def _alternatives(code):
    question = StrategicQuestion.objects.get(code=code)
    return list(
        question.alternatives.order_by("order").values_list("label", "text_fi", "target_value")
    )


def test_questions__shared_or_own_customers_section_8_and_5_5(strategy_data):
    question = StrategicQuestion.objects.get(code="yhteiset-vai-omat-asiakkaat")
    # Section 8: "Ensimmäisen vaiheen keskeisiä päätöksiä on valinta siitä, onko
    # TEM-konsernin toimijoilla yhteiset asiakkaat vai tulkitaanko niin, että jokaisella
    # toimijalla on omat asiakkaansa?."
    assert question.title_fi == (
        "Onko TEM-konsernin toimijoilla yhteiset asiakkaat vai tulkitaanko niin, että "
        "jokaisella toimijalla on omat asiakkaansa?"
    )
    # 5.5: "… onko TEM-konsernilla yhteiset asiakkaat, joiden asiakkuutta koskeva tieto
    # jaetaan vai onko kullakin organisaatiolla omat asiakkaansa ja oma asiakastietonsa."
    assert _alternatives("yhteiset-vai-omat-asiakkaat") == [
        (
            "",
            "TEM-konsernilla yhteiset asiakkaat, joiden asiakkuutta koskeva tieto jaetaan",
            "shared",
        ),
        ("", "kullakin organisaatiolla omat asiakkaansa ja oma asiakastietonsa", "consent"),
    ]
    assert question.alternatives.get(order=2).description_fi.startswith(
        "Jos taas lähdetään perusajattelusta, jossa tiedot vaihtuvat asiakassuostumuksen "
        "perusteella"
    )


def test_questions__responsibility_alternatives_of_5_4_for_each_segment(strategy_data):
    expected = [
        (
            "a)",
            "Joku toimija vastaa asiakkuudesta pitkäjärteisesti ja etsii TEM-toimijoiden "
            "tarjoomasta kulloinkin asiakkaan tarpeisiin sopivat palvelut",
            "long_term",
        ),
        (
            "b)",
            "Asiakasvastuu siirtyy toimijalta toiselle sen mukaan, mitä palveluita asiakas "
            "kulloinkin käyttää (=kenellä on menossa aktiivinen hanke asiakkaan kanssa)",
            "handover",
        ),
    ]
    for code in (
        "perustajat",
        "paikalliset",
        "kotimarkkinat",
        "kansainvalistyvat",
        "suuryritykset",
    ):
        assert _alternatives(f"asiakasvastuu-{code}") == expected, code


def test_questions__promise_alternatives_the_second_slot_left_empty(strategy_data):
    # 5.1.3: "Kotimarkkinoilla toimivien ja kansainvälistymällä kasvua hakevien yritysten
    # palvelulupauksissa projektiryhmällä oli loppuun asti kaksi vaihtoehtoa"
    for code, first in [
        (
            "kotimarkkinat",
            "Autamme yritystäsi löytämään uusia mahdollisuuksia, markkinoita, asiakkaita.",
        ),
        (
            "kansainvalistyvat",
            "Autamme tunnistamaan liiketoimintamahdollisuuksia, jaamme riskiä, autamme "
            "verkottumaan maailmalle ja tuemme kehityshankkeita.",
        ),
    ]:
        question = StrategicQuestion.objects.get(code=f"palvelulupaus-{code}")
        recorded, unworded = question.alternatives.order_by("order")
        assert (recorded.text_fi, recorded.promise.report_key) == (first, f"5.1.3/{code}/1")
        assert unworded.is_empty_slot and unworded.promise is None
        assert not question.alternatives.filter(is_chosen=True).exists()


def test_questions__candidate_segments_and_regional_scope(strategy_data):
    existence = StrategicQuestion.objects.get(code="olemassaolo-invest-in-finland")
    # 5.1.1: the report asks for a position, and gives no alternatives.
    assert existence.title_fi == (
        "Jatkotyöskentelyssä on otettava kantaa myös ”Invest-in-Finland”- ja ”uudet "
        "toimialat”-segmenttien olemassa oloon ja kehittämiseen."
    )
    assert not existence.alternatives.exists()
    # 6.3: "… otetaanko työskentelyyn mukaan alkuvaiheessa vain TEM-konserniin kuuluvat
    # toimijat vai ulotetaanko työskentely saman tien kattamaan laajemmankin joukon
    # seudullisia toimijoita."
    assert [
        text for _label, text, _value in _alternatives("alueellisten-tyoryhmien-kokoonpano")
    ] == [
        "alkuvaiheessa vain TEM-konserniin kuuluvat toimijat",
        "saman tien kattamaan laajemmankin joukon seudullisia toimijoita",
    ]


def test_work_phases__the_four_phases_of_section_7_without_dates(strategy_data):
    phases = list(WorkPhase.objects.order_by("order"))
    assert [p.name_fi for p in phases] == REPORT_7
    # The report gives no dates; 5.2 says the harmonisation "käynnistettiin välittömästi".
    assert [p.status for p in phases] == ["planned", "planned", "ongoing", "planned"]
    assert all(p.starts_on is None and p.ends_on is None for p in phases)
    assert phases[1].timing == "vuoden 2009 alkupuolella"


def test_clock__the_report_names_no_months_so_no_events_are_loaded(strategy_data):
    assert not ClockEvent.objects.exists()


def test_load__keeps_a_responsibility_and_the_segment_links_a_user_edited(ministry_user):
    responsibility = _edited(
        BodyResponsibility.objects.get(report_key="6.2/tyoryhma-b/3"),
        "Tarkennettu",
        by=ministry_user,
        text_fi="määrittelee palvelumallit ja palvelukanavat",
    )
    group_b = Body.objects.get(code="tyoryhma-b")
    group_b.segments.add(Body.objects.get(code="tyoryhma-a").segments.first())

    report = load_strategy_2008()

    responsibility.refresh_from_db()
    assert responsibility.text_fi == "määrittelee palvelumallit ja palvelukanavat"
    assert group_b.segments.count() == 2
    assert len(report.kept_user_edits) == 1
