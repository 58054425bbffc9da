"""Segment pages for working groups: who may read them, what they show, queries constant."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from segments.models import Goal, Segment, ServicePromise
from tests.factories import (
    AttributeFactory,
    CompanyFactory,
    GoalFactory,
    SegmentFactory,
    ServicePromiseFactory,
    StrategyFactory,
    business_id,
)

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("segments:segment_list"),
    reverse("segments:segment_detail", args=["suuryritykset"]),
    reverse("segments:segment_history", args=["suuryritykset"]),
    reverse("segments:strategy_overview"),
    reverse("segments:strategy_overview_csv"),
    reverse("segments:strategy_overview_xlsx"),
]


@pytest.mark.parametrize("url", PAGES)
def test_segment_pages__anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("url", PAGES)
def test_segment_pages__user_without_role_is_refused(client, no_role_user, url):
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_segment_pages__every_role_may_read(client, role_users, url):
    for user in role_users.values():
        client.force_login(user)
        assert client.get(url).status_code == 200, user


def test_segment_detail__unknown_segment_is_404(client, working_group_user):
    client.force_login(working_group_user)
    assert client.get(reverse("segments:segment_detail", args=["ei-ole"])).status_code == 404
    assert client.get(reverse("segments:segment_history", args=["ei-ole"])).status_code == 404


def test_segment_list__shows_kinds_and_counts(client, working_group_user):
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_list")).content.decode()
    assert "Invest-in-Finland" in page and "Ehdolla oleva segmentti" in page
    assert 'myös nimellä <span lang="fi">Kotimarkkinoille keskittyvät yritykset</span>' in page
    large = Segment.objects.get(code="suuryritykset")
    ServicePromise.objects.filter(segment=large).update(text_sv="Löfte")
    ServicePromise.objects.filter(segment=large).update(status="confirmed")
    rows = client.get(reverse("segments:segment_list")).context["object_list"]
    row = next(s for s in rows if s.code == "suuryritykset")
    assert (row.public_goal_count, row.customer_goal_count, row.confirmed_promise_count) == (
        11,
        4,
        1,
    )


def test_segment_list__archived_alternatives_are_not_counted_as_open_wordings(
    client, working_group_user
):
    client.force_login(working_group_user)
    large = Segment.objects.get(code="suuryritykset")
    ServicePromiseFactory(segment=large, text_fi="Hylätty", status="archived", order=9)
    rows = client.get(reverse("segments:segment_list")).context["object_list"]
    row = next(s for s in rows if s.code == "suuryritykset")
    assert (row.confirmed_promise_count, row.promise_count) == (0, 1)


@pytest.mark.parametrize(
    ("search", "codes"),
    [("keskittyvät", ["kotimarkkinat"]), ("SUURYRIT", ["suuryritykset"]), ("ei-mitään", [])],
)
def test_segment_list__search_by_name_or_alias(client, working_group_user, search, codes):
    client.force_login(working_group_user)
    response = client.get(reverse("segments:segment_list"), {"q": search})
    assert [s.code for s in response.context["object_list"]] == codes


def test_segment_list__hostile_or_oversized_search_is_harmless(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(
        reverse("segments:segment_list"), {"q": "<script>alert(1)</script>" + "x" * 5000}
    )
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def _add_segments(count):
    start = Segment.objects.count() + 1
    for number in range(start, start + count):
        segment = SegmentFactory(number=number)  # code s<number>, a candidate
        GoalFactory(segment=segment, perspective="public_actor")
        GoalFactory(segment=segment, perspective="customer")
        StrategyFactory(segment=segment, points_fi="A\nB")
        ServicePromiseFactory(segment=segment)


@pytest.mark.parametrize(
    "url",
    [
        reverse("segments:segment_list"),
        reverse("segments:strategy_overview"),
        reverse("segments:strategy_overview_xlsx"),
        reverse("segments:strategy_overview_csv"),
    ],
)
def test_segment_pages__query_count_is_the_same_for_8_and_58_segments(
    client, working_group_user, count_queries, url
):
    client.force_login(working_group_user)

    def rendered_anew():
        # The segment list's table is cached: count a render from nothing each time.
        client.get(url)
        cache.clear()
        return count_queries(client, url, most=50)

    few = rendered_anew()
    _add_segments(50)
    assert Segment.objects.count() == 58
    assert rendered_anew() == few


def test_segment_detail__query_count_is_constant(
    client, working_group_user, django_assert_num_queries
):
    client.force_login(working_group_user)
    url = reverse("segments:segment_detail", args=["suuryritykset"])
    client.get(url)
    for order in range(20):
        GoalFactory(
            segment=Segment.objects.get(code="suuryritykset"),
            perspective="customer",
            order=10 + order,
            text_fi="x",
        )
    # The goals changed, so the page's content is rendered anew: session,
    # segment+strategy, aliases, criteria, goals, promises, the decisions that changed the
    # segment's items (governance_tags, one query); the offering and responsibility panels
    # are still cached (their rows did not change), and so are the user's seats for the
    # "Ehdota muutosta" link (governance.permissions), the user and their permissions
    # (core.auth); the session is not written on a read (core.sessions renews it only when
    # it has aged)
    with django_assert_num_queries(7):
        client.get(url)


def test_segment_detail__shows_the_report_content_and_the_gaps(client, working_group_user):
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_detail", args=["suuryritykset"])).content.decode()
    assert "Suomalaisesta suuryrityksestä globaaliksi menestyjäksi" in page
    assert "<li>Varmistetaan osaaminen ja riittävä työvoima yrityksen tarpeisiin</li>" in page
    assert "kv. yritysten houkuttelevuus osaksi innovaatioympäristöä" in page
    assert page.count("ei vielä määritelty") == 3  # the three criteria
    assert "tarkasteltavana" in page and "ehdotettu" in page
    assert reverse("segments:segment_history", args=["suuryritykset"]) in page


def test_segment_detail__open_promise_alternative_is_stated(client, working_group_user):
    client.force_login(working_group_user)
    page = client.get(
        reverse("segments:segment_detail", args=["kansainvalistyvat"])
    ).content.decode()
    assert "Toinen vaihtoehto on vielä kirjaamatta" in page


def test_segment_detail__candidate_without_content_shows_every_gap(client, working_group_user):
    client.force_login(working_group_user)
    page = client.get(
        reverse("segments:segment_detail", args=["invest-in-finland"])
    ).content.decode()
    # three criteria, two goal columns, strategy, promise
    assert page.count("ei vielä määritelty") == 7


def test_segment_detail__swedish_ui_marks_untranslated_finnish_text(client, working_group_user):
    client.force_login(working_group_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(reverse("segments:segment_detail", args=["suuryritykset"])).content.decode()
    assert '<html lang="sv">' in page
    assert '<span lang="fi">Suuryritykset</span>' in page
    assert '<span lang="fi">verotulot</span>' in page


def test_segment_detail__swedish_text_is_used_when_it_exists(client, working_group_user):
    Goal.objects.filter(segment__code="suuryritykset", order=1, perspective="public_actor").update(
        text_sv="skatteintäkter"
    )
    client.force_login(working_group_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(reverse("segments:segment_detail", args=["suuryritykset"])).content.decode()
    assert "skatteintäkter" in page
    assert '<span lang="fi">verotulot</span>' not in page


def test_segment_history__shows_who_when_and_why(client, working_group_user, ministry_user):
    goal = Goal.objects.filter(segment__code="suuryritykset").first()
    goal.text_fi = "verotulot ja veropohjan laajeneminen"
    goal._history_user = ministry_user
    goal._change_reason = "Työryhmä (c) tarkensi"
    goal.save()
    client.force_login(working_group_user)
    response = client.get(reverse("segments:segment_history", args=["suuryritykset"]))
    first = response.context["history"][0]
    assert (first.user, first.reason, first.change) == (ministry_user, "Työryhmä (c) tarkensi", "~")
    assert "Työryhmä (c) tarkensi" in response.content.decode()


def test_segment_history__query_count_is_constant(client, working_group_user, count_queries):
    client.force_login(working_group_user)
    url = reverse("segments:segment_history", args=["suuryritykset"])
    few = count_queries(client, url, most=50, warm=True)
    for goal in Goal.objects.filter(segment__code="suuryritykset"):
        goal.status = "confirmed"
        goal.save()
    assert count_queries(client, url, most=50) == few


def test_overview__reproduces_the_two_report_tables(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(reverse("segments:strategy_overview"))
    rows = response.context["rows"]
    assert [segment.code for segment, _p, _c in rows] == [
        "perustajat",
        "paikalliset",
        "kotimarkkinat",
        "kansainvalistyvat",
        "suuryritykset",
    ]
    assert sum(len(p) for _s, p, _c in rows) == 33
    assert sum(len(c) for _s, _p, c in rows) == 34
    page = response.content.decode()
    assert "Kannattavan liiketoiminnan, kasvun ja kehityksen mahdollistaminen" in page
    assert "Autamme yritystäsi löytämään uusia mahdollisuuksia, markkinoita, asiakkaita." in page


def test_overview_csv__goals_and_strategies_tables(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(reverse("segments:strategy_overview_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Segmentti", "Julkisen toimijan tavoitteet", "Asiakasyrityksen tavoitteet"]
    assert len(rows) == 6
    assert rows[5][1].split("\n")[0] == "• verotulot"
    strategies = client.get(reverse("segments:strategy_overview_csv"), {"table": "strategies"})
    rows = list(csv.reader(io.StringIO(strategies.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][1] == "Segmenttikohtainen strategia"
    assert rows[5][1] == (
        "Suomalaisesta suuryrityksestä globaaliksi menestyjäksi\n• Aktivoidaan toimimaan verkostoissa\n"
        "• Varmistetaan osaaminen ja riittävä työvoima yrityksen tarpeisiin\n"
        "• Autetaan muokkaamaan markkinoita ja liiketoimintamalleja"
    )


def test_overview_xlsx__two_sheets_with_the_tables(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(reverse("segments:strategy_overview_xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Tavoitteet 5.1.2", "Strategiat 5.1.3"]
    goals, strategies = workbook.worksheets
    assert goals.max_row == 6 and strategies.max_row == 6
    assert goals["A2"].value == "Yrityksen perustajat ja keksintöasiakkaat"
    assert strategies["C6"].value.startswith("Tarjoamme kilpailukykyisen")


def test_overview_export__formula_like_text_is_escaped(client, working_group_user):
    Goal.objects.filter(segment__code="perustajat", order=1, perspective="public_actor").update(
        text_fi="x"
    )
    Segment.objects.filter(code="perustajat").update(name_fi='=HYPERLINK("http://evil")')
    client.force_login(working_group_user)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("segments:strategy_overview_xlsx")).content)
    )
    assert workbook.worksheets[0]["A2"].value == '\'=HYPERLINK("http://evil")'
    text = client.get(reverse("segments:strategy_overview_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_segment_detail__shows_rules_in_words_beside_the_text(client, working_group_user):
    from segments.models import Criterion

    AttributeFactory(staff=True)
    Criterion.objects.filter(segment__code="suuryritykset", kind="placement").update(
        rules={
            "any": [
                {"attribute": "henkilosto", "op": "gte", "value": 250},
                {"attribute": "henkilosto", "op": "eq", "value": 0},
            ]
        }
    )
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_detail", args=["suuryritykset"])).content.decode()
    assert "Henkilöstö vähintään 250 tai Henkilöstö on 0" in page
    assert page.count("ei vielä määritelty") == 3  # the texts are still not defined


def test_segment_detail__rules_in_swedish_with_untranslated_names_marked(
    client, working_group_user
):
    from segments.models import Criterion

    AttributeFactory(staff=True, unit="hlö")
    AttributeFactory(turnover=True, name_sv="Omsättning")
    Criterion.objects.filter(segment__code="suuryritykset", kind="placement").update(
        rules={
            "all": [
                {"attribute": "henkilosto", "op": "gte", "value": 1250},
                {"attribute": "liikevaihto", "op": "gt", "value": 50.5},
            ]
        }
    )
    client.force_login(working_group_user)
    client.cookies["kieli"] = "sv"
    page = client.get(reverse("segments:segment_detail", args=["suuryritykset"])).content.decode()
    assert (
        '<span lang="fi">Henkilöstö</span> minst 1\xa0250 <span lang="fi">hlö</span> '
        "och Omsättning över 50,5"
    ) in page


# --- The segment list counts each segment's companies (issue 17, item 6) ----------------------


def _company_cells(page):
    """{segment link text: the companies cell} of the list's rows."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    cells = {}
    for row in rows:
        name = re.search(r'<a href="/segments/([^/]+)/">', row)
        numbers = re.findall(r'<td class="number">([^<]*)</td>', row)
        if name and len(numbers) >= 2:
            cells[name.group(1)] = numbers[1]
    return cells


def test_segment_list__counts_each_segments_companies_and_follows_a_move(
    client, working_group_user
):
    large = Segment.objects.get(code="suuryritykset")
    local = Segment.objects.get(code="paikalliset")
    companies = [CompanyFactory(business_id=business_id(n), segment=large) for n in range(1, 4)]
    CompanyFactory(business_id=business_id(9), segment=local)
    CompanyFactory(business_id=business_id(10), segment=local, is_active=False)
    client.force_login(working_group_user)
    url = reverse("segments:segment_list")
    page = client.get(url).content.decode()
    assert "<th" in page and "Yrityksiä" in page
    cells = _company_cells(page)
    assert (cells["suuryritykset"], cells["paikalliset"], cells["perustajat"]) == ("3", "1", "0")

    # The table is cached, but a company's move shows at once (no signal announces it:
    # the counts are kept by database triggers).
    companies[0].segment = local
    companies[0].save()
    cells = _company_cells(client.get(url).content.decode())
    assert (cells["suuryritykset"], cells["paikalliset"]) == ("2", "2")


def test_segment_list__companies_counted_in_a_search_too(client, working_group_user):
    CompanyFactory(business_id=business_id(1), segment=Segment.objects.get(code="suuryritykset"))
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_list"), {"q": "suuryrit"}).content.decode()
    assert _company_cells(page) == {"suuryritykset": "1"}


def test_segment_list__company_counts_cost_one_query_whatever_the_companies(
    client, working_group_user, count_queries
):
    client.force_login(working_group_user)
    url = reverse("segments:segment_list")

    def rendered_anew():
        client.get(url)
        cache.clear()
        return count_queries(client, url)

    few = rendered_anew()
    assert count_queries.any_sql("responsibility_coveragecount")
    for n in range(1, 40):
        CompanyFactory(business_id=business_id(n), segment=Segment.objects.get(number=1 + n % 5))
    assert rendered_anew() == few
    # Cached, the table costs the counts' query alone (and the session's).
    assert count_queries(client, url) < few
