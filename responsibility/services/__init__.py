"""Writes of customer responsibility: assignments, the baton handover, consents and notes.

Every write runs in one transaction and leaves its history row with the acting user and a
reason. Read-then-write steps lock their rows (select_for_update), so two people accepting
the same handover, or requesting competing ones, cannot both succeed.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.history import save_changed, save_with_history
from core.notifications import services as notifications
from core.notifications.models import Kind
from core.refusals import Refusal
from offerings.models import Organisation
from segments.models import Company

from ..models import (
    AccessLogEntry,
    Assignment,
    Consent,
    ConsentDisclosure,
    CoverageCount,
    CustomerNote,
    DataSharingSetting,
    Handover,
    ResponsibilityPolicy,
)
from ..models.handover import OVERDUE_AFTER
from ..permissions import organisation_of
from ..selectors import coverage_count_differences, coverage_recount, organisation_staff_with

OPEN_REQUEST_MESSAGE = gettext_lazy(
    "Yrityksen asiakasvastuun siirrosta on jo avoin pyyntö. Odota vastausta tai peru se ensin."
)


def active_lead(company, *, lock=False):
    """The company's current lead assignment, or None."""
    leads = Assignment.objects.filter(
        company=company, role=Assignment.Role.LEAD, ends_on__isnull=True
    )
    if lock:
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins.
        leads = leads.select_for_update(of=("self",))
    return leads.select_related("organisation", "person").first()


@transaction.atomic
def assignment_start(
    *,
    company,
    organisation,
    role,
    by,
    reason,
    person=None,
    team=None,
    delivery=None,
    starts_on=None,
):
    """Make an organisation (and a person or team in it) a holder of a customer."""
    if role == Assignment.Role.LEAD:
        # Serialise with handovers and other starts for the same company.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        if active_lead(company) is not None:
            raise Refusal(
                _("Yrityksellä on jo päävastuullinen. Vastuu siirretään kapulan vaihdolla.")
            )
    assignment = Assignment(
        company=company,
        organisation=organisation,
        person=person,
        team=team,
        role=role,
        delivery=delivery,
        starts_on=starts_on or timezone.localdate(),
        created_by=by,
    )
    try:
        with transaction.atomic():
            return save_with_history(assignment, by=by, reason=reason)
    except IntegrityError as error:
        raise Refusal(_("Yrityksellä on jo päävastuullinen.")) from error


@transaction.atomic
def assignment_end(*, assignment, by, reason, ends_on=None):
    """End a holder's responsibility; a lead ends only through a handover (never leaderless)."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.role == Assignment.Role.LEAD:
        raise Refusal(
            _(
                "Päävastuuta ei voi päättää yksin: yritys ei saa jäädä ilman vastuullista. Siirrä vastuu kapulan vaihdolla."
            )
        )
    if assignment.ends_on is not None:
        raise Refusal(_("Vastuu on jo päättynyt."))
    assignment.ends_on = ends_on or timezone.localdate()
    return save_with_history(assignment, by=by, reason=reason)


@transaction.atomic
def handover_request(
    *,
    company,
    from_organisation,
    to_organisation,
    reason,
    by,
    to_person=None,
    notes="",
    open_matters="",
    delivery=None,
):
    """The holding organisation asks another to take over the customer's lead."""
    Company.objects.select_for_update().filter(pk=company.pk).first()
    lead = active_lead(company, lock=True)
    if lead is None or lead.organisation_id != from_organisation.pk:
        raise Refusal(_("Vain yrityksen päävastuullinen organisaatio voi pyytää vastuun siirtoa."))
    if Handover.objects.filter(company=company, status=Handover.Status.REQUESTED).exists():
        # The company row is locked above, so no competing request can slip in after this.
        raise Refusal(OPEN_REQUEST_MESSAGE)
    if to_person is not None and to_person.organisation_id != to_organisation.pk:
        raise Refusal(_("Vastaanottavan henkilön on kuuluttava vastaanottavaan organisaatioon."))
    handover = Handover(
        company=company,
        from_organisation=from_organisation,
        to_organisation=to_organisation,
        to_person=to_person,
        reason=(reason or "").strip(),
        notes=notes,
        open_matters=open_matters,
        delivery=delivery,
        requested_by=by,
        from_assignment=lead,
    )
    try:
        with transaction.atomic():
            save_with_history(handover, by=by, reason=_("Kapulan vaihtoa pyydetty"))
    except IntegrityError as error:
        # A competing request got in first (the partial unique index on pending requests).
        raise Refusal(OPEN_REQUEST_MESSAGE) from error
    _notify(handover, Kind.HANDOVER_REQUESTED, by=by)
    return handover


# What each handover notice says. Only names: a handover's reason, notes and open matters
# stay on its page, behind its permission check (they may hold customer secrets).
NOTICES = {
    Kind.HANDOVER_REQUESTED: (
        gettext_lazy("Vastuun siirtopyyntö: %(company)s"),
        gettext_lazy(
            "%(from)s pyytää organisaatiotanne (%(to)s) ottamaan yrityksen %(company)s "
            "asiakasvastuun. Vastaa pyyntöön palvelussa."
        ),
    ),
    Kind.HANDOVER_ACCEPTED: (
        gettext_lazy("Vastuun siirto hyväksytty: %(company)s"),
        gettext_lazy(
            "%(to)s hyväksyi pyynnön ottaa yrityksen %(company)s asiakasvastuu "
            "organisaatiolta %(from)s."
        ),
    ),
    Kind.HANDOVER_OVERDUE: (
        gettext_lazy("Vastuun siirtopyyntö odottaa vastausta: %(company)s"),
        gettext_lazy(
            "Pyyntö siirtää yrityksen %(company)s asiakasvastuu organisaatiolta %(from)s "
            "organisaatiolle %(to)s on odottanut vastausta %(days)s päivää."
        ),
    ),
    Kind.HANDOVER_DECLINED: (
        gettext_lazy("Vastuun siirto hylätty: %(company)s"),
        gettext_lazy(
            "%(to)s hylkäsi pyynnön ottaa yrityksen %(company)s asiakasvastuu. "
            "Perustelu näkyy palvelussa."
        ),
    ),
}


def _name(organisation):
    """The organisation's name in the language the message is written in."""
    return lazy(lambda: organisation.name, str)()


def _notify(handover, kind, *, by, event_key=None, days=0):
    """Tell the other side of a handover, in the same transaction: a request reaches the
    receiving organisation's staff who may answer it; an answer reaches the requesting
    organisation's staff who may see handovers; a reminder of an overdue request reaches
    both. Never the one who acted."""
    answerers = organisation_staff_with(handover.to_organisation, "responsibility.change_handover")
    requesters = organisation_staff_with(handover.from_organisation, "responsibility.view_handover")
    if kind == Kind.HANDOVER_REQUESTED:
        recipients = answerers
    elif kind == Kind.HANDOVER_OVERDUE:
        recipients = [*answerers, *requesters]
    else:
        recipients = requesters
    subject, body = NOTICES[kind]
    return notifications.notify(
        kind=kind,
        recipients=recipients,
        by=by,
        event_key=event_key or f"handover:{handover.pk}:{kind}",
        url=handover.get_absolute_url(),
        subject=subject,
        body=body,
        params={
            "company": handover.company.name,
            "from": _name(handover.from_organisation),
            "to": _name(handover.to_organisation),
            "days": days,
        },
    )


def handovers_remind_overdue(*, now=None):
    """Remind both organisations of each request unanswered for 14 days, and again every
    week after; run daily (`manage.py remind_overdue_handovers`). Each reminder's key is its
    week, so running twice a day, or after a missed day, reminds once per week.
    Returns how many handovers someone was reminded of in this run."""
    now = now or timezone.now()
    overdue = (
        Handover.objects.filter(
            status=Handover.Status.REQUESTED, requested_at__lte=now - OVERDUE_AFTER
        )
        .select_related("company", "from_organisation", "to_organisation")
        .order_by("requested_at", "pk")
    )
    reminded = 0
    for handover in overdue:
        waited = now - handover.requested_at
        week = (waited - OVERDUE_AFTER).days // 7
        with transaction.atomic():
            told = _notify(
                handover,
                Kind.HANDOVER_OVERDUE,
                by=None,
                event_key=f"handover:{handover.pk}:overdue:{week}",
                days=waited.days,
            )
        reminded += bool(told)
    return reminded


def _pending(handover):
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if handover.status != Handover.Status.REQUESTED:
        raise Refusal(
            _("Pyyntöön on jo vastattu (%(status)s).") % {"status": handover.get_status_display()}
        )
    return handover


# The history's reason for each answer to a handover.
ANSWER_REASONS = {
    Handover.Status.ACCEPTED: gettext_lazy("Kapulan vaihto hyväksytty"),
    Handover.Status.DECLINED: gettext_lazy("Kapulan vaihto hylätty"),
    Handover.Status.CANCELLED: gettext_lazy("Kapulan vaihtopyyntö peruttu"),
}


def _answer(handover, status, *, by, reason):
    """Record the answer to a pending handover: who, when, what and why."""
    handover.status = status
    handover.decided_by = by
    handover.decided_at = timezone.now()
    handover.decision_reason = (reason or "").strip()
    return save_with_history(handover, by=by, reason=ANSWER_REASONS[status])


@transaction.atomic
def handover_accept(*, handover, by, reason=""):
    """The receiving organisation takes over: the old lead ends and the new one starts in the
    same transaction, the previous holder stays on as a member, and the notes stay with the
    handover and the history."""
    handover = _pending(handover)
    lead = active_lead(handover.company, lock=True)
    if lead is None or lead.organisation_id != handover.from_organisation_id:
        raise Refusal(
            _("Yrityksen päävastuu on muuttunut pyynnön jälkeen; pyyntöä ei voi enää hyväksyä.")
        )
    note = _("Kapulan vaihto: %(from)s → %(to)s") % {
        "from": handover.from_organisation,
        "to": handover.to_organisation,
    }
    today = timezone.localdate()
    lead.ends_on = today
    save_with_history(lead, by=by, reason=note)
    handover.new_assignment = save_with_history(
        Assignment(
            company=handover.company,
            organisation=handover.to_organisation,
            person=handover.to_person,
            role=Assignment.Role.LEAD,
            delivery=handover.delivery,
            starts_on=today,
            note=handover.notes[:2000],
            created_by=by,
        ),
        by=by,
        reason=note,
    )
    _keep_informed(handover, lead, starts_on=today, by=by, reason=note)
    _answer(handover, Handover.Status.ACCEPTED, by=by, reason=reason)
    _notify(handover, Kind.HANDOVER_ACCEPTED, by=by)
    return handover


def _keep_informed(handover, lead, *, starts_on, by, reason):
    """The previous holder stays informed, as a member of the customer's holders (unless
    it already is one)."""
    already_member = Assignment.objects.filter(
        company=handover.company,
        organisation=handover.from_organisation,
        role=Assignment.Role.MEMBER,
        ends_on__isnull=True,
    ).exists()
    if not already_member:
        member = Assignment(
            company=handover.company,
            organisation=handover.from_organisation,
            person=lead.person,
            role=Assignment.Role.MEMBER,
            starts_on=starts_on,
            created_by=by,
        )
        save_with_history(member, by=by, reason=reason)


@transaction.atomic
def handover_decline(*, handover, by, reason):
    """The receiving organisation declines, saying why; the lead stays where it was."""
    handover = _answer(_pending(handover), Handover.Status.DECLINED, by=by, reason=reason)
    _notify(handover, Kind.HANDOVER_DECLINED, by=by)
    return handover


@transaction.atomic
def handover_cancel(*, handover, by, reason=""):
    """The requesting organisation withdraws its request."""
    return _answer(_pending(handover), Handover.Status.CANCELLED, by=by, reason=reason)


@transaction.atomic
def consent_record(
    *, company, scope, organisations, disclosers, given_by, given_on, by, expires_on=None
):
    """Record a customer's consent that the disclosers release a kind of its data to the
    named organisations.

    The recorder's own organisation's part is confirmed by the recording itself. Another
    organisation under bank secrecy (Finnvera) releases nothing until its own staff confirm
    their part (consent_disclosure_confirm): Act 443/1998 § 5 lets only Finnvera open its
    secrecy, on the customer's consent it has itself taken note of.
    """
    if not organisations:
        raise ValidationError({"organisations": _("Valitse vähintään yksi organisaatio.")})
    if not disclosers:
        raise ValidationError(
            {"disclosers": _("Valitse vähintään yksi organisaatio, jonka tiedot luovutetaan.")}
        )
    consent = Consent(
        company=company,
        scope=scope,
        given_by=given_by,
        given_on=given_on,
        expires_on=expires_on,
        recorded_by=by,
    )
    save_with_history(consent, by=by, reason=_("Suostumus kirjattu"))
    consent.organisations.set(organisations)
    own = organisation_of(by)
    now = timezone.now()
    for organisation in disclosers:
        is_own = own is not None and organisation.pk == own.pk
        save_with_history(
            ConsentDisclosure(
                consent=consent,
                organisation=organisation,
                confirmed_by=by if is_own else None,
                confirmed_at=now if is_own else None,
            ),
            by=by,
            reason=_("Suostumus kirjattu; oman organisaation luovutus vahvistettu")
            if is_own
            else _("Suostumus kirjattu"),
        )
    return consent


@transaction.atomic
def consent_disclosure_confirm(*, disclosure, by):
    """The disclosing organisation's own staff confirm its part of a consent; from then on
    the consent releases that organisation's data too (Act 443/1998 § 5)."""
    disclosure = (
        ConsentDisclosure.objects.select_for_update(of=("self",))
        .select_related("consent", "organisation")
        .get(pk=disclosure.pk)
    )
    if disclosure.is_confirmed:
        raise Refusal(
            _("%(organisation)s on jo vahvistanut osuutensa suostumuksesta.")
            % {"organisation": disclosure.organisation}
        )
    if not disclosure.consent.is_valid_on():
        raise Refusal(
            _("Suostumus ei ole voimassa: peruttua tai päättynyttä suostumusta ei vahvisteta.")
        )
    disclosure.confirmed_by = by
    disclosure.confirmed_at = timezone.now()
    return save_with_history(disclosure, by=by, reason=_("Tietojen luovutus vahvistettu"))


@transaction.atomic
def consent_withdraw(*, consent, by, withdrawn_on=None):
    """Record that the customer withdrew its consent; it stops covering views at once."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise Refusal(_("Suostumus on jo peruttu."))
    consent.withdrawn_on = withdrawn_on or timezone.localdate()
    return save_with_history(consent, by=by, reason=_("Suostumus peruttu"))


@transaction.atomic
def note_write(*, company, organisation, kind, text, by):
    """An organisation writes down something it holds about a customer."""
    note = CustomerNote(
        company=company, organisation=organisation, kind=kind, text=(text or "").strip(), author=by
    )
    return save_with_history(note, by=by, reason=_("Asiakastieto kirjattu"))


def access_log_write(
    *, viewer, viewer_organisation, owner_organisation, company, scope, basis, consent=None
):
    """Record one view of another organisation's customer data (906/2019 § 17)."""
    return AccessLogEntry.objects.create(
        viewer=viewer,
        viewer_organisation=viewer_organisation,
        owner_organisation=owner_organisation,
        company=company,
        scope=scope,
        basis=basis,
        consent=consent,
    )


# --- What a decision changes (5.4, 5.5): a segment's policy and the data-sharing choice --


@transaction.atomic
def policy_set(*, segment, values, decision_reference, by, reason, description=None):
    """The segment's customer-responsibility policy (5.4) with these values (field name →
    value; organisations by code), as decided. Returns the Changes."""
    policy = ResponsibilityPolicy.objects.select_for_update().filter(segment=segment).first()
    if policy is None:
        policy = ResponsibilityPolicy(segment=segment)
    for name, value in values.items():
        if getattr(ResponsibilityPolicy._meta.get_field(name), "related_model", None) is (
            Organisation
        ):
            value = Organisation.objects.get(code=value) if value else None
        setattr(policy, name, value)
    policy.decision_reference = decision_reference
    line = description or _("Asiakasvastuun malli muutettu")
    return [save_changed(policy, line, by=by, reason=reason)]


@transaction.atomic
def data_sharing_set(*, strategy, decision_reference, by, reason):
    """The strategic choice on customer data (5.5): shared customers or consent-based
    exchange, as decided. Returns the Changes."""
    setting = DataSharingSetting.current()
    setting.strategy = strategy
    setting.decision_reference = decision_reference
    return [save_changed(setting, _("Asiakastiedon linjaus valittu"), by=by, reason=reason)]


# --- The coverage counts (5.4), kept by the database's triggers --------------------------


@transaction.atomic
def coverage_counts_rebuild():
    """Recompute the coverage counts from the companies and their leads, in place of what
    is kept. Returns the differences that were corrected, as coverage_count_differences.

    On PostgreSQL the table is locked first: a change committed by another transaction
    before the recount is counted, one made after waits for the lock and adds its own
    delta to the rebuilt counts. (SQLite has one writer at a time.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(CoverageCount._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
    differences = coverage_count_differences()
    CoverageCount.objects.all().delete()
    CoverageCount.objects.bulk_create(
        CoverageCount(segment_key=key, companies=companies, with_lead=with_lead)
        for key, (companies, with_lead) in coverage_recount().items()
    )
    return differences
