"""The decisions register (8) and the strategic questions: who may read, what they show
(links to what a decision changed, empty alternative slots said plainly) and query counts."""

import pytest
from django.urls import reverse

from governance import roles
from governance.models import Decision, Membership, StrategicQuestion
from tests.factories import decide_at_meeting, promise_proposal, seat, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(working_group_user, ministry_user):
    seat(working_group_user, "tyoryhma-b", Membership.Role.CHAIR)
    seat(ministry_user, "asiakkuusstrategiaryhma", Membership.Role.CHAIR)
    proposal = submitted(promise_proposal(working_group_user), working_group_user)
    decide_at_meeting(proposal, ministry_user)
    return Decision.objects.get(proposal=proposal)


def _urls(decision):
    question = StrategicQuestion.objects.order_by("order").first()
    return [
        reverse("governance:decision_list"),
        reverse("governance:decision_detail", args=[decision.pk]),
        reverse("governance:question_list"),
        reverse("governance:question_detail", args=[question.pk]),
    ]


def test_decision_pages__anonymous_and_no_role(decision, assert_closed_to_outsiders):
    assert_closed_to_outsiders(_urls(decision))


@pytest.mark.parametrize("role", roles.ROLES)
def test_decision_pages__every_role_reads(client, role_users, decision, role):
    client.force_login(role_users[role])
    for url in _urls(decision):
        assert client.get(url).status_code == 200


def test_decision_list__links_to_what_changed_and_filters_by_year(client, decision):
    client.force_login(decision.recorded_by)
    url = reverse("governance:decision_list")
    content = client.get(url).content.decode()
    assert "ASR 1/2009" in content
    assert decision.proposal.segment.get_absolute_url() in content
    assert list(client.get(url, {"year": "2009"}).context["decisions"]) == [decision]
    response = client.get(url, {"year": "<script>"})
    assert response.status_code == 200
    assert "Valitse jokin luetelluista vuosista." in response.content.decode()
    assert client.get(reverse("governance:decision_detail", args=[999])).status_code == 404


def test_question_list__empty_slot_said_plainly_and_settled_question(client, ministry_user):
    client.force_login(ministry_user)
    content = client.get(reverse("governance:question_list")).content.decode()
    assert "vaihtoehtoa ei ole muotoiltu" in content


def test_question_detail__shows_the_decision_that_settled_it(client, decision):
    client.force_login(decision.recorded_by)
    question = decision.settled_questions.get()
    content = client.get(reverse("governance:question_detail", args=[question.pk])).content
    assert decision.reference in content.decode()


def test_decision_pages__queries_do_not_grow(
    client, decision, working_group_user, ministry_user, count_queries
):
    client.force_login(ministry_user)
    urls = [reverse("governance:decision_list"), reverse("governance:question_list")]

    def measure():
        return [count_queries(client, url, warm=True) for url in urls]

    small = measure()
    for _ in range(3):
        proposal = submitted(promise_proposal(working_group_user), working_group_user)
        decide_at_meeting(proposal, ministry_user)
    assert Decision.objects.count() == 4
    assert measure() == small
