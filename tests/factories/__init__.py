"""Builders of test data: factories of single rows (rows.py, factory-boy) and scenario
builders that take the users' steps through the services (scenarios.py). Tests import
both from here: `from tests.factories import CompanyFactory, seat`."""

from .rows import *  # noqa: F403
from .scenarios import *  # noqa: F403
