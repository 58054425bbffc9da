"""The head of a data table — its caption and column names — said once for every table of the plain shape."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/table_head.html")
def table_head(*columns, caption="", caption_id="", caption_hidden=False, number="", numeric=""):
    """`{% table_head _("Aika") _("Tila") caption=_("Muutokset") caption_hidden=True %}`: the
    caption (optional; `caption_id` for a scroll region it names, `caption_hidden` where the
    heading above already says it) and a column header cell (scope="col") for each name, in
    order; `number` and `numeric` list the positions (from 1, space-separated) of the columns
    of figures, styled by that class. A tag, because an include cannot be given a list."""
    classes = {}
    for css, positions in (("number", number), ("numeric", numeric)):
        for position in str(positions).split():
            classes[int(position)] = css
    return {
        "columns": [(name, classes.get(position)) for position, name in enumerate(columns, 1)],
        "caption": caption,
        "caption_id": caption_id,
        "caption_hidden": caption_hidden,
    }


@register.simple_tag(takes_context=True)
def element_id(context, prefix):
    """`{% element_id "taulukko" as table_id %}`: an id unique within the page (`prefix-N`),
    for a table include whose scroll region is named by its caption and may be on a page
    more than once."""
    request = context.get("request")
    if request is not None:
        count = request._element_id_count = getattr(request, "_element_id_count", 0) + 1
    else:
        # Rendered without a request (the strategy document's PDF): counted for this one
        # rendering, which its includes share.
        count = context.render_context["element_id_count"] = (
            context.render_context.get("element_id_count", 0) + 1
        )
    return f"{prefix}-{count}"
