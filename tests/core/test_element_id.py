"""`{% element_id %}` gives ids unique within the page, with or without a request (the
strategy document's PDF is rendered without one)."""

from django.template import Context, RequestContext, Template
from django.test import RequestFactory

TWO_IDS = Template(
    '{% load tables %}{% element_id "t" as a %}{% element_id "t" as b %}{{ a }} {{ b }}'
)


def test_element_id__unique_without_a_request():
    assert TWO_IDS.render(Context()) == "t-1 t-2"


def test_element_id__unique_across_the_templates_of_one_request():
    request = RequestFactory().get("/")
    first = TWO_IDS.render(RequestContext(request))
    second = TWO_IDS.render(RequestContext(request))
    assert (first, second) == ("t-1 t-2", "t-3 t-4")
