"""Overlaps and gaps of the offering (5.2, 6.2): which services meet each customer need in
each segment, who produces them, and where a need is met by no one or by several actors."""

import io
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.translation import text_served
from segments.exports import FORMULA_STARTS
from segments.models import Segment

from .models import CustomerNeed, Finding, Organisation, SegmentOffering, Service

# The offering that counts by default: services in use and those being harmonised (5.2's
# first path); planned services do not yet meet a need and retired ones no longer do.
DEFAULT_STATUSES = (Service.Status.CURRENT, Service.Status.HARMONISING)

# The TE-centres are 15 organisations but one actor: a service that all of them produce, each
# in its own region, is one service offered everywhere, not fifteen overlapping ones. When
# counting the actors that serve a cell, every organisation of kind te_centre counts as this
# one actor; an overlap is two or more distinct actors.
TE_CENTRES_ACTOR = "te_centres"


class CellState(models.TextChoices):
    """How well the offering covers a need in a segment."""

    GAP = "gap", gettext_lazy("puute")
    OVERLAP = "overlap", gettext_lazy("päällekkäisyys")
    SERVED = "served", gettext_lazy("katettu")
    NOT_RELEVANT = "not_relevant", gettext_lazy("ei olennainen")


def segment_choices():
    """The segments the matrix has columns for: active company segments, confirmed and
    candidates, in number order (the needs are companies' needs, so communities are left out)."""
    return Segment.objects.filter(
        is_active=True, customer_group=Segment.CustomerGroup.COMPANY
    ).order_by("number")


@dataclass
class CellService:
    """A service in a cell and who produces it; TE-centres are summarised as one label."""

    service: Service
    producers: list

    @property
    def producer_label(self):
        return producer_label(self.producers)


@dataclass
class Cell:
    """One need in one segment: the basic services of the segment that meet it, and its state."""

    need: CustomerNeed
    segment: Segment
    is_relevant: bool
    services: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    has_open_finding: bool = False

    @property
    def state(self):
        if not self.services:
            return CellState.GAP if self.is_relevant else CellState.NOT_RELEVANT
        return CellState.OVERLAP if len(self.actors) >= 2 else CellState.SERVED

    @property
    def state_label(self):
        return CellState(self.state).label

    @property
    def is_finding(self):
        """A gap or an overlap: something a working group should look at (6.2)."""
        return self.state in (CellState.GAP, CellState.OVERLAP)


@dataclass
class SegmentCounts:
    segment: Segment
    gaps: int = 0
    overlaps: int = 0


@dataclass
class OfferingMatrix:
    """Needs as rows, segments as columns, a cell for each pair; and the counts."""

    needs: list
    segments: list
    rows: list  # [(need, [cell per segment])]
    segment_counts: list
    statuses: tuple
    organisation: Organisation | None

    @property
    def gap_count(self):
        return sum(c.gaps for c in self.segment_counts)

    @property
    def overlap_count(self):
        return sum(c.overlaps for c in self.segment_counts)

    @property
    def has_demo_services(self):
        return any(
            s.service.is_demo for _need, cells in self.rows for c in cells for s in c.services
        )

    def cell(self, need, segment):
        """The cell of a need (object or code) and a segment (object or code)."""
        need_code = getattr(need, "code", need)
        segment_code = getattr(segment, "code", segment)
        for row_need, cells in self.rows:
            if row_need.code == need_code:
                for cell in cells:
                    if cell.segment.code == segment_code:
                        return cell
        raise KeyError((need_code, segment_code))

    def findings(self):
        """The gaps and overlaps, segment by segment, needs in order."""
        by_segment = [
            [cells[index] for _need, cells in self.rows] for index in range(len(self.segments))
        ]
        return [cell for cells in by_segment for cell in cells if cell.is_finding]


def _actor(organisation):
    return TE_CENTRES_ACTOR if organisation.kind == Organisation.Kind.TE_CENTRE else organisation.pk


def _organisation_label(organisation):
    return organisation.abbreviation or organisation.name


def producer_label(producers):
    """Producers in words: each organisation by its abbreviation or name, the TE-centres
    together as "TE-keskukset (n)" when there are several of them."""
    te_centres = [o for o in producers if o.kind == Organisation.Kind.TE_CENTRE]
    labels = [_organisation_label(o) for o in producers if o.kind != Organisation.Kind.TE_CENTRE]
    if len(te_centres) == 1:
        labels.append(te_centres[0].name)
    elif te_centres:
        labels.append(_("TE-keskukset (%(count)s)") % {"count": len(te_centres)})
    return ", ".join(labels)


def actor_label(actor, organisations):
    if actor == TE_CENTRES_ACTOR:
        return _("TE-keskukset")
    return _organisation_label(organisations[actor])


def offering_matrix(*, organisation=None, status=None, segments=None):
    """The needs × segments matrix of basic services, with gaps and overlaps counted.

    `organisation`: only services it produces count (a gap then means that it does not meet
    the need; an overlap, that its services there are produced with other actors).
    `status`: the service statuses that count (default: current and harmonising).
    `segments`: a subset of the matrix's segments (default: all of them).
    Computed in a constant number of queries, whatever the number of services.
    """
    statuses = tuple(Service.Status(s) for s in status) if status else DEFAULT_STATUSES
    needs = list(CustomerNeed.objects.filter(is_active=True).order_by("order", "code"))
    columns = _columns(segments)
    offering = _Offering.read(
        segment_ids=[s.pk for s in columns], statuses=statuses, organisation=organisation
    )
    counts = {s.pk: SegmentCounts(segment=s) for s in columns}
    rows = []
    for need in needs:
        cells = [offering.cell(need, segment) for segment in columns]
        for cell in cells:
            _count(counts[cell.segment.pk], cell)
        rows.append((need, cells))
    return OfferingMatrix(
        needs=needs,
        segments=columns,
        rows=rows,
        segment_counts=list(counts.values()),
        statuses=statuses,
        organisation=organisation,
    )


def _columns(segments):
    """The matrix's segments: all of segment_choices(), or those of `segments` among them."""
    columns = segment_choices()
    if segments is not None:
        columns = columns.filter(pk__in=[getattr(s, "pk", s) for s in segments])
    return list(columns)


def _count(counts, cell):
    if cell.state == CellState.GAP:
        counts.gaps += 1
    elif cell.state == CellState.OVERLAP:
        counts.overlaps += 1


def _producers_of(service_ids):
    """{service id: its producers in the organisations' order}, and {id: organisation}."""
    links = Service.producers.through.objects.filter(service_id__in=service_ids)
    organisations = {
        o.pk: o for o in Organisation.objects.filter(pk__in=links.values("organisation_id"))
    }
    producers = {}
    for service_id, organisation_id in links.values_list("service_id", "organisation_id"):
        producers.setdefault(service_id, []).append(organisations[organisation_id])
    for producer_list in producers.values():
        producer_list.sort(key=lambda o: (o.order, o.code))
    return producers, organisations


@dataclass
class _Offering:
    """What the matrix is computed from, read in a fixed number of queries: which needs are
    relevant to which segments, the services in each cell, their producers, open findings."""

    relevant: set  # {(need id, segment id)}
    by_cell: dict  # {(need id, segment id): {service id}}
    services: dict  # {service id: Service}
    producers: dict  # {service id: [Organisation]}
    organisations: dict  # {organisation id: Organisation}
    open_findings: set  # {(segment id, need id, kind)}

    @classmethod
    def read(cls, *, segment_ids, statuses, organisation):
        relevant = CustomerNeed.segments.through.objects.filter(
            customerneed__is_active=True, segment_id__in=segment_ids
        ).values_list("customerneed_id", "segment_id")
        # One row per (segment, service, need) the segments' basic services meet.
        offered = SegmentOffering.objects.filter(
            kind=SegmentOffering.Kind.BASIC,
            segment_id__in=segment_ids,
            service__status__in=statuses,
            service__needs__is_active=True,
        )
        if organisation is not None:
            offered = offered.filter(service__producers=organisation)
        by_cell = {}
        for segment_id, need_id, service_id in offered.values_list(
            "segment_id", "service__needs", "service_id"
        ).order_by():
            by_cell.setdefault((need_id, segment_id), set()).add(service_id)
        service_ids = offered.values("service_id")
        services = Service.objects.filter(pk__in=service_ids).only(
            "pk", "name_fi", "name_sv", "name_en", "is_demo", "status"
        )
        producers, organisations = _producers_of(service_ids)
        open_findings = Finding.objects.filter(
            status=Finding.Status.OPEN, segment_id__in=segment_ids
        ).values_list("segment_id", "need_id", "kind")
        return cls(
            relevant=set(relevant),
            by_cell=by_cell,
            services={s.pk: s for s in services},
            producers=producers,
            organisations=organisations,
            open_findings=set(open_findings.order_by()),
        )

    def cell(self, need, segment):
        """The cell of a need and a segment: its services with their producers, the actors."""
        key = (need.pk, segment.pk)
        cell = Cell(need=need, segment=segment, is_relevant=key in self.relevant)
        in_cell = sorted(
            (self.services[pk] for pk in self.by_cell.get(key, ())),
            key=lambda s: (s.name.lower(), s.pk),
        )
        actors = {}  # actor: its place in the organisations' order
        for service in in_cell:
            producers = self.producers.get(service.pk, [])
            cell.services.append(CellService(service=service, producers=producers))
            for producer in producers:
                place = (producer.order, producer.code)
                actor = _actor(producer)
                actors[actor] = min(actors.get(actor, place), place)
        cell.actors = [
            actor_label(a, self.organisations) for a in sorted(actors, key=actors.__getitem__)
        ]
        cell.has_open_finding = (segment.pk, need.pk, cell.state) in self.open_findings
        return cell


# The matrix as a workbook ------------------------------------------------------------------


def _localized(obj, field_name):
    return text_served(obj, field_name)[0]


def _text(value):
    # A cell starting with = + - @ is a formula to Excel and LibreOffice (OWASP: CSV injection).
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _services_text(cell):
    return "\n".join(
        f"{_localized(s.service, 'name')} ({s.producer_label})"
        if s.producers
        else _localized(s.service, "name")
        for s in cell.services
    )


def _cell_text(cell):
    services = _services_text(cell)
    if cell.state == CellState.GAP:
        return _("PUUTE")
    if cell.state == CellState.OVERLAP:
        return _("PÄÄLLEKKÄISYYS: %(services)s") % {"services": services}
    return services


def matrix_xlsx(matrix):
    """The matrix as XLSX: the needs × segments sheet and one row per gap or overlap."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Matriisi")[:31]
    sheet.append([_("Tarve"), *(_text(_localized(s, "name")) for s in matrix.segments)])
    for need, cells in matrix.rows:
        sheet.append([_text(_localized(need, "name")), *(_text(_cell_text(c)) for c in cells)])
    sheet.column_dimensions["A"].width = 35
    for index in range(len(matrix.segments)):
        sheet.column_dimensions[sheet.cell(row=1, column=index + 2).column_letter].width = 40

    findings = workbook.create_sheet(_("Puutteet ja päällekkäisyydet")[:31])
    findings.append([_("Segmentti"), _("Tarve"), _("Laji"), _("Palvelut"), _("Tuottajat")])
    for cell in matrix.findings():
        findings.append(
            [
                _text(_localized(cell.segment, "name")),
                _text(_localized(cell.need, "name")),
                str(cell.state_label),
                _text("\n".join(_localized(s.service, "name") for s in cell.services)),
                _text(", ".join(cell.actors)),
            ]
        )
    for column, width in zip("ABCDE", (35, 35, 18, 50, 40), strict=True):
        findings.column_dimensions[column].width = width

    for worksheet in (sheet, findings):
        for header in worksheet[1]:
            header.font = Font(bold=True)
        for row in worksheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
