"""Who may do what in governance, in one place: predicates `can_<verb>_<entity>(user, obj)`
(a module per area), and the lookups they rest on (the user's seats, the groups a
TE-centre coordinates, the organisation a user plans for).

Roles give permissions (governance/roles.py); the structure limits them: a seat in the
body for proposals, meetings and needs messages, the coordinating TE-centre for the
regional task log, the plan's level and organisation for steering. Everyone with a view
permission reads everything except portfolio and customer plans. The lookups are cached
on the user object, so a page asks each of them once."""

from .meetings import (
    can_add_meeting,
    can_close_meeting,
    can_decide_meeting,
    can_manage_meeting,
    meeting_bodies,
)
from .proposals import (
    can_add_proposal,
    can_archive_proposal,
    can_comment_proposal,
    can_edit_proposal,
    can_submit_proposal,
    can_withdraw_proposal,
    preparing_bodies,
    proposal_page_permissions,
    segment_group_for_proposals,
)
from .regional import (
    can_act_on_message,
    can_edit_task,
    can_log_task,
    can_send_message,
    coordinated_bodies,
    coordinated_region,
    coordinates,
)
from .seats import current_seats, is_chair, is_member, member_body_ids, person_of, seat_in
from .steering import (
    OPEN_LEVELS,
    can_add_metric,
    can_add_plan,
    can_add_plan_item,
    can_change_metric,
    can_change_plan,
    can_change_plan_item,
    can_edit_clock,
    can_hold_plan,
    can_view_plan,
    own_organisation_id,
    plan_page_permissions,
    steers_every_plan,
)

__all__ = [
    "OPEN_LEVELS",
    "can_act_on_message",
    "can_add_meeting",
    "can_add_metric",
    "can_add_plan",
    "can_add_plan_item",
    "can_add_proposal",
    "can_archive_proposal",
    "can_change_metric",
    "can_change_plan",
    "can_change_plan_item",
    "can_close_meeting",
    "can_comment_proposal",
    "can_decide_meeting",
    "can_edit_clock",
    "can_edit_proposal",
    "can_edit_task",
    "can_hold_plan",
    "can_log_task",
    "can_manage_meeting",
    "can_send_message",
    "can_submit_proposal",
    "can_view_plan",
    "can_withdraw_proposal",
    "coordinated_bodies",
    "coordinated_region",
    "coordinates",
    "current_seats",
    "is_chair",
    "is_member",
    "meeting_bodies",
    "member_body_ids",
    "own_organisation_id",
    "person_of",
    "plan_page_permissions",
    "preparing_bodies",
    "proposal_page_permissions",
    "seat_in",
    "segment_group_for_proposals",
    "steers_every_plan",
]
