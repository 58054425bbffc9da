"""A user's customers, a company's holders and consents, and its notes (5.4, 5.5)."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.refusals import Refusal

from .. import permissions, selectors, services, visibility
from ..forms import ConsentForm, NoteForm, PortfolioFilterForm
from ..models import Consent
from .base import PAGE_SIZE, OrganisationMixin, add_errors, query_without

# Rows of "who has seen the company's data" on its page; the rest in the access log.
SEEN_BY_LIMIT = 10


def _after(request):
    """The keyset cursor (company name, assignment id) from ?after_name=&after_id=."""
    name, pk = request.GET.get("after_name"), request.GET.get("after_id", "")
    if name is None or not pk.isdigit():
        return None
    return name[:300], int(pk)


def _company_or_404(business_id):
    company = selectors.company_for_responsibility(business_id)
    if company is None:
        raise Http404
    return company


class PortfolioView(OrganisationMixin, PermissionRequiredMixin, TemplateView):
    """ "Asiakkaani": the active assignments of the user's organisation, 50 to a page."""

    permission_required = "responsibility.view_assignment"
    template_name = "responsibility/portfolio.html"

    def get_context_data(self, **kwargs):
        form = PortfolioFilterForm(self.request.GET or None)
        page, has_more = [], False
        if self.organisation is not None:
            page, has_more = selectors.portfolio(
                organisation=self.organisation,
                **form.filters(user=self.request.user),
                after=_after(self.request),
                limit=PAGE_SIZE,
            )
        query = query_without(self.request, "after_name", "after_id")
        next_query = None
        if has_more:
            next_query = query.copy()
            next_query["after_name"], next_query["after_id"] = page[-1].company.name, page[-1].pk
        return super().get_context_data(
            form=form,
            organisation=self.organisation,
            assignments=page,
            next_query=next_query.urlencode() if next_query else None,
            first_query=query.urlencode(),
            is_later_page=_after(self.request) is not None,
            **kwargs,
        )


def company_page_context(request, company, *, consent_form=None):
    """The context of the company's responsibility page (also after a failed consent form)."""
    user = request.user
    organisation = permissions.organisation_of(user)
    data = selectors.company_responsibility(company)
    holds = organisation is not None and any(
        a.organisation_id == organisation.pk for a in data.history if a.ends_on is None
    )
    may_record = permissions.can_record_consent(user, company, holds=holds)
    _mark_what_the_viewer_may_open(user, data)
    # Who has seen the company's data (the access log), for ministry staff only: the
    # newest rows here, all of them in the access log filtered to the company.
    seen_by, seen_by_more = None, False
    if permissions.is_ministry_staff(user):
        seen_by, seen_by_more = selectors.company_access_log(company, limit=SEEN_BY_LIMIT)
    return {
        "company": company,
        "data": data,
        "organisation": organisation,
        "holds_customer": holds,
        "can_request_handover": permissions.can_request_handover(user, data.lead),
        "can_record_consent": may_record,
        "can_withdraw_consent": permissions.can_withdraw_consent(user, company, holds=holds),
        "can_read_notes": permissions.can_read_notes(user),
        "consent_form": (consent_form or ConsentForm(organisation=organisation))
        if may_record
        else None,
        "seen_by": seen_by,
        "seen_by_more": seen_by_more,
    }


def _mark_what_the_viewer_may_open(user, data):
    """Handover notes travel with the baton onto the receiver's assignment: they are the
    two organisations' business (and ministry staff's, who may open any handover), not
    every reader of the company page. Each handover and assignment says whether it opens."""
    for handover in data.handovers:
        handover.viewable = permissions.can_view_handover(user, handover)
    organisation = permissions.organisation_of(user)
    ministry = permissions.is_ministry_staff(user)
    # The organisations that handed the baton to each receiver wrote the receiver's note.
    writers = {}
    for handover in data.handovers:
        if handover.status == handover.Status.ACCEPTED:
            writers.setdefault(handover.to_organisation_id, set()).add(
                handover.from_organisation_id
            )
    for consent in data.consents:
        for disclosure in consent.disclosures.all():
            disclosure.can_confirm = (
                disclosure.needs_confirmation
                and consent.is_valid_now
                and permissions.can_confirm_disclosure(user, disclosure)
            )
    for assignment in data.history:
        assignment.note_visible = ministry or (
            organisation is not None
            and (
                assignment.organisation_id == organisation.pk
                or organisation.pk in writers.get(assignment.organisation_id, ())
            )
        )


class CompanyResponsibilityView(PermissionRequiredMixin, TemplateView):
    """A company's lead, members, teams, the baton's path, handovers and consents."""

    permission_required = "responsibility.view_assignment"
    template_name = "responsibility/company_responsibility.html"

    def get_context_data(self, **kwargs):
        company = _company_or_404(self.kwargs["business_id"])
        return super().get_context_data(**company_page_context(self.request, company), **kwargs)


class ConsentCreateView(PermissionRequiredMixin, TemplateView):
    """Record a customer's consent; staff of an organisation holding the customer only."""

    permission_required = "responsibility.add_consent"
    template_name = "responsibility/company_responsibility.html"
    http_method_names = ["post"]

    def post(self, request, business_id):
        company = _company_or_404(business_id)
        if not permissions.can_record_consent(request.user, company):
            raise PermissionDenied
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                services.consent_record(company=company, **form.cleaned_data, by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Suostumus kirjattiin."))
                return redirect(
                    reverse("responsibility:company_responsibility", args=[company.business_id])
                    + "#suostumukset"
                )
        context = company_page_context(request, company, consent_form=form)
        return self.render_to_response(self.get_context_data(**context))


class ConsentWithdrawView(PermissionRequiredMixin, TemplateView):
    """Record that the customer withdrew a consent; it stops covering views at once."""

    permission_required = "responsibility.change_consent"
    http_method_names = ["post"]

    def post(self, request, pk):
        consent = get_object_or_404(Consent.objects.select_related("company"), pk=pk)
        if not permissions.can_withdraw_consent(request.user, consent.company):
            raise PermissionDenied
        try:
            services.consent_withdraw(consent=consent, by=request.user)
        except Refusal as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Suostumus merkittiin perutuksi."))
        return redirect(
            reverse("responsibility:company_responsibility", args=[consent.company.business_id])
            + "#suostumukset"
        )


class ConsentConfirmView(PermissionRequiredMixin, View):
    """The disclosing organisation's staff confirm its part of a consent (Act 443/1998 § 5):
    the user's own organisation's part, never another's."""

    permission_required = "responsibility.change_consent"
    http_method_names = ["post"]

    def post(self, request, pk):
        consent = get_object_or_404(Consent.objects.select_related("company"), pk=pk)
        organisation = permissions.organisation_of(request.user)
        disclosure = (
            consent.disclosures.select_related("organisation")
            .filter(organisation=organisation)
            .first()
            if organisation is not None
            else None
        )
        if disclosure is None or not permissions.can_confirm_disclosure(request.user, disclosure):
            raise PermissionDenied  # not a discloser's staff, or nothing of theirs to confirm
        try:
            services.consent_disclosure_confirm(disclosure=disclosure, by=request.user)
        except Refusal as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Vahvistus kirjattiin: suostumus luovuttaa nyt organisaatiosi tiedot "
                    "siinä nimetyille organisaatioille."
                ),
            )
        return redirect(
            reverse("responsibility:company_responsibility", args=[consent.company.business_id])
            + f"#suostumus-{consent.pk}"
        )


class CompanyNotesView(OrganisationMixin, PermissionRequiredMixin, TemplateView):
    """The company's notes the user's organisation may read, each with its basis, what stays
    hidden and why, and a form for the organisation's own note. Every view of another
    organisation's notes is logged (visibility.notes_for)."""

    permission_required = "responsibility.view_customernote"
    template_name = "responsibility/company_notes.html"

    def dispatch(self, request, *args, **kwargs):
        # Notes are read for an organisation: with the permission but without one, refused.
        if (
            request.user.is_authenticated
            and self.has_permission()
            and not permissions.can_read_notes(request.user)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, business_id):
        company = _company_or_404(business_id)
        return self._render(
            company, NoteForm() if permissions.can_write_note(request.user) else None
        )

    def post(self, request, business_id):
        company = _company_or_404(business_id)
        if not permissions.can_write_note(request.user):
            raise PermissionDenied
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                services.note_write(
                    company=company,
                    organisation=self.organisation,
                    kind=form.cleaned_data["kind"],
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Tieto tallennettiin organisaatiosi tietoihin."))
                return redirect("responsibility:company_notes", business_id=company.business_id)
        return self._render(company, form)

    def _render(self, company, form):
        view = visibility.notes_for(
            user=self.request.user, organisation=self.organisation, company=company
        )
        return self.render_to_response(
            self.get_context_data(
                company=company,
                organisation=self.organisation,
                visible=view.visible,
                opened=view.opened,
                refused=view.refused,
                form=form,
            )
        )
