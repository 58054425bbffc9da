"""The segment editor's fields, written out in Python: the page has some 150 of them (every
goal's three texts, order, status and remove), and Django's widget templates took most of
its server time. The markup is that of includes/form_field.html: a label, the help text
and the errors tied to the control for screen readers."""

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

REQUIRED_MARK = mark_safe(' <span aria-hidden="true">*</span>')


def _control(field, attrs):
    widget = field.field.widget
    value = field.value()
    name = field.html_name
    if isinstance(widget, forms.HiddenInput):
        return format_html(
            '<input type="hidden" name="{}" value="{}"{}>',
            name,
            "" if value is None else value,
            flatatt(attrs),
        )
    if isinstance(widget, forms.Textarea):
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            name,
            flatatt(attrs),
            "" if value is None else value,
        )
    if isinstance(widget, forms.CheckboxInput):
        if value:
            attrs["checked"] = True
        return format_html('<input type="checkbox" name="{}"{}>', name, flatatt(attrs))
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) == chosen else "", label)
                for key, label in field.field.choices
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(attrs), options)
    kind = getattr(widget, "input_type", "text")
    return format_html(
        '<input type="{}" name="{}" value="{}"{}>',
        kind,
        name,
        "" if value is None else value,
        flatatt(attrs),
    )


@register.simple_tag
def editor_field(field, css=""):
    """One field of the editor as includes/form_field.html would render it; a hidden field
    as its input alone."""
    attrs = dict(field.field.widget.attrs)
    attrs["id"] = field.auto_id
    if field.is_hidden:
        return _control(field, attrs)
    described = []
    help_text = ""
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
        help_text = format_html(
            '<span class="helptext" id="{}_helptext">{}</span>', field.auto_id, field.help_text
        )
    errors = ""
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        errors = format_html(
            '<ul class="errorlist" id="{}_error">{}</ul>',
            field.auto_id,
            format_html_join("", "<li>{}</li>", ((error,) for error in field.errors)),
        )
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.field.required:
        attrs["required"] = True
    required = REQUIRED_MARK if field.field.required else ""
    return format_html(
        '<div class="form-field{}"><label for="{}">{}{}</label>{}{}{}</div>',
        f" {css}" if css else "",
        field.auto_id,
        field.label,
        required,
        help_text,
        errors,
        _control(field, attrs),
    )
