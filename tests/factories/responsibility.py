"""Builders of the responsibility app's rows: assignments, teams, deliveries, consents,
notes, handovers and the access log. The factories write rows as they are (many of them
fast, or states the services would refuse); the scenario builders at the end take the
steps through the services, with their history rows."""

import datetime

import factory
from django.utils import timezone

from offerings.models import Organisation
from responsibility import services
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
    """A row of the append-only access log: the viewer (for their organisation) saw Tekes's
    contact notes of a shared customer."""

    class Meta:
        model = AccessLogEntry

    viewer = factory.SubFactory(UserFactory)
    viewer_organisation = factory.LazyAttribute(lambda entry: entry.viewer.person.organisation)
    owner_organisation = factory.LazyFunction(lambda: Organisation.objects.get(code="tekes"))
    company = factory.SubFactory(CompanyFactory)
    scope = "contact_notes"
    basis = "shared"


# --- Scenario builders, through the services ------------------------------------------------


def lead_started(company, organisation, by, reason="x", **fields):
    """The organisation takes the lead of the company's customer relationship."""
    return services.assignment_start(
        company=company, organisation=organisation, role="lead", by=by, reason=reason, **fields
    )


def handover_requested(company, by, *, from_organisation, to_organisation, **fields):
    """The lead asks another organisation to take the baton: financing about to start."""
    return services.handover_request(
        company=company,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        reason="Rahoitushanke alkaa",
        notes="Asiakas tarvitsee takauksen keväällä.",
        open_matters="Vakuudet selvittämättä",
        by=by,
        **fields,
    )


def consent_given(
    company,
    by,
    *,
    organisations,
    disclosers,
    scope="contact_notes",
    given_by="x",
    given_on=None,
    **fields,
):
    """The customer's consent, recorded through the service: the disclosers' data of the
    scope may be shown to the organisations; given today unless `given_on` says otherwise."""
    return services.consent_record(
        company=company,
        scope=scope,
        organisations=organisations,
        disclosers=disclosers,
        given_by=given_by,
        given_on=given_on or timezone.localdate(),
        by=by,
        **fields,
    )


def notes_seen(company, viewer, **fields):
    """The service logs that the viewer saw Tekes's contact notes of a shared customer."""
    values = {
        "viewer_organisation": viewer.person.organisation,
        "owner_organisation": Organisation.objects.get(code="tekes"),
        "scope": "contact_notes",
        "basis": "shared",
        **fields,
    }
    return services.access_log_write(viewer=viewer, company=company, **values)
