"""The demo regional tasks and messages: marked as demo, valid, idempotent, and showing
one answered and one pending message."""

from governance.demo_regional import DEMO, load_demo
from governance.models import NeedsMessage, RegionalTask


def test_load_demo__tasks_of_several_regions_marked_demo(strategy_data):
    tasks, _messages = load_demo()
    assert len({task.region_id for task in tasks}) >= 3
    assert all(task.description.startswith(DEMO) for task in tasks)
    assert all(task.history.exists() for task in tasks)
    assert RegionalTask.objects.filter(kind=RegionalTask.Kind.NEEDS_ANALYSIS).count() >= 2


def test_load_demo__one_message_answered_and_one_pending_with_their_paths(strategy_data):
    _tasks, messages = load_demo()
    answered, pending = messages
    assert answered.status == NeedsMessage.Status.ANSWERED and answered.answer
    assert answered.to_body.letter == "a"
    assert [e.kind for e in answered.events.order_by("at", "pk")] == [
        "sent",
        "acknowledged",
        "answered",
    ]
    assert pending.status == NeedsMessage.Status.SENT
    assert [e.kind for e in pending.events.all()] == ["sent"]
    assert all(m.subject.startswith(DEMO) for m in messages)


def test_load_demo__is_idempotent(strategy_data):
    load_demo()
    counts = (RegionalTask.objects.count(), NeedsMessage.objects.count())
    load_demo()
    assert (RegionalTask.objects.count(), NeedsMessage.objects.count()) == counts


def test_load_demo__uses_the_demo_coordinator_when_there_is_one(coordinator_user):
    tasks, messages = load_demo()
    own = [task for task in tasks if task.body.code == "alue-varsinais-suomi"]
    assert own and all(task.created_by == coordinator_user for task in own)
    assert messages[0].sent_by == coordinator_user
