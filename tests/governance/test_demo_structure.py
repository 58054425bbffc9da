"""The demo seats and meeting: given to the demo users only, loaded idempotently."""

import pytest

from governance.demo import create_demo_users
from governance.demo_structure import DEMO_MEETING_TITLE, load_demo
from governance.models import Meeting, Membership, Proposal

pytestmark = pytest.mark.django_db


def test_load_demo__seats_the_demo_users_once(strategy_data):
    create_demo_users(password="demo-salasana-123")
    assert load_demo() == (4, 1)
    assert load_demo() == (0, 0)
    seats = Membership.objects.filter(report_key__startswith="demo/")
    assert {(s.person.user.username, s.body.code, s.role) for s in seats} == {
        ("ministerio", "asiakkuusstrategiaryhma", "chair"),
        ("tyoryhma", "tyoryhma-b", "chair"),
        ("tyoryhma", "tyoryhma-a", "member"),
        ("koordinaattori", "alue-varsinais-suomi", "coordinator"),
    }
    meeting = Meeting.objects.get(title=DEMO_MEETING_TITLE)
    assert meeting.body.code == "asiakkuusstrategiaryhma" and meeting.status == "planned"
    assert not Proposal.objects.exists()


def test_load_demo__without_demo_users_says_what_to_run(strategy_data):
    with pytest.raises(LookupError, match="create_demo_users"):
        load_demo()
