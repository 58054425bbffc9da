"""The company search that the portfolio and the access log share: the companies' own."""

from segments.selectors.companies import company_search as _company_search


def company_search(rows, search, prefix="company__"):
    """Narrow rows by a name prefix or, when it looks like one, an exact Y-tunnus."""
    return _company_search(rows, search, path=prefix)
