"""Coverage counts (5.4): per segment, the active companies and those with an active lead,
kept current by the database itself so that the coverage page reads a dozen rows instead
of grouping every company and lead on each request."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The key of the companies placed in no segment (segment keys are the segments' ids, >= 1).
UNPLACED = 0


class CoverageCount(models.Model):
    """One segment's active companies and those of them with an active lead.

    Derived data, written by triggers on the company and assignment tables in the same
    statement as the change (responsibility/sql/), so every path that moves a company or
    starts or ends a lead keeps it right, the yearly run's bulk UPDATE included. It keeps
    no history: it is recomputed from the rows it counts (`manage.py coverage_counts`)."""

    segment_key = models.IntegerField(_("segmentti"), primary_key=True)
    companies = models.IntegerField(_("yrityksiä"), default=0)
    with_lead = models.IntegerField(_("päävastuullinen nimetty"), default=0)

    class Meta:
        verbose_name = _("asiakasvastuun kattavuusluku")
        verbose_name_plural = _("asiakasvastuun kattavuusluvut")
        constraints = [
            models.CheckConstraint(
                condition=Q(with_lead__gte=0) & Q(with_lead__lte=F("companies")),
                name="coverage_count_with_lead_within_companies",
            ),
        ]

    def __str__(self):
        return f"{self.segment_key}: {self.with_lead}/{self.companies}"
