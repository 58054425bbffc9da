"""Reads of companies: the filtered list a keyset page at a time, a company's values by year
and its moves, and what an export takes."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Exists, F, Max, OuterRef, Q

from core.db import id_set
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


# What the company list shows of a company (segments.templatetags.company_tags), and its
# order's key: the other columns, and fifty model instances, cost Python on every view.
COMPANY_LIST_FIELDS = ("pk", "name", "business_id", "industry", "is_ready_to_move", "is_synthetic")


def company_page(query, *, size, **filters):
    """A page of the filtered companies in name order, after the cursor in `query` (keyset:
    no count, no OFFSET). Each row is a named tuple of COMPANY_LIST_FIELDS and the segment's
    and region's names (`segment_name_fi`, `region_name_sv` …), not a model instance with
    joined ones: building two translated instances a row was a fifth of the list's time.
    `company_url` gives a row's address."""
    names = {
        f"{relation}_name_{language}": F(f"{relation}__name_{language}")
        for relation in ("segment", "region")
        for language in LANGUAGES
    }
    companies = (
        company_filter(**filters)
        .annotate(**names)
        .values_list(*COMPANY_LIST_FIELDS, *names, named=True)
    )
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


# The company page's queries are sorted here, not in SQL: they read all of one company's
# rows (a few dozen), and an ORDER BY makes Django's compiler hash every selected column of
# the joined models (bench/README.md, the figures of 2026-12-06 morning).


def company_values_by_year(company):
    """The company's attribute values as (years, [(attribute, [value or None per year])]),
    in the attributes' order."""
    # The attributes' own order (Meta.ordering); their codes are ASCII slugs, which sort
    # by code point as the database sorts them (a hyphen aside, under some collations).
    values = sorted(
        company.attribute_values.select_related("attribute").order_by(),
        key=lambda v: (v.attribute.order, v.attribute.code, v.year),
    )
    years = sorted({v.year for v in values})
    table = {}
    for v in values:
        table.setdefault(v.attribute, {})[v.year] = v
    return years, [
        (attribute, [per_year.get(y) for y in years]) for attribute, per_year in table.items()
    ]


# What the company page shows of a transition's segments and recorder: the segments' names
# in each language, the recorder's name (the other columns, a segment's descriptions among
# them, cost Python to select and build on every view).
_TRANSITION_FIELDS = (
    # company.transitions reads each row's company_id to attach the company: deferred,
    # that would be a query a row.
    "company",
    "year",
    "cause",
    "reason",
    "created_at",
    *(
        f"{segment}__{field}"
        for segment in ("from_segment", "to_segment")
        for field in ("code", "name_fi", "name_sv", "name_en")
    ),
    "created_by__username",
    "created_by__first_name",
    "created_by__last_name",
)


def company_transitions(company):
    """The company's moves between segments, newest first (one a year at most), with what
    the company page shows of them (_TRANSITION_FIELDS)."""
    return sorted(
        company.transitions.select_related("from_segment", "to_segment", "created_by")
        .only(*_TRANSITION_FIELDS)
        .order_by(),
        key=lambda t: -t.year,
    )


# The integration API's company fields, read as plain rows: building model instances and
# running DRF's serializers over a page of 1,000 companies and their 15,000 values cost
# seconds a page; plain rows cost milliseconds (bench/api.py).
INTEGRATION_FIELDS = (
    "pk",
    "business_id",
    "name",
    "is_active",
    "segment__code",
    "is_ready_to_move",
    "region__code",
    "municipality",
    "industry",
    "founded_on",
)


def company_integration_data(*, segment_code="", updated_since=None):
    """Companies as the integration API lists them, as plain rows (INTEGRATION_FIELDS; pass
    a page of them to company_integration_rows for the API's form); `segment_code`: only
    that segment's; `updated_since`: only those whose own fields changed (their history) or
    that moved between segments (a transition) or whose yearly values were written at or
    after that moment."""
    companies = Company.objects.values(*INTEGRATION_FIELDS)
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


def company_integration_rows(companies):
    """The rows of company_integration_data in the API's form, each with its yearly values
    (attribute order, then year) and its transitions (newest first): two queries for any
    number of companies."""
    companies = list(companies)
    pks = id_set(company["pk"] for company in companies)
    values, transitions = {}, {}
    typed = _VALUE_READERS
    for company, code, value_type, year, number, text in (
        AttributeValue.objects.filter(company_id__in=pks)
        .order_by("company_id", "attribute__order", "attribute__code", "year")
        .values_list(
            "company_id", "attribute__code", "attribute__value_type", "year", "number", "text"
        )
    ):
        value = typed[value_type](number, text)
        values.setdefault(company, []).append({"attribute": code, "year": year, "value": value})
    for company, year, from_code, to_code, cause in (
        SegmentTransition.objects.filter(company_id__in=pks)
        .order_by("company_id", "-year", "-pk")
        .values_list("company_id", "year", "from_segment__code", "to_segment__code", "cause")
    ):
        transitions.setdefault(company, []).append(
            {"year": year, "from_segment": from_code, "to_segment": to_code, "cause": cause}
        )
    return [
        {
            "business_id": company["business_id"],
            "name": company["name"],
            "is_active": company["is_active"],
            "segment": company["segment__code"],
            "is_ready_to_move": company["is_ready_to_move"],
            "region": company["region__code"],
            "municipality": company["municipality"],
            "industry": company["industry"],
            "founded_on": company["founded_on"] and company["founded_on"].isoformat(),
            "values": values.get(company["pk"], []),
            "transitions": transitions.get(company["pk"], []),
        }
        for company in companies
    ]


def _reader(value_type):
    """A stored value as the API gives it (Attribute.typed_value), exact decimals as text."""

    def read(number, text):
        value = Attribute.typed_value(value_type, number, text)
        return _plain_decimal(value)

    return read


# Per value type, the reader of a stored (number, text) as the API gives it; the common
# types inline, as 15,000 values a page are read.
_VALUE_READERS = {value_type: _reader(value_type) for value_type in Attribute.ValueType}
_VALUE_READERS[Attribute.ValueType.INTEGER] = lambda number, text: (
    None if number is None else int(number)
)
_VALUE_READERS[Attribute.ValueType.DECIMAL] = lambda number, text: (
    None if number is None else format(number.normalize(), "f")
)


def _plain_decimal(value):
    """An exact decimal as a string without trailing zeros or an exponent (100, not 1E+2);
    anything else as it is."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value
