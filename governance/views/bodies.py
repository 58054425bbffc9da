"""The structure pages (6, 6.1–6.4): my groups and all bodies by tier, a body's page, and
the organisation chart of the three tiers."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from .. import permissions
from ..selectors import structure as selectors
from ..selectors.regional import messages_for_body


class BodyListView(PermissionRequiredMixin, TemplateView):
    """ "Omat ryhmäni" first (the user's current seats), then every body by tier."""

    permission_required = "governance.view_body"
    template_name = "governance/body_list.html"

    def get_context_data(self, **kwargs):
        tiers = selectors.bodies_by_tier()
        open_counts = selectors.proposal_count_by_body()
        for _tier, bodies in tiers:
            for body in bodies:
                body.open_count = open_counts.get(body.pk, 0)
        return super().get_context_data(
            my_seats=permissions.current_seats(self.request.user), tiers=tiers, **kwargs
        )


class BodyDetailView(PermissionRequiredMixin, TemplateView):
    """A body: members, responsibilities word for word, segments, proposals and meetings."""

    permission_required = "governance.view_body"
    template_name = "governance/body_detail.html"

    def get_context_data(self, code, **kwargs):
        body = get_object_or_404(selectors.body_detail_queryset(), code=code)
        user = self.request.user
        return super().get_context_data(
            body=body,
            **selectors.body_members(body),
            proposals=list(selectors.body_proposals(body)[:50]),
            meetings=list(selectors.body_meetings(body)[:20]),
            my_seat=permissions.seat_in(user, body),
            can_add_proposal=any(b.pk == body.pk for b in permissions.preparing_bodies(user)),
            body_messages=_body_messages(user, body),
            **kwargs,
        )


def _body_messages(user, body):
    """Needs messages come up from the regions to segment groups, and are forwarded from
    them to the strategy group (6.3); other bodies receive none."""
    if not (body.is_segment_group or body.is_strategy_group):
        return None
    if not user.has_perm("governance.view_needsmessage"):
        return None
    return messages_for_body(body)


class OrgChartView(PermissionRequiredMixin, TemplateView):
    """The organisation chart of the three tiers, as nested lists (no pictures needed)."""

    permission_required = "governance.view_body"
    template_name = "governance/org_chart.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(chart=selectors.org_chart(), **kwargs)
