"""Select options whose text is a record's Finnish fallback say so (lang="fi")."""

import pytest
from django import forms
from django.utils import translation

from core.forms import any_of
from segments.models import Segment

pytestmark = pytest.mark.django_db


class SegmentForm(forms.Form):
    segment = any_of("Segmentti", Segment.objects.filter(code__in=["suuryritykset", "perustajat"]))


def test_select__finnish_fallback_marked_and_translated_text_not(strategy_data):
    Segment.objects.filter(code="suuryritykset").update(name_sv="Stora företag")
    Segment.objects.filter(code="perustajat").update(name_sv="")
    with translation.override("sv"):
        html = str(SegmentForm()["segment"])
    founders = Segment.objects.get(code="perustajat")
    large = Segment.objects.get(code="suuryritykset")
    assert f'<option value="{founders.pk}" lang="fi">' in html
    assert f'<option value="{large.pk}">Stora företag</option>' in html


def test_select__nothing_marked_in_finnish(strategy_data):
    with translation.override("fi"):
        html = str(SegmentForm()["segment"])
    assert "lang=" not in html
