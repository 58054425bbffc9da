"""Translated texts: a model's fields with one column per language (fi/sv/en)."""

from django.utils.translation import get_language
from modeltranslation.translator import translator

# Finnish is the interface's default language: a text has its Finnish version; the Swedish
# and English ones may follow.
FINNISH = ("fi",)


def translated(model, *fields, required=FINNISH):
    """Register `fields` of `model` as translated, the texts of the languages in `required`
    (none: `()`) required."""
    translator.register(model, fields=fields, required_languages=required)


def text_served(obj, field):
    """(text, language): `obj`'s translated `field` in the active UI language, or, where
    that translation is missing, the Finnish original marked "fi" (the pages mark it
    lang="fi", the API says so in data). Empty Finnish: ("", "fi")."""
    language = (get_language() or FINNISH[0])[:2]
    value = getattr(obj, f"{field}_{language}", None) or ""
    if value:
        return value, language
    return getattr(obj, f"{field}_fi", None) or "", "fi"


def line_items(text):
    """A one-item-per-line text (a strategy's points) as its non-empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
