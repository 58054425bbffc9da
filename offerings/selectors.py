"""Reads of the public actors and of what they offer."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf

from core.db import single_row
from core.filters import filter_given
from core.history import changed_since

from .models import (
    CustomerNeed,
    DevelopmentItem,
    Finding,
    Organisation,
    OrganisationClaimRule,
    Person,
    Rationale,
    RationalePoint,
    RoleClaimRule,
    SegmentOffering,
    Service,
    ServiceChannel,
    ServiceModel,
    SharedTool,
)

# The attribute of the user object that holds their Person (kept in the session's user's
# cached entry too: OfferingsConfig.ready).
PERSON_ATTRIBUTE = "_person"


def read_person(user):
    """The user's Person with their organisation, or None, from the database."""
    return single_row(Person.objects.select_related("organisation").filter(user=user))


def person_of(user):
    """The signed-in user's Person with their organisation, or None: read once a request
    (kept on the request's user object; the session's user brings it from the cache) for
    every app that asks (the user's organisation, their seats in the bodies)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, PERSON_ATTRIBUTE):
        setattr(user, PERSON_ATTRIBUTE, read_person(user))
    return getattr(user, PERSON_ATTRIBUTE)


def organisation_list():
    """Active organisations in report order, with the region and parent they belong to."""
    return (
        Organisation.objects.filter(is_active=True)
        .select_related("region", "parent")
        .annotate(people_count=Count("people"))
    )


def organisation_detail_queryset():
    """Organisations with what their detail page shows: region, parent and units."""
    return Organisation.objects.select_related("region", "parent").prefetch_related("units")


# The service catalogue ---------------------------------------------------------------------


def _name_in(language, field="name"):
    """An ordering expression: the translated field in `language`, Finnish where it is empty
    (the order the reader sees, since the page falls back to Finnish the same way)."""
    language = language if language in ("fi", "sv", "en") else "fi"
    if language == "fi":
        return F(f"{field}_fi")
    return Coalesce(NullIf(f"{field}_{language}", Value("")), f"{field}_fi")


# The catalogue's filters on a service's many-to-many links: filter → (link table, column).
# Exists() rather than joins: a service matching twice would otherwise be listed twice.
LINK_FILTERS = {
    "organisation": (Service.producers.through, "organisation"),
    "need": (Service.needs.through, "customerneed"),
    "channel": (Service.channels.through, "servicechannel"),
    "rationale": (Service.rationales.through, "rationale"),
}


def _name_search(services, search):
    search = (search or "").strip()
    if not search:
        return services
    return services.filter(
        Q(name_fi__icontains=search) | Q(name_sv__icontains=search) | Q(name_en__icontains=search)
    )


def _offered_to(segment):
    """A service offered to the segment: as a basic service, or a transition into or out of it."""
    return Exists(
        SegmentOffering.objects.filter(service_id=OuterRef("pk")).filter(
            Q(segment=segment) | Q(from_segment=segment) | Q(to_segment=segment)
        )
    )


def service_filter(*, search="", segment=None, status="", pricing="", production_mode="", **links):
    """Services narrowed by the catalogue's filters: a name (in any language) containing
    `search`, a segment the service is offered to (as a basic service or a transition into
    or out of it), a status, pricing, production mode, and the links of LINK_FILTERS
    (`organisation`: a producer, `need`, `channel`, `rationale`)."""
    services = _name_search(Service.objects.all(), search)
    for name, value in links.items():
        through, column = LINK_FILTERS[name]
        if value:
            services = services.filter(
                Exists(through.objects.filter(service_id=OuterRef("pk"), **{column: value}))
            )
    if segment:
        services = services.filter(_offered_to(segment))
    return filter_given(services, status=status, pricing=pricing, production_mode=production_mode)


def service_list(*, language="fi", **filters):
    """The catalogue's rows in name order (as read in `language`), with producers and needs,
    in a constant number of queries."""
    return (
        service_filter(**filters)
        .prefetch_related(
            Prefetch("producers", queryset=Organisation.objects.order_by("order", "code")),
            Prefetch("needs", queryset=CustomerNeed.objects.order_by("order", "code")),
        )
        .order_by(_name_in(language), "pk")
    )


def service_export(*, language="fi", **filters):
    """The services of the catalogue's filters in the list's order, for the XLSX export
    (which fetches the links it writes itself)."""
    return service_filter(**filters).order_by(_name_in(language), "pk")


def service_detail_queryset():
    """Services with everything the detail page shows, in a constant number of queries."""
    return Service.objects.select_related("owner").prefetch_related(
        Prefetch("producers", queryset=Organisation.objects.order_by("order", "code")),
        Prefetch("channels", queryset=ServiceChannel.objects.order_by("order", "code")),
        Prefetch("rationales", queryset=Rationale.objects.order_by("order")),
        Prefetch("needs", queryset=CustomerNeed.objects.order_by("order", "code")),
        Prefetch(
            "offerings",
            queryset=SegmentOffering.objects.select_related(
                "segment", "from_segment", "to_segment"
            ),
        ),
    )


def service_offering(service):
    """The service's prefetched offering as (basic: segments in number order, transitions:
    offerings in from → to number order)."""
    basic, transitions = [], []
    for offering in service.offerings.all():
        if offering.kind == SegmentOffering.Kind.BASIC:
            basic.append(offering.segment)
        else:
            transitions.append(offering)
    basic.sort(key=lambda segment: segment.number)
    transitions.sort(key=lambda o: (o.from_segment.number, o.to_segment.number))
    return basic, transitions


def segment_offering(segment, *, language="fi"):
    """What is offered to a segment, as (basic, transitions): its basic services, and the
    transition services out of it and into it, each offering with its service and the
    service's producers; retired services are left out. Two queries."""
    offerings = (
        SegmentOffering.objects.filter(
            Q(kind=SegmentOffering.Kind.BASIC, segment=segment)
            | Q(kind=SegmentOffering.Kind.TRANSITION, from_segment=segment)
            | Q(kind=SegmentOffering.Kind.TRANSITION, to_segment=segment)
        )
        .exclude(service__status=Service.Status.RETIRED)
        .select_related("service", "from_segment", "to_segment")
        .prefetch_related(
            Prefetch("service__producers", queryset=Organisation.objects.order_by("order", "code"))
        )
        .order_by(_name_in(language, "service__name"), "from_segment__number", "pk")
    )
    basic, transitions = [], []
    for offering in offerings:
        (basic if offering.kind == SegmentOffering.Kind.BASIC else transitions).append(offering)
    return basic, transitions


def rationale_list():
    """The rationales of report section 4 in order, with their sub-points and the services
    tagged with each (in Finnish name order)."""
    return Rationale.objects.prefetch_related(
        Prefetch("points", queryset=RationalePoint.objects.order_by("order", "pk")),
        Prefetch("services", queryset=Service.objects.order_by("name_fi", "pk")),
    )


def development_groups():
    """Development items grouped by path (harmonisation, long-term), as [(kind label, items)]
    in the order of DevelopmentItem.Kind; each item with its coordinator and segments."""
    from segments.models import Segment

    items = DevelopmentItem.objects.select_related("coordinator").prefetch_related(
        Prefetch("segments", queryset=Segment.objects.order_by("number"))
    )
    return _grouped(items.order_by("deadline", "title", "pk"), DevelopmentItem.Kind)


def tool_groups():
    """Shared tools grouped as current tools and needs for new ones: [(kind label, tools)],
    both groups always present; each tool with its owner and user organisations."""
    tools = SharedTool.objects.select_related("owner").prefetch_related(
        Prefetch("users", queryset=Organisation.objects.order_by("order", "code"))
    )
    return _grouped(tools.order_by("name", "pk"), SharedTool.Kind)


def _grouped(rows, kinds):
    by_kind = {kind: [] for kind in kinds.values}
    for row in rows:
        by_kind[row.kind].append(row)
    return [(kinds(kind).label, by_kind[kind]) for kind in kinds.values]


def finding_list(*, status=""):
    """Findings newest first, with the cell, the owner and the opener; `status` narrows."""
    findings = Finding.objects.select_related(
        "segment", "need", "owner__person__organisation", "created_by"
    ).order_by("-created_at", "-pk")
    return findings.filter(status=status) if status else findings


def service_model_queryset():
    """Service models with their segment and channels, for a page on one of them."""
    return ServiceModel.objects.select_related("segment").prefetch_related("service_channels")


def organisation_open_data(*, updated_since=None):
    """Organisations with their parent and region (one query), for the open data;
    `updated_since`: only those changed at or after that moment."""
    organisations = Organisation.objects.select_related("parent", "region")
    if updated_since is not None:
        organisations = organisations.filter(
            changed_since(updated_since, Organisation.history.filter(id=OuterRef("pk")))
        )
    return organisations


def service_open_data(*, updated_since=None, segment_code=None):
    """Services with their owner, producers, channels and the segments they are offered to,
    in four queries, for the open data. `updated_since`: only those changed at or after that
    moment (a change of producers or channels is a change of the service, its history
    records them; so is a change of its offering). `segment_code`: only the services
    offered to that segment, as a basic service or a transition service from or to it."""
    services = Service.objects.select_related("owner").prefetch_related(
        Prefetch("producers", queryset=Organisation.objects.order_by("order", "code")),
        Prefetch("channels", queryset=ServiceChannel.objects.order_by("order", "code")),
        Prefetch(
            "offerings",
            queryset=SegmentOffering.objects.select_related(
                "segment", "from_segment", "to_segment"
            ).order_by("kind", "pk"),
        ),
    )
    if updated_since is not None:
        services = services.filter(
            changed_since(
                updated_since,
                Service.history.filter(id=OuterRef("pk")),
                SegmentOffering.history.filter(service_id=OuterRef("pk")),
            )
        )
    if segment_code:
        offered = SegmentOffering.objects.filter(service_id=OuterRef("pk")).filter(
            Q(segment__code=segment_code)
            | Q(from_segment__code=segment_code)
            | Q(to_segment__code=segment_code)
        )
        services = services.filter(Exists(offered))
    return services


# --- Sign-in with the organisation's account (OpenID Connect) ------------------------------


def claim_values(claims, name):
    """The values of one claim as a set of strings: a claim may be one value or a list."""
    value = claims.get(name)
    values = value if isinstance(value, list | tuple) else [value]
    return {str(item).strip() for item in values if isinstance(item, str | int)}


def email_domain(claims):
    """The domain of the claims' e-mail address, lower case; none when the provider says
    the address is not verified (anyone could then claim an agency's domain)."""
    if claims.get("email_verified") is False:
        return ""
    email = claims.get("email")
    if not isinstance(email, str) or email.count("@") != 1:
        return ""
    return email.rsplit("@", 1)[1].strip().lower()


def organisation_for_claims(claims):
    """The organisation the claims place a user in: the first active rule that matches
    (by order), or None. One query; the rules are few."""
    domain = email_domain(claims)
    rules = OrganisationClaimRule.objects.filter(
        is_active=True, organisation__is_active=True
    ).select_related("organisation")
    for rule in rules:
        if rule.match == OrganisationClaimRule.Match.EMAIL_DOMAIN:
            if domain and domain == rule.value:
                return rule.organisation
        elif rule.value in claim_values(claims, rule.claim):
            return rule.organisation
    return None


def role_rules_for_claims(claims):
    """The active role rules the claims match, with their groups. One query."""
    rules = RoleClaimRule.objects.filter(is_active=True).select_related("group")
    return [rule for rule in rules if rule.value in claim_values(claims, rule.claim)]
