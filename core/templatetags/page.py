"""Template tags of the page layout: base.html says a page's title once and shows it again as
the heading and the current crumb, unless the page names them otherwise, and renders the
parts that are the same for everyone once per language."""

from django import template
from django.utils.translation import get_language

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
