"""Reads of customer responsibility: portfolios, a company's holders, handovers, teams,
coverage per segment and the access log. Each returns rows with their relations already
joined or prefetched, so a page costs the same number of queries at 10 or 10,000 rows."""

from .access_log import access_log_rows, company_access_log
from .api_clients import api_key_by_prefix
from .companies import (
    CompanyResponsibility,
    company_for_responsibility,
    company_lead,
    company_lead_for_panel,
    company_responsibility,
    own_disclosure,
    portfolio,
)
from .coverage import (
    CoverageRow,
    coverage,
    coverage_count_differences,
    coverage_recount,
    group_responsibilities,
    segment_company_counts,
    segment_policy,
)
from .handovers import (
    Inbox,
    handover_detail_queryset,
    handover_inbox,
    organisation_staff_with,
    pending_handover,
)
from .teams import team_customers, team_detail_queryset, team_list

__all__ = [
    "CompanyResponsibility",
    "CoverageRow",
    "Inbox",
    "access_log_rows",
    "api_key_by_prefix",
    "company_access_log",
    "company_for_responsibility",
    "company_lead",
    "company_lead_for_panel",
    "company_responsibility",
    "coverage",
    "coverage_count_differences",
    "coverage_recount",
    "group_responsibilities",
    "handover_detail_queryset",
    "handover_inbox",
    "organisation_staff_with",
    "own_disclosure",
    "pending_handover",
    "portfolio",
    "segment_company_counts",
    "segment_policy",
    "team_customers",
    "team_detail_queryset",
    "team_list",
]
