"""Customer teams (5.4): people from several organisations holding customers together."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import DetailView, ListView

from .. import selectors


class TeamListView(PermissionRequiredMixin, ListView):
    """The customer teams with their leaders, member and customer counts."""

    permission_required = "responsibility.view_customerteam"
    template_name = "responsibility/team_list.html"
    context_object_name = "teams"

    def get_queryset(self):
        return selectors.team_list()


class TeamDetailView(PermissionRequiredMixin, DetailView):
    """One team: its leader, members with organisation and role, and the customers it holds."""

    permission_required = "responsibility.view_customerteam"
    template_name = "responsibility/team_detail.html"
    context_object_name = "team"

    def get_queryset(self):
        return selectors.team_detail_queryset()

    def get_context_data(self, **kwargs):
        customers, total = selectors.team_customers(self.object)
        return super().get_context_data(customers=customers, customer_total=total, **kwargs)
