"""How a user is named on a page."""

from django import template

register = template.Library()


@register.filter
def person_name(user):
    """A user's full name, or their username where no name is recorded; empty for none."""
    if not user:
        return ""
    return user.get_full_name() or user.get_username()
