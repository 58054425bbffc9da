"""base.html's layout tags (core.templatetags.page)."""

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import translation

ENGINE = Engine(libraries={"page": "core.templatetags.page", "i18n": "django.templatetags.i18n"})


def test_fixed__rendered_once_per_language_then_served_as_it_is():
    template = ENGINE.from_string(
        "{% load page i18n %}{% fixed %}{% translate 'Saavutettavuusseloste' %} {{ n }}{% endfixed %}"
    )
    with translation.override("fi"):
        first = template.render(Context({"n": 1}))
        again = template.render(Context({"n": 2}))
    with translation.override("sv"):
        swedish = template.render(Context({"n": 3}))

    assert first == again == "Saavutettavuusseloste 1"  # kept: nothing else may vary
    assert swedish == "Tillgänglighetsutlåtande 3"


def test_fixed__takes_no_arguments():
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string("{% load page %}{% fixed now %}x{% endfixed %}")
