"""Template tags of the offerings app: the segment's offering on the segment page, and the
producers of a service in short."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from core import fragments
from core.templatetags.statuses import status
from segments.templatetags.translated import translated

from .. import permissions, selectors
from ..models import Organisation, Service

register = template.Library()

# More TE-centres than this producing one service are named as their number; the service
# page lists them all.
TE_CENTRES_NAMED = 3
# The cached fragment of the segment page's offering panel.
SEGMENT_OFFERING = "segment-offering"


@register.simple_tag(takes_context=True)
def segment_offering(context, segment):
    """The panel "Tarjooma" of a segment page: its basic services and the transition services
    out of it and into it, each with its producers. Nothing for a user who may not read
    services and their offering (the segment page asks only for segment permissions)."""
    request = context.get("request")
    if request is None or not permissions.can_view_offering(request.user):
        return ""
    language = (get_language() or "fi")[:2]

    def render():
        basic, transitions = selectors.segment_offering(segment, language=language)
        return render_to_string(
            "offerings/includes/segment_offering.html",
            {"segment": segment, "basic": basic, "transitions": transitions},
        )

    # The same for every user who may read the offering: cached per segment and language
    # until an offering, service, producer or segment changes (OfferingsConfig.ready).
    return fragments.cached(SEGMENT_OFFERING, (segment.pk, language), render)


@register.simple_tag
def service_link(service, with_status=False):
    """A service's name as a link to it, marked when it is demo data or (`with_status`)
    not in use. A tag rather than an included template: the catalogue draws fifty."""
    html = format_html(
        '<a href="{}">{}</a>', service.get_absolute_url(), translated(service, "name")
    )
    if service.is_demo:
        html += format_html(' <span class="badge">{}</span>', _("demo"))
    if with_status and service.status != Service.Status.CURRENT:
        html += format_html(" {}", status(service))
    return html


@register.simple_tag
def producers(service, links=False):
    """The service's producers (prefetched) in the current language, comma-separated; many
    TE-centres are summed up as "15 TE-keskusta". With links=True every name links to its
    organisation page and nothing is summed up."""
    organisations = list(service.producers.all())
    te_centres = [o for o in organisations if o.kind == Organisation.Kind.TE_CENTRE]
    summarise = not links and len(te_centres) > TE_CENTRES_NAMED
    named = [o for o in organisations if not (summarise and o in te_centres)]
    parts = [
        format_html('<a href="{}">{}</a>', o.get_absolute_url(), translated(o, "name", note=False))
        if links
        else translated(o, "name", note=False)
        for o in named
    ]
    if summarise:
        count = len(te_centres)
        parts.append(
            ngettext("%(count)s TE-keskus", "%(count)s TE-keskusta", count) % {"count": count}
        )
    return format_html_join(", ", "{}", ((part,) for part in parts))
