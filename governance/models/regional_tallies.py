"""Running counts of the regional task log for its overview (6.3): how many of a year's
active tasks each region and each segment has, by month and key task.

The counts are derived data, kept by the services that write the tasks in the same
transaction (governance.services.regional_tallies) and rebuilt or checked from the tasks by
`manage.py regional_tallies`. Nobody edits them, so they have no history
(django-simple-history) and no editable admin page.
"""

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.fields import reference

from .regional import RegionalTask


def _count_checks(prefix):
    """A count is never negative and its month is 1–12 (both tallies alike)."""
    return [
        models.CheckConstraint(
            condition=Q(n__gte=0),
            name=f"{prefix}_not_negative",
            violation_error_message=_("Tehtävien määrä ei voi olla negatiivinen."),
        ),
        models.CheckConstraint(
            condition=Q(month__gte=1, month__lte=12),
            name=f"{prefix}_month_range",
            violation_error_message=_("Kuukausi on 1–12."),
        ),
    ]


class RegionalTaskTally(models.Model):
    """The number of active tasks of one region, key task and month."""

    year = models.PositiveSmallIntegerField(_("vuosi"))
    month = models.PositiveSmallIntegerField(_("kuukausi"))
    region = reference("segments.Region", _("alue"), related_name="+")
    kind = models.CharField(_("tehtäväalue"), max_length=40, choices=RegionalTask.Kind.choices)
    n = models.PositiveIntegerField(_("tehtäviä"), default=0)

    class Meta:
        ordering = ["year", "month", "region", "kind"]
        verbose_name = _("alueellisten tehtävien määrä alueittain")
        verbose_name_plural = _("alueellisten tehtävien määrät alueittain")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "month", "region", "kind"],
                name="regional_task_tally_one_row_per_key",
            ),
            *_count_checks("regional_task_tally"),
        ]

    def __str__(self):
        return f"{self.month}/{self.year} {self.region_id} {self.kind}: {self.n}"


class RegionalSegmentTally(models.Model):
    """The number of active tasks naming one segment (or none: `segment` empty), of one key
    task and month; a task naming several segments counts once under each."""

    year = models.PositiveSmallIntegerField(_("vuosi"))
    month = models.PositiveSmallIntegerField(_("kuukausi"))
    segment = reference("segments.Segment", _("segmentti"), related_name="+", optional=True)
    kind = models.CharField(_("tehtäväalue"), max_length=40, choices=RegionalTask.Kind.choices)
    n = models.PositiveIntegerField(_("tehtäviä"), default=0)

    class Meta:
        ordering = ["year", "month", "segment", "kind"]
        verbose_name = _("alueellisten tehtävien määrä segmenteittäin")
        verbose_name_plural = _("alueellisten tehtävien määrät segmenteittäin")
        constraints = [
            # NULLs are distinct in a unique index: the "no segment" rows are made one key
            # by coalescing to 0 (no segment has key 0), on SQLite and PostgreSQL alike.
            models.UniqueConstraint(
                F("year"),
                F("month"),
                Coalesce("segment", Value(0)),
                F("kind"),
                name="regional_segment_tally_one_row_per_key",
            ),
            *_count_checks("regional_segment_tally"),
        ]

    def __str__(self):
        return f"{self.month}/{self.year} {self.segment_id or '-'} {self.kind}: {self.n}"
