"""The strategy document: the page and its downloads."""

from django.urls import path

from ..views import document

urlpatterns = [
    path("", document.StrategyDocumentView.as_view(), name="strategy_document"),
    path("pdf/", document.StrategyDocumentPdfView.as_view(), name="strategy_document_pdf"),
    path("docx/", document.StrategyDocumentDocxView.as_view(), name="strategy_document_docx"),
]
