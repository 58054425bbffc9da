"""The front page's waiting work: incoming handovers, needs messages to answer, proposals
to decide and overdue items, counted for the user's own organisation and seats only, each
with its link; the page's queries do not grow with the rows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import roles
from governance.models import AccessibilityFeedback
from governance.selectors import waiting_work_for
from offerings.models import Organisation
from responsibility.models import Handover
from tests.factories import (
    CompanyFactory,
    handover_requested,
    lead_started,
    promise_proposal,
    seat,
    submitted,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")


def _counts(user):
    return {str(item.label): item.count for item in waiting_work_for(user)}


@pytest.fixture
def tekes_user(make_user):
    return make_user("tekes-virkailija", role=roles.AGENCY_CUSTOMER_STAFF, organisation="tekes")


@pytest.fixture
def finpro_user(make_user):
    return make_user("finpro-virkailija", role=roles.AGENCY_CUSTOMER_STAFF, organisation="finpro")


def _handovers_to_tekes(by, count):
    """Finnvera holds `count` customers and asks Tekes to take each."""
    finnvera = Organisation.objects.get(code="finnvera")
    tekes = Organisation.objects.get(code="tekes")
    handovers = []
    for _ in range(count):
        company = CompanyFactory(segment_code="kansainvalistyvat")
        lead_started(company, finnvera, by)
        handovers.append(
            handover_requested(company, by, from_organisation=finnvera, to_organisation=tekes)
        )
    return handovers


def test_waiting_work__a_tekes_user_sees_two_incoming_handovers_another_organisation_none(
    client, agency_user, tekes_user, finpro_user
):
    _handovers_to_tekes(agency_user, 2)

    assert _counts(tekes_user)["Saapuvat vastuun siirtopyynnöt"] == 2
    assert _counts(finpro_user)["Saapuvat vastuun siirtopyynnöt"] == 0
    # The requesting side waits too, but it has nothing to answer.
    assert _counts(agency_user)["Saapuvat vastuun siirtopyynnöt"] == 0

    client.force_login(tekes_user)
    page = client.get(HOME).content.decode()
    assert "Odottaa sinua" in page
    assert (
        f'<a href="{reverse("responsibility:handover_list")}">Saapuvat vastuun siirtopyynnöt</a>:'
        in page
    )
    assert "<strong>2</strong>" in page


def test_waiting_work__overdue_handovers_are_counted_for_both_sides(
    agency_user, tekes_user, finpro_user
):
    old, _new = _handovers_to_tekes(agency_user, 2)
    Handover.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=15))
    label = "Yli 14 päivää vastausta odottaneet vastuun siirrot"
    assert _counts(tekes_user)[label] == 1
    assert _counts(agency_user)[label] == 1
    assert _counts(finpro_user)[label] == 0


def test_waiting_work__needs_messages_to_answer_for_the_receiving_groups_members(
    message, group_a_member, group_b_member, coordinator_user
):
    label = "Vastausta odottavat tarveviestit"
    assert _counts(group_a_member)[label] == 1
    assert _counts(group_b_member)[label] == 0
    # The coordinator sits in no body: nothing to answer, and no such line.
    assert label not in _counts(coordinator_user)


def test_waiting_work__proposals_to_decide_for_the_strategy_group_only(
    chair, decider, group_b_member
):
    submitted(promise_proposal(chair), chair)
    assert _counts(decider)["Päätettävät ehdotukset"] == 1
    assert "Päätettävät ehdotukset" not in _counts(chair)
    assert "Päätettävät ehdotukset" not in _counts(group_b_member)


def test_waiting_work__overdue_feedback_for_the_staff_who_handle_it(
    ministry_user, working_group_user
):
    feedback = AccessibilityFeedback.objects.create(message="x", language="fi")
    AccessibilityFeedback.objects.filter(pk=feedback.pk).update(
        received_at=timezone.now() - timedelta(days=15)
    )
    label = "Yli 14 päivää vastaamatta olleet saavutettavuuspalautteet"
    assert _counts(ministry_user)[label] == 1
    assert label not in _counts(working_group_user)


def test_waiting_work__nothing_for_a_user_without_a_role(no_role_user):
    assert waiting_work_for(no_role_user) == []


def test_home__queries_do_not_grow_with_the_waiting_work(
    client, agency_user, tekes_user, count_queries
):
    """Counted in the database: two waiting handovers or twelve, the same queries."""
    seat(tekes_user, "asiakkuusstrategiaryhma")
    client.force_login(tekes_user)
    _handovers_to_tekes(agency_user, 2)
    few = count_queries(client, HOME, warm=True)
    _handovers_to_tekes(agency_user, 10)
    many = count_queries(client, HOME, warm=True)
    assert "<strong>12</strong>" in count_queries.content.decode()
    assert many == few
