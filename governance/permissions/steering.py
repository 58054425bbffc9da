"""Who may read and edit the annual planning clock and the plans of the four levels (5.6):
- ministry staff read and edit every plan on every level;
- agency customer staff edit their own organisation's organisation-, portfolio- and
  customer-level plans, and read the whole-base plan;
- portfolio and individual customer plans concern named people and single companies: only
  the owning organisation (the plan's organisation) and ministry staff read them;
- everyone else with the view permission reads the whole-base and organisation-level plans.
The scoped queryset that matches `can_view_plan` is `selectors.steering.plans_visible_to`.
"""

from responsibility.permissions import organisation_of

from ..models import PlanningLevel

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


def can_hold_plan(user, plan):
    """May the user hold a plan of this level for this organisation (create or edit it)?
    `plan` may be unsaved: the level and organisation a form asks for."""
    if steers_every_plan(user):
        return True
    owner = own_organisation_id(user)
    return (
        owner is not None
        and plan.level != PlanningLevel.WHOLE_BASE
        and plan.organisation_id is not None
        and plan.organisation_id == owner
    )


def can_add_plan(user):
    return user.has_perm("governance.add_plan") and (
        steers_every_plan(user) or own_organisation_id(user) is not None
    )


def can_change_plan(user, plan):
    return user.has_perm("governance.change_plan") and can_hold_plan(user, plan)


def can_add_plan_item(user, plan):
    return user.has_perm("governance.add_planitem") and can_hold_plan(user, plan)


def can_change_plan_item(user, item):
    return user.has_perm("governance.change_planitem") and can_hold_plan(user, item.plan)


def can_add_metric(user, plan):
    return user.has_perm("governance.add_metric") and can_hold_plan(user, plan)


def can_change_metric(user, metric):
    return user.has_perm("governance.change_metric") and can_hold_plan(user, metric.plan)


def plan_page_permissions(user, plan):
    """What the plan's page offers the user: changing the plan, adding and changing its
    items and metrics."""
    holds = can_hold_plan(user, plan)
    return {
        name: holds and user.has_perm(f"governance.{permission}")
        for name, permission in (
            ("can_change", "change_plan"),
            ("can_add_item", "add_planitem"),
            ("can_change_item", "change_planitem"),
            ("can_add_metric", "add_metric"),
            ("can_change_metric", "change_metric"),
        )
    }


def can_edit_clock(user):
    return user.has_perm("governance.add_clockevent") or user.has_perm(
        "governance.change_clockevent"
    )
