"""Template tags of customer responsibility for pages of the segments app, which cannot
know about responsibility itself: the panel "Asiakasvastuu" on a company's page, the
segment list's company counts and the segment page's responsibility policy."""

from django import template
from django.utils import formats

from .. import permissions, selectors

register = template.Library()


@register.inclusion_tag("responsibility/includes/company_panel.html", takes_context=True)
def company_responsibility_panel(context, company):
    """The company's current lead and a link to its responsibility page; nothing for a user
    who may not read assignments (the company page asks only for segments permissions)."""
    request = context.get("request")
    if request is None or not permissions.can_view_responsibility(request.user):
        return {"may_view": False}
    return {"may_view": True, "company": company, "lead": selectors.company_lead(company)}


@register.simple_tag
def segment_company_counts():
    """The active companies of each segment, read from the counts the database keeps
    (CoverageCount): one query of a dozen rows, whatever the number of companies."""
    return selectors.segment_company_counts()


@register.simple_tag
def company_count(counts, segment):
    """The segment's count from `segment_company_counts`, localized (1 234 in Finnish)."""
    return formats.localize(counts.of(segment), use_l10n=True)
