"""load_demo_governance: seats, a meeting, regional tasks and messages, the clock and plans,
in one transaction and idempotent."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from governance.demo import create_demo_users
from governance.models import ClockEvent, Meeting, Membership, NeedsMessage, Plan, RegionalTask
from segments import synthetic

pytestmark = pytest.mark.django_db

MODELS = (Membership, Meeting, RegionalTask, NeedsMessage, ClockEvent, Plan)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_governance__fills_every_area_and_can_run_again(strategy_data):
    synthetic.companies_generate(count=20, seed=2008)
    create_demo_users(password="demo-salasana")
    before = _counts()
    out = StringIO()

    call_command("load_demo_governance", stdout=out)
    first = _counts()
    call_command("load_demo_governance", stdout=StringIO())

    assert "Hallinnan demo" in out.getvalue()
    assert all(first[name] > before[name] for name in first), (before, first)
    assert _counts() == first


def test_load_demo_governance__without_demo_users_says_what_to_run_and_writes_nothing(
    strategy_data,
):
    before = _counts()
    with pytest.raises(CommandError, match="create_demo_users"):
        call_command("load_demo_governance", stdout=StringIO())
    assert _counts() == before
