"""Show a translated field in the user's language, or the Finnish text marked as such."""

from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.translation import line_items, text_served

register = template.Library()


@register.simple_tag
def translated(obj, field, paragraphs=False, note=True):
    """The field in the current language; a missing version falls back to the original
    (Finnish for the report's texts, the language a text written in the app is in).

    The fallback is marked with its language (lang="fi", …) for screen readers and said to
    be untranslated (Language Act 423/2003: the Swedish text is the norm, its absence is to
    be visible).
    With paragraphs=True the text's line breaks become paragraphs; note=False leaves out the
    "untranslated" remark where it would only repeat (breadcrumbs).
    """
    value, language = text_served(obj, field)
    if not value:
        return ""
    if language == (get_language() or "fi")[:2]:
        return _render(value, paragraphs)
    # The original: Finnish for the report's texts, the language a written text is in.
    original = value
    if not note:
        return format_html('<span lang="{}">{}</span>', language, original)
    note = _("ei käännetty")
    if paragraphs:
        return format_html(
            '<div lang="{}">{}</div><p class="untranslated">({})</p>',
            language,
            _render(original, True),
            note,
        )
    return format_html(
        '<span lang="{}">{}</span> <span class="untranslated">({})</span>', language, original, note
    )


def _render(text, paragraphs):
    if paragraphs:
        # linebreaks() escapes the text before adding its own <p> and <br> tags.
        return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308
    return format_html("{}", text)


@register.simple_tag
def translated_lines(obj, field):
    """A one-item-per-line field as a list, in the current language or Finnish as fallback.

    Returns {"lines": [...], "fallback": True when the lines are the Finnish fallback}.
    """
    text, language = text_served(obj, field)
    fallback = bool(text) and language != (get_language() or "fi")[:2]
    return {"lines": line_items(text), "fallback": fallback}


@register.filter
def text_lang(obj, field):
    """The language of what `obj.<field>` shows: the UI language where the text has that
    version, else its original (Finnish, or what the record was written in) — for lang="…"."""
    return text_served(obj, field)[1]
