"""The form error summary links each field with an error to an element that exists: a text
input by its own id, a group of radio buttons or checkboxes by its first choice (Django gives
such a group no id of its own, and a link to "#" would jump to the top of the page)."""

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Nimi")
    kind = forms.ChoiceField(
        label="Laji", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    channels = forms.MultipleChoiceField(
        label="Kanavat", choices=[("x", "X"), ("y", "Y")], widget=forms.CheckboxSelectMultiple
    )


def test_error_summary__links_every_field_with_an_error_to_an_element_on_the_page():
    form = _Form(data={})
    summary = render_to_string("includes/form_errors.html", {"form": form})
    fields = "".join(str(form[name]) for name in ("name", "kind", "channels"))
    for anchor in ("id_name", "id_kind_0", "id_channels_0"):
        assert f'href="#{anchor}"' in summary
        assert f'id="{anchor}"' in fields
    assert 'href="#"' not in summary


def test_error_summary__nothing_for_a_form_without_errors():
    form = _Form(data={"name": "Oy", "kind": "a", "channels": ["x"]})
    assert render_to_string("includes/form_errors.html", {"form": form}).strip() == ""
