"""The roles of the service as auth groups, and the permissions each one carries.

Views ask for permissions, never for group names, so the apps below governance need not
know the roles; this module is the one place that bundles permissions into roles.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

MINISTRY_STAFF = "Ministeriön henkilöstö"
WORKING_GROUP_MEMBER = "Työryhmän jäsen"
TE_CENTRE_COORDINATOR = "TE-keskuksen koordinaattori"
AGENCY_CUSTOMER_STAFF = "Asiakastyön henkilöstö"
TRANSLATOR = "Kääntäjä"

ROLES = [
    MINISTRY_STAFF,
    WORKING_GROUP_MEMBER,
    TE_CENTRE_COORDINATOR,
    AGENCY_CUSTOMER_STAFF,
    TRANSLATOR,
]

# The groups' names are their keys in the database (and in deployments' scripts), Finnish in
# every language; people see these labels in their own language instead.
ROLE_LABELS = {
    MINISTRY_STAFF: _("Ministeriön henkilöstö"),
    WORKING_GROUP_MEMBER: _("Työryhmän jäsen"),
    TE_CENTRE_COORDINATOR: _("TE-keskuksen koordinaattori"),
    AGENCY_CUSTOMER_STAFF: _("Asiakastyön henkilöstö"),
    TRANSLATOR: _("Kääntäjä"),
}


def role_label(name):
    """A group's name as people read it in the UI language (a group not of the roles: as is)."""
    return ROLE_LABELS.get(name, name)


_READ_REFERENCE_DATA = [
    "segments.view_region",
    "segments.view_segment",
    "segments.view_company",
    "segments.view_resegmentationrun",
    "segments.view_manualplacement",
    "offerings.view_organisation",
    "offerings.view_service",
    "offerings.view_customerneed",
    "offerings.view_rationale",
    "offerings.view_servicechannel",
    "offerings.view_segmentoffering",
    "offerings.view_finding",
    "offerings.view_developmentitem",
    "offerings.view_servicemodel",
    "offerings.view_sharedtool",
    "responsibility.view_responsibilitypolicy",
    # Governance (6, 7, 8, 5.6): everyone in the structure reads the bodies, the proposals
    # and decisions, the questions, the regional task log, the clock, plans and progress.
    "governance.view_body",
    "governance.view_bodyresponsibility",
    "governance.view_ministryunitrole",
    "governance.view_membership",
    "governance.view_proposal",
    "governance.view_proposalcomment",
    "governance.view_meeting",
    "governance.view_agendaitem",
    "governance.view_attendance",
    "governance.view_decision",
    "governance.view_decisioneffect",
    "governance.view_strategicquestion",
    "governance.view_questionalternative",
    "governance.view_regionaltask",
    "governance.view_needsmessage",
    "governance.view_messageevent",
    "governance.view_clockevent",
    "governance.view_plan",
    "governance.view_planitem",
    "governance.view_metric",
    "governance.view_workphase",
    # The published versions of the strategy document (issue 15).
    "governance.view_strategyversion",
]

# Agency customer staff hold customers for their own organisation (the views keep them to it).
_CUSTOMER_WORK = [
    "responsibility.view_assignment",
    "responsibility.add_assignment",
    "responsibility.view_handover",
    "responsibility.add_handover",
    "responsibility.change_handover",
    "responsibility.view_customerteam",
    "responsibility.view_servicedelivery",
    "responsibility.add_servicedelivery",
    "responsibility.view_consent",
    "responsibility.add_consent",
    "responsibility.change_consent",
    "responsibility.view_customernote",
    "responsibility.add_customernote",
]

# Members of a body draft and comment on proposals (the views also require a current seat
# in the preparing body); answering and forwarding needs messages likewise.
_PROPOSAL_WORK = [
    "governance.add_proposal",
    "governance.change_proposal",
    "governance.add_proposalcomment",
]
_MESSAGE_WORK = ["governance.change_needsmessage", "governance.add_messageevent"]
# Plans of the four levels (5.6); the views keep agency staff to their own organisation's.
_PLAN_WORK = [
    "governance.add_plan",
    "governance.change_plan",
    "governance.add_planitem",
    "governance.change_planitem",
    "governance.add_metric",
    "governance.change_metric",
]

# "app_label.codename" per role. Ministry staff edit reference data in the admin. Reference
# data (regions, organisations, segments, criteria, strategies) is deactivated, never
# deleted; list items (goals, promise wordings, aliases) may be removed, and their history
# keeps what they said. Governance records are archived, not deleted.
ROLE_PERMISSIONS = {
    MINISTRY_STAFF: [
        *_READ_REFERENCE_DATA,
        # The e-mail outbox and its failures, read-only (core.notifications.admin).
        "core.view_outboxmessage",
        "core.view_notification",
        "segments.add_region",
        "segments.change_region",
        "segments.add_segment",
        "segments.change_segment",
        "segments.view_segmentalias",
        "segments.add_segmentalias",
        "segments.change_segmentalias",
        "segments.delete_segmentalias",
        "segments.view_criterion",
        "segments.change_criterion",
        "segments.view_goal",
        "segments.add_goal",
        "segments.change_goal",
        "segments.delete_goal",
        "segments.view_strategy",
        "segments.add_strategy",
        "segments.change_strategy",
        "segments.view_servicepromise",
        "segments.add_servicepromise",
        "segments.change_servicepromise",
        "segments.delete_servicepromise",
        "segments.add_company",
        "segments.change_company",
        "segments.view_attribute",
        "segments.add_attribute",
        "segments.change_attribute",
        "segments.add_resegmentationrun",
        "segments.change_resegmentationrun",
        "segments.add_manualplacement",
        "segments.change_manualplacement",
        "segments.view_segmenttransition",
        "segments.view_attributevalue",
        "offerings.add_organisation",
        "offerings.change_organisation",
        "offerings.view_person",
        "offerings.add_service",
        "offerings.change_service",
        "offerings.add_segmentoffering",
        "offerings.change_segmentoffering",
        "offerings.delete_segmentoffering",
        "offerings.add_customerneed",
        "offerings.change_customerneed",
        "offerings.add_rationale",
        "offerings.change_rationale",
        "offerings.add_rationalepoint",
        "offerings.change_rationalepoint",
        "offerings.view_rationalepoint",
        "offerings.add_servicechannel",
        "offerings.change_servicechannel",
        "offerings.add_finding",
        "offerings.change_finding",
        "offerings.add_developmentitem",
        "offerings.change_developmentitem",
        "offerings.change_servicemodel",
        "offerings.add_sharedtool",
        "offerings.change_sharedtool",
        *_CUSTOMER_WORK,
        "responsibility.change_responsibilitypolicy",
        "responsibility.change_assignment",
        "responsibility.add_customerteam",
        "responsibility.change_customerteam",
        "responsibility.view_teammembership",
        "responsibility.add_teammembership",
        "responsibility.change_teammembership",
        "responsibility.view_groupresponsibility",
        "responsibility.add_groupresponsibility",
        "responsibility.change_groupresponsibility",
        "responsibility.view_datasharingsetting",
        "responsibility.change_datasharingsetting",
        "responsibility.view_accesslogentry",
        # The integration API's clients: granted, rotated and revoked by the ministry.
        "responsibility.view_apiclient",
        "responsibility.add_apiclient",
        "responsibility.change_apiclient",
        "responsibility.view_apikey",
        "responsibility.change_apikey",
        "responsibility.view_apicall",
        "offerings.add_person",
        "offerings.change_person",
        # Sign-in with the organisation's account: the claim mapping, and whose account is whose.
        "offerings.view_organisationclaimrule",
        "offerings.add_organisationclaimrule",
        "offerings.change_organisationclaimrule",
        "offerings.delete_organisationclaimrule",
        "offerings.view_roleclaimrule",
        "offerings.add_roleclaimrule",
        "offerings.change_roleclaimrule",
        "offerings.delete_roleclaimrule",
        "offerings.view_signinidentity",
        "governance.view_accessibilityfeedback",
        "governance.change_accessibilityfeedback",
        # The structure of the work (6, 6.4, 7, 8, 5.6); archived, never deleted.
        "governance.add_body",
        "governance.change_body",
        "governance.add_bodyresponsibility",
        "governance.change_bodyresponsibility",
        "governance.add_membership",
        "governance.change_membership",
        "governance.add_ministryunitrole",
        "governance.change_ministryunitrole",
        "governance.add_strategicquestion",
        "governance.change_strategicquestion",
        "governance.add_questionalternative",
        "governance.change_questionalternative",
        "governance.add_workphase",
        "governance.change_workphase",
        "governance.add_clockevent",
        "governance.change_clockevent",
        # Publishing a version of the strategy document (frozen; never changed or deleted).
        "governance.add_strategyversion",
        # The ministry keeps the Swedish texts complete (Language Act 423/2003).
        "governance.translate_text",
        # The strategy group's secretariat: meetings, agendas, attendance and decisions
        # (membership of the strategy group is checked as well), and the plans (5.6).
        *_PROPOSAL_WORK,
        "governance.add_meeting",
        "governance.change_meeting",
        "governance.add_agendaitem",
        "governance.change_agendaitem",
        "governance.add_attendance",
        "governance.change_attendance",
        "governance.add_decision",
        "governance.change_decision",
        "governance.add_decisioneffect",
        *_MESSAGE_WORK,
        *_PLAN_WORK,
    ],
    # Working groups open findings on the overlap and gap matrix (6.2); editing their
    # segments' service models comes with the governance structure.
    WORKING_GROUP_MEMBER: [
        *_READ_REFERENCE_DATA,
        "offerings.add_finding",
        *_PROPOSAL_WORK,
        *_MESSAGE_WORK,
    ],
    # Coordinators log their own region's tasks (the views keep them to it) and send needs
    # messages upward (6.3).
    TE_CENTRE_COORDINATOR: [
        *_READ_REFERENCE_DATA,
        "governance.add_regionaltask",
        "governance.change_regionaltask",
        "governance.add_needsmessage",
        "governance.add_messageevent",
    ],
    AGENCY_CUSTOMER_STAFF: [*_READ_REFERENCE_DATA, *_CUSTOMER_WORK, *_PLAN_WORK],
    # Translators read what they translate and add the missing Swedish and English texts
    # through the translation queue; they change nothing else.
    TRANSLATOR: [*_READ_REFERENCE_DATA, "governance.translate_text"],
}


def permissions_for(role):
    """The Permission rows of a role; a name that does not exist is an error, not a gap."""
    wanted = ROLE_PERMISSIONS[role]
    pairs = [name.split(".", 1) for name in wanted]
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in=[codename for _app, codename in pairs]
        )
    }
    missing = sorted(set(wanted) - set(found))
    if missing:
        raise LookupError(f"Tuntemattomat oikeudet roolissa {role}: {', '.join(missing)}")
    return [found[name] for name in wanted]


@transaction.atomic
def sync_roles():
    """Create the role groups and give each exactly its permissions; safe to run again."""
    groups = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role))
        groups[role] = group
    return groups


def sync_roles_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver: keep the role groups in step with the code after every migrate."""
    sync_roles()
