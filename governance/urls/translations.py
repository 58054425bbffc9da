"""The translation queue (issue 17): missing Swedish and English texts of every app."""

from django.urls import path

from ..views import translations

urlpatterns = [
    path("", translations.TranslationQueueView.as_view(), name="translation_queue"),
    path("add/", translations.TranslationAddView.as_view(), name="translation_add"),
]
