"""Translated fields (fi/sv/en columns); history is registered here, after the fields exist."""

from modeltranslation.translator import TranslationOptions, translator
from simple_history import register

from .models import Organisation, Person


class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi", "sv")


translator.register(Organisation, OrganisationTranslation)
# The version counter changes on every save; it is not part of what changed.
register(Organisation, app="offerings", excluded_fields=["version"])
register(Person, app="offerings")
