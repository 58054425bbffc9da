"""Who may read and edit the annual planning clock and the plans of the four levels (5.6).

Roles give the permissions (governance/roles.py); the plan's level and organisation limit
them:
- ministry staff read and edit every plan on every level;
- agency customer staff edit their own organisation's organisation-, portfolio- and
  customer-level plans, and read the whole-base plan;
- portfolio and individual customer plans concern named people and single companies: only
  the owning organisation (the plan's organisation) and ministry staff read them;
- everyone else with the view permission reads the whole-base and organisation-level plans.
The scoped queryset that matches `can_view_plan` is `selectors.steering.plans_visible_to`.
"""

from responsibility.permissions import organisation_of

from .models import PlanningLevel

# Levels everyone in the structure reads; the others only the owner and the ministry.
OPEN_LEVELS = (PlanningLevel.WHOLE_BASE, PlanningLevel.ORGANISATION_BASE)


def steers_every_plan(user):
    """Ministry staff: they keep the annual clock, and the same role steers every plan."""
    return user.has_perm("governance.change_clockevent")


def own_organisation_id(user):
    organisation = organisation_of(user)
    return organisation.pk if organisation else None


def can_view_plan(user, plan):
    if not user.has_perm("governance.view_plan"):
        return False
    if plan.level in OPEN_LEVELS or steers_every_plan(user):
        return True
    owner = own_organisation_id(user)
    return owner is not None and plan.organisation_id == owner


def can_plan_for(user, *, level, organisation_id):
    """May the user hold a plan of this level for this organisation (create or edit it)?"""
    if steers_every_plan(user):
        return True
    owner = own_organisation_id(user)
    return (
        owner is not None
        and level != PlanningLevel.WHOLE_BASE
        and organisation_id is not None
        and organisation_id == owner
    )


def can_add_plan(user):
    return user.has_perm("governance.add_plan") and (
        steers_every_plan(user) or own_organisation_id(user) is not None
    )


def can_change_plan(user, plan):
    return user.has_perm("governance.change_plan") and can_plan_for(
        user, level=plan.level, organisation_id=plan.organisation_id
    )


def can_add_plan_item(user, plan):
    return user.has_perm("governance.add_planitem") and can_plan_for(
        user, level=plan.level, organisation_id=plan.organisation_id
    )


def can_change_plan_item(user, item):
    plan = item.plan
    return user.has_perm("governance.change_planitem") and can_plan_for(
        user, level=plan.level, organisation_id=plan.organisation_id
    )


def can_add_metric(user, plan):
    return user.has_perm("governance.add_metric") and can_plan_for(
        user, level=plan.level, organisation_id=plan.organisation_id
    )


def can_change_metric(user, metric):
    plan = metric.plan
    return user.has_perm("governance.change_metric") and can_plan_for(
        user, level=plan.level, organisation_id=plan.organisation_id
    )


def can_edit_clock(user):
    return user.has_perm("governance.add_clockevent") or user.has_perm(
        "governance.change_clockevent"
    )
