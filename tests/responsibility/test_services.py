"""Customer responsibility: one lead at a time, the baton handover, consents."""

import threading
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.refusals import Refusal
from offerings.models import Organisation
from responsibility import services
from responsibility.models import Assignment, Handover
from tests.concurrency import needs_postgresql, race
from tests.factories import (
    FINANCING_HANDOVER,
    AssignmentFactory,
    CompanyFactory,
    business_id,
    consent_given,
    handover_requested,
    lead_started,
)

pytestmark = pytest.mark.django_db


def test_one_lead__a_second_active_lead_is_refused_by_the_service(
    company, orgs, agency_user, tekes_lead
):
    with pytest.raises(Refusal, match="jo päävastuullinen"):
        lead_started(company, orgs["finnvera"], agency_user)


def test_one_lead__the_database_refuses_a_direct_write_too(company, orgs, tekes_lead):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(company=company, organisation=orgs["finnvera"], starts_on=date.today())


def test_one_lead__members_are_unlimited(company, orgs, agency_user, tekes_lead):
    for code in ["finnvera", "finpro"]:
        services.assignment_start(
            company=company, organisation=orgs[code], role="member", by=agency_user, reason="x"
        )
    assert company.assignments.filter(role="member", ends_on=None).count() == 2


def test_one_lead__overlapping_past_leads_refused_on_postgresql(company, orgs):
    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraints exist on PostgreSQL only")
    lead = {"company": company, "role": "lead"}
    AssignmentFactory(
        **lead, organisation=orgs["tekes"], starts_on=date(2024, 1, 1), ends_on=date(2025, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(
            **lead,
            organisation=orgs["finpro"],
            starts_on=date(2024, 6, 1),
            ends_on=date(2024, 9, 1),
        )
    # Adjacent ranges do not overlap: [2024-01-01, 2025-01-01) and [2025-01-01, …).
    AssignmentFactory(
        **lead, organisation=orgs["finpro"], starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 1)
    )


def test_lead__cannot_be_ended_alone(tekes_lead, agency_user):
    with pytest.raises(Refusal, match="ei saa jäädä ilman vastuullista"):
        services.assignment_end(assignment=tekes_lead, by=agency_user, reason="x")


def _request(company, orgs, user, **kwargs):
    return handover_requested(
        company,
        user,
        from_organisation=orgs["tekes"],
        to_organisation=orgs["finnvera"],
        **FINANCING_HANDOVER,
        **kwargs,
    )


def test_handover__acceptance_moves_the_lead_in_one_step(
    company, orgs, agency_user, ministry_user, tekes_lead
):
    handover = _request(company, orgs, agency_user)
    services.handover_accept(handover=handover, by=ministry_user, reason="Otetaan vastaan")

    lead = services.active_lead(company)
    assert lead.organisation == orgs["finnvera"]
    assert lead.note == "Asiakas tarvitsee takauksen keväällä."
    tekes_lead.refresh_from_db()
    assert tekes_lead.ends_on == timezone.localdate() == lead.starts_on
    # The previous holder stays informed as a member.
    assert company.assignments.filter(
        organisation=orgs["tekes"], role="member", ends_on=None
    ).exists()
    handover.refresh_from_db()
    assert (handover.status, handover.decided_by, handover.new_assignment) == (
        "accepted",
        ministry_user,
        lead,
    )
    assert handover.history.first().history_change_reason == "Kapulan vaihto hyväksytty"
    assert lead.history.get().history_user == ministry_user


def test_handover__the_customer_is_never_without_a_lead(
    company, orgs, agency_user, ministry_user, tekes_lead
):
    handover = _request(company, orgs, agency_user)
    services.handover_decline(handover=handover, by=ministry_user, reason="Ei resursseja nyt")
    assert services.active_lead(company).organisation == orgs["tekes"]


def test_handover__only_the_holder_may_ask(company, orgs, agency_user, tekes_lead):
    with pytest.raises(Refusal, match="Vain yrityksen päävastuullinen organisaatio"):
        handover_requested(
            company, agency_user, from_organisation=orgs["finpro"], to_organisation=orgs["finnvera"]
        )


def test_handover__one_pending_request_per_company(company, orgs, agency_user, tekes_lead):
    _request(company, orgs, agency_user)
    with pytest.raises(Refusal, match="on jo avoin pyyntö"):
        handover_requested(
            company, agency_user, from_organisation=orgs["tekes"], to_organisation=orgs["finpro"]
        )


@pytest.mark.parametrize("first", ["accept", "decline", "cancel"])
@pytest.mark.parametrize("second", ["accept", "decline", "cancel"])
def test_handover__an_answered_request_cannot_be_answered_again(
    company, orgs, agency_user, tekes_lead, first, second
):
    handover = _request(company, orgs, agency_user)
    steps = {
        "accept": lambda: services.handover_accept(handover=handover, by=agency_user),
        "decline": lambda: services.handover_decline(
            handover=handover, by=agency_user, reason="Ei nyt"
        ),
        "cancel": lambda: services.handover_cancel(handover=handover, by=agency_user),
    }
    steps[first]()
    with pytest.raises(Refusal, match="Pyyntöön on jo vastattu"):
        steps[second]()


def test_handover__declining_needs_a_reason(company, orgs, agency_user, tekes_lead):
    from django.core.exceptions import ValidationError

    handover = _request(company, orgs, agency_user)
    with pytest.raises(ValidationError, match="Kerro, miksi siirto hylätään"):
        services.handover_decline(handover=handover, by=agency_user, reason="  ")
    handover.refresh_from_db()
    assert handover.status == "requested"


def test_handover__overdue_after_14_days(company, orgs, agency_user, tekes_lead):
    handover = _request(company, orgs, agency_user)
    assert not handover.is_overdue
    Handover.objects.filter(pk=handover.pk).update(requested_at=timezone.now() - timedelta(days=15))
    handover.refresh_from_db()
    assert handover.is_overdue


def test_handover__to_person_must_belong_to_the_receiving_organisation(
    company, orgs, agency_user, tekes_lead, working_group_user
):
    with pytest.raises(Refusal, match="kuuluttava vastaanottavaan organisaatioon"):
        _request(
            company, orgs, agency_user, to_person=working_group_user.person
        )  # a Tekes person, not Finnvera


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrency__two_simultaneous_accepts_exactly_one_wins(
    strategy_data, agency_user, ministry_user
):
    orgs = {code: Organisation.objects.get(code=code) for code in ["tekes", "finnvera"]}
    company = CompanyFactory(business_id=business_id(43), name="Kilpa Oy")
    lead_started(company, orgs["tekes"], agency_user)
    handover = handover_requested(
        company, agency_user, from_organisation=orgs["tekes"], to_organisation=orgs["finnvera"]
    )
    results = race(
        lambda: services.handover_accept(
            handover=Handover.objects.get(pk=handover.pk), by=ministry_user
        )
    )
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, Refusal), error
    assert Assignment.objects.filter(company=company, role="lead", ends_on=None).count() == 1
    assert Assignment.objects.filter(company=company, role="lead").count() == 2


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrency__two_competing_requests_exactly_one_wins(strategy_data, agency_user):
    orgs = {code: Organisation.objects.get(code=code) for code in ["tekes", "finnvera", "finpro"]}
    company = CompanyFactory(business_id=business_id(44), name="Kiista Oy")
    lead_started(company, orgs["tekes"], agency_user)
    targets = iter([orgs["finnvera"], orgs["finpro"]])
    lock = threading.Lock()

    def request():
        with lock:
            target = next(targets)
        return handover_requested(
            company, agency_user, from_organisation=orgs["tekes"], to_organisation=target
        )

    results = race(request)
    assert sorted(kind for kind, _ in results) == ["error", "ok"]
    assert isinstance(next(v for k, v in results if k == "error"), Refusal)
    assert Handover.objects.filter(company=company, status="requested").count() == 1


# --- consents: whose data, and Finnvera's own confirmation (Act 443/1998 § 5) -------------


def _consent(company, orgs, *, by, disclosers, **fields):
    return consent_given(
        company,
        by,
        organisations=[orgs["finpro"]],
        disclosers=[orgs[code] for code in disclosers],
        given_by="Toimitusjohtaja",
        **fields,
    )


def _disclosure_history(disclosure):
    return [
        (h.history_type, h.history_user, h.history_change_reason, h.confirmed_by)
        for h in disclosure.history.order_by("history_id")
    ]


def test_consent_record__names_the_disclosers_and_confirms_the_recorders_own(
    company, orgs, tekes_user
):
    consent = _consent(company, orgs, by=tekes_user, disclosers=["tekes", "finnvera"])
    tekes, finnvera = (consent.disclosures.get(organisation=orgs[c]) for c in ("tekes", "finnvera"))
    assert (tekes.confirmed_by, tekes.opens) == (tekes_user, True)
    assert tekes.confirmed_at is not None
    assert (finnvera.confirmed_by, finnvera.confirmed_at, finnvera.opens) == (None, None, False)
    assert _disclosure_history(tekes) == [
        ("+", tekes_user, "Suostumus kirjattu; oman organisaation luovutus vahvistettu", tekes_user)
    ]
    assert _disclosure_history(finnvera) == [("+", tekes_user, "Suostumus kirjattu", None)]


def test_consent_record__without_disclosers_is_refused(company, orgs, tekes_user):
    from django.core.exceptions import ValidationError

    from responsibility.models import Consent

    with pytest.raises(ValidationError) as error:
        _consent(company, orgs, by=tekes_user, disclosers=[])
    assert "disclosers" in error.value.error_dict
    assert not Consent.objects.exists()


def test_consent_disclosure_confirm__finnvera_confirms_its_part_with_history(
    company, orgs, tekes_user, agency_user
):
    consent = _consent(company, orgs, by=tekes_user, disclosers=["tekes", "finnvera"])
    disclosure = consent.disclosures.get(organisation=orgs["finnvera"])
    services.consent_disclosure_confirm(disclosure=disclosure, by=agency_user)
    disclosure.refresh_from_db()
    assert disclosure.confirmed_by == agency_user and disclosure.opens
    assert _disclosure_history(disclosure) == [
        ("+", tekes_user, "Suostumus kirjattu", None),
        ("~", agency_user, "Tietojen luovutus vahvistettu", agency_user),
    ]


def test_consent_disclosure_confirm__twice_or_on_a_withdrawn_consent_is_refused(
    company, orgs, tekes_user, agency_user
):
    consent = _consent(company, orgs, by=tekes_user, disclosers=["finnvera"])
    disclosure = consent.disclosures.get()
    services.consent_disclosure_confirm(disclosure=disclosure, by=agency_user)
    with pytest.raises(Refusal, match="on jo vahvistanut"):
        services.consent_disclosure_confirm(disclosure=disclosure, by=agency_user)
    withdrawn = _consent(company, orgs, by=tekes_user, disclosers=["finnvera"])
    services.consent_withdraw(consent=withdrawn, by=tekes_user)
    with pytest.raises(Refusal, match="ei ole voimassa"):
        services.consent_disclosure_confirm(disclosure=withdrawn.disclosures.get(), by=agency_user)
    assert withdrawn.disclosures.get().confirmed_at is None
    assert disclosure.history.count() == 2  # no row for the refused second confirmation


def test_consent_disclosure__the_database_refuses_a_confirmation_without_its_author(
    company, orgs, tekes_user
):
    consent = _consent(company, orgs, by=tekes_user, disclosers=["finnvera"])
    with pytest.raises(IntegrityError), transaction.atomic():
        consent.disclosures.update(confirmed_at=timezone.now())
