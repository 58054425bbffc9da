"""Demo customer responsibility on the synthetic companies, so the pages have something to
show: leads spread over the agencies and TE-centres, members, two customer teams, projects,
handovers (pending, one overdue, accepted, declined, cancelled), notes and consents.

Everything is invented and says so: reasons, notes and names start with "Demo". Writes go
through the services, so each row has its history. Idempotent: a company that already has
holders is left as it is, and each kind of demo row is written only once.
`manage.py load_demo_responsibility` loads it; `make run` calls it after generate_companies.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from itertools import chain

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.history import save_with_history
from offerings.models import Organisation, Person
from segments.models import Company, Segment

from . import services
from .models import (
    Assignment,
    CustomerNote,
    CustomerTeam,
    GroupResponsibility,
    Handover,
    ServiceDelivery,
    TeamMembership,
)

DEMO = "Demo"
# Synthetic companies given a lead (in Y-tunnus order, so the same ones every time).
LEAD_COUNT = 300
AGENCIES = ["tekes", "finnvera", "finpro", "vtt", "gtk"]

TEAMS = [
    (
        "Demo: Kasvuyritysten asiakkuustiimi",
        "Demo: Tekesin, Finnveran ja Finpron yhteinen tiimi kansainvälistyville kasvuyrityksille.",
        "tekes",
        ["finnvera", "finpro", "te-uusimaa"],
    ),
    (
        "Demo: Suuryritysten asiakkuustiimi",
        "Demo: suuryritysten ja klusterien asiakkuuksia hoitava tiimi.",
        "finpro",
        ["tekes", "vtt"],
    ),
]

# (from organisation, to organisation, outcome); "overdue" is a pending one 20 days old.
HANDOVERS = [
    ("tekes", "finnvera", "requested"),
    ("finnvera", "tekes", "requested"),
    ("finpro", "tekes", "requested"),
    ("finpro", "finnvera", "overdue"),
    ("tekes", "finpro", "accepted"),
    ("gtk", "tekes", "accepted"),
    ("finpro", "finnvera", "accepted"),
    ("finnvera", "finpro", "declined"),
    ("tekes", "vtt", "declined"),
    ("gtk", "finnvera", "cancelled"),
]

NOTES = {
    "finnvera": "Demo: takausneuvottelu pidetty; vakuudet riittävät, päätös kuukauden sisällä.",
    "tekes": "Demo: tuotekehityshanke etenee aikataulussa; seuraava maksatus keväällä.",
    "finpro": "Demo: vientikartoitus Saksaan ja Ruotsiin valmistunut.",
}


class DemoDataError(Exception):
    """The demo needs data that is not there yet; the message says what to run."""


@dataclass
class DemoReport:
    """How many demo rows of each kind were written."""

    counts: dict = field(default_factory=dict)

    def add(self, kind, n=1):
        self.counts[kind] = self.counts.get(kind, 0) + n

    def summary(self):
        if not self.counts:
            return "kaikki oli jo ladattu"
        return ", ".join(f"{kind} {n}" for kind, n in self.counts.items())


@transaction.atomic
def load_demo_responsibility():
    """Load the demo responsibility data; safe to run again."""
    companies = list(
        Company.objects.filter(is_synthetic=True, is_active=True)
        .select_related("region")
        .order_by("business_id")[:LEAD_COUNT]
    )
    if not companies:
        raise DemoDataError(
            "Synteettisiä yrityksiä ei ole: aja ensin python manage.py generate_companies."
        )
    User = get_user_model()
    fallback = (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.order_by("pk").first()
    )
    if fallback is None:
        raise DemoDataError("Käyttäjiä ei ole: aja ensin python manage.py create_demo_users.")
    organisations = Organisation.objects.in_bulk(field_name="code")
    missing = [code for code in AGENCIES if code not in organisations]
    if missing:
        raise DemoDataError(
            f"Organisaatiot {', '.join(missing)} puuttuvat: aja ensin python manage.py "
            "load_strategy_2008."
        )
    # Per organisation, one of its people: customer staff (who may hand customers over) first.
    people = {}
    persons = Person.objects.select_related("user", "organisation").order_by("pk")
    for person in chain(
        persons.filter(user__groups__permissions__codename="add_handover").distinct(), persons
    ):
        people.setdefault(person.organisation.code, person)
    context = _Context(organisations, people, fallback, DemoReport())
    teams = _teams(context)
    _leads(context, companies, teams)
    _handovers(context, companies)
    _notes_and_consents(context, companies)
    _group_responsibilities(context)
    return context.report


@dataclass
class _Context:
    organisations: dict
    people: dict
    fallback: object
    report: DemoReport

    @cached_property
    def te_centres(self):
        return {
            o.region_id: o
            for o in self.organisations.values()
            if o.kind == Organisation.Kind.TE_CENTRE
        }

    def user_of(self, code):
        """A user working in the organisation, or the fallback user."""
        person = self.people.get(code)
        return person.user if person else self.fallback


def _teams(context):
    teams = []
    for name, description, leader_code, member_codes in TEAMS:
        team = CustomerTeam.objects.filter(name=name).first()
        leader = context.people.get(leader_code)
        if team is None and leader is not None:
            team = save_with_history(
                CustomerTeam(name=name, description=description, leader=leader),
                by=context.fallback,
                reason=DEMO,
            )
            save_with_history(
                TeamMembership(team=team, person=leader, role=TeamMembership.Role.LEADER),
                by=context.fallback,
                reason=DEMO,
            )
            for code in member_codes:
                if code in context.people and context.people[code] != leader:
                    save_with_history(
                        TeamMembership(team=team, person=context.people[code]),
                        by=context.fallback,
                        reason=DEMO,
                    )
            context.report.add("asiakkuustiimejä")
        if team is not None:
            teams.append(team)
    return teams


def _lead_organisation(context, index, company):
    """Every third customer is held by its region's TE-centre, the others by the agencies."""
    te_centre = context.te_centres.get(company.region_id) if index % 3 == 0 else None
    return te_centre or context.organisations[AGENCIES[index % len(AGENCIES)]]


def _leads(context, companies, teams):
    held = set(
        Assignment.objects.filter(company__in=companies).values_list("company_id", flat=True)
    )
    today = timezone.localdate()
    for index, company in enumerate(companies):
        if company.pk in held:
            continue
        organisation = _lead_organisation(context, index, company)
        person = context.people.get(organisation.code) if index % 2 else None
        team = None
        if teams and index % 10 == 1:
            team = teams[0]
        elif len(teams) > 1 and index % 10 == 2:
            team = teams[1]
        starts_on = today - timedelta(days=30 + (index * 7) % 900)
        services.assignment_start(
            company=company,
            organisation=organisation,
            role=Assignment.Role.LEAD,
            person=person,
            team=team,
            starts_on=starts_on,
            by=context.user_of(organisation.code),
            reason="Demo: asiakkuus alkaa",
        )
        context.report.add("päävastuita")
        if index % 7 == 0:
            member = context.organisations[
                "finnvera" if organisation.code != "finnvera" else "tekes"
            ]
            services.assignment_start(
                company=company,
                organisation=member,
                role=Assignment.Role.MEMBER,
                starts_on=starts_on,
                by=context.user_of(member.code),
                reason="Demo: mukana asiakkuudessa",
            )
            context.report.add("mukana-vastuita")


def _leads_by_organisation(companies):
    leads = Assignment.objects.filter(
        company__in=companies, role=Assignment.Role.LEAD, ends_on__isnull=True
    ).select_related("organisation", "company")
    by_code = {}
    for lead in sorted(leads, key=lambda a: a.company.business_id):
        by_code.setdefault(lead.organisation.code, []).append(lead)
    return by_code


def _handovers(context, companies):
    if Handover.objects.filter(company__in=companies).exists():
        return
    by_code = _leads_by_organisation(companies)
    now = timezone.now()
    for from_code, to_code, outcome in HANDOVERS:
        candidates = by_code.get(from_code, [])
        if not candidates:
            continue
        lead = candidates.pop(0)
        requester = context.user_of(from_code)
        answerer = context.user_of(to_code)
        to_organisation = context.organisations[to_code]
        delivery = save_with_history(
            ServiceDelivery(
                company=lead.company,
                organisation=to_organisation,
                title=f"Demo: {to_organisation.abbreviation or to_organisation} – hanke",
                started_on=timezone.localdate(),
            ),
            by=requester,
            reason=DEMO,
        )
        handover = services.handover_request(
            company=lead.company,
            from_organisation=lead.organisation,
            to_organisation=to_organisation,
            to_person=context.people.get(to_code),
            reason="Demo: asiakkaan seuraava hanke kuuluu vastaanottajalle.",
            notes="Demo: luovutusmuistio – asiakas on sitoutunut, yhteyshenkilö toimitusjohtaja.",
            open_matters="Demo: rahoituspäätös odottaa liitteitä.",
            delivery=delivery,
            by=requester,
        )
        if outcome == "overdue":
            handover.requested_at = now - timedelta(days=20)
            save_with_history(
                handover, by=requester, reason="Demo: pyyntö esitetty 20 päivää sitten"
            )
        elif outcome == "accepted":
            services.handover_accept(
                handover=handover, by=answerer, reason="Demo: otetaan vastaan."
            )
        elif outcome == "declined":
            services.handover_decline(
                handover=handover, by=answerer, reason="Demo: ei resursseja tällä hetkellä."
            )
        elif outcome == "cancelled":
            services.handover_cancel(
                handover=handover, by=requester, reason="Demo: asiakas jatkaa nykyisellä."
            )
        context.report.add("kapulan vaihtoja")


def _notes_and_consents(context, companies):
    if CustomerNote.objects.filter(company__in=companies, text__startswith=DEMO).exists():
        return
    by_code = _leads_by_organisation(companies)
    today = timezone.localdate()
    # Tekes's customers with notes of Finnvera and Tekes: Finpro sees them only with consent.
    for number, lead in enumerate(by_code.get("tekes", [])[:12]):
        for code in ("finnvera", "tekes", "finpro") if number % 3 == 0 else ("finnvera", "tekes"):
            services.note_write(
                company=lead.company,
                organisation=context.organisations[code],
                kind="contact_notes" if number % 2 == 0 else "project_summaries",
                text=NOTES[code],
                by=context.user_of(code),
            )
            context.report.add("asiakastietoja")
        if number % 4 == 0:
            # Tekes records the consents. The first releases Finnvera's data too, and
            # Finnvera's staff have confirmed their part (bank secrecy); the others release
            # Tekes's data only.
            disclosers = ["tekes", "finnvera"] if number == 0 else ["tekes"]
            consent = services.consent_record(
                company=lead.company,
                scope="contact_notes" if number % 2 == 0 else "project_summaries",
                organisations=[context.organisations["finpro"], context.organisations["vtt"]],
                disclosers=[context.organisations[code] for code in disclosers],
                given_by="Demo: toimitusjohtaja",
                given_on=today - timedelta(days=60),
                expires_on=today + timedelta(days=300)
                if number != 8
                else today - timedelta(days=1),
                by=context.user_of("tekes"),
            )
            context.report.add("suostumuksia")
            if number == 0:
                _confirm_finnveras_part(context, consent)
            if number == 4:
                services.consent_withdraw(consent=consent, by=context.user_of("tekes"))
        if number == 2:
            # Waiting for Finnvera's confirmation: Finnvera's staff see the confirm button.
            services.consent_record(
                company=lead.company,
                scope="contact_notes",
                organisations=[context.organisations["vtt"]],
                disclosers=[context.organisations["tekes"], context.organisations["finnvera"]],
                given_by="Demo: talousjohtaja",
                given_on=today - timedelta(days=5),
                by=context.user_of("tekes"),
            )
            context.report.add("suostumuksia")


def _confirm_finnveras_part(context, consent):
    """Finnvera's own staff confirm Finnvera's part, when the demo has such a person."""
    person = context.people.get("finnvera")
    if person is None:
        return
    for disclosure in consent.disclosures.filter(organisation__code="finnvera"):
        services.consent_disclosure_confirm(disclosure=disclosure, by=person.user)


def _group_responsibilities(context):
    if GroupResponsibility.objects.filter(target_group__startswith=DEMO).exists():
        return
    segments = Segment.objects.in_bulk(field_name="code")
    today = timezone.localdate()
    for code, target_group, organisation in [
        ("kansainvalistyvat", "Demo: ensimmäistä kertaa vientiin lähtevät", "finpro"),
        ("perustajat", "Demo: koko segmentti Uudellamaalla", "te-uusimaa"),
    ]:
        if code in segments and organisation in context.organisations:
            save_with_history(
                GroupResponsibility(
                    segment=segments[code],
                    target_group=target_group,
                    organisation=context.organisations[organisation],
                    starts_on=today - timedelta(days=180),
                ),
                by=context.fallback,
                reason=DEMO,
            )
            context.report.add("ryhmävastuita")
