"""The yearly re-segmentation (5.1.1): runs, their per-company results and the transitions
they write."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import reference, user_field

from .company import Company
from .fields import year_range_constraint
from .segment import Segment


class ResegmentationRun(models.Model):
    """One re-segmentation for a year: preview, review (overrides), apply; who and when."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("jonossa")
        PREVIEWING = "previewing", _("esikatselua lasketaan")
        PREVIEWED = "previewed", _("esikatselu valmis")
        APPLYING = "applying", _("viedään voimaan")
        APPLIED = "applied", _("viety voimaan")
        FAILED = "failed", _("epäonnistui")
        # The worker stopped mid-step (crash, kill, power cut): nothing of the step was kept.
        INTERRUPTED = "interrupted", _("keskeytyi")
        CANCELLED = "cancelled", _("peruttu")

    BUSY = (Status.QUEUED, Status.PREVIEWING, Status.APPLYING)
    # The steps a worker runs; an interrupted run remembers which one it was in.
    WORKER_STEPS = (Status.PREVIEWING, Status.APPLYING)

    year = models.PositiveSmallIntegerField(_("vuosi"))
    status = models.CharField(
        _("tila"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    created_by = user_field(_("käynnistäjä"), optional=True)
    created_at = models.DateTimeField(_("käynnistetty"), auto_now_add=True)
    previewed_at = models.DateTimeField(_("esikatselu valmistui"), null=True, blank=True)
    applied_by = user_field(_("voimaan vienyt"), optional=True)
    applied_at = models.DateTimeField(_("viety voimaan"), null=True, blank=True)
    progress_done = models.PositiveIntegerField(_("vaiheita valmiina"), default=0)
    progress_total = models.PositiveIntegerField(_("vaiheita yhteensä"), default=0)
    progress_message = models.CharField(_("vaihe"), max_length=200, blank=True)
    # The worker's sign of life: written at every step; a busy run whose heartbeat is older
    # than RESEGMENTATION_HEARTBEAT_LIMIT has lost its worker.
    heartbeat_at = models.DateTimeField(_("taustatyö viimeksi elossa"), null=True, blank=True)
    task_id = models.CharField(_("taustatehtävä"), max_length=64, blank=True)
    interrupted_step = models.CharField(
        _("keskeytynyt vaihe"),
        max_length=20,
        blank=True,
        choices=[(s.value, s.label) for s in WORKER_STEPS],
    )
    status_note = models.TextField(
        _("tilan perustelu"),
        blank=True,
        help_text=_("Miksi ajo peruttiin tai käynnistettiin uudelleen."),
    )
    error = models.TextField(_("virhe"), blank=True)
    company_count = models.PositiveIntegerField(_("yrityksiä"), default=0)
    mover_count = models.PositiveIntegerField(_("siirtyjiä"), default=0)
    unplaced_count = models.PositiveIntegerField(_("sijoittumattomia"), default=0)
    ready_count = models.PositiveIntegerField(_("valmiita siirtymään"), default=0)
    manual_count = models.PositiveIntegerField(_("käsin sijoitettuja"), default=0)
    # [[from segment id, rules' segment id, companies], ...] counted once at preview: the run's
    # page shows it without grouping 400,000 entries on every view.
    matrix = models.JSONField(_("siirtymämatriisi"), default=list, blank=True)
    entries_pruned_at = models.DateTimeField(
        _("yrityskohtaiset tulokset poistettu"),
        null=True,
        blank=True,
        help_text=_("Vanhan ajon 400 000 riviä poistetaan; sen luvut ja siirtymät jäävät."),
    )

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("uudelleensegmentointi")
        verbose_name_plural = _("uudelleensegmentoinnit")
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status__in=["queued", "previewing", "applying"]),
                name="run_one_busy_per_year",
                violation_error_message=_("Valitun vuoden uudelleensegmentointi on jo käynnissä."),
            ),
            year_range_constraint("year", name="run_year_range"),
        ]

    def __str__(self):
        return f"{self.year} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("segments:run_detail", args=[self.pk])

    @property
    def is_busy(self):
        return self.status in self.BUSY

    @property
    def can_retry(self):
        return self.status in (self.Status.INTERRUPTED, self.Status.FAILED)

    @property
    def can_cancel(self):
        return self.status in (
            self.Status.QUEUED,
            self.Status.PREVIEWED,
            self.Status.INTERRUPTED,
            self.Status.FAILED,
        )

    @property
    def progress_percent(self):
        if not self.progress_total:
            return 0
        return round(100 * self.progress_done / self.progress_total)


# A mover goes somewhere, and somewhere else than where it is (or it had no segment).
MOVER = Q(to_segment__isnull=False) & (
    Q(from_segment__isnull=True) | ~Q(to_segment=F("from_segment"))
)
# The run page's two lists: the movers with the companies placed by hand, and the unplaced.
LISTED_MOVERS = Q(is_listed=True) & (MOVER | Q(placement__isnull=False))
LISTED_UNPLACED = Q(is_listed=True, rule_segment__isnull=True)


def _entry_column(to, *, on_delete):
    """An optional reference of a run entry: no database constraint and no index of its own
    (see RunEntry)."""
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )


class RunEntry(models.Model):
    """What a run found for one company: where it is, where the rules place it, where it goes,
    whether it is ready to move forward. Derived data, written set-based; not historised."""

    # Written 400,000 at a time by one INSERT … SELECT: no database foreign-key checks (they
    # were most of its cost on PostgreSQL) and no index per segment column. The rows are
    # derived from companies and segments, which are never deleted (segments) or cascade
    # here through Django (companies).
    run = models.ForeignKey(
        ResegmentationRun, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="run_entries", db_constraint=False
    )
    from_segment = _entry_column(Segment, on_delete=models.PROTECT)
    # Where the rules place the company (null: no segment's rules match, "unplaced"), and
    # where it goes: the rules' segment, or a manual placement's.
    rule_segment = _entry_column(Segment, on_delete=models.PROTECT)
    to_segment = _entry_column(Segment, on_delete=models.PROTECT)
    # The manual placement that decided where the company goes, if any.
    placement = _entry_column("segments.ManualPlacement", on_delete=models.DO_NOTHING)
    is_ready_to_move = models.BooleanField(default=False)
    # For review: the company moves, is unplaced, or is placed by hand. A few percent of the
    # entries; a partial index finds them without reading the rest.
    is_listed = models.BooleanField(default=False)
    # The company's name when it is listed (empty otherwise), so that a list page is read in
    # name order from its own partial index: ordering by the company's name instead walked
    # the whole name index of 400,000 companies when a run had few movers.
    company_name = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("ajon tulos")
        verbose_name_plural = _("ajon tulokset")
        constraints = [models.UniqueConstraint(fields=["run", "company"], name="run_entry_once")]
        indexes = [
            models.Index(
                fields=["run", "company_name", "company"],
                condition=LISTED_MOVERS,
                name="run_entry_movers_idx",
            ),
            models.Index(
                fields=["run", "company_name", "company"],
                condition=LISTED_UNPLACED,
                name="run_entry_unplaced_idx",
            ),
        ]

    def __str__(self):
        return f"{self.company_id}: {self.from_segment_id} → {self.to_segment_id}"

    @property
    def is_mover(self):
        return self.to_segment_id is not None and self.to_segment_id != self.from_segment_id


class SegmentTransition(models.Model):
    """A company's move from one segment to another in a year: the segment dynamics (5).

    Append-only: it is the history of Company.segment."""

    class Cause(models.TextChoices):
        RULE = "rule", _("säännöt")
        # The value predates manual placements (it was a per-run override); kept so that
        # earlier transitions need no migration.
        OVERRIDE = "override", _("käsin sijoitus")

    company = reference(Company, _("yritys"), related_name="transitions", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("vuosi"))
    from_segment = reference(Segment, _("mistä"), related_name="+", optional=True)
    to_segment = reference(Segment, _("mihin"), related_name="+")
    cause = models.CharField(_("syy"), max_length=10, choices=Cause.choices)
    reason = models.TextField(_("perustelu"), blank=True)
    run = reference(ResegmentationRun, _("ajo"), related_name="transitions", optional=True)
    created_by = user_field(_("tekijä"), optional=True)
    created_at = models.DateTimeField(_("kirjattu"))

    class Meta:
        ordering = ["-year", "company"]
        verbose_name = _("segmenttisiirtymä")
        verbose_name_plural = _("segmenttisiirtymät")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "year"],
                name="transition_one_per_company_year",
                violation_error_message=_("Yrityksellä on jo siirtymä tälle vuodelle."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["year", "from_segment", "to_segment"], name="transition_matrix_idx"
            ),
            # The admin's order, newest first, at any page depth.
            models.Index(fields=["year", "id"], name="transition_year_idx"),
        ]

    def __str__(self):
        return f"{self.company_id} {self.year}: {self.from_segment_id} → {self.to_segment_id}"
