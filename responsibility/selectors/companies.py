"""A company's holders: the organisation's portfolio, and one company's lead, members,
teams, the baton's path, handovers and consents."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from core.db import single_row
from segments.models import Company
from segments.selectors.companies import company_search
from segments.validators import normalize_business_id

from ..models import Assignment, Consent, ConsentDisclosure, Handover


def _pending_handover():
    return Exists(
        Handover.objects.filter(company=OuterRef("company_id"), status=Handover.Status.REQUESTED)
    )


def portfolio(*, organisation, role="", segment=None, region=None, person_user=None, search=""):
    """The organisation's active assignments (its customer portfolio), for keyset pages in
    company name order (views: PORTFOLIO_PAGES); each row carries `has_pending_handover`."""
    rows = Assignment.objects.filter(organisation=organisation, ends_on__isnull=True)
    narrowing = {
        "role": role,
        "company__segment": segment,
        "company__region": region,
        "person__user": person_user,
    }
    rows = rows.filter(**{name: value for name, value in narrowing.items() if value})
    return (
        company_search(rows, search, "company__")
        .select_related("company__segment", "company__region", "person__user", "team")
        .annotate(has_pending_handover=_pending_handover())
    )


def company_for_responsibility(business_id):
    """The company of a responsibility page, with its segment and region, or None."""
    return (
        Company.objects.select_related("segment", "region")
        .filter(business_id=normalize_business_id(business_id))
        .first()
    )


@dataclass
class CompanyResponsibility:
    """Everything the company's responsibility page shows."""

    lead: object
    members: list
    teams: list
    history: list  # every assignment, oldest first: the baton's path
    handovers: list
    consents: list
    pending_handover: object

    def is_held_by(self, organisation):
        """The organisation is one of the company's current holders (lead or member)."""
        return organisation is not None and any(
            a.organisation_id == organisation.pk for a in self.history if a.ends_on is None
        )


def _consents(company):
    """The company's consents, newest first, each with `is_valid_now`."""
    consents = list(
        Consent.objects.filter(company=company)
        .select_related("recorded_by")
        .prefetch_related(
            "organisations",
            Prefetch(
                "disclosures",
                queryset=ConsentDisclosure.objects.select_related("organisation", "confirmed_by"),
            ),
        )
        .order_by("-given_on", "-pk")
    )
    today = timezone.localdate()
    for consent in consents:
        consent.is_valid_now = consent.is_valid_on(today)
    return consents


def company_responsibility(company):
    """The company's holders now and before, its handovers and its consents."""
    history = list(
        Assignment.objects.filter(company=company)
        .select_related("organisation", "person__user", "team", "delivery")
        .order_by("starts_on", "pk")
    )
    active = [a for a in history if a.ends_on is None]
    teams = {a.team_id: a.team for a in active if a.team_id}
    handovers = list(
        Handover.objects.filter(company=company)
        .select_related(
            "from_organisation", "to_organisation", "to_person__user", "requested_by", "decided_by"
        )
        .order_by("-requested_at", "-pk")
    )
    return CompanyResponsibility(
        lead=next((a for a in active if a.role == Assignment.Role.LEAD), None),
        members=[a for a in active if a.role == Assignment.Role.MEMBER],
        teams=sorted(teams.values(), key=lambda team: team.name),
        history=history,
        handovers=handovers,
        consents=_consents(company),
        pending_handover=next(
            (h for h in handovers if h.status == Handover.Status.REQUESTED), None
        ),
    )


def _current_lead(company):
    # At most one row: the constraint assignment_one_active_lead.
    return Assignment.objects.filter(
        company=company, role=Assignment.Role.LEAD, ends_on__isnull=True
    ).select_related("organisation", "person__user", "team")


def company_lead(company):
    """The company's current lead with its organisation, person and team, or None."""
    return single_row(_current_lead(company))


# What the company page's panel shows of the lead (responsibility/includes/company_panel.html
# and holder.html): the organisation's and team's names, the person's name, the start. The
# five models' other columns were most of the company page's costliest query to compile.
_LEAD_PANEL_FIELDS = (
    "starts_on",
    *(f"organisation__{name}" for name in ("name", "name_fi", "name_sv", "name_en")),
    *(f"person__user__{name}" for name in ("username", "first_name", "last_name")),
    "team__name",
)


def company_lead_for_panel(company):
    """`company_lead` with only what the company page shows of it."""
    return single_row(_current_lead(company).only(*_LEAD_PANEL_FIELDS))


def own_disclosure(consent, organisation):
    """The organisation's part of the consent (its ConsentDisclosure), or None."""
    if organisation is None:
        return None
    return (
        consent.disclosures.select_related("organisation").filter(organisation=organisation).first()
    )
