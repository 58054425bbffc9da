"""Writes of operational steering (5.6): clock events, plans, plan items and metrics.

Every write runs in a transaction, validates the whole row (`full_clean`) and records who
and why in the history row. Records are archived (`is_archived`), never deleted. A plan
carries a version: a save based on a stale copy is refused with STALE_EDIT_MESSAGE.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import save_with_history
from core.refusals import check_version
from core.translation import write_texts, written_fields

from ..models import ClockEvent, Metric, Plan, PlanItem

CLOCK_EVENT_FIELDS = {
    "month",
    "timing",
    "year",
    "is_recurring",
    "title_fi",
    "title_sv",
    "title_en",
    "kind",
    "level",
    "body",
    "organisation",
    "description_fi",
    "description_sv",
    "description_en",
    "order",
    "is_archived",
}
# What a plan's and a metric's writes may set, in the order the admin shows them.
PLAN_FIELDS = (
    "level",
    "year",
    "title",
    "description",
    "original_language",
    "organisation",
    "segment",
    "team",
    "person",
    "company",
    "is_archived",
)
PLAN_ITEM_FIELDS = {"kind", "text", "original_language", "order", "is_archived"}
METRIC_FIELDS = (
    "name",
    "unit",
    "year",
    "target",
    "actual",
    "higher_is_better",
    "tolerance_percent",
    "order",
    "is_archived",
)


def _assign(obj, fields, allowed, service):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{service}: unknown fields {sorted(unknown)}")
    fields = dict(fields)
    if "original_language" in fields:
        # A plan's (an item's) texts go into the column of the language they were written in.
        texts = {name: fields.pop(name) for name in written_fields(type(obj)) if name in fields}
        write_texts(obj, fields.pop("original_language"), **texts)
    for name, value in fields.items():
        setattr(obj, name, value)


@transaction.atomic
def clock_event_create(*, by, reason="", **fields):
    """Add an event to the annual planning clock."""
    event = ClockEvent()
    _assign(event, fields, CLOCK_EVENT_FIELDS, "clock_event_create")
    return save_with_history(event, by=by, reason=reason or _("Vuosikellon tapahtuma lisättiin."))


@transaction.atomic
def clock_event_update(*, event, by, reason, **fields):
    """Change (or archive) a clock event."""
    _assign(event, fields, CLOCK_EVENT_FIELDS, "clock_event_update")
    return save_with_history(event, by=by, reason=reason)


@transaction.atomic
def plan_create(*, by, reason="", **fields):
    """Write a new plan of a planning level; the writer is recorded as its author."""
    plan = Plan(created_by=by)
    _assign(plan, fields, PLAN_FIELDS, "plan_create")
    return save_with_history(plan, by=by, reason=reason or _("Suunnitelma laadittiin."))


@transaction.atomic
def plan_update(*, plan, version, by, reason, **fields):
    """Change a plan, if nobody else has saved it since `version` (else nothing changes)."""
    check_version(plan, version)
    _assign(plan, fields, PLAN_FIELDS, "plan_update")
    return save_with_history(plan, by=by, reason=reason)


@transaction.atomic
def plan_item_create(*, plan, by, reason="", **fields):
    """Add a goal, action, investment, resource or result to a plan."""
    item = PlanItem(plan=plan)
    _assign(item, fields, PLAN_ITEM_FIELDS, "plan_item_create")
    return save_with_history(item, by=by, reason=reason or _("Suunnitelman kohta lisättiin."))


@transaction.atomic
def plan_item_update(*, item, version, by, reason, **fields):
    """Change (or archive) a plan item, if nobody else has saved it since `version`."""
    check_version(item, version)
    _assign(item, fields, PLAN_ITEM_FIELDS, "plan_item_update")
    return save_with_history(item, by=by, reason=reason)


def _check_metric_unique(metric):
    # full_clean() checks the (plan, name, year) constraint too; said here in plain words
    # so the message lands on the name field.
    clash = Metric.objects.filter(plan=metric.plan, name=metric.name, year=metric.year)
    if metric.pk:
        clash = clash.exclude(pk=metric.pk)
    if clash.exists():
        raise ValidationError(
            {"name": _("Suunnitelmassa on jo tämä mittari tälle vuodelle.")}, code="unique"
        )


@transaction.atomic
def metric_create(*, plan, by, reason="", **fields):
    """Add a metric (target, and the actual when known) for a year to a plan."""
    metric = Metric(plan=plan)
    _assign(metric, fields, METRIC_FIELDS, "metric_create")
    _check_metric_unique(metric)
    return save_with_history(metric, by=by, reason=reason or _("Mittari lisättiin."))


@transaction.atomic
def metric_update(*, metric, version, by, reason, **fields):
    """Change a metric: typically record its actual; or archive it. Refused if someone else
    has saved it since `version`."""
    check_version(metric, version)
    _assign(metric, fields, METRIC_FIELDS, "metric_update")
    _check_metric_unique(metric)
    return save_with_history(metric, by=by, reason=reason)
