"""A user's customers, a company's holders and consents, and its notes (5.4, 5.5)."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from core.pagination import Keyset, keyset_context
from core.views import ServiceFormView
from segments.selectors import business_id_search_problem

from .. import permissions, selectors, services, visibility
from ..forms import ConsentForm, NoteForm, PortfolioFilterForm
from ..models import Consent
from .base import PAGE_SIZE, MethodFirstMixin, OrganisationMixin, say_outcome

# Rows of "who has seen the company's data" on its page; the rest in the access log.
SEEN_BY_LIMIT = 10

# The portfolio's pages: in company name order, the cursor in ?after_name=&after_id=.
PORTFOLIO_PAGES = Keyset(
    fields=("company__name", "pk"), params=("after_name", "after_id"), kinds=("text", "int")
)


def _company_or_404(business_id):
    company = selectors.company_for_responsibility(business_id)
    if company is None:
        raise Http404
    return company


def _consents_url(company, anchor="suostumukset"):
    url = reverse("responsibility:company_responsibility", args=[company.business_id])
    return f"{url}#{anchor}"


class PortfolioView(OrganisationMixin, PermissionRequiredMixin, TemplateView):
    """ "Asiakkaani": the active assignments of the user's organisation, 50 to a page."""

    permission_required = "responsibility.view_assignment"
    template_name = "responsibility/portfolio.html"

    def get_context_data(self, **kwargs):
        form = PortfolioFilterForm(self.request.GET or None)
        page = None
        filters = {}
        if self.organisation is not None:
            filters = form.filters(user=self.request.user)
            rows = selectors.portfolio(organisation=self.organisation, **filters)
            page = PORTFOLIO_PAGES.page(rows, self.request.GET, size=PAGE_SIZE)
        return super().get_context_data(
            form=form,
            organisation=self.organisation,
            assignments=page.items if page else [],
            search_problem=business_id_search_problem(filters.get("search")),
            **keyset_context(self.request.GET, PORTFOLIO_PAGES, page),
            **kwargs,
        )


def company_page_context(user, company, *, consent_form=None):
    """The context of the company's responsibility page (also after a failed consent form)."""
    data = selectors.company_responsibility(company)
    visibility.mark_what_the_viewer_may_open(user, data)
    context = {"company": company, "data": data, **_abilities(user, company, data)}
    if not context["can_record_consent"]:
        consent_form = None
    elif consent_form is None:
        consent_form = ConsentForm(organisation=context["organisation"])
    return {**context, "consent_form": consent_form, **_seen_by(user, company)}


def _abilities(user, company, data):
    """The user's organisation, whether it holds the customer, and what the user may do."""
    organisation = permissions.organisation_of(user)
    holds = data.is_held_by(organisation)
    return {
        "organisation": organisation,
        "holds_customer": holds,
        "can_request_handover": permissions.can_request_handover(user, data.lead),
        "can_record_consent": permissions.can_record_consent(user, company, holds=holds),
        "can_withdraw_consent": permissions.can_withdraw_consent(user, company, holds=holds),
        "can_read_notes": permissions.can_read_notes(user),
    }


def _seen_by(user, company):
    """Who has seen the company's data (the access log), for ministry staff only: the
    newest rows here, all of them in the access log filtered to the company."""
    seen_by, more = None, False
    if permissions.is_ministry_staff(user):
        seen_by, more = selectors.company_access_log(company, limit=SEEN_BY_LIMIT)
    return {"seen_by": seen_by, "seen_by_more": more}


class CompanyResponsibilityView(PermissionRequiredMixin, TemplateView):
    """A company's lead, members, teams, the baton's path, handovers and consents."""

    permission_required = "responsibility.view_assignment"
    template_name = "responsibility/company_responsibility.html"

    def get_context_data(self, **kwargs):
        company = _company_or_404(self.kwargs["business_id"])
        context = company_page_context(self.request.user, company)
        return super().get_context_data(**context, **kwargs)


class ConsentCreateView(PermissionRequiredMixin, MethodFirstMixin, ServiceFormView):
    """Record a customer's consent; staff of an organisation holding the customer only.
    An error is shown on the company's page, in its consent form."""

    permission_required = "responsibility.add_consent"
    template_name = "responsibility/company_responsibility.html"
    http_method_names = ["post"]
    form_class = ConsentForm
    success_message = _("Suostumus kirjattiin.")

    def setup_objects(self, business_id):
        self.company = _company_or_404(business_id)
        if not permissions.can_record_consent(self.request.user, self.company):
            raise PermissionDenied

    def get_context_data(self, form, **kwargs):
        context = company_page_context(self.request.user, self.company, consent_form=form)
        return super().get_context_data(**context, **kwargs)

    def perform(self, data):
        return services.consent_record(company=self.company, **data, by=self.request.user)

    def get_success_url(self, consent):
        return _consents_url(self.company)


class ConsentWithdrawView(PermissionRequiredMixin, View):
    """Record that the customer withdrew a consent; it stops covering views at once."""

    permission_required = "responsibility.change_consent"
    http_method_names = ["post"]

    def post(self, request, pk):
        consent = get_object_or_404(Consent.objects.select_related("company"), pk=pk)
        if not permissions.can_withdraw_consent(request.user, consent.company):
            raise PermissionDenied
        say_outcome(
            request,
            lambda: services.consent_withdraw(consent=consent, by=request.user),
            _("Suostumus merkittiin perutuksi."),
        )
        return redirect(_consents_url(consent.company))


class ConsentConfirmView(PermissionRequiredMixin, View):
    """The disclosing organisation's staff confirm its part of a consent (Act 443/1998 § 5):
    the user's own organisation's part, never another's."""

    permission_required = "responsibility.change_consent"
    http_method_names = ["post"]
    success = _(
        "Vahvistus kirjattiin: suostumus luovuttaa nyt organisaatiosi tiedot "
        "siinä nimetyille organisaatioille."
    )

    def post(self, request, pk):
        consent = get_object_or_404(Consent.objects.select_related("company"), pk=pk)
        disclosure = selectors.own_disclosure(consent, permissions.organisation_of(request.user))
        if disclosure is None or not permissions.can_confirm_disclosure(request.user, disclosure):
            raise PermissionDenied  # not a discloser's staff, or nothing of theirs to confirm
        say_outcome(
            request,
            lambda: services.consent_disclosure_confirm(disclosure=disclosure, by=request.user),
            self.success,
        )
        return redirect(_consents_url(consent.company, f"suostumus-{consent.pk}"))


class CompanyNotesView(OrganisationMixin, PermissionRequiredMixin, ServiceFormView):
    """The company's notes the user's organisation may read, each with its basis, what stays
    hidden and why, and a form for the organisation's own note. Every view of another
    organisation's notes is logged (visibility.notes_for)."""

    permission_required = "responsibility.view_customernote"
    template_name = "responsibility/company_notes.html"
    form_class = NoteForm
    success_message = _("Tieto tallennettiin organisaatiosi tietoihin.")

    def setup_objects(self, business_id):
        # Notes are read for an organisation: with the permission but without one, refused.
        if not permissions.can_read_notes(self.request.user):
            raise PermissionDenied
        self.company = _company_or_404(business_id)

    def get_form(self, data=None, files=None):
        # A note is written for the user's own organisation: without the right, no form.
        if not permissions.can_write_note(self.request.user):
            if data is not None:
                raise PermissionDenied
            return None
        return super().get_form(data, files)

    def get_context_data(self, **kwargs):
        user, organisation = self.request.user, self.organisation
        view = visibility.notes_for(user=user, organisation=organisation, company=self.company)
        return super().get_context_data(
            company=self.company,
            organisation=organisation,
            visible=view.visible,
            opened=view.opened,
            refused=view.refused,
            **kwargs,
        )

    def perform(self, data):
        return services.note_write(
            company=self.company, organisation=self.organisation, **data, by=self.request.user
        )
