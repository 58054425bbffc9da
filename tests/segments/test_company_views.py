"""Company, run and dynamics pages: who may, who may not, what they show, queries constant."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.templatetags.people import person_name
from segments import resegmentation as reseg
from segments.models import (
    Company,
    ManualPlacement,
    Region,
    ResegmentationRun,
    Segment,
    SegmentTransition,
)
from tests.factories import AttributeFactory, AttributeValueFactory, CompanyFactory, business_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(staff_rules):
    staff = staff_rules
    local = Segment.objects.get(code="paikalliset")
    large = Segment.objects.get(code="suuryritykset")
    companies = []
    for n in range(6):
        companies.append(
            CompanyFactory(
                business_id=business_id(n + 1),
                name=f"Yritys {n}",
                segment=local,
                values={staff: Decimal(300 if n < 2 else 5)},
            )
        )
    return {"local": local, "large": large, "companies": companies, "staff": staff}


def _grow(count, data):
    for n in range(count):
        CompanyFactory(
            business_id=business_id(n + 500),
            name=f"Lisä {n:03d}",
            segment=data["local"],
            values={data["staff"]: Decimal(n)},
        )


READ_PAGES = ["segments:company_list", "segments:run_list", "segments:segment_dynamics"]


@pytest.mark.parametrize("name", READ_PAGES)
def test_pages__anonymous_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", READ_PAGES)
def test_pages__user_without_role_is_refused(client, no_role_user, name):
    client.force_login(no_role_user)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", READ_PAGES)
def test_pages__every_role_reads(client, role_users, name, data):
    for user in role_users.values():
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 200


def test_company_detail__four_ways(client, no_role_user, working_group_user, data):
    url = reverse("segments:company_detail", args=[business_id(1)])
    assert client.get(url).status_code == 302
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403
    client.force_login(working_group_user)
    response = client.get(url)
    assert response.status_code == 200
    assert "Yritys 0" in response.content.decode()
    assert client.get(reverse("segments:company_detail", args=["9999999-9"])).status_code == 404


def _transition(company, year, to_segment, **fields):
    return SegmentTransition.objects.create(
        company=company,
        year=year,
        to_segment=to_segment,
        cause=SegmentTransition.Cause.RULE,
        created_at=timezone.now(),
        **fields,
    )


def test_company_detail__the_queries_do_not_grow_with_the_moves(
    client, working_group_user, ministry_user, data, count_queries
):
    """The transitions are read with only the columns the page shows: none of the columns
    left out is read afterwards, one query for each transition."""
    company = data["companies"][0]
    url = reverse("segments:company_detail", args=[company.business_id])
    _transition(company, 2023, data["local"])
    client.force_login(working_group_user)
    one = count_queries(client, url, warm=True)
    for year, to_segment in [(2024, data["large"]), (2025, data["local"])]:
        _transition(company, year, to_segment, from_segment=data["local"], created_by=ministry_user)
    many = count_queries(client, url, warm=True)
    assert many == one
    page = count_queries.content.decode()
    assert "<td>2025</td>" in page and data["large"].name_fi in page
    assert person_name(ministry_user) in page


def test_company_detail__values_in_attribute_order_and_moves_newest_first(
    client, working_group_user, data
):
    """The page sorts its rows itself (its queries have no ORDER BY): attributes by their
    order and then code, years ascending, transitions newest first, whatever the order the
    rows were written in."""
    company = data["companies"][0]
    later = AttributeFactory(code="b-myohemmin", name_fi="Myöhempi ominaisuus", order=9)
    earlier = AttributeFactory(code="a-aiemmin", name_fi="Aiempi ominaisuus", order=9)
    first = AttributeFactory(code="z-ensin", name_fi="Ensimmäinen ominaisuus", order=0)
    for attribute, year in [
        (later, 2026),
        (later, 2025),
        (first, 2024),
        (earlier, 2025),
        (later, 2024),
    ]:
        AttributeValueFactory(company=company, attribute=attribute, year=year)
    for year, to_segment in [(2024, data["large"]), (2026, data["local"]), (2025, data["large"])]:
        _transition(company, year, to_segment)
    client.force_login(working_group_user)
    html = client.get(reverse("segments:company_detail", args=[company.business_id])).content
    html = html.decode()

    def positions(*texts):
        return [html.index(text) for text in texts]

    names = positions("Ensimmäinen ominaisuus", "Aiempi ominaisuus", "Myöhempi ominaisuus")
    assert names == sorted(names)
    head = html[html.index("Ominaisuudet vuosittain</h2>") :]
    assert head.index(">2024</th>") < head.index(">2025</th>") < head.index(">2026</th>")
    moves = html[html.index('id="siirtymat"') :]
    assert (
        moves.index("<td>2026</td>") < moves.index("<td>2025</td>") < moves.index("<td>2024</td>")
    )


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"q": "yritys 1"}, ["Yritys 1"]),
        ({"q": business_id(3)}, ["Yritys 2"]),
        ({"q": business_id(3).replace("-", " ")}, ["Yritys 2"]),
        ({"ready": "on"}, []),
        (
            {"segment": "999999"},
            None,
        ),  # an unknown segment: the filter form is invalid, nothing filtered
        ({"industry": "<script>"}, None),
    ],
)
def test_company_list__filters_and_search(client, working_group_user, data, params, names):
    client.force_login(working_group_user)
    response = client.get(reverse("segments:company_list"), params)
    assert response.status_code == 200
    found = [c.name for c in response.context["companies"]]
    assert found == (names if names is not None else [f"Yritys {n}" for n in range(6)])


def test_company_list__keyset_pages_without_counting(
    client, working_group_user, data, count_queries
):
    _grow(120, data)
    client.force_login(working_group_user)
    first = client.get(reverse("segments:company_list"))
    assert len(first.context["companies"]) == 50 and first.context["next_query"]
    second = client.get(reverse("segments:company_list") + "?" + first.context["next_query"])
    names_1 = [c.name for c in first.context["companies"]]
    names_2 = [c.name for c in second.context["companies"]]
    assert not set(names_1) & set(names_2) and names_2[0] > names_1[-1]
    count_queries(client, reverse("segments:company_list"), most=12)
    assert not count_queries.any_sql("COUNT(")


@pytest.mark.parametrize(
    "url_name",
    [
        "segments:company_list",
        "segments:segment_dynamics",
        "segments:run_detail",
        "segments:company_detail",
    ],
)
def test_pages__query_count_does_not_grow_with_companies(
    client, ministry_user, data, count_queries, url_name
):
    client.force_login(ministry_user)

    def url():
        if url_name == "segments:run_detail":
            run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
            return reverse(url_name, args=[run.pk])
        if url_name == "segments:company_detail":
            return reverse(url_name, args=[business_id(1)])
        return reverse(url_name)

    if url_name == "segments:segment_dynamics":
        reseg.run_apply(
            reseg.run_preview(reseg.run_start(year=2026, by=ministry_user)), by=ministry_user
        )
    first_url = url()
    few = count_queries(client, first_url, most=60, warm=True)
    _grow(80, data)
    if url_name == "segments:segment_dynamics":
        reseg.run_apply(
            reseg.run_preview(reseg.run_start(year=2026, by=ministry_user)), by=ministry_user
        )
    second_url = url() if url_name == "segments:run_detail" else first_url
    assert count_queries(client, second_url, most=60, warm=True) == few


def test_run_start__only_ministry_staff(client, working_group_user, data):
    client.force_login(working_group_user)
    assert client.post(reverse("segments:run_list"), {"year": "2026"}).status_code == 403
    assert not ResegmentationRun.objects.exists()


def test_run_start__ministry_staff_preview_in_the_worker(
    client, ministry_user, data, django_capture_on_commit_callbacks
):
    client.force_login(ministry_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("segments:run_list"), {"year": "2026"})
    run = ResegmentationRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert (run.status, run.mover_count, run.created_by) == ("previewed", 2, ministry_user)
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Siirtymät sääntöjen mukaan" in page and "Yritys 0" in page


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("", "Anna vuosi."),
        ("vuosi", "Vuosi on neljä numeroa"),
        ("99999", "enintään 2100"),
        ("1066", "vähintään 1900"),
    ],
)
def test_run_start__bad_year_is_a_finnish_message(client, ministry_user, data, year, message):
    client.force_login(ministry_user)
    response = client.post(reverse("segments:run_list"), {"year": year})
    assert response.status_code == 200 and message in response.content.decode()
    assert not ResegmentationRun.objects.exists()


def test_run_status__json_for_the_progress_bar(client, working_group_user, ministry_user, data):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(working_group_user)
    status = client.get(reverse("segments:run_status", args=[run.pk])).json()
    assert status == {
        "status": "previewed",
        "status_display": "esikatselu valmis",
        "busy": False,
        "percent": 100,
        "message": "Esikatselu valmis",
        "error": "",
    }


def test_run_placement__recorded_with_reason_shown_and_applied(
    client, ministry_user, data, django_capture_on_commit_callbacks
):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(ministry_user)
    response = client.post(
        reverse("segments:run_placement", args=[run.pk]),
        {
            "business_id": business_id(1),
            "action": "exclude",
            "reason": "Luvut tarkistetaan",
        },
    )
    assert response.status_code == 302
    page = client.get(run.get_absolute_url()).content.decode()
    # The preview shows the company as placed by hand, with who and why.
    assert "käsin sijoitettu" in page and "Luvut tarkistetaan" in page
    assert ministry_user.get_full_name() in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("segments:run_apply", args=[run.pk]))
    run.refresh_from_db()
    assert (run.status, run.applied_by) == ("applied", ministry_user)
    assert Company.objects.get(business_id=business_id(1)).segment == data["local"]
    assert Company.objects.get(business_id=business_id(2)).segment == data["large"]


@pytest.mark.parametrize(
    ("post", "message"),
    [
        (
            {"business_id": "1234567-2", "action": "exclude", "reason": "x"},
            "tarkistusnumero on väärä",
        ),
        (
            {"business_id": "7654321-2", "action": "exclude", "reason": "x"},
            "ei ole tämän ajon yrityksissä",
        ),
        ({"business_id": business_id(1), "action": "move", "reason": "x"}, "Valitse segmentti"),
        (
            {"business_id": business_id(1), "action": "exclude", "reason": "   "},
            "Kirjoita perustelu",
        ),
        (
            {"business_id": business_id(1), "action": "hack", "reason": "x"},
            "Valitse oikea vaihtoehto",
        ),
        ({"business_id": "x" * 5000, "action": "exclude", "reason": "x"}, "enintään 20 merkkiä"),
        (
            {
                "business_id": business_id(1),
                "action": "exclude",
                "reason": "x",
                "last_year": "2020",
            },
            "ennen ajon vuotta 2026",
        ),
        (
            {"business_id": business_id(1), "action": "exclude", "reason": "x", "last_year": "9e9"},
            "Vuosi on neljä numeroa",
        ),
    ],
)
def test_run_placement__bad_input_is_a_finnish_message_and_changes_nothing(
    client, ministry_user, data, post, message
):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(ministry_user)
    response = client.post(reverse("segments:run_placement", args=[run.pk]), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ManualPlacement.objects.exists()


def test_run_placement_and_apply__only_ministry_staff(
    client, working_group_user, ministry_user, data
):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(working_group_user)
    assert (
        client.post(
            reverse("segments:run_placement", args=[run.pk]),
            {"business_id": business_id(1), "action": "exclude", "reason": "x"},
        ).status_code
        == 403
    )
    assert client.get(reverse("segments:run_apply", args=[run.pk])).status_code == 403
    assert client.post(reverse("segments:run_apply", args=[run.pk])).status_code == 403
    for name in ("segments:run_retry", "segments:run_cancel"):
        assert client.post(reverse(name, args=[run.pk]), {"reason": "x"}).status_code == 403
    run.refresh_from_db()
    assert run.status == "previewed" and not ManualPlacement.objects.exists()


def test_run_apply__confirmation_says_what_will_happen_with_counts(client, ministry_user, data):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(ministry_user)
    detail = client.get(run.get_absolute_url()).content.decode()
    # The run page links to the confirmation; no form on it applies anything.
    assert f'action="{reverse("segments:run_apply", args=[run.pk])}"' not in detail
    response = client.get(reverse("segments:run_apply", args=[run.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 yritystä siirtyy toiseen segmenttiin" in page
    assert "0 yritystä on sijoitettu käsin" in page
    assert "Vie voimaan: 2 siirtymää" in page
    run.refresh_from_db()
    assert run.status == "previewed"


def test_run_apply__twice_is_refused_with_409_and_a_message(
    client, ministry_user, data, django_capture_on_commit_callbacks
):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(ministry_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("segments:run_apply", args=[run.pk]))
    response = client.post(reverse("segments:run_apply", args=[run.pk]))
    assert response.status_code == 409
    assert "Vain esikatseltu ajo voidaan viedä voimaan." in response.content.decode()
    # The confirmation page of an applied run sends the user back to the run.
    assert client.get(reverse("segments:run_apply", args=[run.pk])).status_code == 302


def test_dynamics__matrix_and_picture_from_the_transitions(
    client, working_group_user, ministry_user, data
):
    reseg.run_apply(
        reseg.run_preview(reseg.run_start(year=2026, by=ministry_user)), by=ministry_user
    )
    client.force_login(working_group_user)
    response = client.get(reverse("segments:segment_dynamics"), {"year": "2026"})
    page = response.content.decode()
    assert response.context["flows"] == [("Paikallisesti toimivat yritykset", "Suuryritykset", 2)]
    assert '<svg class="sankey"' in page and 'role="img"' in page
    assert "Paikallisesti toimivat yritykset → Suuryritykset: 2" in page


def test_dynamics__no_transitions_yet(client, working_group_user, data):
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_dynamics"), {"year": "abc"}).content.decode()
    assert "Siirtymiä ei ole vielä" in page


def test_company_list__rows_escape_what_the_data_holds(client, working_group_user, db):
    # The rows are drawn in Python (segments.templatetags.company_tags): nothing unescaped.
    CompanyFactory(name='<script>alert("x")</script> & Oy', is_synthetic=True)
    client.force_login(working_group_user)
    page = client.get(reverse("segments:company_list")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Oy" in page
    assert '<span class="badge">synteettinen</span>' in page


# --- A Y-tunnus with a wrong check digit is named as such (issue 17, item 6) ----------------


def _wrong_check_digit(valid):
    """The valid Y-tunnus with another check digit."""
    digits, check = valid.split("-")
    return f"{digits}-{(int(check) + 1) % 10}"


def test_company_list__wrong_check_digit_says_so_instead_of_nothing_found(
    client, working_group_user, data
):
    client.force_login(working_group_user)
    valid = business_id(3)
    wrong = _wrong_check_digit(valid)
    response = client.get(reverse("segments:company_list"), {"q": wrong})
    page = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["companies"]) == []
    assert f"Y-tunnuksen {wrong} tarkistusnumero on väärä" in page
    assert f"sen pitäisi olla {valid[-1]}" in page
    assert "Hakuehtoja vastaavia yrityksiä ei löytynyt." not in page


@pytest.mark.parametrize(
    "search",
    ["Yritys 9", business_id(9999)],  # a name; a valid Y-tunnus of no company here
)
def test_company_list__a_search_that_finds_nothing_still_says_nothing_found(
    client, working_group_user, data, search
):
    client.force_login(working_group_user)
    page = client.get(reverse("segments:company_list"), {"q": search}).content.decode()
    assert "Hakuehtoja vastaavia yrityksiä ei löytynyt." in page
    assert "tarkistusnumero" not in page


def test_company_list__a_hostile_y_tunnus_like_search_is_escaped(client, working_group_user, data):
    client.force_login(working_group_user)
    page = client.get(
        reverse("segments:company_list"), {"q": "1234567<script>alert(1)</script>"}
    ).content.decode()
    assert "<script>alert(1)" not in page
    assert "Y-tunnus saa sisältää vain numeroita" in page


def test_company_list__wrong_check_digit_in_swedish(client, working_group_user, data):
    client.force_login(working_group_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    wrong = _wrong_check_digit(business_id(3))
    page = client.get(reverse("segments:company_list"), {"q": wrong}).content.decode()
    assert "kontrollsiffra" in page.lower()
    assert "tarkistusnumero" not in page


def test_company_list__segment_and_region_cells_in_the_ui_language_on_every_row(
    client, working_group_user, data
):
    """Each segment's and region's cell is drawn once a page and repeated on its rows: in
    Swedish a translated name, the Finnish one marked where the translation is missing, a
    dash where a company has no segment."""
    Segment.objects.filter(pk=data["local"].pk).update(name_sv="Lokala företag")
    Segment.objects.filter(pk=data["large"].pk).update(name_sv="")
    Region.objects.filter(code="uusimaa").update(name_sv="Nyland")
    uusimaa = Region.objects.get(code="uusimaa")
    for n, segment in enumerate([data["large"], data["large"], None]):
        CompanyFactory(business_id=business_id(n + 60), name=f"Yritys S{n}", segment=segment)
    for company in data["companies"][:2]:
        Company.objects.filter(pk=company.pk).update(region=uusimaa)
    client.force_login(working_group_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(reverse("segments:company_list")).content.decode()

    def row(name):
        return next(row for row in page.split("<tr>") if f">{name}</a>" in row)

    for name in ("Yritys 0", "Yritys 1"):
        assert "<td>Lokala företag</td>" in row(name) and "<td>Nyland</td>" in row(name)
    assert "<td>Lokala företag</td>" in row("Yritys 5") and "<td>Nyland</td>" not in row("Yritys 5")
    fallback = f'<span lang="fi">{data["large"].name_fi}</span> <span class="untranslated">'
    for name in ("Yritys S0", "Yritys S1"):
        assert fallback in row(name)
    assert "<td>–</td>" in row("Yritys S2")


# --- A mover's row has the manual placement's action (issue 17, item 6) ---------------------


def _row_link(run, company):
    return f'href="?company={company.business_id}#kasin"'


def test_run_detail__each_movers_row_links_to_the_placement_form_prefilled(
    client, ministry_user, data
):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    mover = data["companies"][0]  # 300 people: moves to the large companies
    client.force_login(ministry_user)
    page = client.get(run.get_absolute_url()).content.decode()
    assert _row_link(run, mover) in page
    assert f'Sijoita käsin<span class="visually-hidden">: {mover.name}</span>' in page

    response = client.get(run.get_absolute_url(), {"company": mover.business_id})
    assert response.context["placement_form"]["business_id"].value() == mover.business_id
    assert f'value="{mover.business_id}"' in response.content.decode()


def test_run_detail__the_row_link_keeps_the_lists_filters(client, ministry_user, data):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(ministry_user)
    page = client.get(
        run.get_absolute_url(), {"to": data["large"].pk, "manual": "0"}
    ).content.decode()
    mover = data["companies"][0]
    expected = f"?to={data['large'].pk}&amp;manual=0&amp;company={mover.business_id}#kasin"
    assert expected in page


def test_run_detail__row_link_then_placement_recorded_for_that_company(client, ministry_user, data):
    """The whole step: follow a row's link, choose what to do, give a reason, send."""
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    mover = data["companies"][1]
    client.force_login(ministry_user)
    form = client.get(run.get_absolute_url(), {"company": mover.business_id}).context[
        "placement_form"
    ]
    response = client.post(
        reverse("segments:run_placement", args=[run.pk]),
        {
            "business_id": form["business_id"].value(),
            "action": "keep",
            "reason": "Kasvu hetkellistä",
        },
    )
    assert response.status_code == 302
    placement = ManualPlacement.objects.get()
    assert (placement.company, placement.action, placement.created_by) == (
        mover,
        "keep",
        ministry_user,
    )
    assert placement.history.latest().history_change_reason == "Kasvu hetkellistä"


@pytest.mark.parametrize("company", ["<script>alert(1)</script>", "x" * 5000, "1234567-2", ""])
def test_run_detail__a_hand_made_company_parameter_only_prefills(
    client, ministry_user, data, company
):
    """Whatever the address says is only a prefilled value: escaped, cut to the field's
    length, checked when the form is sent; nothing is recorded by opening the page."""
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    client.force_login(ministry_user)
    response = client.get(run.get_absolute_url(), {"company": company})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    assert len(response.context["placement_form"]["business_id"].value() or "") <= 20
    assert not ManualPlacement.objects.exists()


def test_run_detail__no_row_action_without_the_permission_or_after_apply(
    client, working_group_user, ministry_user, data, django_capture_on_commit_callbacks
):
    run = reseg.run_preview(reseg.run_start(year=2026, by=ministry_user))
    mover = data["companies"][0]
    client.force_login(working_group_user)
    page = client.get(run.get_absolute_url()).content.decode()
    assert mover.name in page and _row_link(run, mover) not in page
    client.force_login(ministry_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("segments:run_apply", args=[run.pk]))
    page = client.get(run.get_absolute_url()).content.decode()
    assert mover.name in page and _row_link(run, mover) not in page
