"""Who may do what with customer responsibility, in one place.

Roles give permissions; the organisation limits them: agency staff act only for the
organisation they work in (offerings.Person), never for another. A user without a Person
acts for no organisation and may only read what needs none.
"""

from offerings.selectors import person_of

from .models import Assignment
from .models.data import is_under_bank_secrecy


def organisation_of(user):
    """The organisation the user works for, or None; read once per request."""
    person = person_of(user)
    return person.organisation if person else None


def is_ministry_staff(user):
    """Ministry staff read the access log and the coverage of every segment."""
    return user.has_perm("responsibility.view_accesslogentry")


def can_view_responsibility(user):
    """Who holds customers (assignments) is read by staff with the permission; the panel on
    a company's page in the segments app asks here."""
    return user.has_perm("responsibility.view_assignment")


def holds_customer(organisation, company):
    """The organisation is one of the company's current holders (lead or member)."""
    return (
        organisation is not None
        and Assignment.objects.filter(
            company=company, organisation=organisation, ends_on__isnull=True
        ).exists()
    )


def can_request_handover(user, lead):
    """Only the lead organisation's staff pass the baton on."""
    organisation = organisation_of(user)
    return (
        user.has_perm("responsibility.add_handover")
        and lead is not None
        and organisation is not None
        and lead.organisation_id == organisation.pk
    )


def can_view_handover(user, handover):
    """Staff of either organisation of the handover, and ministry staff."""
    if not user.has_perm("responsibility.view_handover"):
        return False
    if is_ministry_staff(user):
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation.pk in (
        handover.from_organisation_id,
        handover.to_organisation_id,
    )


def can_answer_handover(user, handover):
    """The receiving organisation's staff accept or decline (the service checks that the
    request is still pending, so a late second answer gets its message, not a refusal)."""
    organisation = organisation_of(user)
    return (
        user.has_perm("responsibility.change_handover")
        and organisation is not None
        and handover.to_organisation_id == organisation.pk
    )


def can_cancel_handover(user, handover):
    """The requesting organisation's staff withdraw their request."""
    organisation = organisation_of(user)
    return (
        user.has_perm("responsibility.change_handover")
        and organisation is not None
        and handover.from_organisation_id == organisation.pk
    )


def can_record_consent(user, company, *, holds=None):
    """Staff of an organisation that holds the customer record its consents.

    `holds` is holds_customer(...) when the caller already knows it (saves a query)."""
    organisation = organisation_of(user)
    if not user.has_perm("responsibility.add_consent") or organisation is None:
        return False
    return holds if holds is not None else holds_customer(organisation, company)


def can_withdraw_consent(user, company, *, holds=None):
    """Staff of an organisation that holds the customer record a withdrawal."""
    organisation = organisation_of(user)
    if not user.has_perm("responsibility.change_consent") or organisation is None:
        return False
    return holds if holds is not None else holds_customer(organisation, company)


def can_confirm_disclosure(user, disclosure):
    """Only the disclosing organisation's own staff confirm its part of a consent, and only
    where it needs confirming: under bank secrecy (Act 443/1998 § 5). Not the recorder's
    organisation, not ministry staff, not the organisations that would see the data."""
    organisation = organisation_of(user)
    return (
        user.has_perm("responsibility.change_consent")
        and organisation is not None
        and disclosure.organisation_id == organisation.pk
        and is_under_bank_secrecy(disclosure.organisation)
    )


def can_read_notes(user):
    """Notes are read for an organisation: a user without one reads none."""
    return user.has_perm("responsibility.view_customernote") and organisation_of(user) is not None


def can_write_note(user):
    """A note is written for the user's own organisation only."""
    return user.has_perm("responsibility.add_customernote") and organisation_of(user) is not None
