"""Demo content of operational steering (5.6), so the clock, plans and dashboard have
something to show.

The report gives the annual clock no months: these events are invented, and each says so
(its description starts with "[Demo]"; plan titles do too). They give a plausible rhythm:
last year's results in winter, planning in spring, a half-year follow-up in late summer,
result-steering negotiations in autumn and customer plans updated before the year ends.
Writes go through the services, so each row has its history. Idempotent: an event or plan
that already exists (by its title) is left as it is.
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from offerings.models import Organisation, Person
from responsibility.models import CustomerTeam
from segments.models import Company, Segment

from .models import Body, ClockEvent, Metric, Plan, PlanItem, PlanningLevel
from .services import steering as services

DEMO = "[Demo]"
REASON = "Demo: toiminnan ohjauksen esimerkkiaineisto"
STRATEGY_GROUP = "asiakkuusstrategiaryhma"

L = PlanningLevel
K = ClockEvent.Kind
# (month, timing, kind, level, of the strategy group, title)
CLOCK_EVENTS = [
    (1, "viikot 2–4", K.FOLLOW_UP, L.WHOLE_BASE, False, "Edellisen vuoden tulosten kokoaminen"),
    (2, "", K.FOLLOW_UP, "", True, "Asiakkuusstrategiaryhmän vuosikatsaus"),
    (3, "", K.PLANNING, L.WHOLE_BASE, True, "Koko asiakaskannan suunnittelun käynnistys"),
    (4, "", K.PLANNING, L.ORGANISATION_BASE, False, "Toimijoiden asiakaskantojen suunnittelu"),
    (5, "", K.PLANNING, L.ORGANISATION_BASE, False, "Segmenttityöryhmien tarpeet suunnitteluun"),
    (6, "ennen juhannusta", K.PLANNING, L.PORTFOLIO, False, "Asiakassalkkujen suunnittelu"),
    (8, "", K.FOLLOW_UP, L.WHOLE_BASE, True, "Puolivuotisseuranta"),
    (9, "", K.RESULT_STEERING, L.ORGANISATION_BASE, False, "Tulosohjausneuvottelut alkavat"),
    (10, "", K.RESULT_STEERING, L.ORGANISATION_BASE, False, "Tulosohjausneuvottelut jatkuvat"),
    (11, "", K.PLANNING, L.CUSTOMER, False, "Asiakkuussuunnitelmien päivitys"),
    (12, "viikko 50", K.FOLLOW_UP, L.WHOLE_BASE, True, "Vuoden seurantaraportti"),
]

Item = PlanItem.Kind
ITEMS = [
    (Item.GOAL, "Asiakkuusnäkökulma vahvemmin mukaan tulosohjaukseen."),
    (Item.ACTION, "Segmenttikohtaiset tavoitteet sovitaan tulosohjausneuvotteluissa."),
    (Item.INVESTMENT, "Yhteisen asiakastietojärjestelmän käyttöönotto."),
    (Item.RESOURCE, "Asiakkuuspäälliköt ja segmenttityöryhmien jäsenet."),
    (Item.RESULT, "Asiakkaat saavat palvelut yhden asiakasvastaavan kautta."),
]

# (name, unit, target, actual, higher is better): on track, at risk, off track, no data.
METRICS = {
    "whole": [
        ("Asiakkaita yhteensä", "kpl", "12000", "12500", True),
        ("Asiakastyytyväisyys", "1–5", "4.0", "3.8", True),
    ],
    "finnvera": [
        ("Uudet kansainvälistyvät asiakkaat", "kpl", "300", "210", True),
        ("Rahoituspäätöksen käsittelyaika", "päivää", "20", "21", False),
    ],
    "tekes": [
        ("Aloittavien yritysten neuvonnat", "kpl", "800", "840", True),
        ("Rahoitetut innovaatiohankkeet", "kpl", "150", None, True),
    ],
    "portfolio": [("Asiakastapaamiset", "kpl", "40", "30", True)],
    "customer": [("Vientimyynnin kasvu", "%", "15", "16", True)],
}


def _event(month, timing, kind, level, of_group, title, body):
    if ClockEvent.objects.filter(title_fi=title, description_fi__startswith=DEMO).exists():
        return None
    return services.clock_event_create(
        month=month,
        timing=timing,
        kind=kind,
        level=level,
        body=body if of_group else None,
        is_recurring=True,
        year=None,
        title_fi=title,
        description_fi=f"{DEMO} Esimerkkitapahtuma: raportti ei anna vuosikellolle kuukausia.",
        order=0,
        by=None,
        reason=REASON,
    )


def _plan(title, metrics, *, year, **fields):
    title = f"{DEMO} {title}"
    if Plan.objects.filter(title_fi=title, year=year).exists():
        return None
    plan = services.plan_create(
        title=title,
        year=year,
        description=f"{DEMO} Esimerkkisuunnitelma.",
        by=None,
        reason=REASON,
        **fields,
    )
    for order, (kind, text) in enumerate(ITEMS):
        services.plan_item_create(
            plan=plan, kind=kind, text=text, order=order, by=None, reason=REASON
        )
    for order, (name, unit, target, actual, higher) in enumerate(metrics):
        services.metric_create(
            plan=plan,
            name=name,
            unit=unit,
            year=year,
            target=Decimal(target),
            actual=Decimal(actual) if actual is not None else None,
            higher_is_better=higher,
            order=order,
            by=None,
            reason=REASON,
        )
    return plan


def _base_plans(year):
    """The whole base's plan and the organisation-level plans of Finnvera and Tekes."""
    organisations = Organisation.objects.in_bulk(["finnvera", "tekes"], field_name="code")
    segments = Segment.objects.in_bulk(["kansainvalistyvat", "perustajat"], field_name="code")
    return [
        _plan("TEM:n asiakaskannan suunnitelma", METRICS["whole"], year=year, level=L.WHOLE_BASE),
        _plan(
            "Finnveran asiakaskannan suunnitelma",
            METRICS["finnvera"],
            year=year,
            level=L.ORGANISATION_BASE,
            organisation=organisations["finnvera"],
            segment=segments.get("kansainvalistyvat"),
        ),
        _plan(
            "Tekesin asiakaskannan suunnitelma",
            METRICS["tekes"],
            year=year,
            level=L.ORGANISATION_BASE,
            organisation=organisations["tekes"],
            segment=segments.get("perustajat"),
        ),
    ]


def _finnvera_plans(year):
    """Finnvera's portfolio plan (when it has a person, or there is a team) and a customer
    plan (when there is a company)."""
    finnvera = Organisation.objects.get(code="finnvera")
    person = Person.objects.filter(organisation=finnvera).order_by("pk").first()
    team = None if person else CustomerTeam.objects.order_by("pk").first()
    company = Company.objects.order_by("business_id").first()
    plans = []
    if person or team:
        plans.append(
            _plan(
                "Finnveran asiakassalkku",
                METRICS["portfolio"],
                year=year,
                level=L.PORTFOLIO,
                organisation=finnvera,
                person=person,
                team=team,
            )
        )
    if company:
        plans.append(
            _plan(
                "Asiakkuussuunnitelma",
                METRICS["customer"],
                year=year,
                level=L.CUSTOMER,
                organisation=finnvera,
                company=company,
            )
        )
    return plans


@transaction.atomic
def load_demo(*, year=None):
    """Load the demo clock events and one demo plan per level (where the data allows: the
    portfolio plan needs a person or team, the customer plan a company). Returns counts of
    what was written."""
    year = year or timezone.localdate().year
    body = Body.objects.filter(code=STRATEGY_GROUP).first()
    events = [e for e in (_event(*spec, body) for spec in CLOCK_EVENTS) if e]
    written = [plan for plan in [*_base_plans(year), *_finnvera_plans(year)] if plan]
    return {
        "clock_events": len(events),
        "plans": len(written),
        "metrics": Metric.objects.filter(plan__in=written).count(),
    }
