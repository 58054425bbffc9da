"""The person_name filter: how a user is named on every page that shows who did something."""

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template

NAME = Template("{% load people %}{{ who|person_name|default:'tuntematon' }}")


def render(who):
    return NAME.render(Context({"who": who}))


def test_person_name__a_user_with_a_name_is_shown_by_it():
    assert render(User(username="mvirtanen", first_name="Maija", last_name="Virtanen")) == (
        "Maija Virtanen"
    )


def test_person_name__a_user_without_a_name_is_shown_by_username():
    assert render(User(username="mvirtanen")) == "mvirtanen"


@pytest.mark.parametrize("who", [None, ""])
def test_person_name__nobody_is_empty_so_the_page_can_say_unknown(who):
    assert render(who) == "tuntematon"


def test_person_name__is_escaped():
    assert render(User(username="x", first_name="<b>Eve</b>")) == "&lt;b&gt;Eve&lt;/b&gt;"
