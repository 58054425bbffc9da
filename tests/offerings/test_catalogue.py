"""The service catalogue pages: who may read them, filters, the segment's offering, the
report's rationales and development items, and query counts that do not grow with rows."""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from core import fragments
from offerings.demo import load_demo_services
from offerings.models import (
    CustomerNeed,
    Organisation,
    Rationale,
    SegmentOffering,
    Service,
    ServiceChannel,
)
from offerings.views.catalogue import SERVICE_CATALOGUE
from segments.models import Segment
from tests.factories import (
    DevelopmentItemFactory,
    SegmentOfferingFactory,
    ServiceFactory,
    SharedToolFactory,
    create_in_bulk,
    link_in_bulk,
)

pytestmark = pytest.mark.django_db

LIST_PAGES = ["service_list", "rationale_list", "development_list", "tool_list"]
PAGES = [*LIST_PAGES, "service_detail"]


@pytest.fixture(scope="module", autouse=True)
def _demo_services_loaded(django_db_setup, django_db_blocker):
    """The demo services, loaded once for this module (loading costs ~0.7 s and 1,350
    queries) and removed with their history afterwards, so other modules never see them.
    Each test still runs in its own rolled-back transaction on top of them."""
    with django_db_blocker.unblock():
        load_demo_services()
    yield
    with django_db_blocker.unblock():
        ids = list(Service.objects.filter(is_demo=True).values_list("pk", flat=True))
        Service.objects.filter(pk__in=ids).delete()
        SegmentOffering.history.filter(service_id__in=ids).delete()
        # The history of the many-to-many links points at the services without a constraint.
        for model in apps.get_app_config("offerings").get_models():
            if model.__name__.startswith("HistoricalService_"):
                model.objects.filter(service_id__in=ids).delete()
        Service.history.filter(id__in=ids).delete()


@pytest.fixture
def demo_services(strategy_data):
    """The demo services of offerings.demo by Finnish name."""
    return {s.name_fi: s for s in Service.objects.filter(is_demo=True)}


def _url(name, demo_services):
    if name == "service_detail":
        return reverse("offerings:service_detail", args=[demo_services["Pienlaina"].pk])
    return reverse(f"offerings:{name}")


def _names(response):
    return [service.name_fi for service in response.context["services"]]


# Who may read ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_catalogue_pages__anonymous_is_sent_to_login(client, demo_services, name):
    response = client.get(_url(name, demo_services))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", PAGES)
def test_catalogue_pages__user_without_role_is_refused(client, no_role_user, demo_services, name):
    client.force_login(no_role_user)
    assert client.get(_url(name, demo_services)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_catalogue_pages__every_role_may_read(client, role_users, demo_services, name):
    for user in role_users.values():
        client.force_login(user)
        assert client.get(_url(name, demo_services)).status_code == 200, user


def test_service_detail__unknown_service_is_404(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:service_detail", args=[999_999]))
    assert response.status_code == 404
    assert "Sivua ei löydy" in response.content.decode()


def test_service_export__anonymous_and_user_without_role_are_refused(client, no_role_user):
    url = reverse("offerings:service_export")
    assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403


# The list and its filters ------------------------------------------------------------------


def test_service_list__demo_services_are_listed_with_the_demo_badge(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:service_list"))
    page = response.content.decode()
    assert len(_names(response)) == len(demo_services) == 13
    assert page.count('<span class="badge">demo</span>') == 13
    assert "13 palvelua" in page
    assert "15 TE-keskusta" in page  # the TE-centres' services: summed up, not 15 names
    assert reverse("offerings:service_export") in page
    assert reverse("offerings:offering_matrix") in page


def test_service_list__real_service_has_no_demo_badge(client, working_group_user, strategy_data):
    tekes = Organisation.objects.get(code="tekes")
    ServiceFactory(name_fi="Innovaatiosetelit", owner=tekes, producers=[tekes])
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:service_list"), {"q": "setel"})
    page = response.content.decode()
    assert _names(response) == ["Innovaatiosetelit"]
    assert '<span class="badge">demo</span>' not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "laina"}, ["Pienlaina", "Takaus pankkilainalle"]),
        ({"q": "  PIEN "}, ["Pienlaina"]),
        (
            {"organisation": "finpro"},
            ["Kansainvälistymisen neuvonta", "Markkinaselvitys kohdemaassa"],
        ),
        (
            {"segment": "perustajat"},
            [
                "Nuorten innovatiivisten yritysten rahoitus",  # a transition out of it
                "Pienlaina",
                "Yritystoiminnan aloittamisen neuvonta",
            ],
        ),
        ({"need": "murroskohdat"}, ["Omistajanvaihdospalvelu"]),
        (
            {"channel": "tilaisuudet"},
            ["Omistajanvaihdospalvelu", "Rekrytointi- ja koulutuspalvelut yrityksille"],
        ),
        (
            {"rationale": "yhteiskunnalliset-tavoitteet"},
            ["Rekrytointi- ja koulutuspalvelut yrityksille", "Yrityksen kehittämisavustus"],
        ),
        (
            {"pricing": "free"},
            ["Yrityksen kehittämisavustus", "Yritystoiminnan aloittamisen neuvonta"],
        ),
        ({"production_mode": "procured"}, ["Markkinaselvitys kohdemaassa"]),
        ({"pricing": "free", "q": "neuvonta"}, ["Yritystoiminnan aloittamisen neuvonta"]),
        ({"q": "ei-tällaista"}, []),
    ],
)
def test_service_list__filters_narrow_the_list(
    client, working_group_user, demo_services, query, expected
):
    models = {
        "organisation": (Organisation, "code"),
        "segment": (Segment, "code"),
        "need": (CustomerNeed, "code"),
        "channel": (ServiceChannel, "code"),
        "rationale": (Rationale, "code"),
    }
    params = {
        key: models[key][0].objects.get(**{models[key][1]: value}).pk if key in models else value
        for key, value in query.items()
    }
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:service_list"), params)
    assert response.status_code == 200
    assert _names(response) == expected


def test_service_list__status_filter(client, working_group_user, demo_services):
    Service.objects.filter(pk=demo_services["Vientitakuu"].pk).update(status="planned")
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:service_list"), {"status": "planned"})
    assert _names(response) == ["Vientitakuu"]
    assert "suunnitteilla" in response.content.decode()


def test_service_list__search_finds_swedish_and_english_names(
    client, working_group_user, demo_services
):
    Service.objects.filter(pk=demo_services["Pienlaina"].pk).update(
        name_sv="Mikrolån", name_en="Microloan"
    )
    client.force_login(working_group_user)
    for search in ("mikrolån", "MICRO"):
        response = client.get(reverse("offerings:service_list"), {"q": search})
        assert _names(response) == ["Pienlaina"], search


def test_service_list__bad_filter_values_are_ignored(client, working_group_user, demo_services):
    client.force_login(working_group_user)
    response = client.get(
        reverse("offerings:service_list"),
        {
            "status": "hack",
            "organisation": "abc",
            "segment": "999999",
            "need": "1 OR 1=1",
            "pricing": "free",  # a good value beside the bad ones still applies
            "page": "zzz",
        },
    )
    assert response.status_code == 200
    assert _names(response) == [
        "Yrityksen kehittämisavustus",
        "Yritystoiminnan aloittamisen neuvonta",
    ]
    assert 'role="alert"' in response.content.decode()  # the bad values are pointed out


def test_service_list__hostile_search_is_escaped(client, working_group_user, demo_services):
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:service_list"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_service_list__swedish_ui_marks_the_finnish_fallback(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    page = client.get(reverse("offerings:service_list")).content.decode()
    assert '<html lang="sv">' in page
    assert '<span lang="fi">Pienlaina</span>' in page


def _add_services(count):
    """`count` services with two producers and two needs each, in a few queries."""
    owner = Organisation.objects.get(code="tekes")
    producers = list(Organisation.objects.filter(code__in=["tekes", "finpro"]))
    needs = list(CustomerNeed.objects.all()[:2])
    services = create_in_bulk(
        ServiceFactory,
        ({"name": f"Palvelu {n:05d}", "name_fi": f"Palvelu {n:05d}"} for n in range(count)),
        owner=owner,
    )
    link_in_bulk(Service.producers, services, producers)
    link_in_bulk(Service.needs, services, needs)
    # Bulk writes send no signals: they bump the cached catalogue themselves.
    fragments.bump(SERVICE_CATALOGUE)


def test_service_list__query_count_is_the_same_for_20_and_2000_services(
    client, working_group_user, strategy_data, count_queries
):
    client.force_login(working_group_user)
    url = reverse("offerings:service_list")

    def rendered_anew(url):
        # The table is cached: count a render from nothing each time.
        client.get(url)
        cache.clear()
        return count_queries(client, url, most=50)

    _add_services(20)
    few = rendered_anew(url)
    _add_services(1980)
    assert Service.objects.filter(is_demo=False).count() == 2000
    response = client.get(url)
    assert len(response.context["services"]) == 50
    assert "Seuraavat 50" in response.content.decode()
    assert rendered_anew(url) == few
    assert rendered_anew(f"{url}?page=40") == few


def test_service_list__pages_keep_the_filters(client, working_group_user, strategy_data):
    _add_services(120)
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:service_list"), {"q": "Palvelu 0", "page": "2"})
    assert _names(response)[0] == "Palvelu 00050"
    page = response.content.decode()
    assert "?q=Palvelu+0&amp;page=3" in page
    assert "?q=Palvelu+0&amp;page=1" in page
    assert f"{reverse('offerings:service_export')}?q=Palvelu+0" in page


# The export ---------------------------------------------------------------------------------


def test_service_export__applies_the_list_filters(client, working_group_user, demo_services):
    pytest.importorskip("offerings.exports")
    import io

    from openpyxl import load_workbook

    client.force_login(working_group_user)
    finpro = Organisation.objects.get(code="finpro")
    response = client.get(reverse("offerings:service_export"), {"organisation": finpro.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    cells = {
        str(cell.value)
        for sheet in load_workbook(io.BytesIO(response.content))
        for row in sheet.iter_rows()
        for cell in row
    }
    assert "Kansainvälistymisen neuvonta" in cells
    assert "Pienlaina" not in cells


# The detail page -----------------------------------------------------------------------------


def test_service_detail__shows_the_service_and_its_offering(
    client, working_group_user, demo_services
):
    service = demo_services["Kansainvälistymisen neuvonta"]
    client.force_login(working_group_user)
    response = client.get(service.get_absolute_url())
    page = response.content.decode()
    assert '<span class="badge">demo</span>' in page
    assert "Demopalvelu: kansainvälistymisen neuvonta." in page
    assert reverse("offerings:organisation_detail", args=["finpro"]) in page
    assert "Tuettu hinta" in page and "Oma tuotanto" in page
    assert "Henkilökohtainen palvelu" in page and "Puhelinpalvelu" in page
    assert f"{reverse('offerings:rationale_list')}#kasvu-ja-kansainvalistyminen" in page
    assert "Kasvun ja kansainvälistymisen edistäminen" in page
    assert [s.code for s in response.context["basic_segments"]] == ["kansainvalistyvat"]
    assert [(o.from_segment.code, o.to_segment.code) for o in response.context["transitions"]] == [
        ("kotimarkkinat", "kansainvalistyvat")
    ]
    assert "Muokkaa ylläpidossa" not in page  # only those who may change services


def test_service_detail__lists_every_producer_and_names_the_partner(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    page = client.get(demo_services["Omistajanvaihdospalvelu"].get_absolute_url()).content.decode()
    assert "Lapin TE-keskus" in page and "Uudenmaan TE-keskus" in page
    assert '<span lang="fi">Alueelliset yrittäjäjärjestöt</span>' in page


def test_service_detail__ministry_staff_get_the_edit_and_history_links(
    client, ministry_user, demo_services
):
    service = demo_services["Pienlaina"]
    client.force_login(ministry_user)
    page = client.get(service.get_absolute_url()).content.decode()
    assert reverse("admin:offerings_service_change", args=[service.pk]) in page
    assert reverse("admin:offerings_service_history", args=[service.pk]) in page


def test_service_detail__query_count_is_constant(
    client, working_group_user, demo_services, count_queries
):
    client.force_login(working_group_user)
    small = demo_services["Geotietopalvelut yrityksille"].get_absolute_url()
    large = demo_services["Rekrytointi- ja koulutuspalvelut yrityksille"].get_absolute_url()
    small_count = count_queries(client, small, most=50, warm=True)
    assert small_count == count_queries(client, large, most=50)


# The segment's offering on the segment page -----------------------------------------------


def _offering_panel(page):
    panel = page.split('<h2 id="tarjooma">', 1)[1].split("</section>", 1)[0]
    basic, transitions = panel.split('<h3 id="tasmapalvelut">', 1)
    return basic, transitions


def test_segment_offering__large_companies_have_basic_services_and_no_transitions(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_detail", args=["suuryritykset"])).content.decode()
    basic, transitions = _offering_panel(page)
    for name in (
        "Geotietopalvelut yrityksille",
        "Markkinaselvitys kohdemaassa",
        "Tuotekehitysrahoitus",
        "Tutkimus- ja testauspalvelut",
        "Vientitakuu",
    ):
        assert name in basic, name
        assert demo_services[name].get_absolute_url() in basic
    assert "Finnvera Oyj" in basic  # with its producers
    assert "Pienlaina" not in page
    assert "ei vielä kirjattu" in transitions
    segment = Segment.objects.get(code="suuryritykset")
    assert f"{reverse('offerings:offering_matrix')}?segment={segment.pk}" in page


def test_segment_offering__domestic_companies_have_both_groups(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_detail", args=["kotimarkkinat"])).content.decode()
    basic, transitions = _offering_panel(page)
    assert "Takaus pankkilainalle" in basic and "Omistajanvaihdospalvelu" in basic
    assert "15 TE-keskusta" in basic
    assert "Kansainvälistymisen neuvonta" not in basic
    assert "Kansainvälistymisen neuvonta" in transitions
    assert (
        "Kotimarkkinoilla toimivat yritykset → "
        f'<a href="{reverse("segments:segment_detail", args=["kansainvalistyvat"])}">'
        "Kansainvälistymällä kasvua hakevat yritykset</a>"
    ) in transitions
    assert "Finpro ry" in transitions


def test_segment_offering__transitions_into_the_segment_are_shown_too(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    page = client.get(
        reverse("segments:segment_detail", args=["kansainvalistyvat"])
    ).content.decode()
    _basic, transitions = _offering_panel(page)
    assert transitions.count("Nuorten innovatiivisten yritysten rahoitus") == 2  # from two segments
    assert "Kansainvälistymisen neuvonta" in transitions


def test_segment_offering__retired_services_are_left_out(client, working_group_user, demo_services):
    Service.objects.filter(pk=demo_services["Vientitakuu"].pk).update(status="retired")
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_detail", args=["suuryritykset"])).content.decode()
    assert "Vientitakuu" not in page


def test_segment_offering__hidden_from_a_user_who_may_not_read_services(
    client, make_user, demo_services
):
    from django.contrib.auth.models import Permission

    user = make_user("vain-segmentit")
    user.user_permissions.add(Permission.objects.get(codename="view_segment"))
    client.force_login(user)
    response = client.get(reverse("segments:segment_detail", args=["suuryritykset"]))
    assert response.status_code == 200
    assert 'id="tarjooma"' not in response.content.decode()


def test_segment_offering__empty_groups_say_so(client, working_group_user, strategy_data):
    client.force_login(working_group_user)
    page = client.get(reverse("segments:segment_detail", args=["yhteisot"])).content.decode()
    basic, transitions = _offering_panel(page)
    assert "ei vielä kirjattu" in basic and "ei vielä kirjattu" in transitions


def test_segment_offering__query_count_does_not_grow_with_services(
    client, working_group_user, strategy_data, count_queries
):
    client.force_login(working_group_user)
    url = reverse("segments:segment_detail", args=["suuryritykset"])
    few = count_queries(client, url, most=50, warm=True)
    segment = Segment.objects.get(code="suuryritykset")
    _add_services(30)
    create_in_bulk(
        SegmentOfferingFactory,
        ({"service": s} for s in Service.objects.filter(is_demo=False)),
        segment=segment,
    )
    assert count_queries(client, url, most=50) == few


# Rationales, development, tools --------------------------------------------------------------


def test_rationale_list__has_the_report_texts_word_for_word(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    page = client.get(reverse("offerings:rationale_list")).content.decode()
    assert (
        "Osaamisohjan kehittäminen laajasti ja pitkällä tähtäimellä ja sen kytkeminen myös yrityksiin"
        in page
    )
    assert "<li>Kansainvälisten investointien houkuttelu Suomeen</li>" in page
    assert (
        "Markkinapuutteen kattaminen – julkinen sektori tuottaa ja välittää palveluita, joita "
        "yksityinen sektori ei tuota" in page
    )
    for code in (
        "markkinapuute",
        "toimintaymparisto",
        "kasvu-ja-kansainvalistyminen",
        "osaamispohja",
        "yhteiskunnalliset-tavoitteet",
    ):
        assert f'id="{code}"' in page
    assert (
        page.count("<li>", page.index('id="markkinapuute"'), page.index('id="toimintaymparisto"'))
        >= 5
    )


def test_rationale_list__counts_and_links_the_services_of_each_rationale(
    client, working_group_user, demo_services
):
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:rationale_list"))
    page = response.content.decode()
    counts = {r.code: len(r.services.all()) for r in response.context["rationales"]}
    assert counts["markkinapuute"] == 4
    assert counts["osaamispohja"] == 3
    assert "4 palvelua, joiden perusteena tämä on" in page
    assert demo_services["Omistajanvaihdospalvelu"].get_absolute_url() in page


def test_rationale_list__query_count_is_constant(
    client, working_group_user, strategy_data, count_queries
):
    client.force_login(working_group_user)
    url = reverse("offerings:rationale_list")
    few = count_queries(client, url, most=50, warm=True)
    _add_services(30)
    rationales = list(Rationale.objects.all())
    link_in_bulk(Service.rationales, Service.objects.filter(is_demo=False), rationales)
    assert count_queries(client, url, most=50) == few


def test_development_list__shows_the_two_harmonisation_items(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:development_list"))
    page = response.content.decode()
    assert page.count('<time datetime="2009-02-01">1.2.2009</time>') == 2
    assert "Varsinais-Suomen TE-keskus" in page
    assert "Tekes – teknologian ja innovaatioiden kehittämiskeskus" in page
    assert "Alkavien yritysten alatyöryhmä" in page
    assert "Yrityksen perustajat ja keksintöasiakkaat" in page
    assert "käynnissä" in page
    labels = [label for label, _items in response.context["groups"]]
    assert [len(items) for _label, items in response.context["groups"]] == [2, 0]
    assert [str(label) for label in labels] == [
        "nykytarjooman yhteensovittaminen",
        "tarjooman pitkäjänteinen kehittäminen",
    ]


def test_development_list__query_count_is_constant(
    client, working_group_user, strategy_data, count_queries
):
    client.force_login(working_group_user)
    url = reverse("offerings:development_list")
    few = count_queries(client, url, most=50, warm=True)
    tekes = Organisation.objects.get(code="tekes")
    segments = list(Segment.objects.all()[:3])
    for n in range(10):
        item = DevelopmentItemFactory(kind="long_term", title=f"Tehtävä {n}", coordinator=tekes)
        item.segments.set(segments)
    assert count_queries(client, url, most=50) == few


def test_tool_list__empty_says_the_report_left_it_to_later_work(client, working_group_user):
    client.force_login(working_group_user)
    page = client.get(reverse("offerings:tool_list")).content.decode()
    assert (
        "Raportti jätti yhteisten työkalujen tarkastelun jatkotyöhön (luku 5.7). "
        "Työkaluja ei ole vielä kirjattu." in page
    )


def test_tool_list__tools_are_grouped_by_kind(client, working_group_user):
    tekes = Organisation.objects.get(code="tekes")
    tool = SharedToolFactory(kind="current", name="Yhteinen asiakastietojärjestelmä", owner=tekes)
    tool.users.set(Organisation.objects.filter(code__in=["finnvera", "finpro"]))
    client.force_login(working_group_user)
    response = client.get(reverse("offerings:tool_list"))
    page = response.content.decode()
    assert "Raportti jätti" not in page
    assert f'id="tyokalu-{tool.pk}"' in page
    assert "Finnvera Oyj" in page and "Finpro ry" in page
    assert [len(tools) for _label, tools in response.context["groups"]] == [1, 0]
    assert "ei vielä kirjattu" in page  # no needs for new tools yet


def test_service_list__cached_table_follows_a_change_and_never_caches_a_search(
    client, working_group_user, demo_services, count_queries
):
    client.force_login(working_group_user)
    url = reverse("offerings:service_list")
    count_queries(client, url, warm=True)
    assert not count_queries.any_sql("offerings_service")  # the table came from the cache
    service = Service.objects.order_by("pk").first()
    service.name_fi = "Palvelu välimuistin ohi"
    service.save()
    assert "Palvelu välimuistin ohi" in client.get(url).content.decode()
    # A new producer shows at once in the producer's filtered table (an m2m change).
    gtk = {"organisation": Organisation.objects.get(code="gtk").pk}
    assert "Palvelu välimuistin ohi" not in client.get(url, gtk).content.decode()
    service.producers.add(Organisation.objects.get(code="gtk"))
    assert "Palvelu välimuistin ohi" in client.get(url, gtk).content.decode()
    # A search always reads the rows.
    count_queries(client, url, {"q": "välimuistin"})
    assert count_queries.any_sql("offerings_service")
    assert "Palvelu välimuistin ohi" in count_queries.content.decode()
