"""Fixtures of the responsibility pages: agency staff of three organisations and a customer."""

import pytest
from django.contrib.auth.models import Group

from governance import roles
from offerings.models import Organisation
from tests.factories import (
    FINANCING_HANDOVER,
    CompanyFactory,
    UserFactory,
    business_id,
    handover_requested,
    lead_started,
)


@pytest.fixture
def orgs(strategy_data):
    return {
        code: Organisation.objects.get(code=code)
        for code in ["tekes", "finnvera", "finpro", "te-uusimaa", "tem-konserniohjaus"]
    }


@pytest.fixture
def tekes_user(make_user):
    return make_user("tekes-virkailija", role=roles.AGENCY_CUSTOMER_STAFF, organisation="tekes")


@pytest.fixture
def finnvera_user(agency_user):
    """The conftest's agency user works at Finnvera."""
    return agency_user


@pytest.fixture
def finpro_user(make_user):
    return make_user("finpro-virkailija", role=roles.AGENCY_CUSTOMER_STAFF, organisation="finpro")


@pytest.fixture
def staff_without_organisation(strategy_data):
    """Agency customer staff by role, but no Person: acts for no organisation."""
    roles.sync_roles()
    user = UserFactory(username="irrallinen")
    user.groups.add(Group.objects.get(name=roles.AGENCY_CUSTOMER_STAFF))
    return user


@pytest.fixture
def company(strategy_data):
    return CompanyFactory(
        business_id=business_id(4200), name="Kapula Oy", segment_code="kansainvalistyvat"
    )


@pytest.fixture
def tekes_lead(company, orgs, tekes_user):
    return lead_started(company, orgs["tekes"], tekes_user, reason="Alkaa")


@pytest.fixture
def handover(company, orgs, tekes_user, tekes_lead):
    return handover_requested(
        company,
        tekes_user,
        from_organisation=orgs["tekes"],
        to_organisation=orgs["finnvera"],
        **FINANCING_HANDOVER,
    )
