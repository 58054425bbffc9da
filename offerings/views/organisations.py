from itertools import groupby

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.views.generic import DetailView, ListView

from .. import selectors
from ..models import Organisation


class OrganisationListView(PermissionRequiredMixin, ListView):
    """The organisations of the ministry's group, grouped by kind."""

    permission_required = "offerings.view_organisation"
    template_name = "offerings/organisation_list.html"

    def get_queryset(self):
        return selectors.organisation_list().order_by("kind", "order")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(Organisation.Kind.choices)
        kind_order = [kind for kind, _label in Organisation.Kind.choices]
        grouped = {
            kind: list(rows) for kind, rows in groupby(context["object_list"], key=lambda o: o.kind)
        }
        context["groups"] = [
            (labels[kind], grouped[kind]) for kind in kind_order if kind in grouped
        ]
        return context


class OrganisationDetailView(PermissionRequiredMixin, DetailView):
    """One organisation: its names in three languages, region, parent and units."""

    permission_required = "offerings.view_organisation"
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "offerings/organisation_detail.html"

    def get_queryset(self):
        return selectors.organisation_detail_queryset()
