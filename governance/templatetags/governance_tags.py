"""Template tags of the governance app that pages of the apps below may load: the link from
a segment's item (a confirmed promise, a goal list, the strategy) to the decision that set
it ("Vahvistettu päätöksellä ASR 3/2009"), the segment page's link for its working
group's members to draft a proposal about it, and the front page's sections of the user's
roles."""

from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core import fragments
from core.forms import ui_language

from ..permissions import segment_group_for_proposals
from ..selectors.decisions import segment_item_decisions

register = template.Library()


@register.simple_tag(takes_context=True)
def segment_decisions(context, segment):
    """The decisions behind the segment's items, read in one query; empty for a user who
    may not read decisions."""
    request = context.get("request")
    if request is None or not request.user.has_perm("governance.view_decision"):
        return {}
    return segment_item_decisions(segment)


def _link(decision, archived=False):
    if archived:
        text = _("Arkistoitu päätöksellä %(reference)s")
    else:
        text = _("Vahvistettu päätöksellä %(reference)s")
    return format_html(
        '<a class="decision-link" href="{}">{}</a>',
        decision.get_absolute_url(),
        text % {"reference": decision.reference},
    )


@register.simple_tag
def decision_for(decisions, item):
    """A link to the decision that last changed the item, or nothing."""
    if not decisions or item is None:
        return ""
    decision = decisions.get((item._meta.model_name, item.pk))
    if decision is None:
        return ""
    return _link(decision, archived=getattr(item, "status", "") == "archived")


@register.simple_tag
def decision_for_any(decisions, items):
    """A link to the latest decision that changed any of the items (a goal list)."""
    if not decisions:
        return ""
    found = [decisions.get((item._meta.model_name, item.pk)) for item in items]
    found = [decision for decision in found if decision is not None]
    if not found:
        return ""
    return _link(max(found, key=lambda d: (d.date, d.year, d.number)))


@register.simple_tag(takes_context=True)
def segment_proposal_link(context, segment):
    """ "Ehdota muutosta": for a member of the segment's working group, a link to draft a
    proposal about the segment in that group's name (the body and segment chosen, the kind
    of change still to choose); nothing for anyone else."""
    request = context.get("request")
    if request is None:
        return ""
    body_code = segment_group_for_proposals(request.user, segment)
    if body_code is None:
        return ""
    query = urlencode({"body": body_code, "segment": segment.code})
    return format_html(
        '<a class="button button--secondary" href="{}?{}">{}</a>',
        reverse("governance:proposal_create"),
        query,
        _("Ehdota muutosta"),
    )


@register.simple_tag
def front_page_sections(sections):
    """The front page's sections (`front_page_sections_for`: the user's roles, each with the
    links the user may open), rendered once per language and combination in this process:
    they are the report's fixed texts and the site's addresses, the same for everyone with
    the same roles and rights, and drawing them (a score of addresses reversed, fifty
    translated texts) was a third of the front page's Python calls (bench/cpu_per_page.py). The key names each section by
    its role and each link by its page, so a copy never holds a link its user may not open."""
    shown = tuple(
        (section.role, tuple(link.url_name for link in links)) for section, links in sections
    )
    return fragments.remembered(
        "front-page-sections",
        (ui_language(), shown),
        lambda: render_to_string(
            "governance/includes/front_page_sections.html", {"sections": sections}
        ),
    )
