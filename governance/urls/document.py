"""The strategy document: the page and its downloads, the published versions and the
comparison of two versions."""

from django.urls import path, re_path

from ..views import document

urlpatterns = [
    path("", document.StrategyDocumentView.as_view(), name="strategy_document"),
    path("pdf/", document.StrategyDocumentPdfView.as_view(), name="strategy_document_pdf"),
    path("docx/", document.StrategyDocumentDocxView.as_view(), name="strategy_document_docx"),
    path("versions/", document.StrategyVersionListView.as_view(), name="strategy_version_list"),
    path(
        "versions/<int:pk>/",
        document.StrategyVersionDetailView.as_view(),
        name="strategy_version_detail",
    ),
    path(
        "versions/<int:pk>/pdf/",
        document.StrategyVersionPdfView.as_view(),
        name="strategy_version_pdf",
    ),
    path(
        "versions/<int:pk>/docx/",
        document.StrategyVersionDocxView.as_view(),
        name="strategy_version_docx",
    ),
    re_path(
        r"^public/(?P<pk>[0-9]{1,9})/(?P<language>fi|sv|en)\.pdf$",
        document.PublicStrategyVersionPdfView.as_view(),
        name="strategy_version_public_pdf",
    ),
    path("compare/", document.StrategyComparisonView.as_view(), name="strategy_comparison"),
]
