"""Template tags of the page layout: base.html says a page's title once and shows it again as
the heading and the current crumb, unless the page names them otherwise, and renders the
parts that are the same for everyone once per language (the header tools once per language
and state, with the request's own values put in)."""

import functools
import re

from django import template
from django.template.loader import get_template
from django.utils.formats import localize
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from .people import person_name

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Set in the template's own context layer, so that the blocks rendered after it
        # (the crumb, the heading) read it; the rendered text is already escaped (SafeString).
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: renders what it holds into the variable
    `name` instead of the page; the blocks inside stay overridable."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


class FixedNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        # Per language; the node lives as long as the cached template, the process.
        self.rendered = {}

    def render(self, context):
        language = get_language()
        output = self.rendered.get(language)
        if output is None:
            output = self.rendered[language] = self.nodelist.render(context)
        return output


@register.tag
def fixed(parser, token):
    """`{% fixed %}…{% endfixed %}`: rendered once per language in each process and then
    served as it is. Only for what depends on nothing but the language and the deployment
    (translated text, URLs, static files' hashed names): every page's header, skip link and
    footer are the same for everyone, yet were rendered anew for each page."""
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("Usage: {% fixed %}…{% endfixed %}")
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    return FixedNode(nodelist)


# The header tools' per-request values, as placeholders in the copy rendered once; private-
# use characters, which no translation or address of the site holds.
_PLACEHOLDERS = {
    "csrf_token": "\ue000csrf\ue000",
    "next_path": "\ue000next\ue000",
    "person": "\ue000person\ue000",
    "unread_badge": "\ue000unread\ue000",
}
_PLACEHOLDER = re.compile("|".join(map(re.escape, _PLACEHOLDERS.values())))


@functools.lru_cache(maxsize=64)
def _header_tools(language, signed_in, has_password, on_login_page):
    # `language` is part of the key only: the active language is already `language` here.
    del language
    return get_template("includes/header_tools.html").render(
        {
            **{name: mark_safe(placeholder) for name, placeholder in _PLACEHOLDERS.items()},  # noqa: S308
            "signed_in": signed_in,
            "has_password": has_password,
            "on_login_page": on_login_page,
        }
    )


def _header_tools_values(context, signed_in):
    """The request's values, escaped, by the placeholder each replaces."""
    request = context.get("request")
    person = badge = ""
    if signed_in:
        person = escape(person_name(context["user"]))
        if unread := context.get("unread_notifications"):
            count = unread + 0  # the context processor's lazy count (SimpleLazyObject proxies +)
            badge = format_html(
                ' <span class="badge">{}</span>',
                ngettext("%(count)s lukematon", "%(count)s lukematonta", count)
                % {"count": localize(count)},
            )
    return {
        _PLACEHOLDERS["csrf_token"]: escape(context.get("csrf_token") or ""),
        _PLACEHOLDERS["next_path"]: escape(request.get_full_path() if request else ""),
        _PLACEHOLDERS["person"]: person,
        _PLACEHOLDERS["unread_badge"]: badge,
    }


@register.simple_tag(takes_context=True)
def header_tools(context):
    """The language switcher and the user menu. Drawing them through the template engine
    (two forms, half a dozen addresses and texts) cost about 1,800 Python calls on every
    page (bench/cpu_per_page.py against the block left empty); kept, they cost about 700, the
    CSRF token's masking most of it. They are rendered once per language and state in each
    process, and the request's values (CSRF token, address, name, unread count) are put in.
    One pass over the copy: a value put in is never read again as a placeholder."""
    request, user = context.get("request"), context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    match = getattr(request, "resolver_match", None)
    html = _header_tools(
        get_language(),
        signed_in,
        signed_in and user.has_usable_password(),
        not signed_in and match is not None and match.view_name == "login",
    )
    values = _header_tools_values(context, signed_in)
    return mark_safe(_PLACEHOLDER.sub(lambda match: values[match.group()], html))  # noqa: S308
