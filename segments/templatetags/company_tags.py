"""The company list's rows, drawn in Python: fifty rows of six cells through the template
engine took about a third of the page's time."""

from html import escape as escape_text

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.translation import text_served
from segments.models import company_url

from .translated import translated

register = template.Library()

DASH = "–"


class _Names:
    """A related row's translated name as the company list reads it (`_names`), shaped as
    `translated` reads a model."""

    __slots__ = ("name_en", "name_fi", "name_sv")

    def __init__(self, names):
        self.name_fi, self.name_sv, self.name_en = names


def _names(company, relation):
    """The segment's or region's names (fi, sv, en) from their columns on the company's row
    (segments.selectors.company_page)."""
    return (
        getattr(company, f"{relation}_name_fi"),
        getattr(company, f"{relation}_name_sv"),
        getattr(company, f"{relation}_name_en"),
    )


def escape(value):
    # Django's escape (the same replacements) behind keep_lazy's argument checks cost a
    # quarter of the rows' time; every value here is a plain string.
    return escape_text(str(value))


def _segment_cell(names):
    return conditional_escape(translated(names, "name")) if names.name_fi else DASH


def _region_cell(names):
    # A region's name as its model gives it: the UI language's, or the Finnish one.
    return escape(text_served(names, "name")[0] or DASH)


_CELLS = {"segment": _segment_cell, "region": _region_cell}


def _cell(cells, company, relation):
    """The company's segment or region cell, drawn once a page for each of the few names
    (`cells`) and repeated on their rows."""
    key = (relation, _names(company, relation))
    if (cell := cells.get(key)) is None:
        cell = cells[key] = _CELLS[relation](_Names(key[1]))
    return cell


def _row(company, synthetic, ready, cells):
    # `company` is a row of segments.selectors.company_page (a named tuple).
    # Every value is escaped here (format_html per cell cost twice as much).
    return (
        f'<tr><td><a href="{escape(company_url(company.business_id))}">{escape(company.name)}</a>'
        f"{synthetic if company.is_synthetic else ''}</td>"
        f"<td>{escape(company.business_id)}</td>"
        f"<td>{_cell(cells, company, 'segment')}</td>"
        f"<td>{_cell(cells, company, 'region')}</td>"
        f"<td>{escape(company.industry or DASH)}</td>"
        f"<td>{ready if company.is_ready_to_move else DASH}</td></tr>"
    )


@register.simple_tag
def company_rows(companies):
    """One table row per company: name (linked, synthetic ones marked), Y-tunnus, segment
    in the UI language, region, industry and whether it is ready to move forward."""
    synthetic = f' <span class="badge">{escape(_("synteettinen"))}</span>'
    ready = escape(_("kyllä"))
    cells = {}
    rows = "\n".join(_row(company, synthetic, ready, cells) for company in companies)
    return mark_safe(rows)  # noqa: S308 (each value escaped in _row)
