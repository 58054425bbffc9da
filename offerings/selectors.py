"""Reads of the public actors and of what they offer."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf

from .models import (
    CustomerNeed,
    DevelopmentItem,
    Organisation,
    Rationale,
    RationalePoint,
    SegmentOffering,
    Service,
    ServiceChannel,
    SharedTool,
)


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


def service_filter(
    *,
    search="",
    organisation=None,
    status="",
    segment=None,
    need=None,
    channel=None,
    rationale=None,
    pricing="",
    production_mode="",
):
    """Services narrowed by the catalogue's filters: a name (in any language) containing
    `search`, a producer, a status, a segment the service is offered to (as a basic service
    or a transition into or out of it), a need, a channel, a rationale, pricing, production mode."""
    services = Service.objects.all()
    search = (search or "").strip()
    if search:
        services = services.filter(
            Q(name_fi__icontains=search)
            | Q(name_sv__icontains=search)
            | Q(name_en__icontains=search)
        )
    # Exists() rather than joins: a service matching twice would otherwise be listed twice.
    if organisation:
        services = services.filter(
            Exists(
                Service.producers.through.objects.filter(
                    service_id=OuterRef("pk"), organisation=organisation
                )
            )
        )
    if segment:
        services = services.filter(
            Exists(
                SegmentOffering.objects.filter(service_id=OuterRef("pk")).filter(
                    Q(segment=segment) | Q(from_segment=segment) | Q(to_segment=segment)
                )
            )
        )
    if need:
        services = services.filter(
            Exists(
                Service.needs.through.objects.filter(service_id=OuterRef("pk"), customerneed=need)
            )
        )
    if channel:
        services = services.filter(
            Exists(
                Service.channels.through.objects.filter(
                    service_id=OuterRef("pk"), servicechannel=channel
                )
            )
        )
    if rationale:
        services = services.filter(
            Exists(
                Service.rationales.through.objects.filter(
                    service_id=OuterRef("pk"), rationale=rationale
                )
            )
        )
    if status:
        services = services.filter(status=status)
    if pricing:
        services = services.filter(pricing=pricing)
    if production_mode:
        services = services.filter(production_mode=production_mode)
    return services


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
