"""Fixtures of the responsibility pages: agency staff of three organisations and a customer."""

import pytest
from django.contrib.auth.models import Group

from governance import roles
from offerings.models import Organisation
from responsibility import services
from segments.models import Company, Segment
from tests.factories import UserFactory, business_id


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
    return Company.objects.create(
        business_id=business_id(4200),
        name="Kapula Oy",
        segment=Segment.objects.get(code="kansainvalistyvat"),
    )


@pytest.fixture
def tekes_lead(company, orgs, tekes_user):
    return services.assignment_start(
        company=company, organisation=orgs["tekes"], role="lead", by=tekes_user, reason="Alkaa"
    )


@pytest.fixture
def handover(company, orgs, tekes_user, tekes_lead):
    return services.handover_request(
        company=company,
        from_organisation=orgs["tekes"],
        to_organisation=orgs["finnvera"],
        reason="Rahoitushanke alkaa",
        notes="Asiakas tarvitsee takauksen keväällä.",
        open_matters="Vakuudet selvittämättä",
        by=tekes_user,
    )
