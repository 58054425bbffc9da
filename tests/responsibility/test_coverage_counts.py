"""The coverage counts the database keeps (CoverageCount): every path that creates, moves,
deactivates or deletes a company, or starts, ends, hands over or deletes a lead, leaves
them equal to a recount from the rows; drift is found and corrected by the command."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from responsibility import selectors, services
from responsibility.models import Assignment, CoverageCount
from segments.models import Company, Segment
from tests.factories import CompanyFactory, handover_requested, lead_started

pytestmark = pytest.mark.django_db


def kept():
    """The kept counts, {segment key: (companies, with lead)}, rows with companies only."""
    return {
        count.segment_key: (count.companies, count.with_lead)
        for count in CoverageCount.objects.all()
        if count.companies
    }


def assert_kept_equal_to_recount():
    assert kept() == selectors.coverage_recount()
    assert selectors.coverage_count_differences() == []


@pytest.fixture
def segments(strategy_data):
    return {segment.code: segment for segment in Segment.objects.all()}


def test_counts__companies_created_count_where_they_are_placed(segments):
    international = segments["kansainvalistyvat"]
    CompanyFactory.create_batch(3, segment=international)
    CompanyFactory(segment=None)
    CompanyFactory(segment=international, is_active=False)  # not counted: not active
    assert kept() == {international.pk: (3, 0), 0: (1, 0)}
    assert_kept_equal_to_recount()


def test_counts__a_lead_started_ended_and_handed_over(company, orgs, tekes_user, ministry_user):
    key = company.segment_id
    lead = lead_started(company, orgs["tekes"], tekes_user)
    assert kept()[key] == (1, 1)
    handover = handover_requested(
        company, tekes_user, from_organisation=orgs["tekes"], to_organisation=orgs["finnvera"]
    )
    services.handover_accept(handover=handover, by=ministry_user, reason="Otetaan vastaan")
    # One lead ended and the next started: still one company with a lead.
    assert kept()[key] == (1, 1)
    assert Assignment.objects.filter(company=company, ends_on=None, role="lead").count() == 1
    new_lead = Assignment.objects.get(company=company, ends_on=None, role="lead")
    # The service never leaves a company leaderless; a direct write may end a lead.
    Assignment.objects.filter(pk=new_lead.pk).update(ends_on=date.today())
    assert kept()[key] == (1, 0)
    assert lead.pk != new_lead.pk
    assert_kept_equal_to_recount()


def test_counts__a_member_is_not_a_lead(company, orgs, tekes_user):
    services.assignment_start(
        company=company, organisation=orgs["tekes"], role="member", by=tekes_user, reason="x"
    )
    assert kept()[company.segment_id] == (1, 0)


def test_counts__companies_moved_in_bulk_take_their_leads_along(
    company, orgs, tekes_user, segments
):
    """The yearly run moves companies with one set-based UPDATE: the counts follow it."""
    lead_started(company, orgs["tekes"], tekes_user)
    others = CompanyFactory.create_batch(2, segment=company.segment)
    large = segments["suuryritykset"]
    Company.objects.filter(pk__in=[company.pk, others[0].pk]).update(segment=large)
    assert kept() == {company.segment_id: (1, 0), large.pk: (2, 1)}
    Company.objects.filter(pk=company.pk).update(segment=None)
    assert kept() == {company.segment_id: (1, 0), large.pk: (1, 0), 0: (1, 1)}
    assert_kept_equal_to_recount()


def test_counts__a_deactivated_company_leaves_the_counts_and_returns(company, orgs, tekes_user):
    lead_started(company, orgs["tekes"], tekes_user)
    company.is_active = False
    company.save()
    assert kept() == {}
    company.is_active = True
    company.save()
    assert kept() == {company.segment_id: (1, 1)}
    assert_kept_equal_to_recount()


def test_counts__deleted_rows_are_subtracted(company, orgs, tekes_user):
    lead = lead_started(company, orgs["tekes"], tekes_user)
    other = CompanyFactory(segment=company.segment)
    Assignment.objects.filter(pk=lead.pk).delete()
    assert kept()[company.segment_id] == (2, 0)
    other.delete()
    assert kept()[company.segment_id] == (1, 0)
    assert_kept_equal_to_recount()


def test_counts__a_rolled_back_change_leaves_them_as_they_were(company, orgs, tekes_user):
    before = kept()
    with pytest.raises(RuntimeError), transaction.atomic():
        lead_started(company, orgs["tekes"], tekes_user)
        CompanyFactory.create_batch(2, segment=company.segment)
        raise RuntimeError
    assert kept() == before


def test_counts__the_database_refuses_more_leads_than_companies(company):
    with pytest.raises(IntegrityError), transaction.atomic():
        CoverageCount.objects.filter(segment_key=company.segment_id).update(with_lead=2)


def test_command__reports_agreement(company, capsys):
    call_command("coverage_counts")
    assert "täsmäävät" in capsys.readouterr().out


def test_command__finds_drift_and_rebuild_corrects_it(company, orgs, tekes_user, capsys):
    lead_started(company, orgs["tekes"], tekes_user)
    CoverageCount.objects.filter(segment_key=company.segment_id).update(companies=5)
    CoverageCount.objects.create(segment_key=0, companies=4, with_lead=0)
    with pytest.raises(CommandError, match="2 eroa"):
        call_command("coverage_counts")
    out = capsys.readouterr().out
    assert f"segmentti {company.segment_id}: tallennettu 5 yritystä / 1" in out
    assert "laskettu 1 / 1" in out
    assert "segmentti ei segmenttiä: tallennettu 4" in out
    call_command("coverage_counts", rebuild=True)
    assert "korjattuja eroja 2" in capsys.readouterr().out
    assert kept() == {company.segment_id: (1, 1)}
    call_command("coverage_counts")


def test_coverage_page__reads_the_kept_counts_not_the_companies(
    client, ministry_user, company, orgs, tekes_user, count_queries
):
    lead_started(company, orgs["tekes"], tekes_user)
    CompanyFactory.create_batch(3, segment=company.segment)
    client.force_login(ministry_user)
    count_queries(client, reverse("responsibility:coverage"), warm=True)
    assert not count_queries.any_sql("segments_company")
    assert not count_queries.any_sql("responsibility_assignment")
    response = count_queries.response
    row = next(row for row in response.context["rows"] if row.segment == company.segment)
    assert (row.companies, row.with_lead, row.share) == (4, 1, 25.0)
    assert (response.context["total"].companies, response.context["total"].with_lead) == (4, 1)
