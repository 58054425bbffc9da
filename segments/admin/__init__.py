"""The segments app's admin, by concern: the segments' definitions and the company data."""

from . import companies, segments  # noqa: F401  (registers the model admins)
