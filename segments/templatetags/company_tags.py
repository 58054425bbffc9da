"""The company list's rows, drawn in Python: fifty rows of six cells through the template
engine took about a third of the page's time."""

from html import escape as escape_text

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.translation import text_served

from .translated import translated

register = template.Library()

DASH = "–"


class _Names:
    """A related row's translated name as the company list reads it: its columns on the
    company's row (segments.selectors.company_page), shaped as `translated` reads a model."""

    __slots__ = ("name_en", "name_fi", "name_sv")

    def __init__(self, company, relation):
        for language in ("fi", "sv", "en"):
            setattr(self, f"name_{language}", getattr(company, f"{relation}_name_{language}"))


def escape(value):
    # Django's escape (the same replacements) behind keep_lazy's argument checks cost a
    # quarter of the rows' time; every value here is a plain string.
    return escape_text(str(value))


def _row(company, synthetic, ready):
    # Every value is escaped here (format_html per cell cost twice as much).
    segment = _Names(company, "segment")
    segment = translated(segment, "name") if segment.name_fi else DASH
    # A region's name as its model gives it: the UI language's, or the Finnish one.
    region = text_served(_Names(company, "region"), "name")[0] or DASH
    return (
        f'<tr><td><a href="{escape(company.get_absolute_url())}">{escape(company.name)}</a>'
        f"{synthetic if company.is_synthetic else ''}</td>"
        f"<td>{escape(company.business_id)}</td>"
        f"<td>{conditional_escape(segment)}</td>"
        f"<td>{escape(region)}</td>"
        f"<td>{escape(company.industry or DASH)}</td>"
        f"<td>{ready if company.is_ready_to_move else DASH}</td></tr>"
    )


@register.simple_tag
def company_rows(companies):
    """One table row per company: name (linked, synthetic ones marked), Y-tunnus, segment
    in the UI language, region, industry and whether it is ready to move forward."""
    synthetic = f' <span class="badge">{escape(_("synteettinen"))}</span>'
    ready = escape(_("kyllä"))
    rows = "\n".join(_row(company, synthetic, ready) for company in companies)
    return mark_safe(rows)  # noqa: S308 (each value escaped in _row)
