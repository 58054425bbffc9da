"""The strategy document (issue 15): the year's customer strategy from live data as a
print-ready page, a PDF and a Word file, in Finnish, Swedish or English.

Anyone who may read the segments' strategy (every role) may read and download it; the
contents are the same published strategy texts, the bodies and the year's aggregate figures
(no customer's data)."""

import re

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from ..document import formats
from ..forms.strategy_versions import StrategyVersionPublishForm
from ..selectors import strategy_versions as version_selectors
from ..selectors.strategy_document import LANGUAGES, strategy_document
from ..services.strategy_versions import strategy_version_publish
from .base import GovernanceFormView

# Each language named in itself, as the language switcher does.
LANGUAGE_NAMES = (("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English"))
PERMISSION = "segments.view_segment"


def document_arguments(query):
    """(year, language) of a request's query: `year` a year from 2008 (the report) to next
    year, `kieli` fi/sv/en; a missing or unusable value gives this year and the interface's
    language (nothing is written, so a wrong value only falls back)."""
    this_year = timezone.localdate().year
    year = query.get("year", "")
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    year = int(year) if re.fullmatch(r"[0-9]{4}", year) else this_year
    year = year if 2008 <= year <= this_year + 1 else this_year
    language = query.get("kieli", "")
    if language not in LANGUAGES:
        language = (get_language() or "fi")[:2]
    return year, language


class StrategyDocumentView(PermissionRequiredMixin, TemplateView):
    """The strategy document as a page: title page, contents, sections; prints as a document."""

    permission_required = PERMISSION
    template_name = "governance/strategy_document.html"

    def get_context_data(self, **kwargs):
        year, language = document_arguments(self.request.GET)
        return super().get_context_data(
            document=strategy_document(year=year, language=language),
            languages=LANGUAGE_NAMES,
            **kwargs,
        )


class _DocumentFileView(PermissionRequiredMixin, View):
    permission_required = PERMISSION
    extension = ""
    content_type = ""

    def render(self, document):
        raise NotImplementedError

    def get(self, request):
        year, language = document_arguments(request.GET)
        return self.respond(strategy_document(year=year, language=language))

    def respond(self, document):
        response = HttpResponse(self.render(document), content_type=self.content_type)
        name = formats.filename(document, self.extension)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Content-Language"] = document.language
        return response


class StrategyDocumentPdfView(_DocumentFileView):
    """The strategy document as a tagged PDF."""

    extension = "pdf"
    content_type = "application/pdf"

    def render(self, document):
        return formats.render_pdf(document)


class StrategyDocumentDocxView(_DocumentFileView):
    """The strategy document as a Word file."""

    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render(self, document):
        return formats.render_docx(document)


# Published versions (frozen) and the comparison --------------------------------------------


class StrategyVersionListView(GovernanceFormView):
    """The published versions, newest first; ministry staff publish the year's document as
    approved by a recorded decision (the form shows only to them)."""

    permission_required = "governance.view_strategyversion"
    template_name = "governance/strategyversion_list.html"
    form_class = StrategyVersionPublishForm
    success_message = gettext_lazy("Strategiaversio julkaistiin.")

    def get_form_kwargs(self):
        return {"initial": {"year": timezone.localdate().year}}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            versions=list(version_selectors.version_list()),
            may_publish=self.request.user.has_perm("governance.add_strategyversion"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("governance.add_strategyversion"):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def perform(self, data):
        return strategy_version_publish(**data, by=self.request.user)


def _version(pk):
    return get_object_or_404(version_selectors.version_detail_queryset(), pk=pk)


class StrategyVersionDetailView(PermissionRequiredMixin, TemplateView):
    """A published version, as frozen, in the chosen language."""

    permission_required = "governance.view_strategyversion"
    template_name = "governance/strategy_document.html"

    def get_context_data(self, **kwargs):
        version = _version(self.kwargs["pk"])
        _year, language = document_arguments(self.request.GET)
        return super().get_context_data(
            document=version_selectors.version_document(version, language),
            version=version,
            languages=LANGUAGE_NAMES,
            **kwargs,
        )


class _VersionFileView(_DocumentFileView):
    permission_required = "governance.view_strategyversion"

    def get(self, request, pk):
        self.version = _version(pk)
        _year, language = document_arguments(request.GET)
        return self.respond(version_selectors.version_document(self.version, language))


def _version_pdf(version, document):
    """A published version's PDF, laid out once per language: the version never changes, so
    its PDF is kept in the cache (the public link must not cost a layout per request)."""
    return cache.get_or_set(
        f"strategy-version-pdf:{version.pk}:{document.language}",
        lambda: formats.render_pdf(document, version=version),
        timeout=None,
    )


class StrategyVersionPdfView(_VersionFileView, StrategyDocumentPdfView):
    """A published version as a tagged PDF."""

    def render(self, document):
        return _version_pdf(self.version, document)


@method_decorator(login_not_required, name="dispatch")
class PublicStrategyVersionPdfView(View):
    """The public download link of a published version's PDF: anyone, without signing in
    (a published strategy is a public document)."""

    def get(self, request, pk, language):
        version = _version(pk)
        document = version_selectors.version_document(version, language)
        response = HttpResponse(_version_pdf(version, document), content_type="application/pdf")
        name = formats.filename(document, "pdf")
        response["Content-Disposition"] = f'inline; filename="{name}"'
        response["Content-Language"] = document.language
        return response


class StrategyVersionDocxView(_VersionFileView, StrategyDocumentDocxView):
    """A published version as a Word file."""

    def render(self, document):
        return formats.render_docx(document, version=self.version)


DRAFT = "luonnos"


class StrategyComparisonView(PermissionRequiredMixin, TemplateView):
    """Two versions compared section by section: `a` and `b` are version ids or "luonnos"
    (the draft from live data); by default the newest published version against the draft."""

    permission_required = "governance.view_strategyversion"
    template_name = "governance/strategy_comparison.html"

    def _side(self, value, language, default):
        if value == DRAFT or (not value and default == DRAFT):
            year = self.latest.year if self.latest else None
            return None, strategy_document(year=year, language=language)
        version = self.latest if not value else None
        if value:
            if not re.fullmatch(r"[0-9]{1,9}", value):
                raise Http404
            version = _version(int(value))
        if version is None:
            return None, None
        return version, version_selectors.version_document(version, language)

    def get_context_data(self, **kwargs):
        _year, language = document_arguments(self.request.GET)
        self.latest = version_selectors.latest_version()
        a_version, before = self._side(self.request.GET.get("a", ""), language, "latest")
        b_version, after = self._side(self.request.GET.get("b", ""), language, DRAFT)
        changes = None
        if before is not None and after is not None:
            changes = version_selectors.document_comparison(before, after)
        return super().get_context_data(
            versions=list(version_selectors.version_list()),
            a_version=a_version,
            b_version=b_version,
            before=before,
            after=after,
            changes=changes,
            language=language,
            draft=DRAFT,
            **kwargs,
        )
