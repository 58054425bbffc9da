"""The company search that the portfolio and the access log share."""

from segments.validators import normalize_business_id


def company_search(rows, search, prefix="company__"):
    """Narrow rows by a name prefix or, when it looks like one, an exact Y-tunnus."""
    search = (search or "").strip()
    if not search:
        return rows
    business_id = normalize_business_id(search)
    if business_id[:7].isdigit():
        return rows.filter(**{f"{prefix}business_id": business_id})
    return rows.filter(**{f"{prefix}name__istartswith": search})
