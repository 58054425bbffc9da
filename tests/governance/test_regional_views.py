"""The regional pages (6.3): who may and who may not open and post each of them, the forms
with wrong and hostile input, the needs message's path through the pages (the Done-means
story), and query counts that do not grow with the number of tasks or messages."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.refusals import STALE_EDIT_MESSAGE
from governance.models import Body, MessageEvent, NeedsMessage, RegionalTask
from governance.selectors import regional as selectors
from governance.services import regional as services
from governance.services.regional_tallies import regional_tallies_rebuild
from offerings.models import Organisation
from segments.models import Region, Segment
from tests.factories import (
    DAY,
    RegionalTaskFactory,
    create_in_bulk,
    link_in_bulk,
    log_task,
    seat,
)

pytestmark = pytest.mark.django_db

ROLE_FIXTURES = [
    "ministry_user",
    "working_group_user",
    "coordinator_user",
    "agency_user",
    "no_role_user",
    "other_coordinator",
    "group_b_member",
]


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(name, *args):
    return reverse(f"governance:{name}", args=args)


def task_data(**overrides):
    data = {
        "body": Body.objects.get(code="alue-varsinais-suomi").pk,
        "date": "5.3.2026",
        "kind": RegionalTask.Kind.NEEDS_ANALYSIS,
        "segments": [Segment.objects.get(code="perustajat").pk],
        "organisations": [Organisation.objects.get(code="tekes").pk],
        "description": "Alkavien yritysten palvelutarvekysely.",
        "outcome": "Rahoitusneuvonnan tarve kasvanut.",
        "follow_up_on": "5.4.2026",
        "original_language": "fi",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(task, **overrides):
    data = task_data(version=task.version, change_reason="Tulos täydennetty")
    data.pop("body")
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def page_text(response):
    return response.content.decode()


# --- who may open which page ---------------------------------------------------------------

READERS = {
    "ministry_user": 200,
    "working_group_user": 200,
    "coordinator_user": 200,
    "agency_user": 200,
    "no_role_user": 403,
    "other_coordinator": 200,
    "group_b_member": 200,
}
# Only the task's own coordinator writes; the coordinator of another region may log tasks
# of their own region, but not edit or send from Varsinais-Suomi's.
OWN_COORDINATOR = {name: 403 for name in ROLE_FIXTURES} | {"coordinator_user": 200}
ANY_COORDINATOR = OWN_COORDINATOR | {"other_coordinator": 200}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("regionaltask_list", READERS),
        ("regional_overview", READERS),
        ("needsmessage_list", READERS),
        ("regionaltask_create", ANY_COORDINATOR),
        ("regionaltask_detail", READERS),
        ("regionaltask_update", OWN_COORDINATOR),
        ("needsmessage_create", OWN_COORDINATOR),
        ("needsmessage_detail", READERS),
    ],
)
def test_regional_pages__permission_matrix(request, message, page, expected):
    """Each role, a user without a role, a coordinator of another region and a member of
    another working group; anonymous users go to the login page."""
    args = {
        "regionaltask_detail": [message.task.pk],
        "regionaltask_update": [message.task.pk],
        "needsmessage_create": [message.task.pk],
        "needsmessage_detail": [message.pk],
    }.get(page, [])
    path = url(page, *args)
    anonymous = Client().get(path)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    got = {
        name: client_for(request.getfixturevalue(name)).get(path).status_code
        for name in ROLE_FIXTURES
    }
    assert got == expected


MEMBER_OF_A_ONLY = {name: 403 for name in ROLE_FIXTURES} | {"working_group_user": 302}


@pytest.mark.parametrize("action", ["acknowledge", "close"])
def test_needsmessage_actions__only_current_members_of_the_receiving_group(
    request, message, action
):
    """Ministry staff hold the permission but no seat in group (a); the coordinator sent
    it but has no permission to handle it; group (b)'s member sits in the wrong group."""
    seat(request.getfixturevalue("working_group_user"), "tyoryhma-a")
    path = url(f"needsmessage_{action}", message.pk)
    assert "/accounts/login/" in Client().post(path)["Location"]
    # The member of (a) goes last: after their step the message has moved on.
    order = [name for name in ROLE_FIXTURES if name != "working_group_user"]
    got = {}
    for name in [*order, "working_group_user"]:
        got[name] = client_for(request.getfixturevalue(name)).post(path).status_code
        if name != "working_group_user":
            message.refresh_from_db()
            assert message.status == "sent", name  # a refused post changes nothing
    assert got == MEMBER_OF_A_ONLY
    message.refresh_from_db()
    assert message.status == ("acknowledged" if action == "acknowledge" else "closed")


def test_needsmessage_actions__refused_posts_change_nothing(request, message):
    for name in ROLE_FIXTURES:
        if name == "working_group_user":
            continue  # no seat in this test: refused as well
        client_for(request.getfixturevalue(name)).post(url("needsmessage_acknowledge", message.pk))
    client_for(request.getfixturevalue("working_group_user")).post(
        url("needsmessage_acknowledge", message.pk)
    )
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.events.count() == 1


def test_needsmessage_actions__get_is_not_allowed(group_a_member, message):
    response = client_for(group_a_member).get(url("needsmessage_acknowledge", message.pk))
    assert response.status_code == 405


def test_regional_pages__unknown_and_non_numeric_ids_are_404(coordinator_user, group_a_member):
    client = client_for(coordinator_user)
    assert client.get(url("regionaltask_detail", 999999)).status_code == 404
    assert client.get(url("regionaltask_update", 999999)).status_code == 404
    assert client.get(url("needsmessage_create", 999999)).status_code == 404
    assert client.get(url("needsmessage_detail", 999999)).status_code == 404
    assert client.get("/governance/regional/abc/").status_code == 404
    assert client.get("/governance/regional/messages/1x/").status_code == 404
    member = client_for(group_a_member)
    assert member.post(url("needsmessage_answer", 999999)).status_code == 404


def test_regional_pages__csrf_is_required(coordinator_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator_user)
    response = client.post(url("regionaltask_create"), task_data())
    assert response.status_code == 403
    assert not RegionalTask.objects.exists()


# --- task log ------------------------------------------------------------------------------


def test_regionaltask_list__a_coordinator_sees_their_own_region_by_default(
    coordinator_user, other_coordinator
):
    log_task(coordinator_user, description="Varsinais-Suomen tehtävä")
    log_task(other_coordinator, body_code="alue-uusimaa", description="Uudenmaan tehtävä")
    page = page_text(client_for(coordinator_user).get(url("regionaltask_list")))
    assert "Varsinais-Suomen tehtävä" in page and "Uudenmaan tehtävä" not in page
    everything = page_text(client_for(coordinator_user).get(url("regionaltask_list") + "?region="))
    assert "Varsinais-Suomen tehtävä" in everything and "Uudenmaan tehtävä" in everything


def test_regionaltask_list__ministry_sees_every_region(
    coordinator_user, other_coordinator, ministry_user
):
    log_task(coordinator_user, description="Varsinais-Suomen tehtävä")
    log_task(other_coordinator, body_code="alue-uusimaa", description="Uudenmaan tehtävä")
    page = page_text(client_for(ministry_user).get(url("regionaltask_list")))
    assert "Varsinais-Suomen tehtävä" in page and "Uudenmaan tehtävä" in page


def test_regionaltask_list__filters_by_kind_segment_year_and_month(coordinator_user, ministry_user):
    log_task(coordinator_user, description="Maaliskuun analyysi")
    log_task(
        coordinator_user,
        description="Toukokuun seuranta",
        date=datetime.date(2026, 5, 2),
        kind=RegionalTask.Kind.IMPACT_FOLLOW_UP,
        segments=("kansainvalistyvat",),
    )
    client = client_for(ministry_user)
    for query, shown, hidden in [
        ({"kind": "impact_follow_up"}, "Toukokuun seuranta", "Maaliskuun analyysi"),
        (
            {"segment": Segment.objects.get(code="perustajat").pk},
            "Maaliskuun analyysi",
            "Toukokuun seuranta",
        ),
        ({"year": 2026, "month": 3}, "Maaliskuun analyysi", "Toukokuun seuranta"),
        (
            {"region": Region.objects.get(code="varsinais-suomi").pk, "month": 5},
            "Toukokuun seuranta",
            "Maaliskuun analyysi",
        ),
    ]:
        page = page_text(client.get(url("regionaltask_list"), query))
        assert shown in page and hidden not in page, query


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"region": "abc"}, "Tuntematon alue: rajausta ei käytetty."),
        ({"segment": "999999"}, "Tuntematon segmentti: rajausta ei käytetty."),
        ({"kind": "<script>alert(1)</script>"}, "Tuntematon tehtäväalue: rajausta ei käytetty."),
        ({"year": "1800"}, "Tuntematon vuosi: rajausta ei käytetty."),
        ({"month": "13"}, "Tuntematon kuukausi: rajausta ei käytetty."),
        ({"page": "x' OR 1=1"}, None),
    ],
)
def test_regionaltask_list__bad_filters_are_pointed_out_not_applied(
    coordinator_user, ministry_user, query, error
):
    log_task(coordinator_user, description="Näkyvä tehtävä")
    response = client_for(ministry_user).get(url("regionaltask_list"), query)
    assert response.status_code == 200
    page = page_text(response)
    assert "Näkyvä tehtävä" in page
    if error:
        assert error in page
    assert "<script>alert(1)" not in page


def test_regionaltask_list__an_overdue_follow_up_is_said_in_words(coordinator_user, ministry_user):
    today = timezone.localdate()
    log_task(
        coordinator_user,
        date=today - datetime.timedelta(days=10),
        follow_up_on=today - datetime.timedelta(days=1),
        description="Myöhässä",
    )
    log_task(
        coordinator_user,
        date=today,
        follow_up_on=today + datetime.timedelta(days=5),
        description="Ajallaan",
    )
    page = page_text(client_for(ministry_user).get(url("regionaltask_list")))
    assert page.count("seuranta myöhässä") == 1


def test_regionaltask_create__logs_the_task_and_shows_it(coordinator_user):
    client = client_for(coordinator_user)
    response = client.post(url("regionaltask_create"), task_data())
    task = RegionalTask.objects.get()
    assert response.status_code == 302 and response["Location"] == task.get_absolute_url()
    assert task.region.code == "varsinais-suomi"
    assert task.follow_up_on == datetime.date(2026, 4, 5)
    assert task.history.get().history_user == coordinator_user
    page = page_text(client.get(task.get_absolute_url()))
    assert "Tehtävä kirjattiin." in page
    assert "Alkavien yritysten palvelutarvekysely." in page


def test_regionaltask_create__the_form_offers_only_the_users_own_groups(coordinator_user):
    form = client_for(coordinator_user).get(url("regionaltask_create")).context["form"]
    assert [b.code for b in form.fields["body"].queryset] == ["alue-varsinais-suomi"]


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"description": ""}, "description", "Kirjoita tehtävän kuvaus."),
        ({"description": "   "}, "description", "Kirjoita tehtävän kuvaus."),
        ({"description": "x" * 5001}, "description", "5000"),
        ({"date": ""}, "date", "Anna tehtävän päivämäärä."),
        ({"date": "31.2.2026"}, "date", "Anna päivämäärä muodossa pp.kk.vvvv"),
        ({"date": "<script>alert(1)</script>"}, "date", "Anna päivämäärä muodossa pp.kk.vvvv"),
        ({"follow_up_on": "1.1.2026"}, "follow_up_on", "Seurantapäivä ei voi olla ennen"),
        ({"kind": "unknown"}, "kind", "Tuntematon tehtäväalue."),
        ({"kind": None}, "kind", "Valitse tehtäväalue."),
        ({"segments": ["abc"]}, "segments", "Tuntematon segmentti (abc)."),
        ({"segments": ["999999"]}, "segments", "Tuntematon segmentti (999999)."),
        ({"organisations": ["999999"]}, "organisations", "Tuntematon organisaatio (999999)."),
        ({"body": "abc"}, "body", "Valitse työryhmä, jota koordinoit."),
        ({"original_language": "de"}, "original_language", "Tuntematon kieli."),
        ({"original_language": "x" * 300}, "original_language", "Tuntematon kieli."),
    ],
)
def test_regionaltask_create__bad_input_is_refused_in_finnish(
    coordinator_user, overrides, field, error
):
    response = client_for(coordinator_user).post(url("regionaltask_create"), task_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert error in " ".join(form.errors[field]), form.errors
    page = page_text(response)
    assert "Lomakkeessa on virheitä" in page
    assert "<script>alert(1)" not in page
    assert not RegionalTask.objects.exists()


def test_regionaltask_create__another_regions_group_is_refused(coordinator_user):
    uusimaa = Body.objects.get(code="alue-uusimaa").pk
    response = client_for(coordinator_user).post(
        url("regionaltask_create"), task_data(body=uusimaa)
    )
    assert "Valitse työryhmä, jota koordinoit." in response.context["form"].errors["body"]
    assert not RegionalTask.objects.exists()


def test_regionaltask_create__hostile_text_is_stored_and_shown_escaped(coordinator_user):
    client = client_for(coordinator_user)
    client.post(url("regionaltask_create"), task_data(description="<script>alert(1)</script>"))
    task = RegionalTask.objects.get()
    assert task.description == "<script>alert(1)</script>"
    for path in (task.get_absolute_url(), url("regionaltask_list")):
        page = page_text(client.get(path))
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert(1)" not in page


def test_regionaltask_update__saves_the_change_with_its_reason(task, coordinator_user):
    response = client_for(coordinator_user).post(
        url("regionaltask_update", task.pk), edit_data(task, outcome="Uusi tulos")
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.outcome == "Uusi tulos"
    assert task.history.latest().history_change_reason == "Tulos täydennetty"


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"change_reason": ""}, "change_reason", "Kirjoita muutoksen syy."),
        ({"version": "abc"}, None, STALE_EDIT_MESSAGE),
        ({"version": None}, None, STALE_EDIT_MESSAGE),
        ({"version": "0"}, None, STALE_EDIT_MESSAGE),
        ({"description": "x" * 5001}, "description", "5000"),
    ],
)
def test_regionaltask_update__bad_input_and_stale_versions_change_nothing(
    task, coordinator_user, overrides, field, error
):
    response = client_for(coordinator_user).post(
        url("regionaltask_update", task.pk), edit_data(task, outcome="Ei tallennu", **overrides)
    )
    # Someone else's newer save (a real older version) is a conflict; a bad value is not.
    assert response.status_code == (409 if overrides == {"version": "0"} else 200)
    errors = response.context["form"].errors
    messages = " ".join(str(e) for e in (errors[field] if field else errors.as_data().values()))
    assert str(error) in messages or str(error) in page_text(response)
    task.refresh_from_db()
    assert task.outcome == ""
    assert task.history.count() == 1


def test_regionaltask_update__someone_saved_meanwhile(task, coordinator_user):
    client = client_for(coordinator_user)
    stale = edit_data(task, outcome="Ensimmäinen")
    client.post(url("regionaltask_update", task.pk), stale)
    response = client.post(url("regionaltask_update", task.pk), {**stale, "outcome": "Toinen"})
    assert str(STALE_EDIT_MESSAGE) in page_text(response).replace("&#x27;", "'")
    task.refresh_from_db()
    assert task.outcome == "Ensimmäinen"


def test_regionaltask_update__posts_by_others_change_nothing(
    task, other_coordinator, ministry_user, working_group_user
):
    for user in (other_coordinator, ministry_user, working_group_user):
        response = client_for(user).post(url("regionaltask_update", task.pk), edit_data(task))
        assert response.status_code == 403
    task.refresh_from_db()
    assert task.history.count() == 1


# --- needs messages ------------------------------------------------------------------------


def test_needsmessage_create__offers_the_groups_of_the_tasks_segments(task, coordinator_user):
    form = client_for(coordinator_user).get(url("needsmessage_create", task.pk)).context["form"]
    assert [b.code for b in form.fields["to_body"].queryset] == ["tyoryhma-a"]


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"subject": ""}, "subject", "Kirjoita viestin aihe."),
        ({"subject": "x" * 201}, "subject", "200"),
        ({"text": "  "}, "text", "Kirjoita viesti."),
        ({"to_body": "abc"}, "to_body", "Valitse työryhmä, joka vastaa jostakin"),
        ({"to_body": "tyoryhma-b"}, "to_body", "Valitse työryhmä, joka vastaa jostakin"),
        ({"to_body": None}, "to_body", "Valitse vastaanottava työryhmä."),
        ({"original_language": "de"}, "original_language", "Tuntematon kieli."),
        ({"original_language": "<script>"}, "original_language", "Tuntematon kieli."),
    ],
)
def test_needsmessage_create__bad_input_is_refused(task, coordinator_user, data, field, error):
    values = {
        "to_body": Body.objects.get(code="tyoryhma-a").pk,
        "subject": "Aihe",
        "text": "Viesti",
        "original_language": "fi",
        **data,
    }
    if values["to_body"] == "tyoryhma-b":
        values["to_body"] = Body.objects.get(code="tyoryhma-b").pk
    values = {k: v for k, v in values.items() if v is not None}
    response = client_for(coordinator_user).post(url("needsmessage_create", task.pk), values)
    assert response.status_code == 200
    assert error in " ".join(response.context["form"].errors[field])
    assert not NeedsMessage.objects.exists()


def test_needsmessage_answer__an_illegal_step_gets_a_finnish_message(message, group_a_member):
    """Answering before acknowledging (a hand-made post): refused on the page, not a 500."""
    client = client_for(group_a_member)
    response = client.post(url("needsmessage_answer", message.pk), {"answer-answer": "Vastaus"})
    # Back to the message's page (POST/redirect/GET), not left on the POST-only address.
    assert response.status_code == 302
    assert response["Location"] == message.get_absolute_url()
    response = client.get(response["Location"])
    assert "tätä vaihetta ei voi enää tehdä" in page_text(response)
    message.refresh_from_db()
    assert message.status == "sent"


def test_needsmessage_answer__empty_and_oversized_answers_are_refused(message, group_a_member):
    services.needs_message_acknowledge(message=message, by=group_a_member)
    client = client_for(group_a_member)
    for answer, error in [("", "Kirjoita vastaus."), ("x" * 5001, "5000")]:
        response = client.post(url("needsmessage_answer", message.pk), {"answer-answer": answer})
        assert response.status_code == 200
        assert error in page_text(response)
    message.refresh_from_db()
    assert message.status == "acknowledged"


def test_needsmessage_detail__shows_the_forms_only_to_the_body_whose_turn_it_is(
    message, group_a_member, group_b_member, coordinator_user
):
    assert client_for(group_a_member).get(message.get_absolute_url()).context["actions"] == [
        "acknowledge",
        "close",
    ]
    for user in (group_b_member, coordinator_user):
        response = client_for(user).get(message.get_absolute_url())
        assert response.context["actions"] == []
        assert "Käsittele viesti" not in page_text(response)


def test_needsmessage_list__inbox_of_the_members_and_sent_of_the_region(
    message, group_a_member, group_b_member, coordinator_user, agency_user
):
    def listed(user):
        inbox = client_for(user).get(url("needsmessage_list")).context["inbox"]
        return [m.pk for m in inbox.received], [m.pk for m in inbox.sent]

    assert listed(group_a_member) == ([message.pk], [])
    assert listed(group_b_member) == ([], [])
    assert listed(coordinator_user) == ([], [message.pk])
    assert listed(agency_user) == ([], [])


def test_done_means__coordinator_logs_needs_analysis_and_group_a_answers(
    coordinator_user, group_a_member
):
    """The Varsinais-Suomi coordinator logs a continuous needs analysis task and sends a
    message to working group (a); a member of (a) acknowledges and answers; the message's
    page shows each step with who and when."""
    coordinator = client_for(coordinator_user)
    coordinator.post(url("regionaltask_create"), task_data())
    task = RegionalTask.objects.get(kind=RegionalTask.Kind.NEEDS_ANALYSIS)
    assert task.get_kind_display().startswith("tekee jatkuvaa asiakastarveanalyysiä")
    response = coordinator.post(
        url("needsmessage_create", task.pk),
        {
            "to_body": Body.objects.get(code="tyoryhma-a").pk,
            "subject": "Rahoitusneuvonnan tarve",
            "text": "Alkavat yritykset tarvitsevat rahoitusneuvontaa.",
            "original_language": "fi",
        },
    )
    message = NeedsMessage.objects.get()
    assert response["Location"] == message.get_absolute_url()

    member = client_for(group_a_member)
    inbox = member.get(url("needsmessage_list")).context["inbox"]
    assert [m.pk for m in inbox.received] == [message.pk]
    assert member.post(url("needsmessage_acknowledge", message.pk), {}).status_code == 302
    assert (
        member.post(
            url("needsmessage_answer", message.pk), {"answer-answer": "Otamme valmisteluun."}
        ).status_code
        == 302
    )
    message.refresh_from_db()
    assert (message.status, message.answer) == ("answered", "Otamme valmisteluun.")

    page = coordinator.get(message.get_absolute_url())
    events = list(page.context["message"].events.all())
    assert [e.kind for e in events] == ["sent", "acknowledged", "answered"]
    text = page_text(page)
    for event in events:
        assert timezone.localtime(event.at).strftime("%-d.%-m.%Y") in text
    who = [coordinator_user.get_full_name(), group_a_member.get_full_name()]
    assert all(name in text for name in who)
    assert "Otamme valmisteluun." in text
    assert "Varsinais-Suomen alueellinen asiakkuustyöryhmä" in text
    assert "Asiakassegmenttikohtainen työryhmä a" in text
    # The task's page lists the message with its status.
    task_page = page_text(coordinator.get(task.get_absolute_url()))
    assert "Rahoitusneuvonnan tarve" in task_page and "vastattu" in task_page


# --- the body inbox ------------------------------------------------------------------------


def test_messages_for_body__open_and_handled(message, group_a_member, strategy_member):
    group_a = Body.objects.get(code="tyoryhma-a")
    strategy = Body.objects.get(code="asiakkuusstrategiaryhma")
    assert [m.pk for m in selectors.messages_for_body(group_a).open] == [message.pk]
    services.needs_message_acknowledge(message=message, by=group_a_member)
    services.needs_message_answer(message=message, answer="Vastaus", by=group_a_member)
    services.needs_message_forward(message=message, by=group_a_member)
    assert selectors.messages_for_body(group_a).open == []
    assert [m.pk for m in selectors.messages_for_body(group_a).handled] == [message.pk]
    assert [m.pk for m in selectors.messages_for_body(strategy).open] == [message.pk]
    services.needs_message_answer(message=message, answer="Linjaus", by=strategy_member)
    assert [m.pk for m in selectors.messages_for_body(strategy).handled] == [message.pk]


def test_body_messages_include__renders_both_tables(message, rf):
    from django.template.loader import render_to_string

    group_a = Body.objects.get(code="tyoryhma-a")
    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string(
        "governance/includes/body_messages.html",
        {"body_messages": selectors.messages_for_body(group_a)},
        request=request,
    )
    assert "Rahoitusneuvonnan tarve" in html
    assert "Ei käsiteltyjä viestejä." in html
    assert html.count("<caption") == 2


# --- query counts --------------------------------------------------------------------------


def make_tasks(n, *, by, year=2026):
    """n tasks of Varsinais-Suomi spread over the year, each with two segments and two
    organisations (bulk: the count is what matters here, not the history), counted."""
    body = Body.objects.get(code="alue-varsinais-suomi")
    kinds = RegionalTask.Kind.values
    tasks = create_in_bulk(
        RegionalTaskFactory,
        (
            {
                "date": datetime.date(year, 1 + i % 12, 1 + i % 28),
                "kind": kinds[i % len(kinds)],
                "description": f"Tehtävä {i}",
            }
            for i in range(n)
        ),
        region=body.region,
        body=body,
        created_by=by,
    )
    segments = list(Segment.objects.filter(is_active=True)[:2])
    organisations = list(Organisation.objects.all()[:2])
    link_in_bulk(RegionalTask.segments, tasks, segments)
    link_in_bulk(RegionalTask.organisations, tasks, organisations)
    # Bulk rows pass by the services: the overview's counters are recounted, as the bench
    # and any bulk loader do.
    regional_tallies_rebuild()
    return tasks


@pytest.mark.parametrize(
    "path",
    [
        "/governance/regional/",
        "/governance/regional/?region=&year=2026",
        "/governance/regional/overview/?year=2026",
    ],
)
def test_regional_pages__query_count_does_not_grow_with_tasks(
    coordinator_user, path, count_queries
):
    client = client_for(coordinator_user)
    make_tasks(5, by=coordinator_user)
    small = count_queries(client, path, warm=True)
    make_tasks(200, by=coordinator_user)
    assert count_queries(client, path, warm=True) == small


def test_task_and_message_pages__query_count_does_not_grow_with_messages(
    coordinator_user, group_a_member, count_queries
):
    task = log_task(coordinator_user)

    def send(n):
        for i in range(n):
            message = services.needs_message_send(
                task=task,
                to_body=Body.objects.get(code="tyoryhma-a"),
                subject=f"Viesti {i}",
                text="Teksti",
                by=coordinator_user,
            )
        return message

    first = send(2)
    coordinator, member = client_for(coordinator_user), client_for(group_a_member)
    pages = [
        (coordinator, task.get_absolute_url()),
        (coordinator, url("needsmessage_list")),
        (member, url("needsmessage_list")),
        (member, first.get_absolute_url()),
    ]
    small = [count_queries(client, path, warm=True) for client, path in pages]
    send(30)
    services.needs_message_acknowledge(message=first, note="Huomio", by=group_a_member)
    assert [count_queries(client, path, warm=True) for client, path in pages] == small


def test_regional_overview__counts_by_region_segment_kind_and_month(
    coordinator_user, ministry_user
):
    make_tasks(24, by=coordinator_user)
    make_tasks(3, by=coordinator_user, year=2025)
    response = client_for(ministry_user).get(url("regional_overview"), {"year": 2026})
    overview = response.context["overview"]
    rows = {label: (cells, total) for label, cells, total in overview.by_region_kind.rows}
    assert rows["Varsinais-Suomi"][1] == 24
    assert overview.by_region_kind.total == 24
    assert overview.by_region_month.column_totals == [2] * 12
    # Each task names two segments: it counts once under each.
    assert overview.by_segment_kind.total == 48
    assert sum(overview.by_region_kind.column_totals) == 24
    page = page_text(response)
    assert "Tehtävät alueittain ja tehtäväalueittain 2026" in page
    assert page.count("<caption") == 4


def test_regional_overview__a_bad_year_falls_back_to_this_year(ministry_user):
    response = client_for(ministry_user).get(url("regional_overview"), {"year": "<script>"})
    assert response.status_code == 200
    assert response.context["overview"].year == timezone.localdate().year
    assert "Tuntematon vuosi" in page_text(response)


def test_message_event_kinds_match_statuses():
    """The path's steps name the same steps as the statuses (one word per concept)."""
    assert MessageEvent.Kind.values == NeedsMessage.Status.values
    assert DAY.year == 2026
