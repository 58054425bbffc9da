"""Reads of companies: the filtered list a keyset page at a time, a company's values by year
and its moves, and what an export takes."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q

from core.history import changed_since
from core.pagination import Keyset
from segments.models import Attribute, AttributeValue, Company, SegmentTransition
from segments.validators import normalize_business_id, validate_business_id

LANGUAGES = ("fi", "sv", "en")  # settings.MODELTRANSLATION_LANGUAGES

# The list's order, and its cursor in the query string (?after_name=&after_id=).
COMPANY_KEYSET = Keyset(
    fields=("name", "pk"), params=("after_name", "after_id"), kinds=("text", "int")
)


def company_search(rows, search, path=""):
    """Rows narrowed by an exact Y-tunnus, when the search looks like one, or else by a name
    prefix in any letter case: the two searches the indexes serve at 400,000 companies.
    `path` leads from the rows to their company (e.g. "company__")."""
    search = (search or "").strip()
    if not search:
        return rows
    business_id = normalize_business_id(search)
    if business_id[:7].isdigit():
        return rows.filter(**{f"{path}business_id": business_id})
    return rows.filter(**{f"{path}name__istartswith": search})


def business_id_search_problem(search):
    """Why a search that `company_search` reads as a Y-tunnus can find no company: the
    message of its wrong check digit (or length, or characters), so that the page says so
    instead of "nothing found"; None for a valid Y-tunnus, a name or no search."""
    search = (search or "").strip()
    business_id = normalize_business_id(search)
    if not search or not business_id[:7].isdigit():
        return None
    try:
        validate_business_id(business_id)
    except ValidationError as error:
        return error.messages[0]
    return None


def company_filter(*, search="", segment=None, region=None, industry="", ready=False):
    """Active companies narrowed by the list's filters: name prefix or exact Y-tunnus, segment,
    region, industry prefix, ready to move forward."""
    companies = company_search(Company.objects.filter(is_active=True), search)
    if segment:
        companies = companies.filter(segment=segment)
    if region:
        companies = companies.filter(region=region)
    if industry:
        companies = companies.filter(industry__startswith=industry)
    if ready:
        companies = companies.filter(is_ready_to_move=True)
    return companies


def company_page(query, *, size, **filters):
    """A page of the filtered companies in name order, after the cursor in `query` (keyset:
    no count, no OFFSET). The segment's and region's names come as columns of the row
    (`segment_name_fi`, `region_name_sv` …), not as joined model instances: building two
    translated instances a row was a fifth of the list's time."""
    names = {
        f"{relation}_name_{language}": F(f"{relation}__name_{language}")
        for relation in ("segment", "region")
        for language in LANGUAGES
    }
    companies = company_filter(**filters).annotate(**names)
    return COMPANY_KEYSET.page(companies, query, size=size)


def companies_for_export(*, limit, **filters):
    """The filtered companies in name order, or None when there are more than `limit`."""
    companies = company_filter(**filters).order_by("name", "pk")
    return None if companies[limit : limit + 1].exists() else companies


def attributes_in_order():
    """Every attribute, in the order staff gave them."""
    return list(Attribute.objects.all())


def latest_value_years(count=3):
    """The last `count` years that have attribute values (an index lookup, not a scan)."""
    latest = AttributeValue.objects.aggregate(latest=Max("year"))["latest"]
    return list(range(latest - count + 1, latest + 1)) if latest else []


def company_detail_queryset():
    """Companies with their region and segment."""
    return Company.objects.select_related("segment", "region")


def company_values_by_year(company):
    """The company's attribute values as (years, [(attribute, [value or None per year])])."""
    values = list(
        company.attribute_values.select_related("attribute").order_by(
            "attribute__order", "attribute__code", "year"
        )
    )
    years = sorted({v.year for v in values})
    table = {}
    for v in values:
        table.setdefault(v.attribute, {})[v.year] = v
    return years, [
        (attribute, [per_year.get(y) for y in years]) for attribute, per_year in table.items()
    ]


def company_transitions(company):
    """The company's moves between segments, newest first."""
    return company.transitions.select_related("from_segment", "to_segment", "created_by").order_by(
        "-year"
    )


def company_integration_data(*, segment_code="", updated_since=None):
    """Companies as the integration API gives them: segment and region joined, yearly values
    and transitions prefetched (three queries for any number of rows); `segment_code`: only
    that segment's; `updated_since`: only those whose own fields changed (their history) or
    that moved between segments (a transition) or whose yearly values were written at or
    after that moment."""
    companies = Company.objects.select_related("segment", "region").prefetch_related(
        Prefetch(
            "attribute_values",
            queryset=AttributeValue.objects.select_related("attribute").order_by(
                "attribute__order", "attribute__code", "year"
            ),
        ),
        Prefetch(
            "transitions",
            queryset=SegmentTransition.objects.select_related(
                "from_segment", "to_segment"
            ).order_by("-year"),
        ),
    )
    if segment_code:
        companies = companies.filter(segment__code=segment_code)
    if updated_since is not None:
        companies = companies.filter(
            changed_since(updated_since, Company.history.filter(id=OuterRef("pk")))
            | Exists(
                SegmentTransition.objects.filter(
                    company=OuterRef("pk"), created_at__gte=updated_since
                )
            )
            # Not correlated: the database reads the few recently written values once by
            # their time's index (a hashed set), not each company's values one by one.
            | Q(
                pk__in=AttributeValue.objects.filter(changed_at__gte=updated_since).values(
                    "company_id"
                )
            )
        )
    return companies
