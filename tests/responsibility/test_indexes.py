"""Customer-responsibility lists read from their indexes on both databases (the plan names
the index), so that they stay fast at national scale."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from responsibility.selectors.handovers import answered_handovers
from tests.factories import (
    CompanyFactory,
    HandoverFactory,
    UserFactory,
    business_id,
    create_in_bulk,
)
from tests.segments.test_indexes import plan

pytestmark = pytest.mark.django_db


def test_inbox_answered__is_read_newest_first_from_its_partial_index(orgs):
    """At 5,000 handovers the organisation's answered ones were all sorted for the first
    rows (35 ms); the partial index gives them in order, newest answer first."""
    codes = ["tekes", "finnvera", "finpro", "te-uusimaa"]
    companies = create_in_bulk(
        CompanyFactory, ({"business_id": business_id(60_000 + n)} for n in range(1200))
    )
    now = timezone.now()
    create_in_bulk(
        HandoverFactory,
        (
            {
                "company": company,
                "from_organisation": orgs[codes[n % 4]],
                "to_organisation": orgs[codes[(n + 1) % 4]],
                "status": "accepted",
                "requested_at": now - timedelta(days=n % 300 + 3),
                "decided_at": now - timedelta(days=n % 300),
            }
            for n, company in enumerate(companies)
        ),
        requested_by=UserFactory(),
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows = answered_handovers(orgs["tekes"])
    assert "handover_answered_newest_idx" in plan(rows[:51])
    decided = [handover.decided_at for handover in rows[:51]]
    assert len(decided) == 51 and decided == sorted(decided, reverse=True)
