"""Manual placements: record and remove staff's standing decisions on single companies.

A placement applies to every re-segmentation run of its years until it is removed; a run
already previewed but not applied is brought up to date at once, so that what reviewers
see is what the apply will do."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import save_with_history
from core.refusals import refuse

from .models import Company, ManualPlacement, ResegmentationRun
from .resegmentation import entries_recompute


def _previewed_runs_refresh(company, year_from, year_to=None):
    runs = ResegmentationRun.objects.select_for_update().filter(
        status=ResegmentationRun.Status.PREVIEWED,
        entries_pruned_at__isnull=True,
        year__gte=year_from,
    )
    if year_to is not None:
        runs = runs.filter(year__lte=year_to)
    for run in runs.order_by("pk"):
        entries_recompute(run, [company.pk])


@transaction.atomic
def placement_set(*, company, action, segment=None, reason, first_year, last_year=None, by):
    """Keep a company in a segment, move it to one, or leave it out of re-segmentation,
    from `first_year` (to `last_year`, if given); replaces the placement in force."""
    # One decision per company at a time: concurrent saves for it queue here.
    company = Company.objects.select_for_update().get(pk=company.pk)
    reason = (reason or "").strip()
    if action == ManualPlacement.Action.KEEP and segment is None:
        segment = company.segment
    placement = ManualPlacement(
        company=company,
        action=action,
        segment=segment if action != ManualPlacement.Action.EXCLUDE else None,
        reason=reason,
        first_year=first_year,
        last_year=last_year,
        created_by=by,
    )
    previous = ManualPlacement.objects.filter(company=company, removed_at__isnull=True).first()
    if previous is not None:
        # Checked before the previous one goes, so a refused new one leaves it in force.
        placement.full_clean(validate_constraints=False)
        previous.removed_at = timezone.now()
        previous.removed_by = by
        previous.removal_reason = _("Korvattu uudella käsin sijoituksella: %(reason)s") % {
            "reason": reason
        }
        save_with_history(previous, by=by, reason=previous.removal_reason)
    save_with_history(placement, by=by, reason=reason)
    years = [placement.first_year] + ([previous.first_year] if previous else [])
    _previewed_runs_refresh(company, min(years))
    return placement


def run_placement_set(*, run, company, action, segment, reason, last_year, by):
    """Place a company by hand from a run's year on, on the run's page: refused unless the
    run is previewed and not yet applied."""
    if run.status != ResegmentationRun.Status.PREVIEWED:
        refuse(
            _(
                "Käsin sijoituksen voi kirjata vain esikatsellulle ajolle, jota ei ole viety voimaan."
            )
        )
    return placement_set(
        company=company,
        action=action,
        segment=segment,
        reason=reason,
        first_year=run.year,
        last_year=last_year,
        by=by,
    )


@transaction.atomic
def placement_remove(*, placement, reason, by):
    """End a manual placement with a reason: later runs place the company by the rules."""
    placement = ManualPlacement.objects.select_for_update().get(pk=placement.pk)
    if placement.removed_at is not None:
        return placement
    placement.removed_at = timezone.now()
    placement.removed_by = by
    placement.removal_reason = (reason or "").strip()
    save_with_history(placement, by=by, reason=placement.removal_reason)
    _previewed_runs_refresh(placement.company, placement.first_year, placement.last_year)
    return placement
