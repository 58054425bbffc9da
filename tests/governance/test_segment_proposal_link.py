"""The segment page's "Ehdota muutosta" link for members of the segment's working group
(issue 17, item 6): to the proposal form with the group and the segment chosen."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from governance import roles
from governance.models import Membership
from segments.models import Segment
from tests.factories import seat

pytestmark = pytest.mark.django_db

SEGMENT = "kansainvalistyvat"  # working group (b)'s
OTHER_SEGMENT = "suuryritykset"  # working group (c)'s
LINK = (
    '<a class="button button--secondary" href="/governance/proposals/new/'
    '?body=tyoryhma-b&amp;segment=kansainvalistyvat">Ehdota muutosta</a>'
)


def _page(client, user, code=SEGMENT):
    client.force_login(user)
    response = client.get(reverse("segments:segment_detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def test_segment_proposal_link__a_member_of_the_segments_group_gets_it(client, chair):
    assert LINK in _page(client, chair)


def test_segment_proposal_link__not_on_another_groups_segment(client, chair):
    assert "Ehdota muutosta" not in _page(client, chair, OTHER_SEGMENT)


@pytest.mark.parametrize("role", roles.ROLES)
def test_segment_proposal_link__nobody_without_a_seat_gets_it(client, role_users, role):
    assert "Ehdota muutosta" not in _page(client, role_users[role])


@pytest.mark.parametrize(
    "seat_fields",
    [
        {"ends_on": -1},  # the seat has ended (days from today)
        {"starts_on": 1},  # not begun yet
        {"is_archived": True},
    ],
    ids=["ended", "not-begun", "archived"],
)
def test_segment_proposal_link__only_for_a_current_seat(client, working_group_user, seat_fields):
    # Dates from the day the test runs, not the day it was collected (a run across
    # midnight would otherwise make tomorrow's seat today's).
    today = timezone.localdate()
    seat_fields = {
        name: today + timedelta(days=value) if name.endswith("_on") else value
        for name, value in seat_fields.items()
    }
    seat(working_group_user, "tyoryhma-b", **seat_fields)
    assert "Ehdota muutosta" not in _page(client, working_group_user)


def test_segment_proposal_link__the_seat_must_be_current_in_the_same_membership(
    client, working_group_user
):
    """An ended seat in group (b) and a current one in group (a): no link on (b)'s segment
    (the seat's conditions hold for one membership, not across two)."""
    seat(working_group_user, "tyoryhma-b", ends_on=timezone.localdate() - timedelta(days=1))
    seat(working_group_user, "tyoryhma-a")
    assert "Ehdota muutosta" not in _page(client, working_group_user)
    assert "Ehdota muutosta" in _page(client, working_group_user, "perustajat")


def test_segment_proposal_link__not_without_the_drafting_permission(client, agency_user):
    """A seat alone is not enough: agency customer staff do not draft proposals."""
    seat(agency_user, "tyoryhma-b")
    assert "Ehdota muutosta" not in _page(client, agency_user)


def test_segment_proposal_link__leads_to_the_form_with_group_and_segment_chosen(client, chair):
    client.force_login(chair)
    response = client.get(
        reverse("governance:proposal_create"), {"body": "tyoryhma-b", "segment": SEGMENT}
    )
    page = response.content.decode()
    assert response.status_code == 200
    form = response.context["target_form"]
    assert not form.is_bound  # a first visit: no errors yet
    assert (form["body"].value(), form["segment"].value()) == ("tyoryhma-b", SEGMENT)
    assert f'<option value="{SEGMENT}" selected' in page
    assert 'class="errorlist' not in page
    assert response.context["form"] is None  # the kind of change is still to choose


def test_proposal_create__step_1_sent_without_a_kind_still_says_to_choose_one(client, chair):
    """The form always sends its perspective select: its answer is checked."""
    client.force_login(chair)
    response = client.get(
        reverse("governance:proposal_create"),
        {"body": "tyoryhma-b", "segment": SEGMENT, "perspective": ""},
    )
    assert "Valitse, mitä ehdotus muuttaa." in response.content.decode()


def test_proposal_create__a_hostile_prefill_is_harmless(client, chair):
    client.force_login(chair)
    response = client.get(
        reverse("governance:proposal_create"),
        {"body": "<script>x</script>", "segment": "<script>alert(1)</script>" * 100},
    )
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_segment_proposal_link__one_query_however_many_seats(
    client, working_group_user, count_queries
):
    url = reverse("segments:segment_detail", args=[SEGMENT])
    client.force_login(working_group_user)
    seat(working_group_user, "tyoryhma-b")
    client.get(url)
    one = count_queries(client, url)
    assert "Ehdota muutosta" in count_queries.content.decode()
    for code in ("tyoryhma-a", "tyoryhma-c", "tyovaliokunta", "asiakkuusstrategiaryhma"):
        seat(working_group_user, code, Membership.Role.MEMBER)
    cache.clear()
    client.get(url)
    assert count_queries(client, url) == one


def test_segment_proposal_link__a_seat_given_or_ended_shows_on_the_next_page(
    client, working_group_user
):
    """Each user's seats by segment are cached across requests; a write to a membership,
    a body or its segments retires the cached copy at once."""
    assert "Ehdota muutosta" not in _page(client, working_group_user)
    membership = seat(working_group_user, "tyoryhma-b")
    assert LINK in _page(client, working_group_user)

    membership.is_archived = True
    membership.save()
    assert "Ehdota muutosta" not in _page(client, working_group_user)

    membership.is_archived = False
    membership.save()
    assert LINK in _page(client, working_group_user)
    # The group's segments changed: the link moves with them.
    membership.body.segments.set([Segment.objects.get(code=OTHER_SEGMENT)])
    assert "Ehdota muutosta" not in _page(client, working_group_user)
    assert "segment=suuryritykset" in _page(client, working_group_user, OTHER_SEGMENT)
