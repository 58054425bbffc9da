"""Tags of the strategy document's templates: a text in its own language, a flows picture."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from segments import charts

register = template.Library()


@register.simple_tag
def doc_text(text, language, note=True):
    """A document Text: as such in the document's language; otherwise (a report text not
    yet translated) marked with its language and said to be untranslated (`note=False`: only
    marked, where the remark would repeat, as in the contents)."""
    if not text.text or text.lang == language:
        return text.text
    if not note:
        return format_html('<span lang="{}">{}</span>', text.lang, text.text)
    return format_html(
        '<span lang="{}">{}</span> <span class="untranslated">({})</span>',
        text.lang,
        text.text,
        _("ei käännetty"),
    )


@register.simple_tag
def flows_picture(block):
    """The Sankey layout of a Flows block (segments.charts)."""
    return charts.sankey(block.flows, languages=block.languages)
