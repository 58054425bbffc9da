"""Factories of single rows, one per model the tests build, in the apps' order (users,
segments, offerings, responsibility, governance). A factory writes the row as it is, with
`Model.objects.create` (no service, no history of its own beyond the model's signals): for
the models' own rules, states the services would refuse, and pages that need many rows.

Defaults are made-up Finnish values (Faker fi_FI, seeded per test in tests/conftest.py) or
fixed ones; a test names every value it asserts. Reference rows (a body, a region, a
segment) default to the report's ones, so those factories need `strategy_data`.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from governance import models as governance
from offerings import models as offerings
from responsibility import models as responsibility
from segments import models as segments
from segments.validators import business_id_check_digit

TEST_PASSWORD = "testisalasana-123"


def create_in_bulk(factory_class, rows, batch_size=None, **common):
    """One row of the factory's model per item of `rows` (a dict of fields each), `common`
    fields in all, written with bulk_create: no signals, so no history rows, for tests that
    need thousands."""
    model = factory_class._meta.model
    objects = [factory_class.build(**common, **fields) for fields in rows]
    return model.objects.bulk_create(objects, batch_size=batch_size)


def link_in_bulk(field, objects, targets):
    """Every object linked to every target through a many-to-many field (`Service.producers`)
    in one query: no signals, so no history rows."""
    through = field.through
    source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
    return through.objects.bulk_create(
        through(**{source: obj, target: other}) for obj in objects for other in targets
    )


def business_id(number):
    """A valid Y-tunnus, different for every running number (those with no check digit
    are skipped: the next candidate is still below the next number's)."""
    number *= 3
    while (check := business_id_check_digit(f"{number:07d}")) is None:
        number += 1
    return f"{number:07d}-{check}"


def body(code):
    """One of the report's bodies by its code."""
    return governance.Body.objects.get(code=code)


def _report_body(code):
    return factory.LazyFunction(lambda: body(code))


def row_factory(model, **declarations):
    """A factory of `model`'s rows with these declarations: the same as a
    `DjangoModelFactory` class whose Meta names only the model. A factory that needs more
    (Meta options, traits, hooks) is a class of its own."""
    return factory.make_factory(
        model, FACTORY_CLASS=factory.django.DjangoModelFactory, **declarations
    )


# --- Users ------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"kayttaja{n}")
    first_name = factory.Faker("first_name", locale="fi_FI")
    last_name = factory.Faker("last_name", locale="fi_FI")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.fi")
    password = factory.django.Password(TEST_PASSWORD)


# --- segments ---------------------------------------------------------------------------

SegmentFactory = row_factory(
    segments.Segment,
    number=factory.Sequence(lambda n: 1000 + n),
    code=factory.LazyAttribute(lambda s: f"s{s.number}"),
    kind=segments.Segment.Kind.CANDIDATE,
    name_fi=factory.LazyAttribute(lambda s: f"Segmentti {s.number}"),
)
GoalFactory = row_factory(
    segments.Goal,
    segment=factory.SubFactory(SegmentFactory),
    perspective="customer",
    text_fi="Tavoite",
)
StrategyFactory = row_factory(
    segments.Strategy, segment=factory.SubFactory(SegmentFactory), text_fi="Strategia"
)
ServicePromiseFactory = row_factory(
    segments.ServicePromise, segment=factory.SubFactory(SegmentFactory), text_fi="Lupaus"
)


class AttributeFactory(factory.django.DjangoModelFactory):
    """An attribute staff define; the traits are the ones the tests' rules speak of."""

    class Meta:
        model = segments.Attribute

    code = factory.Sequence(lambda n: f"ominaisuus-{n}")
    name_fi = factory.Sequence(lambda n: f"Ominaisuus {n}")
    value_type = segments.Attribute.ValueType.INTEGER

    class Params:
        staff = factory.Trait(code="henkilosto", name_fi="Henkilöstö", value_type="integer")
        export_share = factory.Trait(code="vienti", name_fi="Vientiosuus", value_type="decimal")
        turnover = factory.Trait(code="liikevaihto", name_fi="Liikevaihto", value_type="decimal")
        exporter = factory.Trait(code="vientiyritys", name_fi="Vientiyritys", value_type="boolean")
        free_text = factory.Trait(code="kuvaus", name_fi="Kuvaus", value_type="text")


class CompanyFactory(factory.django.DjangoModelFactory):
    """A company with a valid Y-tunnus far above the numbers the tests name themselves;
    `segment_code` places it in one of the report's segments."""

    class Meta:
        model = segments.Company
        # A second save would write a second history row.
        skip_postgeneration_save = True

    class Params:
        segment_code = None

    business_id = factory.Sequence(lambda n: business_id(1_000_000 + n))
    name = factory.Faker("company", locale="fi_FI")
    segment = factory.LazyAttribute(
        lambda company: (
            segments.Segment.objects.get(code=company.segment_code)
            if company.segment_code
            else None
        )
    )

    @factory.post_generation
    def values(company, create, extracted, year=2026, **kwargs):
        """`values={attribute: number}`: the company's values of `values__year` (2026)."""
        for attribute, number in (extracted or {}).items():
            AttributeValueFactory(company=company, attribute=attribute, year=year, number=number)


AttributeValueFactory = row_factory(
    segments.AttributeValue,
    company=factory.SubFactory(CompanyFactory),
    attribute=factory.SubFactory(AttributeFactory),
    year=2026,
    number=Decimal(0),
)
# A run as the database holds it (queued unless `status` says otherwise), without the
# worker's steps.
ResegmentationRunFactory = row_factory(segments.ResegmentationRun, year=2026)
ManualPlacementFactory = row_factory(
    segments.ManualPlacement,
    company=factory.SubFactory(CompanyFactory),
    action=segments.ManualPlacement.Action.EXCLUDE,
    reason="x",
    first_year=2026,
)


# --- offerings --------------------------------------------------------------------------


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An agency; `OrganisationFactory(code="tekes")` returns the report's own one."""

    class Meta:
        model = offerings.Organisation
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"toimija-{n}")
    kind = offerings.Organisation.Kind.AGENCY
    name_fi = factory.Sequence(lambda n: f"Toimija {n}")
    name_sv = factory.Sequence(lambda n: f"Aktör {n}")
    order = factory.Sequence(lambda n: 100 + n)


PersonFactory = row_factory(
    offerings.Person,
    user=factory.SubFactory(UserFactory),
    organisation=factory.SubFactory(OrganisationFactory),
)
CustomerNeedFactory = row_factory(
    offerings.CustomerNeed,
    code=factory.Sequence(lambda n: f"tarve-{n}"),
    name_fi=factory.LazyAttribute(lambda need: f"Tarve {need.code}"),
)
ServiceChannelFactory = row_factory(
    offerings.ServiceChannel,
    code=factory.Sequence(lambda n: f"kanava-{n}"),
    name_fi=factory.Sequence(lambda n: f"Kanava {n}"),
)


class ServiceFactory(factory.django.DjangoModelFactory):
    """A service; `producers=[...]` sets who produces it."""

    class Meta:
        model = offerings.Service
        # A second save would write a second history row.
        skip_postgeneration_save = True

    name_fi = factory.Sequence(lambda n: f"Palvelu {n:05d}")
    owner = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def producers(service, create, extracted, **kwargs):
        if extracted is not None:
            service.producers.set(extracted)


class SegmentOfferingFactory(factory.django.DjangoModelFactory):
    """A service offered to a segment as a basic service (kind="transition" with
    from_segment and to_segment for a transition service)."""

    class Meta:
        model = offerings.SegmentOffering

    service = factory.SubFactory(ServiceFactory)
    kind = offerings.SegmentOffering.Kind.BASIC
    segment = factory.Maybe(
        factory.LazyAttribute(
            lambda offering: offering.kind == offerings.SegmentOffering.Kind.BASIC
        ),
        yes_declaration=factory.SubFactory(SegmentFactory),
        no_declaration=None,
    )


FindingFactory = row_factory(
    offerings.Finding,
    segment=factory.SubFactory(SegmentFactory),
    need=factory.SubFactory(CustomerNeedFactory),
    kind=offerings.Finding.Kind.GAP,
    note=factory.Faker("sentence", locale="fi_FI"),
    owner=factory.SubFactory(UserFactory),
    created_by=factory.SelfAttribute("owner"),
)
DevelopmentItemFactory = row_factory(
    offerings.DevelopmentItem,
    kind=offerings.DevelopmentItem.Kind.LONG_TERM,
    title=factory.Sequence(lambda n: f"Tehtävä {n}"),
)
SharedToolFactory = row_factory(
    offerings.SharedTool,
    kind=offerings.SharedTool.Kind.CURRENT,
    name=factory.Sequence(lambda n: f"Työkalu {n}"),
    owner=factory.SubFactory(OrganisationFactory),
)


# --- responsibility ---------------------------------------------------------------------

AssignmentFactory = row_factory(
    responsibility.Assignment,
    company=factory.SubFactory(CompanyFactory),
    organisation=factory.SubFactory(OrganisationFactory),
    role=responsibility.Assignment.Role.LEAD,
    starts_on=datetime.date(2025, 1, 1),
)
CustomerTeamFactory = row_factory(
    responsibility.CustomerTeam,
    name=factory.Sequence(lambda n: f"Tiimi {n}"),
    leader=factory.SubFactory(PersonFactory),
)
TeamMembershipFactory = row_factory(
    responsibility.TeamMembership,
    team=factory.SubFactory(CustomerTeamFactory),
    person=factory.SubFactory(PersonFactory),
)
ServiceDeliveryFactory = row_factory(
    responsibility.ServiceDelivery,
    company=factory.SubFactory(CompanyFactory),
    organisation=factory.SubFactory(OrganisationFactory),
    title=factory.Sequence(lambda n: f"Hanke {n}"),
    started_on=datetime.date(2026, 1, 1),
)
ConsentFactory = row_factory(
    responsibility.Consent,
    company=factory.SubFactory(CompanyFactory),
    scope="contact_notes",
    given_by="Toimitusjohtaja",
    given_on=datetime.date(2026, 1, 1),
    recorded_by=factory.SubFactory(UserFactory),
)
CustomerNoteFactory = row_factory(
    responsibility.CustomerNote,
    company=factory.SubFactory(CompanyFactory),
    organisation=factory.SubFactory(OrganisationFactory),
    kind="contact_notes",
    text=factory.Sequence(lambda n: f"Muistiinpano {n}"),
    author=factory.SubFactory(UserFactory),
)
HandoverFactory = row_factory(
    responsibility.Handover,
    company=factory.SubFactory(CompanyFactory),
    from_organisation=factory.SubFactory(OrganisationFactory),
    to_organisation=factory.SubFactory(OrganisationFactory),
    reason="x",
    requested_by=factory.SubFactory(UserFactory),
)
# A row of the append-only access log: the viewer (for their organisation) saw Tekes's
# contact notes of a shared customer.
AccessLogEntryFactory = row_factory(
    responsibility.AccessLogEntry,
    viewer=factory.SubFactory(UserFactory),
    viewer_organisation=factory.LazyAttribute(lambda entry: entry.viewer.person.organisation),
    owner_organisation=factory.LazyFunction(
        lambda: offerings.Organisation.objects.get(code="tekes")
    ),
    company=factory.SubFactory(CompanyFactory),
    scope="contact_notes",
    basis="shared",
)


# --- governance -------------------------------------------------------------------------

# A body; give its kind (the models allow one active strategy group, and so on).
BodyFactory = row_factory(
    governance.Body,
    code=factory.Sequence(lambda n: f"toimielin-{n}"),
    name_fi=factory.Sequence(lambda n: f"Toimielin {n}"),
)
# A seat in a body: a person's (in their organisation) or an organisation's alone.
MembershipFactory = row_factory(
    governance.Membership,
    body=_report_body("tyoryhma-b"),
    person=None,
    organisation=factory.LazyAttribute(
        lambda seat: seat.person.organisation if seat.person else OrganisationFactory()
    ),
)
MeetingFactory = row_factory(
    governance.Meeting,
    body=_report_body("asiakkuusstrategiaryhma"),
    date=datetime.date(2009, 3, 2),
    title="1. kokous",
)
AgendaItemFactory = row_factory(
    governance.AgendaItem,
    meeting=factory.SubFactory(MeetingFactory),
    kind="other",
    title="Tiedoksi",
)
AttendanceFactory = row_factory(
    governance.Attendance,
    meeting=factory.SubFactory(MeetingFactory),
    organisation=factory.SubFactory(OrganisationFactory),
)
# A decision of the meeting's body, dated 2 March of its year.
DecisionFactory = row_factory(
    governance.Decision,
    number=factory.Sequence(lambda n: n + 1),
    year=2009,
    date=factory.LazyAttribute(lambda decision: datetime.date(decision.year, 3, 2)),
    meeting=factory.SubFactory(MeetingFactory),
    decided_by=factory.SelfAttribute("meeting.body"),
    outcome="decided",
)
# What a decision changed; give the changed row as `item`.
DecisionEffectFactory = row_factory(
    governance.DecisionEffect,
    decision=factory.SubFactory(DecisionFactory),
    description="Vahvistettu",
)
# Working group (b)'s draft about the strategy of the international segment.
ProposalFactory = row_factory(
    governance.Proposal,
    title="Ehdotus",
    body=_report_body("tyoryhma-b"),
    segment=factory.LazyFunction(lambda: segments.Segment.objects.get(code="kansainvalistyvat")),
    target_kind="strategy",
    content=factory.LazyFunction(lambda: {"text": "Uusi strategia", "points": ["Kohta"]}),
    created_by=factory.SubFactory(UserFactory),
)
ProposalCommentFactory = row_factory(
    governance.ProposalComment,
    proposal=factory.SubFactory(ProposalFactory),
    author=factory.SubFactory(UserFactory),
    text=factory.Sequence(lambda n: f"Kommentti {n}"),
)
# A needs analysis logged by Varsinais-Suomi's regional group.
RegionalTaskFactory = row_factory(
    governance.RegionalTask,
    region=factory.LazyFunction(lambda: segments.Region.objects.get(code="varsinais-suomi")),
    body=_report_body("alue-varsinais-suomi"),
    date=datetime.date(2009, 4, 1),
    kind=governance.RegionalTask.Kind.NEEDS_ANALYSIS,
    description="Tarvekartoitus",
    created_by=factory.SubFactory(UserFactory),
)
NeedsMessageFactory = row_factory(
    governance.NeedsMessage,
    task=factory.SubFactory(RegionalTaskFactory),
    from_body=factory.SelfAttribute("task.body"),
    to_body=_report_body("tyoryhma-a"),
    subject="Tarve",
    text="Alkavat yritykset tarvitsevat …",
    sent_by=factory.SubFactory(UserFactory),
)
MessageEventFactory = row_factory(
    governance.MessageEvent,
    message=factory.SubFactory(NeedsMessageFactory),
    kind="sent",
    by=factory.SubFactory(UserFactory),
)
ClockEventFactory = row_factory(
    governance.ClockEvent,
    month=3,
    title=factory.Sequence(lambda n: f"Tapahtuma {n}"),
    kind="planning",
)
PlanFactory = row_factory(governance.Plan, level="whole_base", year=2009, title="Koko kanta")
PlanItemFactory = row_factory(
    governance.PlanItem, plan=factory.SubFactory(PlanFactory), kind="goal", text="Tavoite"
)
MetricFactory = row_factory(
    governance.Metric,
    plan=factory.SubFactory(PlanFactory),
    name="Asiakkaita",
    year=2009,
    target=Decimal(10),
)
AccessibilityFeedbackFactory = row_factory(
    governance.AccessibilityFeedback,
    message=factory.Faker("sentence", locale="fi_FI"),
    language="fi",
)
