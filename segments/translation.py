"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from modeltranslation.translator import TranslationOptions, translator
from simple_history import register

from .models import Region


class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


translator.register(Region, RegionTranslation)
register(Region, app="segments")
