"""Template tags of customer responsibility for pages of the segments app, which cannot
know about responsibility itself: the panel "Asiakasvastuu" on a company's page, the
segment list's company counts and the segment page's responsibility policy."""

from django import template
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import get_language

from core import fragments

from .. import permissions, selectors

register = template.Library()

# The cached fragment of the segment page's responsibility panel (ResponsibilityConfig.ready
# says what changes it).
SEGMENT_RESPONSIBILITY = "segment-responsibility"


@register.inclusion_tag("responsibility/includes/company_panel.html", takes_context=True)
def company_responsibility_panel(context, company):
    """The company's current lead and a link to its responsibility page; nothing for a user
    who may not read assignments (the company page asks only for segments permissions)."""
    request = context.get("request")
    if request is None or not permissions.can_view_responsibility(request.user):
        return {"may_view": False}
    return {"may_view": True, "company": company, "lead": selectors.company_lead_for_panel(company)}


@register.simple_tag
def segment_company_counts():
    """The active companies of each segment, read from the counts the database keeps
    (CoverageCount): one query of a dozen rows, whatever the number of companies."""
    return selectors.segment_company_counts()


@register.simple_tag
def company_count(counts, segment):
    """The segment's count from `segment_company_counts`, localized (1 234 in Finnish)."""
    return formats.localize(counts.of(segment), use_l10n=True)


@register.simple_tag(takes_context=True)
def segment_responsibility_policy(context, segment):
    """The panel "Asiakasvastuu" of a segment page: how responsibility is organised in the
    segment (5.4: model, its object, the lead organisation, customer teams, the deciding
    decision) and the group's data-sharing choice (5.5). The same for every reader (the
    strategy document publishes both); nothing for a user without the read permission."""
    request = context.get("request")
    if request is None or not request.user.has_perm("responsibility.view_responsibilitypolicy"):
        return ""
    language = (get_language() or "fi")[:2]

    def render():
        policy, data_sharing = selectors.segment_policy(segment)
        return render_to_string(
            "responsibility/includes/segment_policy.html",
            {"segment": segment, "policy": policy, "data_sharing": data_sharing},
        )

    # Cached per segment and language until a policy, the data-sharing choice or an
    # organisation changes.
    return fragments.cached(SEGMENT_RESPONSIBILITY, (segment.pk, language), render)
