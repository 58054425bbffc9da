"""The steering pages: who may see and edit what (every role, no role, anonymous, out of
scope), hostile and wrong input on every form, the dashboard's numbers on a hand-made case,
and query counts that do not grow with the rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.refusals import STALE_EDIT_MESSAGE
from governance import roles
from governance.models import (
    Body,
    ClockEvent,
    Metric,
    MetricStatus,
    Plan,
    PlanItem,
    PlanningLevel,
    WorkPhase,
)
from governance.report_texts import WORK_PHASES
from governance.services import steering as services
from offerings.models import Organisation
from segments.models import Segment
from tests.factories import CompanyFactory, business_id

pytestmark = pytest.mark.django_db

L = PlanningLevel
PAGES = ["steering_dashboard", "clock", "plan_list", "roadmap"]
ROLE_FIXTURES = ["ministry_user", "working_group_user", "coordinator_user", "agency_user"]


def _url(name, *args):
    return reverse(f"governance:{name}", args=args)


@pytest.fixture
def orgs(strategy_data):
    return Organisation.objects.in_bulk(["finnvera", "tekes"], field_name="code")


@pytest.fixture
def company(strategy_data):
    return CompanyFactory(
        business_id=business_id(4300), name="Suunnitelma Oy", segment_code="kansainvalistyvat"
    )


@pytest.fixture
def plans(ministry_user, agency_user, working_group_user, orgs, company):
    """A plan of each level: Finnvera's (the agency user's) and Tekes's."""

    def make(key, level, **fields):
        return services.plan_create(
            level=level, year=2026, title=f"Suunnitelma {key}", by=ministry_user, **fields
        )

    return {
        "whole": make("whole", L.WHOLE_BASE),
        "fv_org": make("fv_org", L.ORGANISATION_BASE, organisation=orgs["finnvera"]),
        "tk_org": make("tk_org", L.ORGANISATION_BASE, organisation=orgs["tekes"]),
        "fv_portfolio": make(
            "fv_portfolio", L.PORTFOLIO, organisation=orgs["finnvera"], person=agency_user.person
        ),
        "tk_portfolio": make(
            "tk_portfolio",
            L.PORTFOLIO,
            organisation=orgs["tekes"],
            person=working_group_user.person,
        ),
        "fv_customer": make(
            "fv_customer", L.CUSTOMER, organisation=orgs["finnvera"], company=company
        ),
        "tk_customer": make("tk_customer", L.CUSTOMER, organisation=orgs["tekes"], company=company),
    }


# --- Who may see the pages ------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_pages__anonymous_is_sent_to_login(client, strategy_data, name):
    response = client.get(_url(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", [*PAGES, "plan_create", "clockevent_create"])
def test_pages__no_role_is_refused(client, no_role_user, name):
    client.force_login(no_role_user)
    assert client.get(_url(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("user", ROLE_FIXTURES)
def test_pages__every_role_reads(client, request, plans, user, name):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_url(name)).status_code == 200


# Which plans a role reads: ministry all; everyone else the open levels and their own
# organisation's portfolio and customer plans (the agency user is Finnvera's, the working
# group member Tekes's, the coordinator a TE-centre's).
VISIBLE = {
    "ministry_user": {
        "whole",
        "fv_org",
        "tk_org",
        "fv_portfolio",
        "tk_portfolio",
        "fv_customer",
        "tk_customer",
    },
    "agency_user": {"whole", "fv_org", "tk_org", "fv_portfolio", "fv_customer"},
    "working_group_user": {"whole", "fv_org", "tk_org", "tk_portfolio", "tk_customer"},
    "coordinator_user": {"whole", "fv_org", "tk_org"},
}


@pytest.mark.parametrize("user", ROLE_FIXTURES)
def test_plan_detail__visibility_matrix(client, request, plans, user):
    client.force_login(request.getfixturevalue(user))
    seen = {
        key
        for key, plan in plans.items()
        if client.get(_url("plan_detail", plan.pk)).status_code == 200
    }
    assert seen == VISIBLE[user]
    hidden = set(plans) - seen
    for key in hidden:
        assert client.get(_url("plan_detail", plans[key].pk)).status_code == 404


@pytest.mark.parametrize("user", ROLE_FIXTURES)
def test_plan_list__lists_only_visible_plans(client, request, plans, user):
    client.force_login(request.getfixturevalue(user))
    listed = {plan.title for plan in client.get(_url("plan_list")).context["plans"]}
    assert listed == {f"Suunnitelma {key}" for key in VISIBLE[user]}


# Which plans a role edits: ministry all; agency Finnvera's non-whole-base plans.
EDITABLE = {
    "ministry_user": set(VISIBLE["ministry_user"]),
    "agency_user": {"fv_org", "fv_portfolio", "fv_customer"},
    "working_group_user": set(),
    "coordinator_user": set(),
}


@pytest.mark.parametrize("user", ROLE_FIXTURES)
def test_plan_update__edit_matrix(client, request, plans, user):
    client.force_login(request.getfixturevalue(user))
    for key, plan in plans.items():
        status = client.get(_url("plan_update", plan.pk)).status_code
        if key in EDITABLE[user]:
            assert status == 200, key
        elif key in VISIBLE[user] or user in ("working_group_user", "coordinator_user"):
            # Read but not edit (or no edit permission at all): refused.
            assert status in (403, 404), key
            if key in VISIBLE[user]:
                assert status == 403, key
        else:
            assert status == 404, key  # out of scope: not even told it exists


@pytest.mark.parametrize("name", ["planitem_create", "metric_create"])
def test_plan_parts__agency_cannot_add_to_other_organisations_plan(
    client, agency_user, plans, name
):
    client.force_login(agency_user)
    assert client.get(_url(name, plans["fv_org"].pk)).status_code == 200
    assert client.get(_url(name, plans["tk_org"].pk)).status_code == 403
    assert client.get(_url(name, plans["whole"].pk)).status_code == 403
    assert client.get(_url(name, plans["tk_customer"].pk)).status_code == 404
    response = client.post(_url(name, plans["tk_org"].pk), {"text": "x", "kind": "goal"})
    assert response.status_code == 403
    assert not PlanItem.objects.filter(plan=plans["tk_org"]).exists()


def test_plan_parts__working_group_cannot_add(client, working_group_user, plans):
    client.force_login(working_group_user)
    assert client.get(_url("metric_create", plans["fv_org"].pk)).status_code == 403


@pytest.mark.parametrize("name", ["plan_detail", "plan_update", "planitem_update", "metric_update"])
def test_plan_pages__unknown_id_is_404(client, ministry_user, strategy_data, name):
    client.force_login(ministry_user)
    assert client.get(_url(name, 999999)).status_code == 404


def test_plan_pages__non_numeric_id_is_404(client, ministry_user, strategy_data):
    client.force_login(ministry_user)
    assert client.get("/governance/steering/plans/abc/").status_code == 404
    assert client.get("/governance/steering/plans/metrics/1e3/edit/").status_code == 404


def test_clock_event_forms__only_ministry(client, agency_user, working_group_user, strategy_data):
    for user in (agency_user, working_group_user):
        client.force_login(user)
        assert client.get(_url("clockevent_create")).status_code == 403
        response = client.post(
            _url("clockevent_create"), {"title_fi": "X", "month": "1", "kind": "planning"}
        )
        assert response.status_code == 403
    assert not ClockEvent.objects.filter(title_fi="X").exists()


# --- Plan forms -----------------------------------------------------------------------------


def _plan_data(**overrides):
    data = {"level": "organisation_base", "year": "2026", "title": "Uusi", "description": ""}
    data.update(overrides)
    return data


def test_plan_create__agency_writes_own_organisations_plan(client, agency_user, orgs):
    client.force_login(agency_user)
    response = client.post(
        _url("plan_create"), _plan_data(organisation=orgs["finnvera"].pk, title="Oma")
    )
    plan = Plan.objects.get(title="Oma")
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.created_by == agency_user
    assert plan.history.get().history_user == agency_user


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"organisation": "tekes"}, "organisation", "Tuntematon organisaatio"),
        ({"level": "whole_base"}, "level", "Valitse suunnittelutaso luettelosta"),
        ({"level": "hacker"}, "level", "Valitse suunnittelutaso luettelosta"),
        ({"year": "kaksi"}, "year", "Anna vuosi numeroina"),
        ({"year": "1999"}, "year", "aikaisintaan 2008"),
        ({"title": " "}, "title", "Anna otsikko"),
        ({"title": "x" * 201}, "title", "200"),
    ],
)
def test_plan_create__wrong_input_is_refused_in_finnish(
    client, agency_user, orgs, data, field, message
):
    client.force_login(agency_user)
    post = _plan_data(organisation=orgs["finnvera"].pk)
    if data.get("organisation") == "tekes":
        data = {"organisation": orgs["tekes"].pk}
    post.update(data)
    count = Plan.objects.count()
    response = client.post(_url("plan_create"), post)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors, response.context["form"].errors
    assert "Lomakkeessa on virheitä" in response.content.decode()
    assert Plan.objects.count() == count


def test_plan_create__unknown_business_id_is_refused(client, ministry_user, orgs):
    client.force_login(ministry_user)
    response = client.post(
        _url("plan_create"),
        _plan_data(level="customer", organisation=orgs["finnvera"].pk, company="1234567-8"),
    )
    assert "ei löydy yritystä" in " ".join(response.context["form"].errors["company"])


def test_plan_create__level_shape_error_lands_on_the_form(client, ministry_user, orgs):
    client.force_login(ministry_user)
    response = client.post(
        _url("plan_create"), _plan_data(level="customer", organisation=orgs["finnvera"].pk)
    )
    assert response.status_code == 200
    assert "Asiakkuussuunnitelmalle valitaan asiakasyritys" in response.content.decode()


def test_plan_create__hostile_title_is_stored_and_shown_escaped(client, ministry_user):
    client.force_login(ministry_user)
    client.post(_url("plan_create"), _plan_data(level="whole_base", title="<script>x</script>"))
    plan = Plan.objects.get(title="<script>x</script>")
    body = client.get(plan.get_absolute_url()).content.decode()
    assert "<script>x</script>" not in body and "&lt;script&gt;x&lt;/script&gt;" in body


def test_plan_update__stale_version_shows_message_and_keeps_the_other_save(
    client, ministry_user, plans
):
    plan = plans["whole"]
    client.force_login(ministry_user)
    data = _plan_data(level="whole_base", title="Minun", version=plan.version, change_reason="a")
    services.plan_update(
        plan=plan, version=plan.version, title="Toisen", by=ministry_user, reason="b"
    )
    response = client.post(_url("plan_update", plan.pk), data)
    assert response.status_code == 409
    assert str(STALE_EDIT_MESSAGE) in response.content.decode()
    assert Plan.objects.get(pk=plan.pk).title == "Toisen"


def test_plan_update__requires_a_reason_and_archives(client, ministry_user, plans):
    plan = plans["whole"]
    client.force_login(ministry_user)
    data = _plan_data(level="whole_base", version=plan.version, is_archived="on")
    response = client.post(_url("plan_update", plan.pk), data)
    assert "Kerro, miksi muutos tehdään" in response.content.decode()
    data["change_reason"] = "Vanhentunut"
    assert client.post(_url("plan_update", plan.pk), data).status_code == 302
    plan.refresh_from_db()
    assert plan.is_archived and plan.history.first().history_change_reason == "Vanhentunut"


def test_plan_update__agency_cannot_move_plan_to_another_organisation(
    client, agency_user, plans, orgs
):
    plan = plans["fv_org"]
    client.force_login(agency_user)
    data = _plan_data(organisation=orgs["tekes"].pk, version=plan.version, change_reason="x")
    response = client.post(_url("plan_update", plan.pk), data)
    assert response.status_code == 200 and response.context["form"].errors["organisation"]
    assert Plan.objects.get(pk=plan.pk).organisation == orgs["finnvera"]


# --- Item and metric forms ------------------------------------------------------------------


def test_planitem_create__adds_and_update_archives(client, agency_user, plans):
    plan = plans["fv_org"]
    client.force_login(agency_user)
    response = client.post(
        _url("planitem_create", plan.pk),
        {"kind": "goal", "text": "Kasvattaa vientiä", "order": "1"},
    )
    assert response.status_code == 302
    item = plan.items.get()
    response = client.post(
        _url("planitem_update", item.pk),
        {
            "kind": "goal",
            "text": "Kasvattaa vientiä",
            "is_archived": "on",
            "change_reason": "Valmis",
            "version": item.version,
        },
    )
    item.refresh_from_db()
    assert item.is_archived and item.history.first().history_change_reason == "Valmis"
    assert "Kasvattaa vientiä" not in client.get(plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "goal", "text": ""}, "text"),
        ({"kind": "goal", "text": "x" * 3001}, "text"),
        ({"kind": "wish", "text": "x"}, "kind"),
        ({"kind": "goal", "text": "x", "order": "-1"}, "order"),
        ({"kind": "goal", "text": "x", "order": "yksi"}, "order"),
    ],
)
def test_planitem_create__wrong_input_is_refused(client, ministry_user, plans, data, field):
    client.force_login(ministry_user)
    response = client.post(_url("planitem_create", plans["whole"].pk), data)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not plans["whole"].items.exists()


def _metric_data(**overrides):
    data = {
        "name": "Asiakkaat",
        "unit": "kpl",
        "year": "2026",
        "target": "1 234,5",
        "actual": "",
        "higher_is_better": "1",
        "tolerance_percent": "10",
        "order": "0",
    }
    data.update(overrides)
    return data


def test_metric_create__accepts_finnish_numbers(client, agency_user, plans):
    client.force_login(agency_user)
    response = client.post(_url("metric_create", plans["fv_org"].pk), _metric_data())
    assert response.status_code == 302
    metric = plans["fv_org"].metrics.get()
    assert metric.target == Decimal("1234.5") and metric.actual is None
    assert metric.history.get().history_user == agency_user


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"target": "paljon"}, "target", "Anna luku"),
        ({"target": ""}, "target", "Anna tavoite lukuna"),
        ({"actual": "12abc"}, "actual", "Anna luku"),
        ({"tolerance_percent": "-5"}, "tolerance_percent", "ei voi olla negatiivinen"),
        ({"tolerance_percent": "150"}, "tolerance_percent", "enintään 100"),
        ({"target": "1" * 20}, "target", "numeroa"),
        ({"name": "x" * 201}, "name", "200"),
        ({"name": "   "}, "name", "Anna mittarin nimi"),
        ({"year": "20x6"}, "year", "Anna vuosi numeroina"),
        ({"higher_is_better": "maybe"}, "higher_is_better", "Valitse suunta"),
    ],
)
def test_metric_create__wrong_input_is_refused_in_finnish(
    client, ministry_user, plans, data, field, message
):
    client.force_login(ministry_user)
    response = client.post(_url("metric_create", plans["whole"].pk), _metric_data(**data))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not plans["whole"].metrics.exists()


def test_metric_create__duplicate_name_and_year_is_refused(client, ministry_user, plans):
    client.force_login(ministry_user)
    url = _url("metric_create", plans["whole"].pk)
    client.post(url, _metric_data())
    response = client.post(url, _metric_data())
    assert "jo tämä mittari" in " ".join(response.context["form"].errors["name"])
    assert plans["whole"].metrics.count() == 1


def test_metric_update__records_actual_and_status_shows_in_words(client, ministry_user, plans):
    client.force_login(ministry_user)
    client.post(_url("metric_create", plans["whole"].pk), _metric_data(target="100"))
    metric = plans["whole"].metrics.get()
    response = client.post(
        _url("metric_update", metric.pk),
        _metric_data(
            target="100", actual="95", change_reason="Kesäkuun toteuma", version=metric.version
        ),
    )
    assert response.status_code == 302
    metric.refresh_from_db()
    assert metric.actual == Decimal("95") and metric.status == MetricStatus.AT_RISK
    page = client.get(plans["whole"].get_absolute_url()).content.decode()
    assert str(MetricStatus.AT_RISK.label) in page
    assert "steering-status--at_risk" in page


def test_metric_update__a_stale_form_is_refused_with_a_message(client, ministry_user, plans):
    client.force_login(ministry_user)
    client.post(_url("metric_create", plans["whole"].pk), _metric_data(target="100"))
    metric = plans["whole"].metrics.get()
    opened = metric.version
    first = _metric_data(target="100", actual="95", change_reason="Ensin", version=opened)
    assert client.post(_url("metric_update", metric.pk), first).status_code == 302

    second = _metric_data(target="100", actual="10", change_reason="Toiseksi", version=opened)
    response = client.post(_url("metric_update", metric.pk), second)
    tampered = _metric_data(target="100", actual="10", change_reason="Ilman versiota")
    without_version = client.post(_url("metric_update", metric.pk), tampered)

    assert response.status_code == 409  # someone else's save came first
    assert without_version.status_code in (200, 409)
    assert "Joku muu on tallentanut" in response.content.decode()
    assert "Joku muu on tallentanut" in without_version.content.decode()
    metric.refresh_from_db()
    assert metric.actual == Decimal("95")


def test_metric_create__hostile_name_is_escaped(client, ministry_user, plans):
    client.force_login(ministry_user)
    client.post(_url("metric_create", plans["whole"].pk), _metric_data(name="<img src=x>"))
    page = client.get(plans["whole"].get_absolute_url()).content.decode()
    assert "<img src=x>" not in page and "&lt;img src=x&gt;" in page


# --- Clock ----------------------------------------------------------------------------------


def test_clock__empty_year_still_shows_months_and_no_events(client, working_group_user):
    client.force_login(working_group_user)
    page = client.get(_url("clock") + "?year=2099").content.decode()
    assert page.count('data-month="') >= 24  # 12 sectors and 12 labels
    assert "ei tapahtumia" in page
    assert 'role="img"' in page


def test_clock__recurring_every_year_and_one_off_in_its_year(client, ministry_user):
    services.clock_event_create(month=3, kind="planning", title_fi="Joka vuosi", by=ministry_user)
    services.clock_event_create(
        month=5,
        kind="follow_up",
        title_fi="Vain 2027",
        is_recurring=False,
        year=2027,
        by=ministry_user,
    )
    client.force_login(ministry_user)
    page_2026 = client.get(_url("clock") + "?year=2026").content.decode()
    page_2027 = client.get(_url("clock") + "?year=2027").content.decode()
    assert "Joka vuosi" in page_2026 and "Joka vuosi" in page_2027
    assert "Vain 2027" not in page_2026 and "Vain 2027" in page_2027


def test_clock__filters_by_level_and_body(client, ministry_user):
    body = Body.objects.get(code="asiakkuusstrategiaryhma")
    services.clock_event_create(
        month=1, kind="planning", title_fi="Kanta", level="whole_base", by=ministry_user
    )
    services.clock_event_create(
        month=2, kind="planning", title_fi="Ryhmä", body=body, by=ministry_user
    )
    client.force_login(ministry_user)
    by_level = client.get(_url("clock") + "?level=whole_base").context["drawing"]
    by_body = client.get(_url("clock") + f"?body={body.pk}").context["drawing"]
    general = client.get(_url("clock") + "?level=general").context["drawing"]
    assert [m.event.title_fi for m in by_level.marks] == ["Kanta"]
    assert [m.event.title_fi for m in by_body.marks] == ["Ryhmä"]
    assert [m.event.title_fi for m in general.marks] == ["Ryhmä"]


@pytest.mark.parametrize("query", ["?year=abc", "?level=<script>", "?body=999999", "?body=x"])
def test_clock__bad_filter_is_pointed_out_not_a_500(client, working_group_user, query):
    client.force_login(working_group_user)
    response = client.get(_url("clock") + query)
    assert response.status_code == 200
    assert "Lomakkeessa on virheitä" in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_clockevent_create__ministry_adds_and_is_sent_to_the_month(client, ministry_user):
    client.force_login(ministry_user)
    response = client.post(
        _url("clockevent_create"),
        {
            "title_fi": "Tulosneuvottelut",
            "month": "9",
            "kind": "result_steering",
            "level": "organisation_base",
            "is_recurring": "on",
            "order": "0",
        },
    )
    event = ClockEvent.objects.get(title_fi="Tulosneuvottelut")
    assert response["Location"].endswith("#kuukausi-9")
    assert event.history.get().history_user == ministry_user


def test_clockevent_create__swedish_and_english_written_beside_the_finnish(client, ministry_user):
    """The texts of every language are written in the form (not only in the admin); the
    Swedish page shows the Swedish title."""
    client.force_login(ministry_user)
    response = client.post(
        _url("clockevent_create"),
        {
            "title_fi": "Tulosneuvottelut",
            "title_sv": "Resultatförhandlingar",
            "title_en": "",
            "description_sv": "Förhandlingar om resultatmålen.",
            "month": "9",
            "kind": "result_steering",
            "is_recurring": "on",
            "order": "0",
        },
    )
    assert response.status_code == 302
    event = ClockEvent.objects.get(title_fi="Tulosneuvottelut")
    assert (event.title_sv, event.title_en) == ("Resultatförhandlingar", "")
    assert event.history.get().title_sv == "Resultatförhandlingar"
    client.cookies["kieli"] = "sv"
    assert "Resultatförhandlingar" in client.get(_url("clock")).content.decode()
    form = client.get(_url("clockevent_update", event.pk)).context["form"]
    assert form["title_sv"].value() == "Resultatförhandlingar"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"month": "13"}, "month"),
        ({"month": "tammikuu"}, "month"),
        ({"kind": "party"}, "kind"),
        ({"title_fi": ""}, "title_fi"),
        ({"title_fi": "x" * 201}, "title_fi"),
        ({"is_recurring": "", "year": ""}, "year"),
        ({"year": "2026"}, "year"),  # recurring with a year
        ({"body": "999999"}, "body"),
        ({"organisation": "abc"}, "organisation"),
        ({"title_sv": "x" * 201}, "title_sv"),
        ({"description_en": "x" * 3001}, "description_en"),
    ],
)
def test_clockevent_create__wrong_input_is_refused(client, ministry_user, data, field):
    client.force_login(ministry_user)
    post = {"title_fi": "Tapahtuma", "month": "1", "kind": "planning", "is_recurring": "on"}
    post.update(data)
    count = ClockEvent.objects.count()
    response = client.post(_url("clockevent_create"), post)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert ClockEvent.objects.count() == count


def test_clockevent_update__requires_reason_and_archives(client, ministry_user):
    event = services.clock_event_create(month=4, kind="planning", title_fi="A", by=ministry_user)
    client.force_login(ministry_user)
    post = {"title_fi": "A", "month": "4", "kind": "planning", "is_recurring": "on"}
    response = client.post(_url("clockevent_update", event.pk), post)
    assert "change_reason" in response.context["form"].errors
    post.update(is_archived="on", change_reason="Ei enää")
    assert client.post(_url("clockevent_update", event.pk), post).status_code == 302
    event.refresh_from_db()
    assert event.is_archived
    assert "A" not in [m.event.title_fi for m in client.get(_url("clock")).context["drawing"].marks]


# --- Dashboard and roadmap ------------------------------------------------------------------


def test_dashboard__hand_made_case(client, ministry_user, orgs):
    segment = Segment.objects.get(code="perustajat")
    plan = services.plan_create(
        level=L.ORGANISATION_BASE,
        year=2030,
        title="Tekes 2030",
        organisation=orgs["tekes"],
        segment=segment,
        by=ministry_user,
    )
    for name, target, actual, higher in [
        ("A", "100", "120", True),  # on track, 120 %
        ("B", "100", "95", True),  # at risk, 95 %
        ("C", "20", "40", False),  # off track, 50 %
        ("D", "10", None, True),  # no data
    ]:
        services.metric_create(
            plan=plan,
            name=name,
            year=2030,
            target=Decimal(target),
            actual=Decimal(actual) if actual else None,
            higher_is_better=higher,
            by=ministry_user,
        )
    services.metric_create(  # another year: not counted
        plan=plan, name="A", year=2029, target=Decimal("1"), actual=Decimal("1"), by=ministry_user
    )
    client.force_login(ministry_user)
    dashboard = client.get(_url("steering_dashboard") + "?year=2030").context["dashboard"]
    assert dashboard.total == 4
    assert dashboard.counts == {"on_track": 1, "at_risk": 1, "off_track": 1, "no_data": 1}
    [by_segment] = dashboard.by_segment
    [by_organisation] = dashboard.by_organisation
    assert by_segment.label == segment and by_organisation.label == orgs["tekes"]
    assert by_segment.mean_attainment == Decimal("88")  # (120 + 95 + 50) / 3
    assert by_organisation.counts == dashboard.counts
    assert by_segment.bar_percent == Decimal("58.7")  # 88 of the chart's 150


def test_dashboard__agency_does_not_count_other_organisations_customer_plans(
    client, agency_user, ministry_user, plans
):
    for key in ("tk_customer", "fv_customer", "whole"):
        services.metric_create(
            plan=plans[key], name="M", year=2026, target=Decimal("1"), by=ministry_user
        )
    client.force_login(agency_user)
    assert client.get(_url("steering_dashboard") + "?year=2026").context["dashboard"].total == 2
    client.force_login(ministry_user)
    assert client.get(_url("steering_dashboard") + "?year=2026").context["dashboard"].total == 3


def test_dashboard__bad_year_falls_back_with_a_message(client, ministry_user, strategy_data):
    client.force_login(ministry_user)
    response = client.get(_url("steering_dashboard") + "?year=<b>")
    assert response.status_code == 200 and "Anna vuosi numeroina" in response.content.decode()


def test_roadmap__the_four_phases_word_for_word(client, coordinator_user):
    client.force_login(coordinator_user)
    response = client.get(_url("roadmap"))
    phases = response.context["phases"]
    assert [p.name_fi for p in phases] == [phase[0] for phase in WORK_PHASES]
    page = response.content.decode()
    for phase in WorkPhase.objects.all():
        assert phase.get_absolute_url().endswith(f"#vaihe-{phase.order}")
        assert f'id="vaihe-{phase.order}"' in page


# --- Query counts ---------------------------------------------------------------------------


def _grow_plans(by, orgs, n, *, year=2031):
    segment = Segment.objects.get(code="perustajat")
    for i in range(n):
        plan = services.plan_create(
            level=L.ORGANISATION_BASE,
            year=year,
            title=f"Kasvu {year} {i}",
            organisation=orgs["tekes" if i % 2 else "finnvera"],
            segment=segment,
            by=by,
        )
        services.plan_item_create(plan=plan, kind="goal", text=f"T{i}", by=by)
        services.metric_create(
            plan=plan, name="M", year=year, target=Decimal("10"), actual=Decimal(i), by=by
        )


def _grow_clock(by, n):
    for i in range(n):
        services.clock_event_create(
            month=i % 12 + 1,
            kind="planning",
            title_fi=f"E{i}",
            level=["", "whole_base", "portfolio"][i % 3],
            by=by,
        )


@pytest.mark.parametrize("user", ["ministry_user", "agency_user"])
def test_query_counts__constant_as_rows_grow(
    client, request, ministry_user, orgs, user, count_queries
):
    client.force_login(request.getfixturevalue(user))
    urls = [
        _url("plan_list") + "?year=2031",
        _url("steering_dashboard") + "?year=2031",
        _url("clock") + "?year=2031",
        _url("roadmap"),
    ]
    _grow_plans(ministry_user, orgs, 3)
    _grow_clock(ministry_user, 3)
    small = [count_queries(client, url, warm=True) for url in urls]
    _grow_plans(ministry_user, orgs, 40, year=2031)
    _grow_clock(ministry_user, 40)
    large = [count_queries(client, url, warm=True) for url in urls]
    assert small == large


def test_query_counts__plan_detail_constant_as_items_grow(
    client, ministry_user, orgs, count_queries
):
    plan = services.plan_create(
        level=L.ORGANISATION_BASE,
        year=2026,
        title="Iso",
        organisation=orgs["tekes"],
        by=ministry_user,
    )
    client.force_login(ministry_user)

    def grow(start, n):
        for i in range(start, start + n):
            services.plan_item_create(plan=plan, kind="action", text=f"T{i}", by=ministry_user)
            services.metric_create(
                plan=plan, name=f"M{i}", year=2026, target=Decimal("1"), by=ministry_user
            )

    grow(0, 3)
    small = count_queries(client, plan.get_absolute_url(), warm=True)
    grow(3, 40)
    assert count_queries(client, plan.get_absolute_url(), warm=True) == small


def test_roles__steering_permissions_per_role(strategy_data):
    """The plan work permissions belong to ministry and agency staff only."""
    assert "governance.change_plan" in roles.ROLE_PERMISSIONS[roles.AGENCY_CUSTOMER_STAFF]
    assert "governance.change_plan" not in roles.ROLE_PERMISSIONS[roles.WORKING_GROUP_MEMBER]
    assert Metric and PlanItem  # the models the pages edit
