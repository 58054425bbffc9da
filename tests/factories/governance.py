"""Builders of the governance app's rows. Two kinds:

- factories (`…Factory`) write a row as it is, for the models' own rules and for pages that
  need many rows fast; reference rows (a body, a region) default to the report's ones, so
  they need the loaded report (`strategy_data`);
- scenario builders (`seat`, `promise_proposal`, `decide_at_meeting`, `log_task`, …) take
  the steps the way users do, through the services, with their history rows.
"""

import datetime
from decimal import Decimal

import factory

from governance.models import (
    AccessibilityFeedback,
    AgendaItem,
    Attendance,
    Body,
    ClockEvent,
    Decision,
    DecisionEffect,
    Meeting,
    Membership,
    MessageEvent,
    Metric,
    NeedsMessage,
    Plan,
    PlanItem,
    Proposal,
    ProposalComment,
    RegionalTask,
)
from governance.services import meetings as meeting_services
from governance.services import proposals as proposal_services
from governance.services import regional as regional_services
from segments.models import Region, Segment

from .offerings import OrganisationFactory
from .users import UserFactory

SEGMENT = "kansainvalistyvat"
NEW_PROMISE_FI = "Autamme yritystäsi kasvamaan kansainvälisesti yhdellä yhteydenotolla."
NEW_PROMISE_SV = "Vi hjälper ditt företag att växa internationellt med en kontakt."
MEETING_DATE = datetime.date(2009, 3, 12)
DAY = datetime.date(2026, 3, 5)  # the regional tasks' day


def body(code):
    """One of the report's bodies by its code."""
    return Body.objects.get(code=code)


def _report_body(code):
    return factory.LazyFunction(lambda: body(code))


# --- Factories ------------------------------------------------------------------------------


class BodyFactory(factory.django.DjangoModelFactory):
    """A body; give its kind (the models allow one active strategy group, and so on)."""

    class Meta:
        model = Body

    code = factory.Sequence(lambda n: f"toimielin-{n}")
    name_fi = factory.Sequence(lambda n: f"Toimielin {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """A seat in a body: a person's (in their organisation) or an organisation's alone."""

    class Meta:
        model = Membership

    body = _report_body("tyoryhma-b")
    person = None
    organisation = factory.LazyAttribute(
        lambda seat: seat.person.organisation if seat.person else OrganisationFactory()
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = _report_body("asiakkuusstrategiaryhma")
    date = datetime.date(2009, 3, 2)
    title = "1. kokous"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    kind = "other"
    title = "Tiedoksi"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision of the meeting's body, dated 2 March of its year."""

    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: n + 1)
    year = 2009
    date = factory.LazyAttribute(lambda decision: datetime.date(decision.year, 3, 2))
    meeting = factory.SubFactory(MeetingFactory)
    decided_by = factory.SelfAttribute("meeting.body")
    outcome = "decided"


class DecisionEffectFactory(factory.django.DjangoModelFactory):
    """What a decision changed; give the changed row as `item`."""

    class Meta:
        model = DecisionEffect

    decision = factory.SubFactory(DecisionFactory)
    description = "Vahvistettu"


class ProposalFactory(factory.django.DjangoModelFactory):
    """Working group (b)'s draft about the strategy of the international segment."""

    class Meta:
        model = Proposal

    title = "Ehdotus"
    body = _report_body("tyoryhma-b")
    segment = factory.LazyFunction(lambda: Segment.objects.get(code=SEGMENT))
    target_kind = "strategy"
    content = factory.LazyFunction(lambda: {"text": "Uusi strategia", "points": ["Kohta"]})
    created_by = factory.SubFactory(UserFactory)


class ProposalCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalComment

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Kommentti {n}")


class RegionalTaskFactory(factory.django.DjangoModelFactory):
    """A needs analysis logged by Varsinais-Suomi's regional group."""

    class Meta:
        model = RegionalTask

    region = factory.LazyFunction(lambda: Region.objects.get(code="varsinais-suomi"))
    body = _report_body("alue-varsinais-suomi")
    date = datetime.date(2009, 4, 1)
    kind = RegionalTask.Kind.NEEDS_ANALYSIS
    description = "Tarvekartoitus"
    created_by = factory.SubFactory(UserFactory)


class NeedsMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedsMessage

    task = factory.SubFactory(RegionalTaskFactory)
    from_body = factory.SelfAttribute("task.body")
    to_body = _report_body("tyoryhma-a")
    subject = "Tarve"
    text = "Alkavat yritykset tarvitsevat …"
    sent_by = factory.SubFactory(UserFactory)


class MessageEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MessageEvent

    message = factory.SubFactory(NeedsMessageFactory)
    kind = "sent"
    by = factory.SubFactory(UserFactory)


class ClockEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClockEvent

    month = 3
    title = factory.Sequence(lambda n: f"Tapahtuma {n}")
    kind = "planning"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    level = "whole_base"
    year = 2009
    title = "Koko kanta"


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    kind = "goal"
    text = "Tavoite"


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metric

    plan = factory.SubFactory(PlanFactory)
    name = "Asiakkaita"
    year = 2009
    target = Decimal(10)


class AccessibilityFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityFeedback

    message = factory.Faker("sentence", locale="fi_FI")
    language = "fi"


# --- Scenario builders, through the services ------------------------------------------------


def seat(user, body_code, role=Membership.Role.MEMBER, **fields):
    """Give the user a current seat in the body (as the admin would)."""
    membership = MembershipFactory(body=body(body_code), person=user.person, role=role, **fields)
    # The user's seats are cached on the user object for the request; a test's user
    # object lives on, so it forgets them.
    for cache in ("_governance_seats", "_governance_person"):
        if hasattr(user, cache):
            delattr(user, cache)
    return membership


def promise_proposal(user, *, choose_new=True, body_code="tyoryhma-b", segment=SEGMENT):
    """Working group (b) words the second promise alternative and proposes a choice."""
    segment = Segment.objects.get(code=segment)
    content = {
        "new_alternative": {"text_fi": NEW_PROMISE_FI, "text_sv": NEW_PROMISE_SV},
        "choose_new_alternative": choose_new,
    }
    chosen = None
    if not choose_new:
        chosen = segment.promises.exclude(status="archived").first()
        content["chosen_text_sv"] = "Vi lovar att hjälpa."
    return proposal_services.proposal_create(
        body=body(body_code),
        segment=segment,
        target_kind="service_promise",
        title="Palvelulupauksen valinta",
        content=content,
        chosen_promise=chosen,
        rationale="Toinen vaihtoehto on selkeämpi.",
        by=user,
    )


def submitted(proposal, chair):
    """The chair submits the proposal to the strategy group."""
    return proposal_services.proposal_submit(proposal=proposal, by=chair)


def strategy_meeting(by, when=MEETING_DATE, title="Kokous"):
    """A meeting of the strategy group, called by one of its members."""
    return meeting_services.meeting_create(
        body=body("asiakkuusstrategiaryhma"), date=when, title=title, by=by
    )


def approved(chair, decider, **fields):
    """Working group (b)'s proposal about the international segment, drafted, submitted and
    approved (`fields`: its target kind and content); the decision."""
    proposal = proposal_services.proposal_create(
        body=body("tyoryhma-b"),
        segment=Segment.objects.get(code=SEGMENT),
        title="Muutos",
        rationale="Perustelu",
        by=chair,
        **fields,
    )
    submitted(proposal, chair)
    decide_at_meeting(proposal, decider)
    return Decision.objects.get(proposal=proposal)


def decide_at_meeting(proposal, decider, outcome="approved", when=MEETING_DATE):
    """The strategy group takes the proposal on its agenda, decides and closes the meeting."""
    meeting = strategy_meeting(decider, when, title="Strategiaryhmän kokous")
    item = meeting_services.agenda_item_add(meeting=meeting, proposal=proposal, by=decider)
    meeting_services.agenda_item_decide(
        item=item, outcome=outcome, rationale="Yksimielinen.", by=decider
    )
    return meeting_services.meeting_close(meeting=meeting, by=decider)


def log_task(by, *, body_code="alue-varsinais-suomi", segments=("perustajat",), **fields):
    """A regional group's coordinator logs a needs analysis of DAY."""
    values = {
        "body": body(body_code),
        "date": DAY,
        "kind": RegionalTask.Kind.NEEDS_ANALYSIS,
        "description": "Alkavien yritysten palvelutarvekysely.",
        "segments": list(Segment.objects.filter(code__in=segments)),
        **fields,
    }
    return regional_services.regional_task_create(**values, by=by)


def needs_message(task, by, *, to_body="tyoryhma-a"):
    """The coordinator sends the task's needs to a segment group."""
    return regional_services.needs_message_send(
        task=task,
        to_body=body(to_body),
        subject="Rahoitusneuvonnan tarve",
        text="Alkavat yritykset tarvitsevat rahoitusneuvontaa.",
        by=by,
    )
