"""The structure pages (6): my groups, a body's page and the organisation chart — who may
see them, what they show and at what cost in queries."""

import pytest
from django.urls import reverse

from governance import roles
from governance.models import Body, Membership
from governance.report_texts import SEGMENT_GROUP_RESPONSIBILITIES
from governance.services import regional as regional_services
from segments.models import Segment
from tests.factories import MembershipFactory, log_task, seat

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("governance:body_list"),
    reverse("governance:body_detail", args=["tyoryhma-b"]),
    reverse("governance:org_chart"),
]


@pytest.mark.parametrize("url", PAGES)
def test_structure_pages__anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", PAGES)
def test_structure_pages__no_role_is_forbidden(client, no_role_user, url):
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", roles.ROLES)
def test_structure_pages__every_role_reads(client, role_users, role, url):
    client.force_login(role_users[role])
    assert client.get(url).status_code == 200


def test_body_detail__unknown_code_is_404(client, ministry_user):
    client.force_login(ministry_user)
    assert client.get(reverse("governance:body_detail", args=["ei-ole"])).status_code == 404


def test_body_list__own_groups_first(client, working_group_user):
    seat(working_group_user, "tyoryhma-b", Membership.Role.CHAIR)
    client.force_login(working_group_user)
    response = client.get(reverse("governance:body_list"))
    assert [s.body.code for s in response.context["my_seats"]] == ["tyoryhma-b"]
    content = response.content.decode()
    assert content.index("Omat ryhmäni") < content.index("Taso 1")


def test_body_detail__responsibilities_word_for_word(client, ministry_user):
    client.force_login(ministry_user)
    response = client.get(reverse("governance:body_detail", args=["tyoryhma-b"]))
    content = response.content.decode()
    for text in SEGMENT_GROUP_RESPONSIBILITIES:
        assert text in content
    assert f'href="{Segment.objects.get(code="kansainvalistyvat").get_absolute_url()}"' in content


def test_body_detail__a_segment_group_shows_the_messages_sent_to_it(
    client, ministry_user, coordinator_user
):
    task = log_task(coordinator_user)
    regional_services.needs_message_send(
        task=task,
        to_body=Body.objects.get(code="tyoryhma-a"),
        subject="Rahoitusneuvonnan tarve",
        text="Alkavat yritykset tarvitsevat rahoitusneuvontaa.",
        by=coordinator_user,
    )
    client.force_login(ministry_user)

    group_a = client.get(reverse("governance:body_detail", args=["tyoryhma-a"])).content
    group_b = client.get(reverse("governance:body_detail", args=["tyoryhma-b"])).content
    region = client.get(reverse("governance:body_detail", args=["alue-varsinais-suomi"])).content

    assert "Rahoitusneuvonnan tarve" in group_a.decode()
    assert "Viestit alueilta" in group_b.decode()
    assert "Rahoitusneuvonnan tarve" not in group_b.decode()
    # Regional groups send messages; they have no inbox of their own.
    assert "Viestit alueilta" not in region.decode()


def test_org_chart__three_tiers_and_ministry_roles(client, ministry_user):
    client.force_login(ministry_user)
    response = client.get(reverse("governance:org_chart"))
    chart = response.context["chart"]
    assert chart.strategy_group.code == "asiakkuusstrategiaryhma"
    assert {b.kind for b in chart.beside} == {"working_committee", "advisory_board"}
    assert len(chart.segment_groups) == 3
    assert len(chart.regional_groups) == 15
    assert chart.ministry_roles
    assert "<script" not in response.content.decode().split("<main", 1)[1]


def _members(body, count, make_user, start=0):
    for number in range(start, start + count):
        user = make_user(f"jasen{body.code}{number}", organisation="tekes")
        MembershipFactory(body=body, person=user.person)


@pytest.mark.parametrize("url_name", ["body_list", "body_detail", "org_chart"])
def test_structure_pages__queries_do_not_grow_with_members(
    client, ministry_user, make_user, url_name, count_queries
):
    body = Body.objects.get(code="tyoryhma-b")
    args = [body.code] if url_name == "body_detail" else []
    url = reverse(f"governance:{url_name}", args=args)
    client.force_login(ministry_user)
    _members(body, 2, make_user)
    small = count_queries(client, url, warm=True)
    _members(body, 20, make_user, start=100)
    assert count_queries(client, url) == small
