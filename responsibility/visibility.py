"""Who may see another organisation's customer data, on what basis (5.5; Acts 293/2017 and
443/1998 §§ 5–6), and the log of every such view (906/2019 § 17)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, services
from .models import AccessLogEntry, Consent, ConsentDisclosure, CustomerNote, DataSharingSetting
from .models.data import is_under_bank_secrecy


@dataclass
class Opening:
    """Another organisation's data of one kind shown to the user, and on what basis: the
    consent that opened it (None on the shared-customer basis)."""

    owner: object
    scope: str  # label
    basis: str  # label
    consent: object = None


@dataclass
class NotesView:
    """What a user may read of a company's notes: visible notes with their basis, which
    basis (which consent) opened which organisation's data, and what stays hidden and why."""

    visible: list = field(default_factory=list)  # [(note, basis label, consent or None)]
    opened: list = field(default_factory=list)  # [Opening]
    refused: list = field(default_factory=list)  # [(organisation, scope label, reason)]


def _valid_consents(company, day):
    return (
        Consent.objects.filter(company=company, given_on__lte=day)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        .select_related("recorded_by__person__organisation")
        .prefetch_related(
            "organisations",
            Prefetch(
                "disclosures", queryset=ConsentDisclosure.objects.select_related("organisation")
            ),
        )
        .order_by("-given_on", "-pk")
    )


def basis_for(*, viewer_organisation, owner_organisation, scope, setting, consents):
    """(basis, consent) on which the viewer may see the owner's data of this scope, or None.

    A consent counts when it covers this kind of data, names the viewer's organisation among
    those who may see and the owner among those whose data it releases, and, for an owner
    under bank secrecy, the owner's own staff have recorded or confirmed it."""
    for consent in consents:
        if (
            consent.scope == scope
            and consent.covers(viewer_organisation)
            and consent.releases(owner_organisation)
        ):
            return AccessLogEntry.Basis.CONSENT, consent
    if setting.is_shared and not is_under_bank_secrecy(owner_organisation):
        return AccessLogEntry.Basis.SHARED, None
    return None


def _refusal(*, viewer_organisation, owner_organisation, scope, consents):
    """Why the owner's data of this scope stays hidden from the viewer, in words."""
    if not is_under_bank_secrecy(owner_organisation):
        return _(
            "ei voimassa olevaa asiakkaan suostumusta, joka luovuttaisi nämä tiedot "
            "organisaatiollesi"
        )
    waiting = any(
        consent.scope == scope
        and consent.covers(viewer_organisation)
        and consent.names_discloser(owner_organisation)
        for consent in consents
    )
    if waiting:
        return _(
            "pankkisalaisuus: asiakkaan suostumus odottaa tietojen omistajan oman "
            "henkilöstön vahvistusta"
        )
    return _(
        "pankkisalaisuus: näytetään vain asiakkaan suostumuksella, joka kattaa "
        "organisaatiosi ja jonka tietojen omistajan oma henkilöstö on kirjannut tai vahvistanut"
    )


@transaction.atomic
def notes_for(*, user, organisation, company):
    """The company's notes the user's organisation may read; every read of another
    organisation's data is logged, and nothing is logged for what stays hidden."""
    setting = DataSharingSetting.current()
    consents = list(_valid_consents(company, timezone.localdate()))
    notes = CustomerNote.objects.filter(company=company).select_related("organisation", "author")
    result = NotesView()
    decided = {}
    for note in notes:
        if note.organisation_id == organisation.pk:
            result.visible.append((note, _("oma organisaatio"), None))
            continue
        key = (note.organisation_id, note.kind)
        if key not in decided:
            decided[key] = basis_for(
                viewer_organisation=organisation,
                owner_organisation=note.organisation,
                scope=note.kind,
                setting=setting,
                consents=consents,
            )
            if decided[key] is not None:
                basis, consent = decided[key]
                services.access_log_write(
                    viewer=user,
                    viewer_organisation=organisation,
                    owner_organisation=note.organisation,
                    company=company,
                    scope=note.kind,
                    basis=basis,
                    consent=consent,
                )
                result.opened.append(
                    Opening(
                        owner=note.organisation,
                        scope=note.get_kind_display(),
                        basis=AccessLogEntry.Basis(basis).label,
                        consent=consent,
                    )
                )
            else:
                reason = _refusal(
                    viewer_organisation=organisation,
                    owner_organisation=note.organisation,
                    scope=note.kind,
                    consents=consents,
                )
                result.refused.append((note.organisation, note.get_kind_display(), reason))
        if decided[key] is not None:
            basis, consent = decided[key]
            result.visible.append((note, AccessLogEntry.Basis(basis).label, consent))
    return result


# --- The company's responsibility page: what of it opens to the viewer -------------------


def mark_what_the_viewer_may_open(user, data):
    """On the company page's data (selectors.CompanyResponsibility), say of each handover
    whether the user may open it, of each consent disclosure whether the user may confirm
    it, and of each assignment whether its note is the user's to read.

    Handover notes travel with the baton onto the receiver's assignment: they are the two
    organisations' business (and ministry staff's, who may open any handover), not every
    reader of the company page."""
    for handover in data.handovers:
        handover.viewable = permissions.can_view_handover(user, handover)
    for consent in data.consents:
        for disclosure in consent.disclosures.all():
            disclosure.can_confirm = (
                disclosure.needs_confirmation
                and consent.is_valid_now
                and permissions.can_confirm_disclosure(user, disclosure)
            )
    organisation = permissions.organisation_of(user)
    ministry = permissions.is_ministry_staff(user)
    writers = _note_writers(data.handovers)
    for assignment in data.history:
        assignment.note_visible = ministry or (
            organisation is not None
            and (
                assignment.organisation_id == organisation.pk
                or organisation.pk in writers.get(assignment.organisation_id, ())
            )
        )


def _note_writers(handovers):
    """{receiving organisation id: the organisations that handed it the baton}: they wrote
    the note on the receiver's assignment."""
    writers = {}
    for handover in handovers:
        if handover.status == handover.Status.ACCEPTED:
            writers.setdefault(handover.to_organisation_id, set()).add(
                handover.from_organisation_id
            )
    return writers
