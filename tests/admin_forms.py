"""Build the POST data of an admin change page from its GET response, as a browser would."""


def _value(field, value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if hasattr(value, "pk"):
        return value.pk
    return value


def _form_data(form):
    data = {}
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(value, (list, tuple)):
            data[bound.html_name] = [_value(field, v) for v in value]
        else:
            data[bound.html_name] = _value(field, value)
    return data


def change_form_data(response, **changes):
    """Everything the admin change page would submit, with `changes` (by input name) applied."""
    context = response.context
    data = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management[name].html_name] = management[name].value()
        for form in formset.forms:
            data.update(_form_data(form))
    data.update(changes)
    # Unchecked checkboxes are absent from a real submission.
    return {key: value for key, value in data.items() if value != ""}
