"""create_demo_users: one user per role, only in development."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from governance import roles

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_create_demo_users__refuses_when_debug_is_off(settings, strategy_data):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG on pois päältä"):
        call_command("create_demo_users")
    assert not User.objects.exists()


def test_create_demo_users__makes_one_user_per_role_and_a_superuser(
    settings, strategy_data, capsys
):
    settings.DEBUG = True
    call_command("create_demo_users")
    expected = {
        "ministerio": (roles.MINISTRY_STAFF, "tem-konserniohjaus"),
        "tyoryhma": (roles.WORKING_GROUP_MEMBER, "tekes"),
        "koordinaattori": (roles.TE_CENTRE_COORDINATOR, "te-varsinais-suomi"),
        "virkailija": (roles.AGENCY_CUSTOMER_STAFF, "finnvera"),
        "tekes": (roles.AGENCY_CUSTOMER_STAFF, "tekes"),
        "finpro": (roles.AGENCY_CUSTOMER_STAFF, "finpro"),
    }
    for username, (role, organisation) in expected.items():
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.person.organisation.code == organisation
        assert authenticate(username=username, password="demo") == user
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.get(username="ministerio").is_staff
    assert not User.objects.get(username="tyoryhma").is_staff
    assert "ministerio" in capsys.readouterr().out


def test_create_demo_users__uses_demo_password_and_can_run_again(
    settings, strategy_data, monkeypatch
):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "toinen-salasana")
    call_command("create_demo_users")
    call_command("create_demo_users")
    assert User.objects.count() == 8
    assert authenticate(username="tyoryhma", password="toinen-salasana") is not None
    # The translator holds the translation queue's permission and no editing rights.
    translator = User.objects.get(username="kaantaja")
    assert translator.has_perm("governance.translate_text")
    assert not translator.has_perm("segments.change_goal")


def test_create_demo_users__without_organisations_says_to_load_them(settings, empty_db):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="load_strategy_2008"):
        call_command("create_demo_users")
