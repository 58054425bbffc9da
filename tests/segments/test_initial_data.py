"""The report's segments, goals, strategies and promises, word for word and idempotently."""

import pytest

from governance.initial_data import load_strategy_2008
from segments.models import Criterion, Goal, Segment, SegmentAlias, ServicePromise, Strategy
from segments.selectors import segment_list
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_segments__five_confirmed_communities_and_two_candidates(strategy_data):
    assert list(Segment.objects.values_list("code", "kind")) == [
        ("perustajat", "confirmed"),
        ("paikalliset", "confirmed"),
        ("kotimarkkinat", "confirmed"),
        ("kansainvalistyvat", "confirmed"),
        ("suuryritykset", "confirmed"),
        ("yhteisot", "community"),
        ("invest-in-finland", "candidate"),
        ("uudet-toimialat", "candidate"),
    ]
    assert Segment.objects.get(code="yhteisot").customer_group == "community"
    assert Segment.objects.get(code="uudet-toimialat").is_cross_cutting


def test_segments__type_descriptions_from_the_2_2_table(strategy_data):
    assert Segment.objects.get(code="perustajat").description_fi == (
        "Tyypillisesti henkilöasiakkaana asioivia yritystoiminnan perustajia ja keksijöitä"
    )
    assert Segment.objects.get(code="suuryritykset").description_fi.endswith(
        "kansainvälisen tutkimuksen hyödyntäjänä, suuntaajana ja verkottajana."
    )
    assert "-sidosryhmät: toimialajärjestöt" in Segment.objects.get(code="yhteisot").description_fi


def test_segments__report_gives_no_swedish_or_english_names(strategy_data):
    assert not Segment.objects.exclude(name_sv=None).exclude(name_sv="").exists()
    assert not Segment.objects.exclude(name_en=None).exclude(name_en="").exists()


def test_segments__the_2_2_name_is_an_alias_that_search_finds(strategy_data):
    segment = Segment.objects.get(code="kotimarkkinat")
    assert segment.name_fi == "Kotimarkkinoilla toimivat yritykset"
    assert SegmentAlias.objects.get().name == "Kotimarkkinoille keskittyvät yritykset"
    assert [s.code for s in segment_list(search="keskittyvät")] == ["kotimarkkinat"]


def test_criteria__three_empty_criteria_per_segment(strategy_data):
    assert Criterion.objects.count() == 8 * 3
    assert not any(c.is_defined for c in Criterion.objects.all())


def test_goals__33_public_actor_and_34_customer_items_under_review(strategy_data):
    assert Goal.objects.filter(perspective="public_actor").count() == 33
    assert Goal.objects.filter(perspective="customer").count() == 34
    assert set(Goal.objects.values_list("status", flat=True)) == {"under_review"}


@pytest.mark.parametrize(
    ("segment", "perspective", "count", "first", "last"),
    [
        (
            "perustajat",
            "public_actor",
            7,
            "uusia kannattavia yrityksiä, jotka toimivat vielä muutaman vuoden päästäkin",
            "verkostoituminen yrityksiin ja muihin kumppaneihin",
        ),
        (
            "perustajat",
            "customer",
            9,
            "kannattavaa liiketoimintaa",
            "yritystoiminnan koulutusta, urasuunnittelupalvelua yritystoimintaa harkitsevalle",
        ),
        (
            "paikalliset",
            "public_actor",
            3,
            "työllisyyden sekä paikallisen kannattavan liiketoiminnan turvaaminen",
            "yritysten murroskohdista selviytyminen (omistusjärjestelyt, sukupolvenvaihdokset, talouden häiriöt jne)",
        ),
        (
            "kotimarkkinat",
            "customer",
            7,
            "kannattava liiketoiminta ja positiivinen kassavirta",
            "julkinen toimija jakamaan riskiä isojen hyppyjen / murrosten yhteydessä",
        ),
        (
            "kansainvalistyvat",
            "public_actor",
            7,
            "lisää verotuloja – ja työpaikkoja kannattavalla liiketoiminnalla",
            "liiketoimintojen ja elinkeinorakenteen uudistaminen",
        ),
        (
            "suuryritykset",
            "public_actor",
            11,
            "verotulot",
            "kv. yritysten houkuttelevuus osaksi innovaatioympäristöä (investointeja suomalaisen osaamiseen)",
        ),
        (
            "suuryritykset",
            "customer",
            4,
            "globaalissa kilpailussa johtoaseman saavuttaminen ja ylläpitäminen",
            "tuki liiketoiminnan kehittämiseen helppokäyttöisten palveluiden kautta",
        ),
    ],
)
def test_goals__word_for_word_in_their_perspective_and_order(
    strategy_data, segment, perspective, count, first, last
):
    texts = list(
        Goal.objects.filter(segment__code=segment, perspective=perspective)
        .order_by("order")
        .values_list("text_fi", flat=True)
    )
    assert len(texts) == count
    assert (texts[0], texts[-1]) == (first, last)


def test_goals__entities_and_quotes_as_in_the_report(strategy_data):
    texts = set(Goal.objects.values_list("text_fi", flat=True))
    assert "verkostoituminen T&K-toimijoihin" in texts
    assert (
        "todellisten ”tähtien” tunnistaminen ja ohjaaminen mahdollisimman pian oikeisiin segmentteihin"
        in texts
    )
    assert 'lisää "tähtiä"' in texts
    assert "ipr:t" in texts


def test_strategies__five_with_the_large_company_points(strategy_data):
    assert Strategy.objects.count() == 5
    large = Strategy.objects.get(segment__code="suuryritykset")
    assert large.text_fi == "Suomalaisesta suuryrityksestä globaaliksi menestyjäksi"
    assert Strategy.split_points(large.points_fi) == [
        "Aktivoidaan toimimaan verkostoissa",
        "Varmistetaan osaaminen ja riittävä työvoima yrityksen tarpeisiin",
        "Autetaan muokkaamaan markkinoita ja liiketoimintamalleja",
    ]
    assert Strategy.objects.get(segment__code="perustajat").text_fi == (
        "Uuden yritystoiminnan käynnistäminen ja vauhdittaminen"
    )


def test_promises__five_proposed_and_the_large_company_one_joined_whole(strategy_data):
    assert set(ServicePromise.objects.values_list("status", flat=True)) == {"proposed"}
    assert ServicePromise.objects.count() == 5
    assert ServicePromise.objects.get(segment__code="suuryritykset").text_fi == (
        "Tarjoamme kilpailukykyisen ja verkostoituneen innovaatioympäristön liiketoiminnan "
        "globaaliin kehittämiseen ja uudistamiseen."
    )


def test_promises__two_segments_have_an_open_alternative_and_no_invented_wording(strategy_data):
    open_alternative = set(
        Segment.objects.filter(has_open_promise_alternative=True).values_list("code", flat=True)
    )
    assert open_alternative == {"kotimarkkinat", "kansainvalistyvat"}
    for code in open_alternative:
        assert ServicePromise.objects.filter(segment__code=code).count() == 1


def test_load__a_promise_edited_by_a_user_is_kept_and_reported(strategy_data, ministry_user):
    promise = ServicePromise.objects.get(segment__code="perustajat")
    promise.text_fi = "Autamme sinua käynnistämään yrityksen."
    promise._history_user = ministry_user
    promise._change_reason = "Työryhmän muotoilu"
    promise.save()

    report = load_strategy_2008()

    promise.refresh_from_db()
    assert promise.text_fi == "Autamme sinua käynnistämään yrityksen."
    assert any("palvelulupaus" in line and "text_fi" in line for line in report.kept_user_edits)


def test_load__a_user_added_goal_survives_and_nothing_is_duplicated(strategy_data):
    segment = Segment.objects.get(code="suuryritykset")
    GoalFactory(segment=segment, perspective="customer", order=5, text_fi="Oma lisäys")
    load_strategy_2008()
    assert Goal.objects.filter(segment=segment, perspective="customer").count() == 5
    assert Goal.objects.count() == 68
