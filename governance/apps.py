from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """How the customer strategy is steered: roles, groups, proposals and decisions."""

    name = "governance"
    verbose_name = _("Ohjausmalli")

    def ready(self):
        from core import fragments
        from core.notifications.periodic import reminder_register
        from offerings.models import Person
        from segments.views.segments import SEGMENT_PAGE

        from .models import Body, Decision, DecisionEffect, Membership, Proposal
        from .permissions.proposals import SEGMENT_GROUP_SEATS
        from .proposal_targets import registry
        from .roles import sync_roles_after_migrate
        from .services.notices import feedback_remind_unanswered

        # Each kind of proposal target is a module of governance/proposal_targets.
        if registry.load() != sorted(Proposal.TargetKind.values):
            raise ImproperlyConfigured(
                "governance.proposal_targets must have one module per Proposal.TargetKind "
                f"(registered: {registry.kinds()})."
            )
        # The segment page links each item to the decision that last changed it.
        fragments.invalidate_on_change(SEGMENT_PAGE, Body, Decision, DecisionEffect)
        # Who may propose a change from a segment page: seats, bodies' segments, people.
        fragments.invalidate_on_change(SEGMENT_GROUP_SEATS, Body, Membership, Person)
        # The task worker's sweep runs this reminder too (segments' db_worker).
        reminder_register("remind_unanswered_feedback", feedback_remind_unanswered)
        # governance is the last app, so every app's permissions exist when this runs.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="sync_roles")
