"""Translated texts: a model's fields with one column per language (fi/sv/en)."""

from modeltranslation.translator import translator

# Finnish is the interface's default language: a text has its Finnish version; the Swedish
# and English ones may follow.
FINNISH = ("fi",)


def translated(model, *fields, required=FINNISH):
    """Register `fields` of `model` as translated, the texts of the languages in `required`
    (none: `()`) required."""
    translator.register(model, fields=fields, required_languages=required)
