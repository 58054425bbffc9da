"""Benchmark of the customer-responsibility pages (5.4, 5.5) and the offering matrix at
national scale: server time (median, p95) and query counts, in process with Django's test
client.

Usage (a scratch SQLite file, or PostgreSQL with DATABASE_URL=postgres://…):

    export DEBUG=true DATABASE_URL=sqlite:////tmp/bench-resp.sqlite3
    .venv/bin/python manage.py migrate -v0
    .venv/bin/python manage.py load_strategy_2008
    .venv/bin/python manage.py create_demo_users
    .venv/bin/python manage.py load_demo_services
    .venv/bin/python manage.py generate_companies --count 400000 --seed 2008 --demo-rules
    .venv/bin/python bench/responsibility_pages.py [--share 0.9] [--notes 50000]
        [--consents 20000] [--log 200000] [--handovers 5000] [--teams 20]

Inside one transaction it bulk-inserts (no history) national volumes: an active lead for
`--share` of the companies over the agencies and TE-centres (a person on some, a customer
team on some), customer teams, handovers, customer notes, consents (with the organisations
whose data each releases) and access-log entries, plus one showcase company with a baton
path, notes of four organisations and consents recorded through the services.
Agency pages are read as the demo user `tekes`, coverage and the access log as `ministerio`.
Everything it writes (and the rows the notes page logs) is rolled back at the end, so the
database is left as it was found. The rows are what is measured, not how they were written.
"""

import argparse
import datetime
import logging
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import Rollback, measure  # noqa: E402

from offerings.models import Organisation, Person  # noqa: E402
from responsibility import services  # noqa: E402
from responsibility.models import (  # noqa: E402
    AccessLogEntry,
    Assignment,
    Consent,
    ConsentDisclosure,
    CustomerNote,
    CustomerTeam,
    Handover,
    TeamMembership,
)
from responsibility.models.data import DataScope  # noqa: E402
from segments.models import Company, Segment  # noqa: E402

REPEAT = 20
BATCH = 5000
AGENCY_USER = "tekes"
MINISTRY_USER = "ministerio"
# Share of the agencies among the leads (the rest: the TE-centre of the company's region).
AGENCY_WEIGHTS = {"tekes": 0.3, "finnvera": 0.3, "finpro": 0.15, "vtt": 0.15, "gtk": 0.1}
AGENCY_SHARE = 0.45


def _batches(rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(model, rows):
    made = []
    for batch in _batches(rows):
        made.extend(model.objects.bulk_create(batch))
        reset_queries()  # DEBUG keeps every query's text
    return made


def _ago(rng, today, days):
    return today - datetime.timedelta(days=rng.randrange(days))


def build(args, *, showcase_pk, agency_user):
    """The national volumes (fixed seed: the same rows every run). Returns the counts."""
    rng = random.Random(2008)
    today = timezone.localdate()
    now = timezone.now()
    organisations = {
        o.code: o
        for o in Organisation.objects.filter(
            kind__in=[Organisation.Kind.AGENCY, Organisation.Kind.TE_CENTRE], is_active=True
        )
    }
    agencies = [code for code in AGENCY_WEIGHTS if code in organisations]
    weights = [AGENCY_WEIGHTS[code] for code in agencies]
    centres = [o for o in organisations.values() if o.kind == Organisation.Kind.TE_CENTRE]
    centre_of_region = {o.region_id: o.pk for o in centres if o.region_id}
    people = {}
    for person in Person.objects.select_related("organisation"):
        people.setdefault(person.organisation_id, []).append(person.pk)
    users = list(User.objects.filter(person__isnull=False).select_related("person"))
    staff = [u for u in users if u.person.organisation_id in {o.pk for o in organisations.values()}]

    # Customer teams, led by the agency people, with every person as a member.
    all_people = list(Person.objects.values_list("pk", flat=True))
    teams = _bulk(
        CustomerTeam,
        (
            CustomerTeam(name=f"Bench-tiimi {i:02d}", leader_id=all_people[i % len(all_people)])
            for i in range(args.teams)
        ),
    )
    _bulk(
        TeamMembership,
        (
            TeamMembership(
                team=team,
                person_id=person,
                role=TeamMembership.Role.LEADER
                if person == team.leader_id
                else TeamMembership.Role.MEMBER,
            )
            for team in teams
            for person in all_people
        ),
    )

    # One active lead for `share` of the companies (not the showcase: it gets its own path;
    # nor a company that already has one, say from the demo data).
    companies = list(
        Company.objects.exclude(pk=showcase_pk)
        .exclude(assignments__role=Assignment.Role.LEAD, assignments__ends_on__isnull=True)
        .values_list("pk", "region_id")
        .order_by("pk")
    )
    held = [c for c in companies if rng.random() < args.share]
    lead_of = {}

    def leads():
        for company_pk, region_pk in held:
            if rng.random() < AGENCY_SHARE or region_pk not in centre_of_region:
                organisation = organisations[rng.choices(agencies, weights)[0]].pk
            else:
                organisation = centre_of_region[region_pk]
            lead_of[company_pk] = organisation
            person = team = None
            if organisation in people and rng.random() < 0.3:
                person = rng.choice(people[organisation])
            elif teams and rng.random() < 0.05:
                team = rng.choice(teams).pk
            yield Assignment(
                company_id=company_pk,
                organisation_id=organisation,
                person_id=person,
                team_id=team,
                role=Assignment.Role.LEAD,
                starts_on=_ago(rng, today, 5 * 365),
            )

    _bulk(Assignment, leads())
    held_pks = [pk for pk, _region in held]
    org_pks = [o.pk for o in organisations.values()]

    def other(organisation):
        while True:
            pk = rng.choice(org_pks)
            if pk != organisation:
                return pk

    # Handovers: a fifth still waiting (one per company), the rest answered.
    handover_companies = rng.sample(held_pks, min(args.handovers, len(held_pks)))
    statuses = [Handover.Status.ACCEPTED, Handover.Status.DECLINED, Handover.Status.CANCELLED]

    def handovers():
        for i, company_pk in enumerate(handover_companies):
            requested_at = now - datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            status = Handover.Status.REQUESTED if i % 5 == 0 else rng.choice(statuses)
            decided = status != Handover.Status.REQUESTED
            yield Handover(
                company_id=company_pk,
                from_organisation_id=lead_of[company_pk],
                to_organisation_id=other(lead_of[company_pk]),
                reason=f"Bench-siirto {i}",
                status=status,
                requested_by=agency_user,
                requested_at=requested_at,
                decided_by=agency_user if decided else None,
                decided_at=requested_at + datetime.timedelta(days=3) if decided else None,
                decision_reason="Bench: ei resursseja"
                if status == Handover.Status.DECLINED
                else "",
            )

    _bulk(Handover, handovers())

    scopes = DataScope.values

    def notes():
        for i in range(args.notes):
            company_pk = rng.choice(held_pks)
            organisation = lead_of[company_pk] if rng.random() < 0.6 else rng.choice(org_pks)
            yield CustomerNote(
                company_id=company_pk,
                organisation_id=organisation,
                kind=rng.choice(scopes),
                text=f"Bench-muistiinpano {i}: tavattu, keskusteltu rahoituksesta.",
                author=rng.choice(staff) if staff else agency_user,
            )

    _bulk(CustomerNote, notes())

    def consents():
        for i in range(args.consents):
            given_on = _ago(rng, today, 2 * 365)
            yield Consent(
                company_id=rng.choice(held_pks),
                scope=rng.choice(scopes),
                given_by=f"Bench-edustaja {i}",
                given_on=given_on,
                expires_on=given_on + datetime.timedelta(days=730) if i % 3 else None,
                withdrawn_on=today if i % 17 == 0 else None,
                recorded_by=agency_user,
            )

    made = _bulk(Consent, consents())
    Link = Consent.organisations.through
    _bulk(
        Link,
        (
            Link(consent_id=consent.pk, organisation_id=organisation)
            for consent in made
            for organisation in rng.sample(org_pks, rng.randint(1, 3))
        ),
    )
    # Whose data each consent releases, as services.consent_record writes it: the recorder's
    # own organisation, confirmed by the recording itself, and on some consents others
    # named beside it, unconfirmed (which opens all but bank-secrecy data, Finnvera's).
    recorder_organisation = agency_user.person.organisation_id

    def disclosures():
        for consent in made:
            others = set(rng.sample(org_pks, rng.randint(0, 2))) - {recorder_organisation}
            yield ConsentDisclosure(
                consent_id=consent.pk,
                organisation_id=recorder_organisation,
                confirmed_by=agency_user,
                confirmed_at=now,
            )
            for organisation in sorted(others):
                yield ConsentDisclosure(consent_id=consent.pk, organisation_id=organisation)

    _bulk(ConsentDisclosure, disclosures())
    consent_company = [(c.pk, c.company_id, c.scope) for c in made]

    def log():
        for _ in range(args.log):
            viewer = rng.choice(staff)
            viewer_organisation = viewer.person.organisation_id
            if consent_company and rng.random() < 0.7:
                consent, company_pk, scope = rng.choice(consent_company)
                basis = AccessLogEntry.Basis.CONSENT
            else:
                consent, company_pk, scope = None, rng.choice(held_pks), rng.choice(scopes)
                basis = AccessLogEntry.Basis.SHARED
            yield AccessLogEntry(
                at=now - datetime.timedelta(seconds=rng.randrange(2 * 365 * 24 * 3600)),
                viewer=viewer,
                viewer_organisation_id=viewer_organisation,
                owner_organisation_id=other(viewer_organisation),
                company_id=company_pk,
                scope=scope,
                basis=basis,
                consent_id=consent,
            )

    _bulk(AccessLogEntry, log())
    return len(held)


def build_showcase(company, *, agency_user, ministry_user):
    """One company as a busy customer: finnvera → TE-centre → tekes as lead, finpro as a
    member, the two answered handovers, notes of four organisations and consents (one lets
    tekes read the contact notes)."""
    today = timezone.localdate()
    orgs = {o.code: o for o in Organisation.objects.all()}
    centre = (
        Organisation.objects.filter(
            kind=Organisation.Kind.TE_CENTRE, region=company.region_id
        ).first()
        or orgs["te-uusimaa"]
    )
    days = [today - datetime.timedelta(days=d) for d in (900, 500, 120)]
    path = [orgs["finnvera"], centre, orgs["tekes"]]
    made = []
    for i, organisation in enumerate(path):
        made.append(
            Assignment.objects.create(
                company=company,
                organisation=organisation,
                person=Person.objects.filter(user=agency_user).first() if i == 2 else None,
                role=Assignment.Role.LEAD,
                starts_on=days[i],
                ends_on=days[i + 1] if i < 2 else None,
            )
        )
    Assignment.objects.create(
        company=company, organisation=orgs["finpro"], role=Assignment.Role.MEMBER, starts_on=days[1]
    )
    for i in range(2):
        at = timezone.make_aware(datetime.datetime.combine(days[i + 1], datetime.time(9)))
        Handover.objects.create(
            company=company,
            from_organisation=path[i],
            to_organisation=path[i + 1],
            reason="Bench: asiakas siirtyy seuraavaan vaiheeseen",
            status=Handover.Status.ACCEPTED,
            requested_by=agency_user,
            requested_at=at - datetime.timedelta(days=5),
            decided_by=agency_user,
            decided_at=at,
            from_assignment=made[i],
            new_assignment=made[i + 1],
        )
    for i, code in enumerate(["tekes", "finnvera", "finpro", centre.code] * 3):
        CustomerNote.objects.create(
            company=company,
            organisation=orgs[code],
            kind=DataScope.values[i % 2],
            text=f"Bench-muistiinpano {i} ({code})",
            author=agency_user,
        )
    # The consents through the services, so that each names whose data it releases as a
    # recorded consent does: tekes and finpro may see the contact notes of both (the
    # recorder's own part confirmed by the recording); an older one is withdrawn.
    services.consent_record(
        company=company,
        scope=DataScope.CONTACT_NOTES,
        organisations=[orgs["tekes"], orgs["finpro"]],
        disclosers=[orgs["tekes"], orgs["finpro"]],
        given_by="Bench-edustaja",
        given_on=days[2],
        by=agency_user,
    )
    old = services.consent_record(
        company=company,
        scope=DataScope.PROJECT_SUMMARIES,
        organisations=[orgs["tekes"]],
        disclosers=[orgs["finpro"]],
        given_by="Bench-edustaja",
        given_on=days[0],
        by=ministry_user,
    )
    services.consent_withdraw(consent=old, by=ministry_user, withdrawn_on=days[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--share", type=float, default=0.9, help="companies with a lead")
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--consents", type=int, default=20_000)
    parser.add_argument("--log", type=int, default=200_000)
    parser.add_argument("--handovers", type=int, default=5_000)
    parser.add_argument("--teams", type=int, default=20)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per force_login otherwise
    try:
        agency_user = User.objects.get(username=AGENCY_USER)
        ministry_user = User.objects.get(username=MINISTRY_USER)
    except User.DoesNotExist:
        sys.exit("No demo users: run `manage.py create_demo_users` (DEBUG=true) first.")
    n = Company.objects.count()
    try:
        with transaction.atomic():
            started = time.perf_counter()
            company = Company.objects.select_related("region").order_by("pk")[n // 2]
            build_showcase(company, agency_user=agency_user, ministry_user=ministry_user)
            leads = build(args, showcase_pk=company.pk, agency_user=agency_user)
            built = time.perf_counter() - started
            if connection.vendor == "postgresql":
                # Fresh statistics on the new rows (rolled back with them), as autovacuum
                # would have gathered in production.
                tables = [
                    m._meta.db_table
                    for m in (
                        Assignment,
                        CustomerTeam,
                        TeamMembership,
                        Handover,
                        CustomerNote,
                        Consent,
                        Consent.organisations.through,
                        ConsentDisclosure,
                        AccessLogEntry,
                    )
                ]
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))
            organisation = agency_user.person.organisation
            portfolio_size = Assignment.objects.filter(
                organisation=organisation, ends_on__isnull=True
            ).count()
            print(
                f"database {connection.vendor}, {n} companies, {leads} leads "
                f"({portfolio_size} of {organisation.code}), {CustomerNote.objects.count()} notes, "
                f"{Consent.objects.count()} consents, {AccessLogEntry.objects.count()} log entries, "
                f"{Handover.objects.count()} handovers (built in {built:.1f} s); "
                f"{REPEAT} requests per page; load {os.getloadavg()[0]:.1f}"
            )
            agency, ministry = Client(), Client()
            agency.force_login(agency_user)
            ministry.force_login(ministry_user)

            portfolio = reverse("responsibility:portfolio")
            middle = (
                Assignment.objects.filter(organisation=organisation, ends_on__isnull=True)
                .select_related("company")
                .order_by("company__name", "pk")[portfolio_size // 2]
            )
            other = Company.objects.filter(
                assignments__organisation=organisation, assignments__ends_on__isnull=True
            ).order_by("pk")[portfolio_size // 3]
            segment = Segment.objects.get(code="paikalliset")
            log = reverse("responsibility:access_log")
            entry = AccessLogEntry.objects.select_related("company").order_by("-at", "-pk")[
                AccessLogEntry.objects.count() // 2
            ]
            rare = (
                AccessLogEntry.objects.select_related("company")
                .order_by("pk")
                .first()
                .company.name[:8]
            )
            viewer = Organisation.objects.get(code="finnvera").pk
            owner = Organisation.objects.get(code="tekes").pk
            since = (timezone.localdate() - datetime.timedelta(days=30)).strftime("%d.%m.%Y")
            until = timezone.localdate().strftime("%d.%m.%Y")
            pages = [
                (agency, "portfolio", portfolio),
                (
                    agency,
                    "portfolio, middle page (cursor)",
                    portfolio
                    + "?"
                    + urlencode({"after_name": middle.company.name, "after_id": middle.pk}),
                ),
                (agency, "portfolio, role lead", f"{portfolio}?role=lead"),
                (agency, "portfolio, segment", f"{portfolio}?segment={segment.pk}"),
                (agency, "portfolio, region", f"{portfolio}?region={other.region_id}"),
                (agency, "portfolio, mine", f"{portfolio}?mine=on"),
                (
                    agency,
                    "portfolio, name prefix",
                    portfolio + "?" + urlencode({"q": other.name[:6]}),
                ),
                (agency, "portfolio, Y-tunnus", f"{portfolio}?q={other.business_id}"),
                (
                    agency,
                    "company responsibility",
                    reverse("responsibility:company_responsibility", args=[company.business_id]),
                ),
                (
                    agency,
                    "company responsibility, plain",
                    reverse("responsibility:company_responsibility", args=[other.business_id]),
                ),
                (
                    agency,
                    "company notes (logs reads)",
                    reverse("responsibility:company_notes", args=[company.business_id]),
                ),
                (agency, "handover inbox", reverse("responsibility:handover_list")),
                (agency, "team list", reverse("responsibility:team_list")),
                (ministry, "coverage", reverse("responsibility:coverage")),
                (ministry, "access log", log),
                (
                    ministry,
                    "access log, middle page (cursor)",
                    log
                    + "?"
                    + urlencode({"before_at": entry.at.isoformat(), "before_id": entry.pk}),
                ),
                (ministry, "access log, Y-tunnus", f"{log}?company={entry.company.business_id}"),
                (ministry, "access log, name prefix", log + "?" + urlencode({"company": rare})),
                (ministry, "access log, viewer org", f"{log}?viewer_organisation={viewer}"),
                (
                    ministry,
                    "access log, owner + 30 days",
                    f"{log}?owner_organisation={owner}&date_from={since}&date_to={until}",
                ),
                (ministry, "access log, viewer username", f"{log}?viewer={AGENCY_USER}"),
                (agency, "offering matrix", reverse("offerings:offering_matrix")),
                (agency, "service list", reverse("offerings:service_list")),
            ]
            for client, label, url in pages:
                median, p95, queries = measure(client, url, REPEAT)
                slow = "  SLOW" if median > 500 else ""
                print(
                    f"{label:<34} median {median:7.1f} ms  p95 {p95:7.1f} ms  "
                    f"{queries:3} queries{slow}"
                )
            print(f"load {os.getloadavg()[0]:.1f} at the end")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
