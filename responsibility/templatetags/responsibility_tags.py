"""Template tags of customer responsibility: the panel "Asiakasvastuu" on a company's page
in the segments app, which cannot know about responsibility itself."""

from django import template

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
