"""Builders of the responsibility app's rows: assignments, teams, deliveries, consents,
notes, handovers and the access log. Rows a service writes (an assignment's start, a
handover's steps) are built here only where a test needs many of them fast or a state the
services would refuse."""

import datetime

import factory

from responsibility.models import (
    AccessLogEntry,
    Assignment,
    Consent,
    CustomerNote,
    CustomerTeam,
    Handover,
    ServiceDelivery,
    TeamMembership,
)

from .offerings import OrganisationFactory, PersonFactory
from .segments import CompanyFactory
from .users import UserFactory


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    company = factory.SubFactory(CompanyFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Assignment.Role.LEAD
    starts_on = datetime.date(2025, 1, 1)


class CustomerTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerTeam

    name = factory.Sequence(lambda n: f"Tiimi {n}")
    leader = factory.SubFactory(PersonFactory)


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(CustomerTeamFactory)
    person = factory.SubFactory(PersonFactory)


class ServiceDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceDelivery

    company = factory.SubFactory(CompanyFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Hanke {n}")
    started_on = datetime.date(2026, 1, 1)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    company = factory.SubFactory(CompanyFactory)
    scope = "contact_notes"
    given_by = "Toimitusjohtaja"
    given_on = datetime.date(2026, 1, 1)
    recorded_by = factory.SubFactory(UserFactory)


class CustomerNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomerNote

    company = factory.SubFactory(CompanyFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = "contact_notes"
    text = factory.Sequence(lambda n: f"Muistiinpano {n}")
    author = factory.SubFactory(UserFactory)


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handover

    company = factory.SubFactory(CompanyFactory)
    from_organisation = factory.SubFactory(OrganisationFactory)
    to_organisation = factory.SubFactory(OrganisationFactory)
    reason = "x"
    requested_by = factory.SubFactory(UserFactory)


class AccessLogEntryFactory(factory.django.DjangoModelFactory):
    """A row of the append-only access log: one view of another organisation's notes."""

    class Meta:
        model = AccessLogEntry

    viewer = factory.SubFactory(UserFactory)
    viewer_organisation = factory.SubFactory(OrganisationFactory)
    owner_organisation = factory.SubFactory(OrganisationFactory)
    company = factory.SubFactory(CompanyFactory)
    scope = "contact_notes"
    basis = "shared"
