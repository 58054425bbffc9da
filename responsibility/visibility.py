"""Who may see another organisation's customer data, on what basis (5.5; Acts 293/2017 and
443/1998 §§ 5–6), and the log of every such view (906/2019 § 17)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .models import AccessLogEntry, Consent, CustomerNote, DataSharingSetting

# Finnvera's customer data is under bank secrecy: only the customer's consent opens it,
# whatever the group's data-sharing choice.
BANK_SECRECY_ORGANISATIONS = {"finnvera"}


@dataclass
class NotesView:
    """What a user may read of a company's notes: visible notes with their basis, and what
    stays hidden and why."""

    visible: list = field(default_factory=list)  # [(note, basis label)]
    refused: list = field(default_factory=list)  # [(organisation, scope label, reason)]


def _valid_consents(company, day):
    return (
        Consent.objects.filter(company=company, given_on__lte=day)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        .prefetch_related("organisations")
    )


def basis_for(*, viewer_organisation, owner_organisation, scope, setting, consents):
    """(basis, consent) on which the viewer may see the owner's data of this scope, or None."""
    for consent in consents:
        if consent.scope == scope and any(
            o.pk == viewer_organisation.pk for o in consent.organisations.all()
        ):
            return AccessLogEntry.Basis.CONSENT, consent
    if setting.is_shared and owner_organisation.code not in BANK_SECRECY_ORGANISATIONS:
        return AccessLogEntry.Basis.SHARED, None
    return None


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
            result.visible.append((note, _("oma organisaatio")))
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
            else:
                secret = note.organisation.code in BANK_SECRECY_ORGANISATIONS
                reason = (
                    _(
                        "pankkisalaisuus: näytetään vain asiakkaan suostumuksella, joka kattaa organisaatiosi"
                    )
                    if secret
                    else _("ei voimassa olevaa asiakkaan suostumusta, joka kattaisi organisaatiosi")
                )
                result.refused.append((note.organisation, note.get_kind_display(), reason))
        if decided[key] is not None:
            basis, _consent = decided[key]
            result.visible.append((note, AccessLogEntry.Basis(basis).label))
    return result
