"""Handovers of the baton (5.4 b): one with everything its page shows, and an inbox."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone

from ..models import Handover
from ..models.handover import OVERDUE_AFTER

# Rows a section of the inbox lists: four sections of 100 took 240 ms to draw at 5,000
# handovers (bench/responsibility_pages.py); the note under a cut section says how many.
INBOX_SECTION_ROWS = 50


def handover_detail_queryset():
    """Handovers with everything their page shows."""
    return Handover.objects.select_related(
        "company",
        "from_organisation",
        "to_organisation",
        "to_person__user",
        "delivery",
        "requested_by",
        "decided_by",
        "from_assignment__person__user",
        "new_assignment__person__user",
    )


def pending_handover(company):
    """The company's handover request still waiting for an answer, or None."""
    return company.handovers.filter(status=Handover.Status.REQUESTED).first()


@dataclass
class Inbox:
    """An organisation's handovers: waiting for its answer, waiting for the other's, overdue,
    and recently answered."""

    incoming: list
    outgoing: list
    overdue: list
    decided: list
    more: dict  # section -> True when the list was cut at the limit
    limit: int  # rows a section lists at most


def _ours(organisation):
    return Handover.objects.filter(
        Q(from_organisation=organisation) | Q(to_organisation=organisation)
    ).select_related("company", "from_organisation", "to_organisation", "requested_by")


def answered_handovers(organisation):
    """The organisation's answered handovers, newest answer first (read in that order from
    handover_answered_newest_idx)."""
    return (
        _ours(organisation)
        .exclude(status=Handover.Status.REQUESTED)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
    )


def handover_inbox(organisation, *, limit=INBOX_SECTION_ROWS):
    """The organisation's handover inbox, each section at most `limit` rows."""
    ours = _ours(organisation)
    pending = ours.filter(status=Handover.Status.REQUESTED).order_by("requested_at", "pk")
    sections = {
        "incoming": pending.filter(to_organisation=organisation),
        "outgoing": pending.filter(from_organisation=organisation),
        "overdue": pending.filter(requested_at__lt=timezone.now() - OVERDUE_AFTER),
        "decided": answered_handovers(organisation),
    }
    lists, more = {}, {}
    for name, rows in sections.items():
        page = list(rows[: limit + 1])
        lists[name], more[name] = page[:limit], len(page) > limit
    return Inbox(**lists, more=more, limit=limit)


def organisation_staff_with(organisation, permission):
    """The active users working in the organisation who hold the permission ("app.codename")
    directly, through a role, or as superusers: whom a handover's notice may reach."""
    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True, person__organisation=organisation)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=granted)
            | Q(groups__permissions__in=granted)
        )
        .distinct()
        .order_by("pk")
    )
