"""The strategy document (issue 15): the year's customer strategy from live data as a
print-ready page, a PDF and a Word file, in Finnish, Swedish or English.

Anyone who may read the segments' strategy (every role) may read and download it; the
contents are the same published strategy texts, the bodies and the year's aggregate figures
(no customer's data)."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views import View
from django.views.generic import TemplateView

from ..document import formats
from ..selectors.strategy_document import LANGUAGES, strategy_document

# Each language named in itself, as the language switcher does.
LANGUAGE_NAMES = (("fi", "Suomeksi"), ("sv", "På svenska"), ("en", "In English"))
PERMISSION = "segments.view_segment"


def document_arguments(query):
    """(year, language) of a request's query: `year` a year from 2008 (the report) to next
    year, `kieli` fi/sv/en; a missing or unusable value gives this year and the interface's
    language (nothing is written, so a wrong value only falls back)."""
    this_year = timezone.localdate().year
    year = query.get("year", "")
    year = int(year) if year.isdigit() and 2008 <= int(year) <= this_year + 1 else this_year
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
        document = strategy_document(year=year, language=language)
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
