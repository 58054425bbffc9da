"""{% translated %}: the user's language, or Finnish marked lang="fi" and said to be untranslated."""

import pytest
from django.template import Context, Template
from django.utils import translation

from segments.models import Goal, Segment

pytestmark = pytest.mark.django_db


def _render(source, **context):
    return Template("{% load translated %}" + source).render(Context(context))


def test_translated__finnish_ui_shows_finnish():
    segment = Segment(name_fi="Suuryritykset", name_sv="Storföretag")
    with translation.override("fi"):
        assert _render('{% translated s "name" %}', s=segment) == "Suuryritykset"


def test_translated__swedish_ui_uses_swedish_when_it_exists():
    segment = Segment(name_fi="Suuryritykset", name_sv="Storföretag")
    with translation.override("sv"):
        assert _render('{% translated s "name" %}', s=segment) == "Storföretag"


@pytest.mark.parametrize(("language", "note"), [("sv", "inte översatt"), ("en", "not translated")])
def test_translated__missing_translation_falls_back_to_marked_finnish(language, note):
    goal = Goal(text_fi="verotulot & <työpaikat>")
    with translation.override(language):
        html = _render('{% translated g "text" %}', g=goal)
    assert (
        html
        == f'<span lang="fi">verotulot &amp; &lt;työpaikat&gt;</span> <span class="untranslated">({note})</span>'
    )


def test_translated__paragraphs_for_multiline_text():
    segment = Segment(description_fi="Tyypillisesti\n-julkista tutkimusta")
    with translation.override("en"):
        html = _render('{% translated s "description" paragraphs=True %}', s=segment)
    assert html.startswith('<div lang="fi"><p>Tyypillisesti<br>-julkista tutkimusta</p></div>')


def test_translated__nothing_at_all_is_empty():
    with translation.override("sv"):
        assert _render('{% translated s "description" %}', s=Segment()) == ""


def test_translated_lines__points_with_fallback_flag():
    from segments.models import Strategy

    strategy = Strategy(points_fi="A\n\n B \nC")
    with translation.override("sv"):
        html = _render(
            '{% translated_lines s "points" as p %}{{ p.fallback }}:{{ p.lines|join:"|" }}',
            s=strategy,
        )
    assert html == "True:A|B|C"
