"""The governance models' invariants: database constraints, clean() rules, state machines,
computed statuses, and the archived status of a service promise."""

from datetime import date
from decimal import Decimal
from functools import partial

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from governance.models import (
    AgendaItem,
    Attendance,
    Body,
    ClockEvent,
    Decision,
    DecisionEffect,
    Membership,
    Metric,
    MetricStatus,
    NeedsMessage,
    Plan,
    Proposal,
    QuestionAlternative,
    StrategicQuestion,
    WorkPhase,
)
from governance.proposal_targets import current_content
from offerings.models import Organisation, Person
from segments.models import ONE_CONFIRMED_PROMISE_MESSAGE, Region, Segment, ServicePromise
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    ClockEventFactory,
    CompanyFactory,
    CustomerTeamFactory,
    DecisionEffectFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    MessageEventFactory,
    MetricFactory,
    NeedsMessageFactory,
    PersonFactory,
    PlanFactory,
    ProposalFactory,
    RegionalTaskFactory,
    ServicePromiseFactory,
    UserFactory,
    business_id,
)

pytestmark = pytest.mark.django_db


def _refused(obj):
    """The database refuses the row (the constraint holds even without full_clean)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def _messages(obj, **kwargs):
    with pytest.raises(ValidationError) as error:
        obj.full_clean(**kwargs)
    return [message for messages in error.value.message_dict.values() for message in messages]


def _body(code):
    return Body.objects.get(code=code)


def _organisation(code):
    return Organisation.objects.get(code=code)


def _segment(code):
    return Segment.objects.get(code=code)


@pytest.fixture
def user(db):
    return UserFactory(username="kirjaaja")


@pytest.fixture
def meeting(strategy_data):
    return MeetingFactory()  # the strategy group's "1. kokous" on 2 March 2009


# --- Body ---------------------------------------------------------------------------


def test_body__a_second_active_strategy_group_is_refused(strategy_data):
    second = Body(code="toinen", kind="strategy_group", name_fi="Toinen")
    assert "Asiakkuusstrategiaryhmä, työvaliokunta ja neuvottelukunta" in " ".join(
        _messages(second)
    )
    _refused(second)


def test_body__an_archived_strategy_group_may_be_replaced(strategy_data):
    old = _body("asiakkuusstrategiaryhma")
    old.is_archived = True
    old.save()
    BodyFactory(code="uusi-asr", kind="strategy_group", name_fi="Uusi")


def test_body__committee_without_parent_and_letters_outside_segment_groups_are_refused(
    strategy_data,
):
    _refused(Body(code="vk2", kind="working_committee", name_fi="Valiokunta"))
    _refused(Body(code="x", kind="advisory_board", name_fi="X", letter="a"))
    _refused(Body(code="d", kind="segment_group", name_fi="D", letter="d"))
    # A letter already in use by an active segment group.
    _refused(Body(code="a2", kind="segment_group", name_fi="A2", letter="a"))


def test_body__committee_sits_under_the_strategy_group(strategy_data):
    wrong = Body(code="vk2", kind="advisory_board", name_fi="Toinen", parent=_body("tyoryhma-a"))
    assert "Työvaliokunta ja neuvottelukunta toimivat" in " ".join(_messages(wrong))


def test_body__regional_group_needs_region_variant_and_coordinator(strategy_data):
    region = Region.objects.get(code="lappi")
    _refused(Body(code="r1", kind="regional_group", name_fi="R", region=region, variant=""))
    _refused(Body(code="r2", kind="regional_group", name_fi="R", region=region, variant="advisory"))
    _refused(Body(code="r3", kind="segment_group", name_fi="R", letter="", region=region))


def test_body__regional_group_is_coordinated_by_its_own_te_centre(strategy_data):
    body = _body("alue-lappi")
    body.lead_organisation = _organisation("te-kainuu")
    assert _messages(body) == ["Alueellista asiakkuustyöryhmää koordinoi alueen oma TE-keskus."]


def test_body__a_region_splits_into_advisory_and_operative_not_beside_a_combined_group(
    strategy_data,
):
    lapland_advisory = partial(
        Body,
        kind="regional_group",
        variant="advisory",
        region=Region.objects.get(code="lappi"),
        lead_organisation=_organisation("te-lappi"),
    )
    advisory = lapland_advisory(code="lappi-nk", name_fi="Lapin neuvottelukunta")
    assert "ei molempia" in " ".join(_messages(advisory))

    combined = _body("alue-lappi")
    combined.variant = "operative"
    combined.save()
    advisory.full_clean()
    advisory.save()
    # The same variant twice in one region is refused by the database.
    _refused(lapland_advisory(code="lappi-nk2", name_fi="Toinen"))


# --- Membership ---------------------------------------------------------------------


def test_membership__one_open_chair_per_body(strategy_data):
    body = _body("tyoryhma-b")
    MembershipFactory(body=body, organisation=_organisation("tekes"), role="chair")
    second = Membership(body=body, organisation=_organisation("finpro"), role="chair")
    assert "toimielimellä on tuolloin jo puheenjohtaja" in " ".join(_messages(second))
    # Without clean(), the database refuses the second open chair.
    _refused(second)


def _chair_through_2009(body):
    """Tekes chaired the body in 2009, and the term has ended."""
    return MembershipFactory(
        body=body,
        organisation=_organisation("tekes"),
        role="chair",
        starts_on=date(2009, 1, 1),
        ends_on=date(2009, 12, 31),
    )


def test_membership__a_new_chair_after_the_previous_term_ended(strategy_data):
    body = _body("tyoryhma-b")
    _chair_through_2009(body)
    Membership(
        body=body, organisation=_organisation("finpro"), role="chair", starts_on=date(2010, 1, 1)
    ).full_clean()


def test_membership__chairs_periods_do_not_overlap(strategy_data):
    body = _body("tyoryhma-b")
    _chair_through_2009(body)
    overlapping = Membership(
        body=body, organisation=_organisation("finpro"), role="chair", starts_on=date(2009, 6, 1)
    )
    assert "eivät voi mennä päällekkäin" in " ".join(_messages(overlapping))


def test_membership__the_person_works_for_the_organisation_and_periods_run_forwards(
    strategy_data,
):
    person = PersonFactory(organisation=_organisation("finnvera"))
    wrong = Membership(body=_body("tyoryhma-a"), organisation=_organisation("tekes"), person=person)
    assert _messages(wrong) == ["Henkilö ei työskentele valitussa organisaatiossa."]
    _refused(
        Membership(
            body=_body("tyoryhma-a"),
            organisation=_organisation("tekes"),
            starts_on=date(2009, 2, 1),
            ends_on=date(2009, 1, 1),
        )
    )


def test_membership__the_organisation_alone_may_sit_when_no_person_is_named(strategy_data):
    seat = Membership.objects.get(report_key="6.4/tem-innovaatio-osasto/tyoryhma-b")
    assert seat.person is None and seat.is_current_on(date(2009, 5, 1))
    assert str(seat) == "Innovaatio-osasto, jäsen – Asiakassegmenttikohtainen työryhmä b"


# --- Proposal -----------------------------------------------------------------------


def _proposal(user, **fields):
    """Working group (b)'s draft about the international segment's strategy, unsaved."""
    return ProposalFactory.build(created_by=user, **fields)


def test_proposal__a_segment_group_proposes_only_about_its_own_segments(strategy_data, user):
    proposal = _proposal(user, segment=_segment("perustajat"))
    assert _messages(proposal) == ["Segmentti ei kuulu työryhmän vastuusegmentteihin."]
    # The working committee prepares items of any segment.
    _proposal(user, body=_body("tyovaliokunta"), segment=_segment("perustajat")).full_clean()


def test_proposal__only_segment_groups_and_the_committee_prepare(strategy_data, user):
    proposal = _proposal(user, body=_body("alue-lappi"))
    assert "Ehdotuksia valmistelevat" in " ".join(_messages(proposal))


def test_proposal__perspective_is_given_exactly_for_goal_lists(strategy_data, user):
    _refused(_proposal(user, target_kind="goals", content={"lines": ["a"]}))
    _refused(_proposal(user, perspective="customer"))
    _proposal(
        user, target_kind="goals", perspective="customer", content={"lines": ["vahva kasvu"]}
    ).full_clean()


@pytest.mark.parametrize(
    ("kind", "content", "expected"),
    [
        ("goals", {"lines": []}, "Anna vähintään yksi rivi"),
        ("goals", {"lines": ["ok"], "extra": 1}, "Tuntemattomat kentät: extra."),
        ("strategy", {"text": "", "points": []}, "Kenttä text on pakollinen."),
        ("service_model", {}, "Ehdotus ei muuta palvelumallia."),
        ("service_model", {"initiative": "nobody"}, "Tuntematon aloitteen tekijä."),
        ("offering", {"add": [{"service": 999999, "kind": "basic"}]}, "palveluun, jota ei ole"),
        ("responsibility_policy", {"mode": "maybe"}, "Kentän mode arvo ei ole sallittu."),
        ("responsibility_policy", {"lead_organisation": "ei-ole"}, "organisaatioon, jota ei ole"),
        ("service_promise", {}, "Anna uusi vaihtoehtoinen sanamuoto"),
        (
            "service_promise",
            {"new_alternative": {"text_fi": "Uusi"}, "choose_new_alternative": True},
            "ruotsinkielinen teksti",
        ),
    ],
)
def test_proposal__content_is_checked_for_its_kind(strategy_data, user, kind, content, expected):
    perspective = "customer" if kind == "goals" else ""
    proposal = _proposal(user, target_kind=kind, content=content, perspective=perspective)
    assert expected in " ".join(_messages(proposal))


def test_proposal__choosing_a_promise_of_the_segment_with_its_swedish_text(strategy_data, user):
    promise = ServicePromise.objects.get(report_key="5.1.3/kansainvalistyvat/1")
    content = {"new_alternative": {"text_fi": "Toinen", "text_sv": "Andra"}}
    proposal = _proposal(
        user, target_kind="service_promise", chosen_promise=promise, content=content
    )
    assert "ruotsinkielinen teksti" in " ".join(_messages(proposal))
    proposal.content = {**content, "chosen_text_sv": "Vi hjälper"}
    proposal.full_clean()

    other = ServicePromise.objects.get(report_key="5.1.3/perustajat/1")
    proposal.chosen_promise = other
    assert "Palvelulupaus ei ole tämän segmentin lupaus." in _messages(proposal)


def test_proposal__chosen_promise_only_on_promise_proposals(strategy_data, user):
    promise = ServicePromise.objects.get(report_key="5.1.3/kansainvalistyvat/1")
    _refused(_proposal(user, chosen_promise=promise))


def test_proposal__state_machine(strategy_data, user):
    proposal = _proposal(user)
    assert proposal.can_become("submitted") and not proposal.can_become("approved")
    proposal.status = "returned"
    assert proposal.can_become("draft") and not proposal.can_become("approved")
    proposal.status = "approved"
    assert proposal.can_become("archived") and not proposal.can_become("draft")
    assert Proposal.TRANSITIONS[Proposal.Status.ARCHIVED] == set()


def test_proposal__a_submitted_proposal_records_its_submitter(strategy_data, user):
    _refused(_proposal(user, status="submitted"))


# --- Meetings and decisions ---------------------------------------------------------


def test_decision__number_unique_within_its_year(meeting, user):
    DecisionFactory(number=3, year=2009, meeting=meeting)
    again = DecisionFactory.build(number=3, year=2009, meeting=meeting)
    assert "Tämän vuoden päätöksillä on jo tämä numero." in _messages(again)
    _refused(again)
    DecisionFactory(number=3, year=2010, date=date(2010, 1, 5), meeting=meeting)
    assert Decision.objects.next_number(2009) == 4
    assert Decision.objects.next_number(2011) == 1


def test_decision__reference_and_history_reason(meeting):
    decision = DecisionFactory(number=3, year=2009, meeting=meeting)
    assert str(decision) == "ASR 3/2009"
    assert str(decision.history_reason()) == "Päätös ASR 3/2009 (02.03.2009): päätetty"


def test_decision__year_is_the_dates_and_the_body_the_meetings(meeting):
    decision = DecisionFactory.build(
        number=1, year=2010, date=date(2009, 3, 2), meeting=meeting, decided_by=_body("tyoryhma-a")
    )
    messages = _messages(decision)
    assert "Päätöksen vuosi on sen päivämäärän vuosi." in messages
    assert "Päätöksen tekee kokouksen pitänyt toimielin." in messages


def test_decision__approve_and_reject_concern_a_proposal_settled_once(meeting, user):
    values = {"date": date(2009, 3, 2), "meeting": meeting, "decided_by": meeting.body}
    _refused(Decision(number=1, year=2009, outcome="approved", **values))
    proposal = _proposal(
        user, status="submitted", submitted_by=user, submitted_at="2009-03-01T10:00Z"
    )
    proposal.save()
    _refused(Decision(number=2, year=2009, outcome="decided", proposal=proposal, **values))
    DecisionFactory(number=3, year=2009, outcome="returned", proposal=proposal, **values)
    DecisionFactory(number=4, year=2009, outcome="approved", proposal=proposal, **values)
    _refused(Decision(number=5, year=2009, outcome="rejected", proposal=proposal, **values))
    question = StrategicQuestion.objects.get(code="alueellisten-tyoryhmien-kokoonpano")
    _refused(
        Decision(
            number=6, year=2009, outcome="returned", proposal=proposal, question=question, **values
        )
    )


def test_decision_effect__links_the_decision_and_the_item_it_changed(meeting):
    decision = DecisionFactory(number=1, year=2009, meeting=meeting)
    promise = ServicePromise.objects.get(report_key="5.1.3/kotimarkkinat/1")
    effect = DecisionEffectFactory(
        decision=decision, item=promise, description="Vahvistettu palvelulupaus"
    )
    assert effect.item == promise
    found = DecisionEffect.objects.get(
        content_type=ContentType.objects.get_for_model(ServicePromise), object_id=promise.pk
    )
    assert found.decision == decision
    _refused(DecisionEffect(decision=decision, item=promise, description="Toistamiseen"))


def test_meeting__closed_has_its_time_and_the_states_move_forwards(meeting):
    meeting.status = "closed"
    _refused(meeting)
    meeting.status = "planned"
    assert meeting.can_become("open") and not meeting.can_become("closed")


def test_agenda_item__kind_and_target_agree_and_a_proposal_appears_once(meeting, user):
    _refused(AgendaItem(meeting=meeting, kind="proposal"))
    _refused(AgendaItem(meeting=meeting, kind="other", title=""))
    question = StrategicQuestion.objects.get(code="yhteiset-vai-omat-asiakkaat")
    _refused(AgendaItem(meeting=meeting, kind="other", title="Muu", question=question))
    AgendaItemFactory(meeting=meeting, kind="question", question=question, title="")
    _refused(AgendaItem(meeting=meeting, kind="question", question=question))
    AgendaItemFactory(meeting=meeting, kind="other", title="Tiedoksi")


def test_attendance__absent_organisation_has_no_attendees_and_is_listed_once(meeting):
    tekes = _organisation("tekes")
    _refused(Attendance(meeting=meeting, organisation=tekes, is_present=False, attendee_count=2))
    AttendanceFactory(meeting=meeting, organisation=tekes, attendee_count=2)
    _refused(Attendance(meeting=meeting, organisation=tekes))


# --- Strategic questions --------------------------------------------------------------


def test_question__decided_has_its_decision_and_only_then(meeting):
    question = StrategicQuestion.objects.get(code="yhteiset-vai-omat-asiakkaat")
    question.status = "decided"
    _refused(question)
    question.refresh_from_db()
    decision = DecisionFactory(number=1, year=2009, meeting=meeting, question=question)
    question.decision = decision
    _refused(question)  # still "open"
    question.refresh_from_db()
    question.decision, question.status = decision, "decided"
    question.save()


def test_question__per_segment_subjects_name_the_segment(strategy_data):
    _refused(StrategicQuestion(code="x", subject="responsibility", title_fi="X"))
    _refused(
        StrategicQuestion(
            code="y", subject="data_sharing", title_fi="Y", segment=_segment("perustajat")
        )
    )
    # One active question per subject and segment.
    _refused(
        StrategicQuestion(
            code="z", subject="responsibility", title_fi="Z", segment=_segment("perustajat")
        )
    )


def test_alternative__an_empty_slot_is_allowed_but_cannot_be_chosen(strategy_data):
    slot = QuestionAlternative.objects.get(report_key="palvelulupaus-kansainvalistyvat/2")
    assert slot.is_empty_slot
    slot.full_clean()
    slot.is_chosen = True
    assert _messages(slot) == ["Vaihtoehtoa ei voi valita ennen kuin sen sanamuoto on kirjoitettu."]
    _refused(slot)


def test_alternative__one_chosen_per_question(strategy_data):
    first, second = QuestionAlternative.objects.filter(
        question__code="yhteiset-vai-omat-asiakkaat"
    ).order_by("order")
    first.is_chosen = True
    first.save()
    second.is_chosen = True
    assert "Kysymyksessä on jo valittu vaihtoehto." in _messages(second)
    _refused(second)


def test_alternative__target_value_and_promise_fit_the_question(strategy_data):
    alternative = QuestionAlternative.objects.get(report_key="asiakasvastuu-perustajat/1")
    alternative.target_value = "shared"
    assert _messages(alternative) == ["Sallitut arvot: long_term, handover."]
    alternative.target_value = "long_term"
    alternative.promise = ServicePromise.objects.get(report_key="5.1.3/kotimarkkinat/1")
    assert _messages(alternative) == ["Palvelulupaus ei ole kysymyksen segmentin lupaus."]


# --- Regional task log and needs messages -----------------------------------------------


def _task(user, **fields):
    """Varsinais-Suomi's needs analysis of 1 April 2009, unsaved."""
    return RegionalTaskFactory.build(created_by=user, **fields)


def test_regional_task__the_body_is_the_regions_group_and_follow_up_comes_after(
    strategy_data, user
):
    assert _messages(_task(user, body=_body("alue-lappi"))) == [
        "Valitse tehtävän alueen alueellinen asiakkuustyöryhmä."
    ]
    _refused(_task(user, follow_up_on=date(2009, 3, 1)))
    _task(user, follow_up_on=date(2009, 6, 1)).full_clean()


def test_needs_message__each_status_carries_its_steps(strategy_data, user):
    task = _task(user)
    task.save()
    message = NeedsMessageFactory(task=task, sent_by=user)  # to working group (a)
    message.status = "answered"
    _refused(message)
    message.refresh_from_db()
    assert message.can_become("acknowledged") and not message.can_become("forwarded")
    MessageEventFactory(message=message, kind="sent", body=task.body, by=user)
    assert [e.kind for e in message.events.all()] == ["sent"]


def test_needs_message__goes_to_a_segment_group_and_forwards_to_the_strategy_group(
    strategy_data, user
):
    task = _task(user)
    task.save()
    message = NeedsMessage(
        task=task,
        from_body=task.body,
        to_body=_body("tyovaliokunta"),
        subject="Tarve",
        text="…",
        sent_by=user,
        forwarded_to=_body("tyoryhma-b"),
    )
    messages = _messages(message)
    assert "Viesti lähetetään asiakassegmenttikohtaiselle työryhmälle." in messages
    assert "Viesti välitetään asiakkuusstrategiaryhmälle." in messages


# --- Operational steering -----------------------------------------------------------


def test_clock_event__month_in_year_and_a_year_only_for_one_off_events(strategy_data):
    _refused(ClockEvent(month=13, title="X", kind="planning"))
    _refused(ClockEvent(month=3, title="X", kind="planning", year=2009))
    _refused(ClockEvent(month=3, title="X", kind="planning", is_recurring=False))
    ClockEventFactory(month=3, title="Tulosneuvottelut", kind="result_steering")
    ClockEventFactory(month=2, title="Raportointi", kind="other", is_recurring=False, year=2009)


def test_plan__each_level_names_what_it_plans(strategy_data):
    organisation = _organisation("tekes")
    person = PersonFactory(organisation=organisation)
    company = CompanyFactory(business_id=business_id(7001), name="Suunnitelma Oy")
    team = CustomerTeamFactory(name="Kasvutiimi", leader=person)
    base = {"year": 2009, "title": "Suunnitelma"}
    PlanFactory(level="whole_base", segment=_segment("perustajat"), **base)
    _refused(Plan(level="whole_base", organisation=organisation, **base))
    PlanFactory(level="organisation_base", organisation=organisation, **base)
    _refused(Plan(level="organisation_base", **base))
    PlanFactory(level="portfolio", team=team, **base)
    PlanFactory(level="portfolio", person=person, **base)
    _refused(Plan(level="portfolio", **base))
    _refused(Plan(level="portfolio", team=team, person=person, **base))
    PlanFactory(level="customer", company=company, team=team, **base)
    _refused(Plan(level="customer", organisation=organisation, **base))
    assert Person.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    ("target", "actual", "higher_is_better", "expected"),
    [
        ("100", None, True, MetricStatus.NO_DATA),
        ("100", "100", True, MetricStatus.ON_TRACK),
        ("100", "120", True, MetricStatus.ON_TRACK),
        ("100", "90", True, MetricStatus.AT_RISK),  # exactly 10 % short: still at risk
        ("100", "89.99", True, MetricStatus.OFF_TRACK),
        ("50", "50", False, MetricStatus.ON_TRACK),
        ("50", "55", False, MetricStatus.AT_RISK),
        ("50", "55.01", False, MetricStatus.OFF_TRACK),
        ("20", "20", False, MetricStatus.ON_TRACK),
        ("20", "22", False, MetricStatus.AT_RISK),
        ("20", "22.01", False, MetricStatus.OFF_TRACK),
        ("0", "0", True, MetricStatus.ON_TRACK),
        ("0", "-1", True, MetricStatus.OFF_TRACK),
        ("-10", "-10.5", True, MetricStatus.AT_RISK),
        # Whole numbers: SQLite would divide 4 × 10 by 100 as integers and lose the margin.
        ("4", "3.8", True, MetricStatus.AT_RISK),
        ("4.0", "3.5", True, MetricStatus.OFF_TRACK),
    ],
)
def test_metric__status_by_the_stated_thresholds(
    strategy_data, target, actual, higher_is_better, expected
):
    metric = MetricFactory(
        target=Decimal(target),
        actual=Decimal(actual) if actual is not None else None,
        higher_is_better=higher_is_better,
    )
    metric.refresh_from_db()
    assert metric.status == expected
    # The database computes the same, for dashboards of many metrics in one query.
    assert Metric.objects.with_status().get(pk=metric.pk).computed_status == expected


def test_metric__once_per_plan_and_year_and_tolerance_is_a_percentage(strategy_data):
    plan = PlanFactory()  # the whole customer base's plan of 2009
    MetricFactory(plan=plan, name="Asiakkaita", year=2009, target=10)
    _refused(Metric(plan=plan, name="Asiakkaita", year=2009, target=12))
    _refused(Metric(plan=plan, name="Muu", year=2009, target=12, tolerance_percent=150))


def test_work_phase__does_not_end_before_it_starts(strategy_data):
    phase = WorkPhase.objects.get(order=3)
    phase.starts_on, phase.ends_on = date(2009, 2, 1), date(2009, 1, 1)
    _refused(phase)


# --- The archived status of a service promise ---------------------------------------


def test_service_promise__an_alternative_that_lost_is_archived_and_one_stays_confirmed(
    strategy_data, client, ministry_user
):
    segment = _segment("kansainvalistyvat")
    recorded = ServicePromise.objects.get(report_key="5.1.3/kansainvalistyvat/1")
    second = ServicePromiseFactory(
        segment=segment, text_fi="Toinen vaihtoehto", text_sv="Andra alternativet", order=2
    )
    recorded.status = ServicePromise.Status.ARCHIVED
    recorded.save()
    second.status = ServicePromise.Status.CONFIRMED
    second.save()
    assert recorded.get_status_display() == "arkistoitu vaihtoehto"

    third = ServicePromise(
        segment=segment, text_fi="Kolmas", text_sv="Tredje", status="confirmed", order=3
    )
    assert ONE_CONFIRMED_PROMISE_MESSAGE in _messages(third)
    _refused(third)

    client.force_login(ministry_user)
    response = client.get(reverse("segments:segment_detail", args=[segment.code]))
    assert response.status_code == 200
    assert "arkistoitu vaihtoehto" in response.content.decode()


def test_models__every_governance_model_keeps_history_but_the_message_path_and_counts():
    without_history = {
        model._meta.model_name
        for model in apps.get_app_config("governance").get_models()
        if not model._meta.model_name.startswith("historical") and not hasattr(model, "history")
    }
    # MessageEvent is itself the path of a message: append-only. The overview's running
    # counts are derived from the tasks, whose history they follow. A published strategy
    # version never changes (the database refuses UPDATE and DELETE) and records who
    # published it, when and under which decision itself.
    assert without_history == {
        "messageevent",
        "regionaltasktally",
        "regionalsegmenttally",
        "strategyversion",
    }


def test_body__history_records_the_segments_it_covers(strategy_data, user):
    body = _body("tyoryhma-b")
    body.segments.add(_segment("suuryritykset"))
    body._change_reason = "Lisätty suuryritykset"
    body.save()
    latest = body.history.first()
    assert {row.segment_id for row in latest.segments.all()} == {
        _segment("kansainvalistyvat").pk,
        _segment("suuryritykset").pk,
    }


def test_current_content__snapshots_the_target_in_the_proposal_shape(strategy_data):
    segment = _segment("kansainvalistyvat")
    goals = current_content("goals", segment=segment, perspective="customer")
    assert goals["lines"][0] == "vahva kansainvälinen kasvu"
    strategy = current_content("strategy", segment=segment)
    assert strategy["text"].startswith("Kansainvälisen kasvun vauhdittaminen")
    promises = current_content("service_promise", segment=segment)["promises"]
    assert [(p["status"], p["text_sv"]) for p in promises] == [("proposed", "")]
    assert current_content("responsibility_policy", segment=segment)["mode"] == "undecided"
    assert set(current_content("service_model", segment=segment)) >= {"how", "initiative"}
    assert set(current_content("offering", segment=segment)) == {"basic", "transition"}
