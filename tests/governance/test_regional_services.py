"""The services of the regional task log and the needs messages (6.3): who may write, what
each write stores with its history row, the message's path and its refused steps."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.refusals import STALE_EDIT_MESSAGE
from governance.models import MessageEvent, NeedsMessage, RegionalTask
from governance.services import regional as services
from segments.models import Segment
from tests.factories import DAY, body, log_task, seat

# --- tasks ---------------------------------------------------------------------------------


def test_regional_task_create__stores_the_task_with_one_creation_history_row(coordinator_user):
    task = log_task(
        coordinator_user,
        segments=("perustajat", "paikalliset"),
        outcome="Tarve kirjattu.",
        follow_up_on=DAY + datetime.timedelta(days=30),
    )
    assert task.region.code == "varsinais-suomi"
    assert task.created_by == coordinator_user
    assert {s.code for s in task.segments.all()} == {"perustajat", "paikalliset"}
    history = list(task.history.all())
    assert len(history) == 1
    assert history[0].history_type == "+"
    assert history[0].history_user == coordinator_user
    assert history[0].history_change_reason == "Tehtävä kirjattu"
    assert {s.segment.code for s in history[0].segments.all()} == {"perustajat", "paikalliset"}


def test_regional_task_create__refused_for_another_regions_group(coordinator_user):
    with pytest.raises(PermissionDenied):
        log_task(coordinator_user, body_code="alue-uusimaa")
    assert not RegionalTask.objects.exists()


def test_regional_task_create__refused_without_the_coordinator_role(working_group_user):
    with pytest.raises(PermissionDenied):
        log_task(working_group_user)


def test_regional_task_create__follow_up_before_the_date_is_refused(coordinator_user):
    with pytest.raises(ValidationError) as error:
        log_task(coordinator_user, follow_up_on=DAY - datetime.timedelta(days=1))
    assert "Seurantapäivä ei voi olla ennen tehtävän päivää." in str(error.value)
    assert not RegionalTask.objects.exists()


def test_regional_task_update__changes_the_task_with_its_reason(task, coordinator_user):
    services.regional_task_update(
        task=task,
        version=task.version,
        date=DAY,
        kind=RegionalTask.Kind.IMPACT_FOLLOW_UP,
        description="Tarkennettu kuvaus.",
        segments=list(Segment.objects.filter(code="kotimarkkinat")),
        reason="Tehtäväalue korjattu",
        by=coordinator_user,
    )
    task.refresh_from_db()
    assert task.kind == RegionalTask.Kind.IMPACT_FOLLOW_UP
    assert [s.code for s in task.segments.all()] == ["kotimarkkinat"]
    latest = task.history.latest()
    assert latest.history_type == "~"
    assert latest.history_change_reason == "Tehtäväalue korjattu"
    assert latest.history_user == coordinator_user
    assert [s.segment.code for s in latest.segments.all()] == ["kotimarkkinat"]


def test_regional_task_update__a_stale_version_saves_nothing(task, coordinator_user):
    with pytest.raises(ValidationError) as error:
        services.regional_task_update(
            task=task,
            version=task.version - 1,
            date=DAY,
            kind=RegionalTask.Kind.IMPACT_FOLLOW_UP,
            description="Myöhästynyt muutos.",
            reason="Muutos",
            by=coordinator_user,
        )
    assert str(STALE_EDIT_MESSAGE) in str(error.value)
    task.refresh_from_db()
    assert task.kind == RegionalTask.Kind.NEEDS_ANALYSIS
    assert task.history.count() == 1


def _update(task, description, by):
    return services.regional_task_update(
        task=task,
        version=task.version,
        date=DAY,
        kind=task.kind,
        description=description,
        reason="Muutos",
        by=by,
    )


def test_regional_task_update__refused_for_another_regions_coordinator(task, other_coordinator):
    with pytest.raises(PermissionDenied):
        _update(task, "Toisen alueen muutos.", other_coordinator)


def test_regional_task_update__refused_for_ministry_staff(task, ministry_user):
    with pytest.raises(PermissionDenied):
        _update(task, "Ministeriön muutos.", ministry_user)


# --- messages ------------------------------------------------------------------------------


def test_recipients_for__groups_covering_the_tasks_segments(task, coordinator_user):
    assert [g.code for g in services.recipients_for(task)] == ["tyoryhma-a"]
    no_segment = log_task(coordinator_user, segments=())
    assert [g.code for g in services.recipients_for(no_segment)] == [
        "tyoryhma-a",
        "tyoryhma-b",
        "tyoryhma-c",
    ]


def test_needs_message_send__stores_the_message_and_its_first_step(message, coordinator_user):
    assert message.status == NeedsMessage.Status.SENT
    assert message.from_body.code == "alue-varsinais-suomi"
    assert message.to_body.code == "tyoryhma-a"
    history = message.history.get()
    assert (history.history_type, history.history_user) == ("+", coordinator_user)
    assert history.history_change_reason == "Viesti lähetetty"
    event = message.events.get()
    assert (event.kind, event.body.code, event.by) == (
        "sent",
        "alue-varsinais-suomi",
        coordinator_user,
    )


def test_needs_message_send__to_a_group_not_covering_the_segment_is_refused(task, coordinator_user):
    with pytest.raises(ValidationError) as error:
        services.needs_message_send(
            task=task, to_body=body("tyoryhma-b"), subject="A", text="B", by=coordinator_user
        )
    assert "to_body" in error.value.error_dict
    assert not NeedsMessage.objects.exists()


def test_needs_message_send__refused_for_another_regions_coordinator(task, other_coordinator):
    with pytest.raises(PermissionDenied):
        services.needs_message_send(
            task=task, to_body=body("tyoryhma-a"), subject="A", text="B", by=other_coordinator
        )


def test_needs_message_path__acknowledged_answered_forwarded_and_answered_by_strategy_group(
    message, group_a_member, strategy_member
):
    """The whole path: each step stamps who and when, and appends its event."""
    message = services.needs_message_acknowledge(message=message, by=group_a_member)
    assert message.status == "acknowledged"
    assert message.acknowledged_by == group_a_member and message.acknowledged_at
    message = services.needs_message_answer(
        message=message, answer="Otamme asian valmisteluun.", by=group_a_member
    )
    assert (message.status, message.answer) == ("answered", "Otamme asian valmisteluun.")
    message = services.needs_message_forward(message=message, note="Linjaus", by=group_a_member)
    assert message.status == "forwarded"
    assert message.forwarded_to.code == "asiakkuusstrategiaryhma"
    message = services.needs_message_answer(
        message=message, answer="Linjataan kevään kokouksessa.", by=strategy_member
    )
    assert message.status == "closed" and message.closed_by == strategy_member
    steps = [
        (e.kind, e.body.code, e.by.username, e.note)
        for e in message.events.order_by("at", "pk").select_related("body", "by")
    ]
    assert steps == [
        ("sent", "alue-varsinais-suomi", "koordinaattori", ""),
        ("acknowledged", "tyoryhma-a", "tyoryhma", ""),
        ("answered", "tyoryhma-a", "tyoryhma", "Otamme asian valmisteluun."),
        ("forwarded", "tyoryhma-a", "tyoryhma", "Linjaus"),
        ("answered", "asiakkuusstrategiaryhma", "ministerio", "Linjataan kevään kokouksessa."),
        ("closed", "asiakkuusstrategiaryhma", "ministerio", ""),
    ]
    reasons = [h.history_change_reason for h in message.history.order_by("history_date")]
    assert reasons == [
        "Viesti lähetetty",
        "Viesti vastaanotettu",
        "Viestiin vastattu",
        "Viesti välitetty strategiaryhmälle",
        "Strategiaryhmä vastasi viestiin",
    ]


def test_needs_message_answer__before_acknowledging_is_refused_in_finnish(message, group_a_member):
    with pytest.raises(ValidationError) as error:
        services.needs_message_answer(message=message, answer="Vastaus", by=group_a_member)
    assert "tätä vaihetta ei voi enää tehdä" in str(error.value)
    message.refresh_from_db()
    assert message.status == "sent" and message.answer == ""
    assert message.events.count() == 1


def test_needs_message_acknowledge__twice_is_refused(message, group_a_member):
    services.needs_message_acknowledge(message=message, by=group_a_member)
    with pytest.raises(ValidationError):
        services.needs_message_acknowledge(message=message, by=group_a_member)
    assert message.events.filter(kind=MessageEvent.Kind.ACKNOWLEDGED).count() == 1


def test_needs_message_answer__an_empty_answer_is_refused(message, group_a_member):
    services.needs_message_acknowledge(message=message, by=group_a_member)
    with pytest.raises(ValidationError) as error:
        services.needs_message_answer(message=message, answer="   ", by=group_a_member)
    assert "answer" in error.value.error_dict


def test_needs_message_acknowledge__refused_for_a_member_of_another_group(message, group_b_member):
    with pytest.raises(PermissionDenied):
        services.needs_message_acknowledge(message=message, by=group_b_member)


def test_needs_message_acknowledge__refused_after_the_seat_has_ended(message, working_group_user):
    seat(working_group_user, "tyoryhma-a", ends_on=datetime.date(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        services.needs_message_acknowledge(message=message, by=working_group_user)


def test_needs_message_acknowledge__refused_for_the_sending_coordinator(message, coordinator_user):
    with pytest.raises(PermissionDenied):
        services.needs_message_acknowledge(message=message, by=coordinator_user)


def test_needs_message_close__a_closed_message_takes_no_more_steps(message, group_a_member):
    services.needs_message_close(message=message, note="Ei toimenpiteitä", by=group_a_member)
    message.refresh_from_db()
    assert message.status == "closed" and message.closed_at
    assert message.events.last().kind == "closed"
    with pytest.raises(ValidationError):
        services.needs_message_acknowledge(message=message, by=group_a_member)


def test_needs_message_forward__only_an_answered_message(message, group_a_member):
    services.needs_message_acknowledge(message=message, by=group_a_member)
    with pytest.raises(ValidationError):
        services.needs_message_forward(message=message, by=group_a_member)


def test_needs_message_answer__working_group_cannot_answer_for_the_strategy_group(
    message, group_a_member
):
    services.needs_message_acknowledge(message=message, by=group_a_member)
    services.needs_message_answer(message=message, answer="Vastaus", by=group_a_member)
    services.needs_message_forward(message=message, by=group_a_member)
    with pytest.raises(PermissionDenied):
        services.needs_message_answer(message=message, answer="Toinen", by=group_a_member)
