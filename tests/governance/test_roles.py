"""The four roles are groups carrying permissions; nobody gets delete rights."""

import pytest
from django.contrib.auth.models import Group

from governance import roles

pytestmark = pytest.mark.django_db


def test_sync_roles__creates_the_four_role_groups():
    roles.sync_roles()
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_sync_roles__is_idempotent_and_restores_removed_permissions():
    group = roles.sync_roles()[roles.MINISTRY_STAFF]
    group.permissions.clear()
    roles.sync_roles()
    assert group.permissions.filter(codename="change_organisation").exists()


def test_roles__only_ministry_staff_edit_organisations(role_users):
    for role, user in role_users.items():
        assert user.has_perm("offerings.view_organisation"), role
        assert user.has_perm("offerings.change_organisation") == (role == roles.MINISTRY_STAFF), (
            role
        )


REFERENCE_DATA = [
    "region",
    "organisation",
    "segment",
    "criterion",
    "strategy",
    "person",
    "service",
    "finding",
    "developmentitem",
    "servicemodel",
    "assignment",
    "handover",
    "consent",
    "accesslogentry",
    "responsibilitypolicy",
]


def test_roles__nobody_may_delete_reference_data():
    for role in roles.ROLES:
        for model in REFERENCE_DATA:
            assert not [
                name for name in roles.ROLE_PERMISSIONS[role] if name.endswith(f".delete_{model}")
            ], role


def test_roles__only_ministry_staff_may_remove_list_items():
    for role in roles.ROLES:
        deletable = {name for name in roles.ROLE_PERMISSIONS[role] if ".delete_" in name}
        expected = (
            {
                "segments.delete_goal",
                "segments.delete_servicepromise",
                "segments.delete_segmentalias",
                "offerings.delete_segmentoffering",
                # The sign-in claim mapping's rules (configuration, history kept).
                "offerings.delete_organisationclaimrule",
                "offerings.delete_roleclaimrule",
            }
            if role == roles.MINISTRY_STAFF
            else set()
        )
        assert deletable == expected, role


def test_permissions_for__an_unknown_permission_is_an_error(monkeypatch):
    monkeypatch.setitem(
        roles.ROLE_PERMISSIONS, roles.WORKING_GROUP_MEMBER, ["offerings.fly_organisation"]
    )
    with pytest.raises(LookupError, match="fly_organisation"):
        roles.permissions_for(roles.WORKING_GROUP_MEMBER)


GOVERNANCE_STRUCTURE = [
    "body",
    "bodyresponsibility",
    "membership",
    "ministryunitrole",
    "strategicquestion",
    "questionalternative",
    "workphase",
    "clockevent",
]


def test_roles__everyone_in_the_structure_reads_the_governance_records(role_users):
    readable = [
        *GOVERNANCE_STRUCTURE,
        "proposal",
        "proposalcomment",
        "meeting",
        "agendaitem",
        "attendance",
        "decision",
        "decisioneffect",
        "regionaltask",
        "needsmessage",
        "messageevent",
        "plan",
        "planitem",
        "metric",
    ]
    for role, user in role_users.items():
        for model in readable:
            assert user.has_perm(f"governance.view_{model}"), (role, model)


def test_roles__only_ministry_staff_edit_the_governance_structure(role_users):
    for role, user in role_users.items():
        for model in GOVERNANCE_STRUCTURE:
            for action in ("add", "change"):
                assert user.has_perm(f"governance.{action}_{model}") == (
                    role == roles.MINISTRY_STAFF
                ), (role, action, model)


def test_roles__no_governance_record_is_deleted():
    for role in roles.ROLES:
        assert not [n for n in roles.ROLE_PERMISSIONS[role] if n.startswith("governance.delete_")]
