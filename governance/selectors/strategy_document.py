"""The strategy document's contents (issue 15): the year's customer strategy assembled from
live data in the 2008 report's own structure, as plain data that every format renders.

Read in a constant number of queries whatever the number of segments, services or
companies: the key figures come from counts the database keeps (coverage) or aggregates
(transitions), never from the company rows one by one."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from core.translation import line_items, text_served
from offerings.models import (
    DevelopmentItem,
    Finding,
    Organisation,
    Rationale,
    RationalePoint,
    SegmentOffering,
    Service,
    ServiceModel,
)
from responsibility.models import DataSharingSetting, ResponsibilityPolicy
from responsibility.selectors.coverage import coverage
from segments.models import Attribute, Goal, ServicePromise, Strategy
from segments.selectors import criteria_in_order, dynamics, goals_by_perspective
from segments.selectors.segments import segment_detail_queryset

from ..document.blocks import Flows, ItemList, Paragraph, Section, StrategyDocument, Table, Text
from ..models import (
    Body,
    BodyResponsibility,
    Decision,
    DecisionEffect,
    Membership,
    MinistryUnitRole,
)
from .decisions import question_list
from .steering import clock_events, work_phases
from .structure import TIERS

LANGUAGES = ("fi", "sv", "en")


def strategy_document(*, year=None, language="fi"):
    """The customer strategy of `year` (this year by default) in `language` (fi, sv, en):
    title page facts and the sections 2.2–8 with the year's key figures as an appendix."""
    language = language if language in LANGUAGES else "fi"
    year = year or timezone.localdate().year
    with translation.override(language):
        return _Assembly(year=year, language=language).document()


class _Assembly:
    """One reading of the data, turned into sections in the document's language."""

    def __init__(self, *, year, language):
        self.year = year
        self.language = language
        self.segments = list(
            segment_detail_queryset()
            .filter(is_active=True)
            .select_related(
                "responsibility_policy__lead_organisation",
                "responsibility_policy__team_lead_organisation",
            )
            .prefetch_related(
                Prefetch(
                    "service_model",
                    queryset=ServiceModel.objects.prefetch_related("service_channels"),
                )
            )
            .order_by("number")
        )
        self.item_decisions = _item_decisions()

    # Texts -------------------------------------------------------------------------------

    def t(self, obj, field):
        """A translated field in the document's language, or the Finnish original marked fi."""
        text, lang = text_served(obj, field)
        return Text(text, lang)

    def ui(self, text):
        """A text in the document's own language (a label, a number, a choice's name)."""
        return Text(str(text), self.language)

    def fi(self, text):
        """A text people write only in Finnish (a decision's title, a finding's note)."""
        return Text(text or "", "fi" if text else self.language)

    def number(self, value):
        return self.ui(number_format(value, force_grouping=True))

    def decision_ref(self, model, pk):
        decision = self.item_decisions.get((model, pk))
        return self.ui(_decision_words(decision) if decision else "—")

    # The document ------------------------------------------------------------------------

    def document(self):
        now = timezone.localtime()
        return StrategyDocument(
            title=_("Asiakkuusstrategia %(year)s") % {"year": self.year},
            year=self.year,
            language=self.language,
            generated_at=date_format(now, "SHORT_DATETIME_FORMAT"),
            subtitle=_(
                "Työ- ja elinkeinoministeriön konsernin asiakkuusstrategia yritysasiakkaille"
            ),
            sections=[
                self.customers(),
                self.public_actors(),
                self.rationales(),
                self.segment_strategies(),
                self.governance(),
                self.roadmap(),
                self.decisions(),
                self.key_figures(),
            ],
        )

    def section(self, number, title, blocks=(), sections=()):
        return Section(number, self.ui(title), list(blocks), list(sections))

    # 2.2 ---------------------------------------------------------------------------------

    def customers(self):
        rows = [
            [
                self.ui(segment.number),
                self.t(segment, "name"),
                self.ui(segment.get_kind_display()),
                self.t(segment, "description"),
            ]
            for segment in self.segments
        ]
        return self.section(
            "2.2",
            _("Asiakkaat ja asiakassegmentit"),
            [
                Table(
                    _("Asiakassegmentit ja niiden tyyppikuvaukset"),
                    [_("Nro"), _("Segmentti"), _("Laji"), _("Tyyppikuvaus")],
                    rows,
                )
            ],
        )

    # 3 -----------------------------------------------------------------------------------

    def public_actors(self):
        organisations = Organisation.objects.filter(is_active=True).order_by("order", "code")
        rows = [
            [self.t(org, "name"), self.ui(org.abbreviation or "—"), self.ui(org.get_kind_display())]
            for org in organisations
        ]
        return self.section(
            "3",
            _("Julkiset toimijat"),
            [Table(_("Konsernin toimijat"), [_("Toimija"), _("Lyhenne"), _("Tyyppi")], rows)],
        )

    # 4 -----------------------------------------------------------------------------------

    def rationales(self):
        rationales = Rationale.objects.prefetch_related(
            Prefetch("points", queryset=RationalePoint.objects.order_by("order", "pk"))
        ).order_by("order", "pk")
        sections = [
            Section(
                f"4.{index}",
                self.t(rationale, "title"),
                [ItemList([self.t(point, "text") for point in rationale.points.all()])],
            )
            for index, rationale in enumerate(rationales, start=1)
        ]
        return self.section("4", _("Julkisten yrityspalvelujen perusteet"), sections=sections)

    # 5 -----------------------------------------------------------------------------------

    def segment_strategies(self):
        attributes = Attribute.objects.by_code()
        offerings = self._offerings()
        findings = self._findings()
        development = self._development()
        segment_sections = [self.segment_section(s, attributes) for s in self.segments]
        offering_sections = [
            self.offering_section(index, segment, offerings, findings, development)
            for index, segment in enumerate(self.segments, start=1)
        ]
        return self.section(
            "5",
            _("Asiakassegmenttikohtaiset strategiat"),
            sections=[
                self.section("5.1", _("Asiakassegmentit"), sections=segment_sections),
                self.section(
                    "5.2", _("Tarjooma ja palvelumallit segmenteittäin"), sections=offering_sections
                ),
                self.responsibility(),
                self.customer_data(),
            ],
        )

    def segment_section(self, segment, attributes):
        blocks = [Paragraph(self.t(segment, "description"), _("Tyyppikuvaus"))]
        criteria_rows = []
        for criterion in _criteria(segment, attributes):
            criteria_rows.append(
                [
                    self.ui(criterion.get_kind_display()),
                    self.t(criterion, "text")
                    if criterion.is_defined
                    else self.ui(_("ei vielä määritelty")),
                    self.ui(criterion.rules_text or "—"),
                ]
            )
        blocks.append(
            Table(
                _("Kriteerit (5.1.1)"),
                [_("Kriteeri"), _("Sanallisesti"), _("Sääntönä")],
                criteria_rows,
            )
        )
        public, customer = goals_by_perspective(segment)
        goal_rows = [
            [
                self.ui(goal.get_perspective_display()),
                self.t(goal, "text"),
                self.ui(goal.get_status_display()),
                self.decision_ref("goal", goal.pk),
            ]
            for goal in [*public, *customer]
        ]
        blocks.append(
            Table(
                _("Tavoitteet (5.1.2)"),
                [_("Näkökulma"), _("Tavoite"), _("Tila"), _("Päätös")],
                goal_rows,
            )
        )
        strategy = _strategy(segment)
        if strategy is not None:
            blocks.append(Paragraph(self.t(strategy, "text"), _("Strategia (5.1.3)")))
            points, lang = text_served(strategy, "points")
            if line_items(points):
                blocks.append(ItemList([Text(p, lang) for p in line_items(points)]))
            status = f"{strategy.get_status_display()}; {_('päätös')}: "
            status += self.decision_ref("strategy", strategy.pk).text
            blocks.append(Paragraph(self.ui(status), _("Strategian tila")))
        confirmed = [
            p for p in segment.promises.all() if p.status == ServicePromise.Status.CONFIRMED
        ]
        open_ = [
            p
            for p in segment.promises.all()
            if p.status in (ServicePromise.Status.ALTERNATIVE, ServicePromise.Status.PROPOSED)
        ]
        if confirmed:
            blocks.append(Paragraph(self.t(confirmed[0], "text"), _("Vahvistettu palvelulupaus")))
            blocks.append(
                Paragraph(self.decision_ref("servicepromise", confirmed[0].pk), _("Päätös"))
            )
        else:
            blocks.append(
                Paragraph(self.ui(_("ei vielä vahvistettu")), _("Vahvistettu palvelulupaus"))
            )
        if open_:
            blocks.append(
                ItemList([self.t(p, "text") for p in open_], _("Avoimet lupausvaihtoehdot"))
            )
        number = f"5.1.{self.segments.index(segment) + 1}"
        return Section(number, self.t(segment, "name"), blocks, [])

    def _offerings(self):
        offerings = (
            SegmentOffering.objects.exclude(service__status=Service.Status.RETIRED)
            .select_related("service", "from_segment", "to_segment")
            .prefetch_related(
                Prefetch(
                    "service__producers", queryset=Organisation.objects.order_by("order", "code")
                )
            )
            .order_by("service__name_fi", "pk")
        )
        return list(offerings)

    def _findings(self):
        return list(
            Finding.objects.filter(status=Finding.Status.OPEN)
            .select_related("need")
            .order_by("need__order", "kind", "pk")
        )

    def _development(self):
        return list(
            DevelopmentItem.objects.filter(kind=DevelopmentItem.Kind.HARMONISATION)
            .select_related("coordinator")
            .prefetch_related("segments")
            .order_by("deadline", "title", "pk")
        )

    def _service_row(self, offering):
        producers = ", ".join(
            org.abbreviation or text_served(org, "name")[0]
            for org in offering.service.producers.all()
        )
        return [self.t(offering.service, "name"), self.ui(producers or "—")]

    def offering_section(self, index, segment, offerings, findings, development):
        basic = [
            o
            for o in offerings
            if o.kind == SegmentOffering.Kind.BASIC and o.segment_id == segment.pk
        ]
        transitions = [
            o
            for o in offerings
            if o.kind == SegmentOffering.Kind.TRANSITION
            and segment.pk in (o.from_segment_id, o.to_segment_id)
        ]
        blocks = [
            Table(
                _("Peruspalvelut"),
                [_("Palvelu"), _("Tuottajat")],
                [self._service_row(o) for o in basic],
            ),
            Table(
                _("Täsmäpalvelut segmentistä toiseen siirtyville"),
                [_("Palvelu"), _("Tuottajat"), _("Siirtymä")],
                [
                    [
                        *self._service_row(o),
                        Text(
                            f"{text_served(o.from_segment, 'name')[0]} → {text_served(o.to_segment, 'name')[0]}",
                            text_served(o.to_segment, "name")[1],
                        ),
                    ]
                    for o in transitions
                ],
            ),
            Table(
                _("Havaitut päällekkäisyydet ja puutteet"),
                [_("Laji"), _("Asiakastarve"), _("Huomio")],
                [
                    [self.ui(f.get_kind_display()), self.t(f.need, "name"), self.fi(f.note)]
                    for f in findings
                    if f.segment_id == segment.pk
                ],
            ),
            Table(
                _("Nykytarjooman yhteensovittaminen"),
                [_("Aihe"), _("Koordinaattori"), _("Määräaika"), _("Tila")],
                [
                    [
                        self.fi(item.title),
                        self.t(item.coordinator, "name") if item.coordinator else self.ui("—"),
                        self.ui(
                            date_format(item.deadline, "SHORT_DATE_FORMAT")
                            if item.deadline
                            else "—"
                        ),
                        self.ui(item.get_status_display()),
                    ]
                    for item in development
                    if any(s.pk == segment.pk for s in item.segments.all())
                ],
            ),
        ]
        model = _service_model(segment)
        if model is not None:
            rows = [
                [self.ui(ServiceModel._meta.get_field(name).verbose_name), self.t(model, name)]
                for name in ServiceModel.TEXT_FIELDS
                if getattr(model, f"{name}_fi")
            ]
            if model.initiative:
                rows.append(
                    [self.ui(_("kenen aloitteesta")), self.ui(model.get_initiative_display())]
                )
            channels = [text_served(c, "name")[0] for c in model.service_channels.all()]
            if channels:
                rows.append([self.ui(_("palvelukanavat")), self.ui(", ".join(channels))])
            blocks.append(Table(_("Palvelumalli (5.3)"), [_("Kohta"), _("Sisältö")], rows))
        return Section(f"5.2.{index}", self.t(segment, "name"), blocks, [])

    def responsibility(self):
        rows = []
        for segment in self.segments:
            policy = _policy(segment)
            if policy is None:
                rows.append(
                    [self.t(segment, "name"), self.ui(_("ei vielä päätetty")), *[self.ui("—")] * 3]
                )
                continue
            rows.append(
                [
                    self.t(segment, "name"),
                    self.ui(policy.get_mode_display()),
                    self.t(policy.lead_organisation, "name")
                    if policy.lead_organisation
                    else self.ui("—"),
                    self.ui(
                        (_("kyllä") if policy.forms_customer_teams else _("ei"))
                        + (
                            f" ({text_served(policy.team_lead_organisation, 'name')[0]})"
                            if policy.team_lead_organisation
                            else ""
                        )
                    ),
                    self.fi(policy.decision_reference)
                    if policy.decision_reference
                    else self.ui("—"),
                ]
            )
        return self.section(
            "5.4",
            _("Asiakasvastuu"),
            [
                Table(
                    _("Asiakasvastuun malli segmenteittäin"),
                    [
                        _("Segmentti"),
                        _("Malli"),
                        _("Päävastuullinen"),
                        _("Asiakkuustiimit"),
                        _("Päätös"),
                    ],
                    rows,
                )
            ],
        )

    def customer_data(self):
        # The one row exists once someone has set the choice; until then it is undecided.
        setting = DataSharingSetting.objects.filter(pk=1).first()
        strategy = DataSharingSetting.Strategy(
            setting.strategy if setting else DataSharingSetting.Strategy.UNDECIDED
        )
        blocks = [Paragraph(self.ui(strategy.label), _("Linjaus"))]
        if setting and setting.decision_reference:
            blocks.append(Paragraph(self.fi(setting.decision_reference), _("Päätös")))
        return self.section("5.5", _("Asiakastieto"), blocks)

    # 6 -----------------------------------------------------------------------------------

    def governance(self):
        bodies = list(
            Body.objects.active()
            .select_related("lead_organisation")
            .prefetch_related(
                Prefetch(
                    "responsibilities",
                    queryset=BodyResponsibility.objects.filter(is_archived=False).order_by(
                        "order", "pk"
                    ),
                ),
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(is_archived=False)
                    .select_related("organisation")
                    .order_by("organisation__order", "role", "pk"),
                ),
            )
            .order_by("order", "code")
        )
        today = timezone.localdate()
        tier_titles = {
            1: _("Asiakkuusstrategiaryhmä, työvaliokunta ja neuvottelukunta"),
            2: _("Asiakassegmenttikohtaiset työryhmät"),
            3: _("Alueelliset asiakkuustyöryhmät"),
        }
        tiers = []
        for tier, kinds in TIERS:
            blocks = []
            for body in (b for b in bodies if b.kind in kinds):
                blocks.append(Paragraph(self.t(body, "name"), _("Toimielin")))
                duties = [self.t(r, "text") for r in body.responsibilities.all()]
                if duties:
                    blocks.append(ItemList(duties, _("Tehtävät")))
                members = _members_by_organisation(body, today)
                if members:
                    blocks.append(
                        Table(
                            _("Jäsenet organisaatioittain: %(body)s")
                            % {"body": text_served(body, "name")[0]},
                            [_("Organisaatio"), _("Roolit")],
                            [[self.t(org, "name"), self.ui(roles)] for org, roles in members],
                        )
                    )
            tiers.append(self.section(f"6.{tier}", tier_titles[tier], blocks))
        roles = (
            MinistryUnitRole.objects.filter(is_archived=False)
            .select_related("organisation")
            .order_by("organisation__order", "order", "pk")
        )
        tiers.append(
            self.section(
                "6.4",
                _("Ministeriön yksiköiden roolit"),
                [
                    Table(
                        _("Ministeriön yksiköiden roolit"),
                        [_("Yksikkö"), _("Rooli")],
                        [[self.t(r.organisation, "name"), self.t(r, "text")] for r in roles],
                    )
                ],
            )
        )
        return self.section("6", _("Asiakkuusstrategiatyön ohjausmalli"), sections=tiers)

    # 7 -----------------------------------------------------------------------------------

    def roadmap(self):
        rows = [
            [
                self.t(phase, "name"),
                self._phase_timing(phase),
                self.ui(phase.get_status_display()),
                self.t(phase.organisation, "name") if phase.organisation else self.ui("—"),
            ]
            for phase in work_phases()
        ]
        return self.section(
            "7",
            _("Työn eteneminen"),
            [Table(_("Työn vaiheet"), [_("Vaihe"), _("Aikataulu"), _("Tila"), _("Vastuu")], rows)],
        )

    def _phase_timing(self, phase):
        if phase.starts_on or phase.ends_on:
            start = date_format(phase.starts_on, "SHORT_DATE_FORMAT") if phase.starts_on else ""
            end = date_format(phase.ends_on, "SHORT_DATE_FORMAT") if phase.ends_on else ""
            return self.ui(f"{start}–{end}")
        # The report's words for the timing are Finnish only.
        return self.fi(phase.timing) if phase.timing else self.ui("—")

    # 8 -----------------------------------------------------------------------------------

    def decisions(self):
        decisions = Decision.objects.select_related("decided_by").order_by("year", "number")
        decided = Table(
            _("Tehdyt päätökset"),
            [_("Päätös"), _("Päivämäärä"), _("Asia"), _("Ratkaisu")],
            [
                [
                    self.ui(d.reference),
                    self.ui(date_format(d.date, "SHORT_DATE_FORMAT")),
                    self.fi(d.title),
                    self.ui(d.get_outcome_display()),
                ]
                for d in decisions
            ],
        )
        questions = []
        for index, question in enumerate(question_list(), start=1):
            blocks = [Paragraph(self.ui(question.get_status_display()), _("Tila"))]
            if question.description_fi:
                blocks.append(Paragraph(self.t(question, "description"), _("Kuvaus")))
            alternatives = []
            for alt in question.alternatives.all():
                text, lang = text_served(alt, "text")
                if not text:
                    text, lang = _("(vaihtoehtoa ei ole vielä muotoiltu)"), self.language
                prefix = f"{alt.label} " if alt.label else ""
                suffix = f" — {_('valittu')}" if alt.is_chosen else ""
                alternatives.append(Text(f"{prefix}{text}{suffix}", lang))
            if alternatives:
                blocks.append(ItemList(alternatives, _("Vaihtoehdot")))
            if question.decision_id:
                blocks.append(Paragraph(self.ui(_decision_words(question.decision)), _("Päätös")))
            title = self.t(question, "title")
            if question.segment_id:
                # Several segments ask the same question: the segment tells them apart.
                name = text_served(question.segment, "name")[0]
                title = Text(f"{title.text} ({name})", title.lang)
            questions.append(Section(f"8.{index + 1}", title, blocks, []))
        return self.section(
            "8",
            _("Päätökset ja strategiset kysymykset"),
            sections=[self.section("8.1", _("Tehdyt päätökset"), [decided]), *questions],
        )

    # Appendix: the year's key figures ---------------------------------------------------

    def key_figures(self):
        rows, unplaced, total = coverage()
        coverage_rows = [
            [
                self.t(row.segment, "name"),
                self.number(row.companies),
                self.number(row.with_lead),
                self.ui(f"{number_format(row.share, 1)} %" if row.share is not None else "—"),
            ]
            for row in rows
        ]
        coverage_rows.append(
            [
                self.ui(_("ei segmenttiä")),
                self.number(unplaced.companies),
                self.number(unplaced.with_lead),
                self.ui("—"),
            ]
        )
        coverage_rows.append(
            [
                self.ui(_("Yhteensä")),
                self.number(total.companies),
                self.number(total.with_lead),
                self.ui(f"{number_format(total.share, 1)} %" if total.share is not None else "—"),
            ]
        )
        figures = [
            Table(
                _("Yritykset ja päävastuullisen kattavuus segmenteittäin"),
                [_("Segmentti"), _("Yrityksiä"), _("Päävastuullinen nimetty"), _("Kattavuus")],
                coverage_rows,
            )
        ]
        moves = dynamics(str(self.year))
        if moves.year is not None:
            caption = _("Siirtymät segmenttien välillä vuonna %(year)s") % {"year": moves.year}
            figures.append(Flows(caption, [list(f) for f in moves.flows], moves.languages))
            figures.append(
                Table(
                    caption,
                    [_("Mistä"), _("Mihin"), _("Yrityksiä")],
                    [
                        [
                            Text(source, moves.languages.get(source, self.language)),
                            Text(target, moves.languages.get(target, self.language)),
                            self.number(count),
                        ]
                        for source, target, count in moves.flows_by_size
                    ],
                )
            )
        else:
            figures.append(
                Paragraph(
                    self.ui(_("Segmenttien välisiä siirtymiä ei ole vielä kirjattu.")),
                    _("Siirtymät"),
                )
            )
        events = clock_events(year=self.year)
        figures.append(
            Table(
                _("Vuosikello %(year)s") % {"year": self.year},
                [_("Kuukausi"), _("Ajankohta"), _("Tapahtuma"), _("Laji")],
                [
                    [
                        self.ui(_month_name(event.month)),
                        self.fi(event.timing) if event.timing else self.ui("—"),
                        self.t(event, "title"),
                        self.ui(event.get_kind_display()),
                    ]
                    for event in events
                ],
            )
        )
        return Section(
            _("Liite"), self.ui(_("Vuoden %(year)s tunnusluvut") % {"year": self.year}), figures, []
        )


# Helpers ---------------------------------------------------------------------------------


def _item_decisions():
    """{(model name, item id): the latest Decision that changed it} for every goal, strategy
    and promise: one query, however many items there are."""
    types = ContentType.objects.get_for_models(Goal, Strategy, ServicePromise)
    names = {ct.pk: model._meta.model_name for model, ct in types.items()}
    found = {}
    effects = (
        DecisionEffect.objects.filter(content_type__in=list(types.values()))
        .select_related("decision__decided_by")
        .order_by("decision__date", "decision__year", "decision__number", "pk")
    )
    for effect in effects:
        found[(names[effect.content_type_id], effect.object_id)] = effect.decision
    return found


def _decision_words(decision):
    return f"{decision.reference} ({date_format(decision.date, 'SHORT_DATE_FORMAT')})"


def _criteria(segment, attributes):
    """The segment's criteria in the report's order with their rules in words, against the
    attributes read once for the whole document."""
    return criteria_in_order(segment, attributes)


def _strategy(segment):
    try:
        return segment.strategy
    except Strategy.DoesNotExist:
        return None


def _policy(segment):
    try:
        return segment.responsibility_policy
    except ResponsibilityPolicy.DoesNotExist:
        return None


def _service_model(segment):
    try:
        return segment.service_model
    except ServiceModel.DoesNotExist:
        return None


def _members_by_organisation(body, day):
    """[(organisation, "puheenjohtaja, jäsen ×2")] of the body's current seats, in the
    organisations' order (people's names stay out: the document is published)."""
    by_org = {}
    for seat in body.memberships.all():
        if seat.is_current_on(day):
            by_org.setdefault(seat.organisation_id, (seat.organisation, {}))[1].setdefault(
                seat.get_role_display(), 0
            )
            by_org[seat.organisation_id][1][seat.get_role_display()] += 1
    return [
        (org, ", ".join(f"{role} ×{n}" if n > 1 else role for role, n in roles.items()))
        for org, roles in by_org.values()
    ]


def _month_name(month):
    from django.utils.dates import MONTHS

    return str(MONTHS[month]).capitalize()
