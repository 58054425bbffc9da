"""load_demo_responsibility: demo holders, teams, handovers, notes and consents, idempotent."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from governance.demo import create_demo_users
from responsibility.models import (
    Assignment,
    Consent,
    CustomerNote,
    CustomerTeam,
    GroupResponsibility,
    Handover,
)
from segments import synthetic

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(strategy_data):
    synthetic.companies_generate(count=400, seed=2008)
    create_demo_users(password="demo-salasana")


def _snapshot():
    return {
        model.__name__: model.objects.count()
        for model in (
            Assignment,
            Handover,
            CustomerTeam,
            CustomerNote,
            Consent,
            GroupResponsibility,
        )
    }


def test_demo__fills_the_pages_and_can_run_again(demo_world, client, capsys):
    call_command("load_demo_responsibility")
    assert "Demoasiakasvastuut" in capsys.readouterr().out
    first = _snapshot()
    leads = Assignment.objects.filter(role="lead", ends_on=None)
    assert leads.count() == 300
    holders = set(leads.values_list("organisation__code", flat=True))
    assert {"tekes", "finnvera", "finpro", "vtt", "gtk"} <= holders
    assert any(code.startswith("te-") for code in holders)
    assert Assignment.objects.filter(role="member", ends_on=None).exists()
    assert first["CustomerTeam"] == 2
    statuses = set(Handover.objects.values_list("status", flat=True))
    assert statuses == {"requested", "accepted", "declined", "cancelled"}
    assert sum(h.is_overdue for h in Handover.objects.all()) == 1
    assert all(h.reason.startswith("Demo") for h in Handover.objects.all())
    assert all(n.text.startswith("Demo") for n in CustomerNote.objects.all())
    assert Consent.objects.exists() and first["GroupResponsibility"] == 2

    call_command("load_demo_responsibility")
    assert _snapshot() == first

    User = get_user_model()
    tekes = User.objects.get(username="tekes")
    assert Assignment.objects.filter(person__user=tekes, ends_on=None).exists()
    client.force_login(tekes)
    response = client.get(reverse("responsibility:portfolio"))
    assert len(response.context["assignments"]) > 20
    inbox = client.get(reverse("responsibility:handover_list")).context["inbox"]
    assert inbox.incoming and inbox.outgoing
    client.force_login(User.objects.get(username="ministerio"))
    assert client.get(reverse("responsibility:coverage")).status_code == 200


def test_demo__without_synthetic_companies_says_what_to_run(strategy_data):
    with pytest.raises(CommandError, match="generate_companies"):
        call_command("load_demo_responsibility")


def test_demo__removing_the_synthetic_companies_names_what_still_refers_to_them(demo_world):
    from segments.models import Company

    call_command("load_demo_responsibility")
    before = (Company.objects.count(), _snapshot())

    with pytest.raises(CommandError, match="Synteettisiin yrityksiin viittaavat vielä") as error:
        call_command("generate_companies", "--delete", "--count", "0")

    assert "mitään ei poistettu" in str(error.value)
    assert (Company.objects.count(), _snapshot()) == before
