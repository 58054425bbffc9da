"""`{% form_fields form %}`: a form's fields, each labelled with its help text and errors
(includes/form_field.html), the choice fields and the empty fields of forms registered with
`core.forms.remember_rendered_choices` rendered once per language, value and error and
then kept (see core.fragments.remembered)."""

from django import forms, template
from django.template.loader import get_template
from django.utils.html import format_html_join
from django.utils.translation import get_language

from core import fragments
from core.forms import remembered_choices_name

register = template.Library()

FIELD_TEMPLATE = "includes/form_field.html"


def _field_key(form, field):
    """Everything a kept field's HTML depends on besides the form's class, its fields'
    definitions and (for a choice field) the choices: see remember_rendered_choices."""
    value = field.value()
    if isinstance(value, (list, tuple)):
        value = tuple(map(str, value))
    elif value is not None:
        value = str(value)
    return (
        get_language(),
        type(form),
        form.prefix,
        str(form.auto_id),
        form.is_bound,
        field.name,
        value,
        tuple(map(str, field.errors)),
    )


def _is_empty(field):
    """Whether the field shows no value: then its HTML is the same for everyone (the filter
    form of an unfiltered list), kept like a choice field; a value typed in is not kept."""
    return field.value() in (None, "", False)


@register.simple_tag(takes_context=True)
def form_fields(context, form):
    field_template = get_template(FIELD_TEMPLATE)
    name = remembered_choices_name(form)
    token = fragments.generation(name) if name else None
    rendered = []
    for field in form:

        def render(field=field):
            with context.push(field=field):
                return field_template.template.render(context)

        if name and (isinstance(field.field, forms.ChoiceField) or _is_empty(field)):
            html = fragments.remembered(name, (token, *_field_key(form, field)), render)
        else:
            html = render()
        rendered.append((html,))
    return format_html_join("", "{}", rendered)


@register.filter
def fields_with_errors(form):
    """(field, the id to link to) of the visible fields of `form` that have errors, in the
    form's order: the error summary (includes/form_errors.html) links to each. A group of
    radio buttons or checkboxes has no one input to label (Django gives no id): the link
    goes to its first choice."""
    return [
        (field, field.id_for_label or f"{field.auto_id}_0")
        for field in form.visible_fields()
        if field.errors
    ]
