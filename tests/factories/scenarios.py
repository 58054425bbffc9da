"""Scenario builders: the steps users take, through the services, with their history rows
(a manual placement, a lead and its handover, a consent, a logged view, a seat, a proposal
drafted, submitted and decided, a meeting, a regional task and its needs message)."""

import datetime

from django.utils import timezone

from governance.models import Decision, Membership, RegionalTask
from governance.services import meetings as meeting_services
from governance.services import proposals as proposal_services
from governance.services import regional as regional_services
from offerings.models import Organisation
from responsibility import services
from segments import placements
from segments.models import Segment

from .rows import MembershipFactory, body

SEGMENT = "kansainvalistyvat"
NEW_PROMISE_FI = "Autamme yritystäsi kasvamaan kansainvälisesti yhdellä yhteydenotolla."
NEW_PROMISE_SV = "Vi hjälper ditt företag att växa internationellt med en kontakt."
MEETING_DATE = datetime.date(2009, 3, 12)
DAY = datetime.date(2026, 3, 5)  # the regional tasks' day


def placed(company, by, *, action="exclude", reason="x", first_year=2026, **fields):
    """A manual placement of the company, made through the service (with its history)."""
    return placements.placement_set(
        company=company, action=action, reason=reason, first_year=first_year, by=by, **fields
    )


def lead_started(company, organisation, by, reason="x", **fields):
    """The organisation takes the lead of the company's customer relationship."""
    return services.assignment_start(
        company=company, organisation=organisation, role="lead", by=by, reason=reason, **fields
    )


# What a lead tells the organisation it asks to take the baton when financing starts.
FINANCING_HANDOVER = {
    "reason": "Rahoitushanke alkaa",
    "notes": "Asiakas tarvitsee takauksen keväällä.",
    "open_matters": "Vakuudet selvittämättä",
}


def handover_requested(company, by, *, from_organisation, to_organisation, reason="x", **fields):
    """The lead organisation asks another one to take the baton."""
    return services.handover_request(
        company=company,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        reason=reason,
        by=by,
        **fields,
    )


def consent_given(
    company,
    by,
    *,
    organisations,
    disclosers,
    scope="contact_notes",
    given_by="x",
    given_on=None,
    **fields,
):
    """The customer's consent, recorded through the service: the disclosers' data of the
    scope may be shown to the organisations; given today unless `given_on` says otherwise."""
    return services.consent_record(
        company=company,
        scope=scope,
        organisations=organisations,
        disclosers=disclosers,
        given_by=given_by,
        given_on=given_on or timezone.localdate(),
        by=by,
        **fields,
    )


def notes_seen(company, viewer, **fields):
    """The service logs that the viewer saw Tekes's contact notes of a shared customer."""
    values = {
        "viewer_organisation": viewer.person.organisation,
        "owner_organisation": Organisation.objects.get(code="tekes"),
        "scope": "contact_notes",
        "basis": "shared",
        **fields,
    }
    return services.access_log_write(viewer=viewer, company=company, **values)


def seat(user, body_code, role=Membership.Role.MEMBER, **fields):
    """Give the user a current seat in the body (as the admin would)."""
    membership = MembershipFactory(body=body(body_code), person=user.person, role=role, **fields)
    # The user's seats are cached on the user object for the request; a test's user
    # object lives on, so it forgets them.
    for cache in ("_governance_seats", "_person"):
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


def on_agenda(meeting, chair, decider):
    """Working group (b)'s promise proposal, submitted by its chair and put on the meeting's
    agenda by the decider; the agenda item."""
    proposal = submitted(promise_proposal(chair), chair)
    return meeting_services.agenda_item_add(meeting=meeting, proposal=proposal, by=decider)


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
