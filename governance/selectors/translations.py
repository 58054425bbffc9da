"""Reads of the translation queue: every translated text (report-derived or written in the
app) that lacks one of its versions, by kind and owner, with counts and a coverage figure
per kind.

A text's source is its original: Finnish for the report's texts, the language recorded for
it for texts people write in the app (the record's `original_language` for tasks, needs
messages, proposals, plans and their items, findings; `answer_language` for a needs
message's answer); the versions it may lack are the other two of Finnish, Swedish and
English.

Governance is the top app, so it sees the translated models of every app; each kind is one
translated field of one model. Nothing here fills a gap: a missing version stays missing
until a person writes it (Language Act 423/2003; no machine translation in the data).
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from core.translation import LANGUAGES, language_field, original_language, source_digest
from offerings import models as offerings
from segments import models as segments

from ..models import (
    Body,
    BodyResponsibility,
    ClockEvent,
    MinistryUnitRole,
    NeedsMessage,
    Plan,
    PlanItem,
    Proposal,
    QuestionAlternative,
    RegionalTask,
    StrategicQuestion,
    WorkPhase,
)

# A page of the queue: enough to work through at one sitting, and the next page follows the
# last key shown (keyset), so a deep page costs what the first does.
PAGE_SIZE = 25

LANGUAGE_NAMES = {"fi": _("suomi"), "sv": _("ruotsi"), "en": _("englanti")}


@dataclass(frozen=True)
class TextKind:
    """One translated field of one model, as the queue lists it.

    `owner` is the path to the record that answers for the text (a segment, body,
    organisation, …; "" for the record itself), `owner_field` the translated field that
    names it; `segment` the path to the owning segment's key, None when the kind belongs
    to no segment; `bodies` the paths to the bodies (working groups, regional groups, …)
    whose texts they are and `organisation` the path to the organisation, None when the
    kind has none. A kind written in the app (`core.translation.written`) has its texts'
    originals in any of the three languages, the one its `language_field` records."""

    key: str
    model: type
    field: str
    owner: str | None
    owner_field: str = "name"
    segment: str | None = None
    bodies: tuple = ()
    organisation: str | None = None

    @property
    def language_field(self):
        """The field recording the language of the kind's texts; None for the report's."""
        return language_field(self.model, self.field)

    @property
    def written(self):
        return self.language_field is not None

    @property
    def label(self):
        return format_lazy(
            "{}: {}",
            capfirst(self.model._meta.verbose_name),
            self.model._meta.get_field(self.field).verbose_name,
        )

    def current(self):
        """The kind's records that still count: archived, inactive and set-aside ones do not."""
        queryset = self.model._default_manager.all()
        names = {field.name for field in self.model._meta.get_fields()}
        if "is_archived" in names:
            queryset = queryset.filter(is_archived=False)
        if "is_active" in names:
            queryset = queryset.filter(is_active=True)
        if self.model in (segments.ServicePromise, Proposal):
            queryset = queryset.exclude(status="archived")
        if self.model is PlanItem:
            # An archived plan's items are archived with it.
            queryset = queryset.filter(plan__is_archived=False)
        return queryset

    def has_text(self, language):
        column = f"{self.field}_{language}"
        return Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})

    def has_original(self, languages=LANGUAGES):
        """Records with their original text, written in one of `languages`."""
        if not self.written:
            return self.has_text("fi") if "fi" in languages else Q(pk__in=[])
        return reduce(
            or_,
            (
                Q(**{self.language_field: language}) & self.has_text(language)
                for language in languages
            ),
        )

    def missing(self, language):
        """Records with an original text (in another language) but no text in `language`."""
        others = tuple(other for other in LANGUAGES if other != language)
        return self.has_original(others) & ~self.has_text(language)

    def of_body(self, body):
        return reduce(or_, (Q(**{path: body.pk}) for path in self.bodies))


def _kinds():
    kinds = []

    def add(model, *fields, owner=None, owner_field="name", segment=None, **paths):
        for field in fields:
            key = f"{model._meta.model_name}-{field.replace('_', '')}"
            kinds.append(TextKind(key, model, field, owner, owner_field, segment, **paths))

    add(segments.Segment, "name", "description", owner="", segment="pk")
    add(segments.Criterion, "text", owner="segment", segment="segment")
    add(segments.Goal, "text", owner="segment", segment="segment")
    add(segments.Strategy, "text", "points", owner="segment", segment="segment")
    add(segments.ServicePromise, "text", owner="segment", segment="segment")
    add(
        offerings.ServiceModel,
        *offerings.ServiceModel.TEXT_FIELDS,
        owner="segment",
        segment="segment",
    )
    add(offerings.CustomerNeed, "name", "description", owner="")
    add(offerings.Service, "name", "description", owner="owner", organisation="owner")
    add(offerings.Rationale, "title", owner="", owner_field="title")
    add(offerings.RationalePoint, "text", owner="rationale", owner_field="title")
    add(offerings.ServiceChannel, "name", owner="")
    add(Body, "name", "description", owner="", bodies=("pk",))
    add(BodyResponsibility, "text", owner="body", bodies=("body",))
    add(MinistryUnitRole, "text", owner="organisation", organisation="organisation")
    add(StrategicQuestion, "title", "description", owner="segment", segment="segment")
    add(QuestionAlternative, "text", "description", owner="question", owner_field="title")
    add(WorkPhase, "name", "description", owner="")
    add(ClockEvent, "title", "description", owner="body", bodies=("body",))
    # Texts people write in the app, in the language of their choice.
    add(Proposal, "title", "rationale", owner="body", segment="segment", bodies=("body",))
    add(
        RegionalTask,
        "description",
        "outcome",
        owner="body",
        segment="segments",
        bodies=("body",),
        organisation="organisations",
    )
    add(
        NeedsMessage,
        "subject",
        "text",
        owner="from_body",
        segment="task__segments",
        bodies=("from_body", "to_body"),
    )
    # The answer is the receiving working group's, in the language it wrote in.
    add(
        NeedsMessage,
        "answer",
        owner="to_body",
        segment="task__segments",
        bodies=("from_body", "to_body"),
    )
    add(
        Plan,
        "title",
        "description",
        owner="organisation",
        segment="segment",
        organisation="organisation",
    )
    add(
        PlanItem,
        "text",
        owner="plan",
        owner_field="title",
        segment="plan__segment",
        organisation="plan__organisation",
    )
    add(offerings.Finding, "note", owner="segment", segment="segment")
    return kinds


KINDS = _kinds()
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


def kind_choices():
    return [(kind.key, kind.label) for kind in KINDS]


@dataclass
class KindCount:
    """One kind's figures: texts with an original, and how many of them lack each
    language."""

    kind: TextKind
    total: int
    missing: dict

    def coverage(self, language):
        """The share (%) of the kind's texts that have their `language` version; None when
        the kind has no texts."""
        if not self.total:
            return None
        return round(100 * (self.total - self.missing[language]) / self.total)

    @property
    def rows(self):
        return [
            (language, self.missing[language], self.coverage(language)) for language in LANGUAGES
        ]


def _kinds_for(segment=None, body=None, organisation=None):
    """The kinds that can have texts of the segment, body and organisation chosen."""
    return [
        kind
        for kind in KINDS
        if (segment is None or kind.segment is not None)
        and (body is None or kind.bodies)
        and (organisation is None or kind.organisation is not None)
    ]


def _narrowed(queryset, kind, segment=None, body=None, organisation=None):
    """The kind's records of the segment, body and organisation chosen; none when the kind
    has no such owner."""
    if kind not in _kinds_for(segment, body, organisation):
        return queryset.none()
    if segment is not None:
        queryset = queryset.filter(**{kind.segment: segment.pk})
    if body is not None:
        queryset = queryset.filter(kind.of_body(body))
    if organisation is not None:
        queryset = queryset.filter(**{kind.organisation: organisation.pk})
    # A to-many path (a task's segments) matches one linked row of one key: no record twice.
    return queryset


def translation_counts(*, segment=None, body=None, organisation=None):
    """Each kind's figures (of the segment's, body's or organisation's texts, when given):
    one query per model, its kinds counted together."""
    chosen = {"segment": segment, "body": body, "organisation": organisation}
    kinds = _kinds_for(**chosen)
    by_model = {}
    for kind in kinds:
        by_model.setdefault(kind.model, []).append(kind)
    counts = {}
    for model_kinds in by_model.values():
        aggregates = {}
        for kind in model_kinds:
            aggregates[f"{kind.key}|total"] = Count("pk", filter=kind.has_original())
            for language in LANGUAGES:
                aggregates[f"{kind.key}|{language}"] = Count("pk", filter=kind.missing(language))
        first = model_kinds[0]
        figures = _narrowed(first.current(), first, **chosen).aggregate(**aggregates)
        for kind in model_kinds:
            counts[kind.key] = KindCount(
                kind,
                figures[f"{kind.key}|total"],
                {language: figures[f"{kind.key}|{language}"] for language in LANGUAGES},
            )
    return [counts[kind.key] for kind in kinds]


@dataclass
class QueueRow:
    """One text missing its `language` version: the record, its original text and what a
    translation of it must be posted with (the record's version and the original's
    fingerprint)."""

    kind: TextKind
    record: object
    language: str

    @property
    def source_language(self):
        return original_language(self.record, self.kind.field)

    @property
    def source_language_name(self):
        return LANGUAGE_NAMES[self.source_language]

    @property
    def original(self):
        return getattr(self.record, f"{self.kind.field}_{self.source_language}")

    @property
    def source(self):
        return source_digest(self.original)

    @property
    def version(self):
        return getattr(self.record, "version", None)

    @property
    def owner(self):
        if self.kind.owner is None:
            return None
        owner = self.record
        for step in filter(None, self.kind.owner.split("__")):
            owner = getattr(owner, step)
        return owner

    @property
    def owner_label(self):
        """What kind of record the owner is ("Segmentti", "Toimielin", …)."""
        owner = self.owner
        return capfirst(owner._meta.verbose_name) if owner is not None else ""

    @property
    def max_length(self):
        return self.kind.model._meta.get_field(f"{self.kind.field}_{self.language}").max_length

    @property
    def is_long(self):
        return self.max_length is None or self.max_length > 300


def translation_queue(
    *, kind, language, segment=None, body=None, organisation=None, after=None, size=PAGE_SIZE
):
    """A page of the kind's texts missing `language` (of the segment's, body's or
    organisation's, when given), in key order after the key `after`: (rows, the key to
    continue from or None). One query."""
    queryset = _narrowed(
        kind.current(), kind, segment=segment, body=body, organisation=organisation
    ).filter(kind.missing(language))
    if kind.owner:
        queryset = queryset.select_related(kind.owner)
    if after is not None:
        queryset = queryset.filter(pk__gt=after)
    records = list(queryset.order_by("pk")[: size + 1])
    more = len(records) > size
    records = records[:size]
    rows = [QueueRow(kind, record, language) for record in records]
    return rows, (records[-1].pk if more else None)


def queue_record(kind, pk):
    """The kind's record with key `pk` as the queue reads it, or None."""
    return kind.current().filter(pk=pk).first()
