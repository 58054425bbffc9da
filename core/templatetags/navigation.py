"""The main navigation, rendered once per combination of what it depends on.

The navigation is the same HTML for every request with the same language, the same
answers to its permission checks, the same staff flag and the same current page, yet
rendering it cost about 1.5 ms of every page (a dozen `{% url %}` tags and permission
checks). `{% main_nav %}` renders it with only those inputs in its context and keeps the
result in this process, keyed by all of them: nothing user-specific beyond the key's
booleans reaches the HTML, so a copy can never show one user another's links.

The permissions the template checks are read from its own source (`perms.app.codename`),
so a link added there with a new permission is keyed by it without a list to keep in step.
"""

import functools
import re

from django import template
from django.template.loader import get_template
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "includes/main_nav.html"
PERMISSION_REFERENCE = re.compile(r"\bperms\.(\w+)\.(\w+)\b")


@functools.cache
def _checked_permissions():
    """(app_label, codename) pairs the navigation template checks, in source order."""
    source = get_template(TEMPLATE).template.source
    return tuple(dict.fromkeys(PERMISSION_REFERENCE.findall(source)))


class _Current:
    """The parts of `request.resolver_match` the navigation reads."""

    __slots__ = ("namespace", "route", "url_name", "view_name")

    def __init__(self, view_name, url_name, namespace, route):
        self.view_name = view_name
        self.url_name = url_name
        self.namespace = namespace
        self.route = route


@functools.lru_cache(maxsize=1024)
def _rendered(language, granted, is_staff, current):
    # `language` is part of the key only: the active language is already `language` here.
    del language
    perms = {}
    for app_label, codename in _checked_permissions():
        perms.setdefault(app_label, {})[codename] = (app_label, codename) in granted
    context = {
        "perms": perms,
        "user": {"is_staff": is_staff},
        "request": {"resolver_match": _Current(*current) if current else None},
    }
    return get_template(TEMPLATE).render(context)


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The main navigation of the signed-in user for the current page."""
    request = context["request"]
    user = context["user"]
    match = request.resolver_match
    current = (match.view_name, match.url_name, match.namespace, match.route) if match else None
    return _rendered(get_language(), _granted(user), bool(user.is_staff), current)


def _granted(user):
    """The pairs of `_checked_permissions` the user holds, as `user.has_perm` answers: an
    active superuser holds all; anyone else what the backends give. One read of the user's
    permissions, where a `has_perm` a link went through every backend each time."""
    pairs = _checked_permissions()
    if user.is_active and user.is_superuser:
        return frozenset(pairs)
    held = user.get_all_permissions()
    return frozenset(pair for pair in pairs if f"{pair[0]}.{pair[1]}" in held)
