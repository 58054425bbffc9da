"""The report's content, loaded app by app in import order, in one transaction."""

from django.db import transaction

import offerings.initial_data
import responsibility.initial_data
import segments.initial_data
from segments.seeding import SeedReport

from . import roles


@transaction.atomic
def load_strategy_2008():
    """Load everything the 2008 report gives; idempotent, and user edits are kept."""
    report = SeedReport()
    roles.sync_roles()
    regions = segments.initial_data.load_regions(report)
    segments.initial_data.load_segments(report)
    organisations = offerings.initial_data.load(report, regions=regions)
    offerings.initial_data.load_offering(report, organisations=organisations)
    responsibility.initial_data.load(report)
    return report
