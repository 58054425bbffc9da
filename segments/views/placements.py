"""Pages of the manual placements: the list, and ending a placement with a reason."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from .. import placements, selectors
from ..forms import ReasonForm
from ..models import ManualPlacement


class PlacementListView(PermissionRequiredMixin, ListView):
    """Every company placed by hand: what, from which year, who and why; removed ones too."""

    permission_required = "segments.view_manualplacement"
    template_name = "segments/placement_list.html"
    context_object_name = "placements"
    paginate_by = 50

    def get_queryset(self):
        self.search = self.request.GET.get("q", "")[:300]
        self.removed = self.request.GET.get("removed") == "1"
        return selectors.placements(search=self.search, removed=self.removed)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search=self.search, removed=self.removed, remove_form=ReasonForm(), **kwargs
        )


class PlacementRemoveView(PermissionRequiredMixin, View):
    """End a manual placement, with a reason; back to where the user came from, with a
    message saying what happened (the form sits in a table row: no page of its own)."""

    permission_required = "segments.change_manualplacement"

    def post(self, request, pk):
        placement = get_object_or_404(ManualPlacement, pk=pk)
        level, message = self.remove(placement, ReasonForm(request.POST))
        messages.add_message(request, level, message)
        return redirect(_safe_next(request, reverse("segments:placement_list")))

    def remove(self, placement, form):
        """Remove the placement when the form gives a reason; the message saying what happened."""
        if not form.is_valid():
            error = form.errors["reason"][0]
            return messages.ERROR, _("Poistoa ei tehty: %(error)s") % {"error": error}
        if placement.removed_at is not None:
            return messages.ERROR, _("Käsin sijoitus oli jo poistettu.")
        reason = form.cleaned_data["reason"]
        placements.placement_remove(placement=placement, reason=reason, by=self.request.user)
        return messages.SUCCESS, _(
            "Käsin sijoitus poistettiin; myöhemmät ajot sijoittavat yrityksen sääntöjen mukaan."
        )


def _safe_next(request, default):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
