"""Fixtures of the governance tests: the seats the scenarios need (working group (b)'s
chair, the strategy group's deciding chair, members of the segment groups, a second
region's coordinator) and a regional task with a needs message sent from it."""

import pytest

from governance import roles
from governance.models import Membership
from tests.factories import log_task, needs_message, seat


@pytest.fixture
def chair(working_group_user):
    """Working group (b)'s chair: drafts and submits proposals."""
    seat(working_group_user, "tyoryhma-b", Membership.Role.CHAIR)
    return working_group_user


@pytest.fixture
def decider(ministry_user):
    """The strategy group's chair, with the ministry's rights: arranges and decides."""
    seat(ministry_user, "asiakkuusstrategiaryhma", Membership.Role.CHAIR)
    return ministry_user


@pytest.fixture
def strategy_member(ministry_user):
    seat(ministry_user, "asiakkuusstrategiaryhma")
    return ministry_user


@pytest.fixture
def group_a_member(working_group_user):
    seat(working_group_user, "tyoryhma-a")
    return working_group_user


@pytest.fixture
def group_b_member(make_user):
    user = make_user("tyoryhma-b", role=roles.WORKING_GROUP_MEMBER, organisation="finpro")
    seat(user, "tyoryhma-b")
    return user


@pytest.fixture
def other_coordinator(make_user):
    """The coordinator of another region (Uusimaa)."""
    return make_user(
        "koordinaattori-uusimaa", role=roles.TE_CENTRE_COORDINATOR, organisation="te-uusimaa"
    )


@pytest.fixture
def task(coordinator_user):
    """Varsinais-Suomi's needs analysis about the start-ups."""
    return log_task(coordinator_user)


@pytest.fixture
def message(task, coordinator_user):
    """The task's needs sent to working group (a)."""
    return needs_message(task, coordinator_user)
