"""Reminders of customer consents about to expire (report 5.5): the organisations holding
the customer hear in time to ask the company for a new consent."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy

from core.notifications import services as notifications
from core.notifications.models import Kind
from core.notifications.selectors import users_with

from ..models import Assignment, Consent

# Days before the last valid day at which a reminder goes out: 30 days ahead, and again a
# week ahead. Each (consent, last day, threshold) reminds once.
EXPIRY_THRESHOLDS = (30, 7)

SUBJECT = gettext_lazy("Asiakassuostumus päättyy %(date)s: %(company)s")
BODY = gettext_lazy(
    "Yrityksen %(company)s asiakassuostumus (%(scope)s) on voimassa %(date)s asti, "
    "%(days)s päivää. Pyydä yritykseltä uusi suostumus, jos tietoja tarvitaan edelleen."
)


def _threshold(days_left):
    """The smallest threshold the consent has reached (30 days left: 30; 5 days left: 7)."""
    return min(threshold for threshold in EXPIRY_THRESHOLDS if days_left <= threshold)


def consents_remind_expiring(*, today=None):
    """Remind the staff of the organisations currently holding the customer (lead, team
    members) who may read consents, of each consent ending within 30 days; run by the
    worker's sweep or `manage.py remind_expiring_consents`. Idempotent: a key per consent,
    last day and threshold. Returns how many consents someone was reminded of in this run."""
    today = today or timezone.localdate()
    expiring = (
        Consent.objects.filter(
            expires_on__gte=today, expires_on__lte=today + timedelta(days=max(EXPIRY_THRESHOLDS))
        )
        .filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today))
        .select_related("company")
        .order_by("expires_on", "pk")
    )
    reminded = 0
    for consent in expiring:
        holders = Assignment.objects.filter(
            company_id=consent.company_id, ends_on__isnull=True
        ).values("organisation_id")
        recipients = users_with("responsibility.view_consent", person__organisation__in=holders)
        days_left = (consent.expires_on - today).days
        threshold = _threshold(days_left)
        expires_on = consent.expires_on
        with transaction.atomic():
            told = notifications.notify(
                kind=Kind.CONSENT_EXPIRING,
                recipients=recipients,
                by=None,
                event_key=f"consent:{consent.pk}:expiring:{expires_on.isoformat()}:{threshold}",
                url=consent.get_absolute_url(),
                subject=SUBJECT,
                body=BODY,
                params={
                    "company": consent.company.name,
                    "scope": lazy(consent.get_scope_display, str)(),
                    "date": lazy(
                        lambda d=expires_on: formats.date_format(d, "SHORT_DATE_FORMAT"), str
                    )(),
                    "days": days_left,
                },
            )
        reminded += bool(told)
    return reminded
