"""Template tags of the page layout: base.html says a page's title once and shows it again as
the heading and the current crumb, unless the page names them otherwise."""

from django import template

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
