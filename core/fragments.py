"""Rarely changing page fragments, cached and invalidated by the writes that change them.

A segment's content and its offering change a few times a year but were rendered anew on
every request (about 24 ms of Python a segment page at national scale). A fragment's key
holds a generation: a random token that any write to the models the fragment shows
replaces (at once and again when the transaction commits), so the next request renders it
afresh. The writes to those models are model saves (services, the admin, history reverts,
the initial-data loaders), which send the signals connected here; a queryset update or a
bulk write sends none and must call `bump` itself.

The generations are kept in the shared cache (Redis in production); the rendered copies in
each process's memory (COPIES), under keys that hold the generation they were rendered in.

A key names everything the fragment varies by: the object, the language, and whatever
permission decides what the fragment shows, so that no user is served a view rendered for
another's rights or language.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import auth

TIMEOUT = 24 * 60 * 60
# Where the rendered copies are kept: each process's own memory (settings.CACHES), as the
# templates' {% cache … using="fragments" %} blocks are. The generations are in the shared
# cache, so a write in any process retires every process's copies.
COPIES = "fragments"


def _generation_key(name):
    return f"fragments:{name}:generation"


def generation(name):
    """The current generation token of the fragments called `name`."""
    key = _generation_key(name)
    # Read with the session's user when there is one (core.auth): no round trip of its own.
    token = auth.read_this_request(key) or cache.get(key)
    if token is None:
        # First use, or evicted: a new token, never an old one that cached fragments carry.
        token = uuid.uuid4().hex
        if not cache.add(key, token, timeout=None):
            token = cache.get(key, token)
    return token


def bump(name):
    """Invalidate the fragments called `name`: at once, and again when the current
    transaction commits, because a request that read the old rows meanwhile may have
    cached them under the new token. (A rolled-back write only costs one render.)"""

    def renew():
        cache.set(_generation_key(name), uuid.uuid4().hex, None)
        # The token read with the user earlier in this request is no longer served.
        auth.read_with_user_changed()

    renew()
    transaction.on_commit(renew)


def cached(name, parts, render, *, token=None):
    """The fragment `name` for `parts` (a tuple of what it varies by), rendered by `render()`
    when the cache has no copy of the current generation (`token`: that generation, when the
    caller has read it already)."""
    key = ":".join(["fragments", name, token or generation(name), *map(str, parts)])
    copies = caches[COPIES]
    html = copies.get(key)
    if html is None:
        html = render()
        if html is not None:  # nothing found (an unknown address) is not kept
            copies.set(key, html, TIMEOUT)
    return html


# Small fragments that every page of a kind repeats (a filter form's choice fields) are kept
# in this process: reading one from the shared cache costs a round trip about as long as
# rendering it. Keyed by the generation read from the shared cache, so a write anywhere
# still retires every process's copy.
LOCAL_SIZE = 2048
_local = OrderedDict()
_local_lock = threading.Lock()


def remembered(name, parts, render):
    """Like `cached`, but the copy is kept in this process (least recently used first out,
    at most LOCAL_SIZE); `parts` must be hashable. Read the generation once a request at
    most: pass it in `parts` by calling `generation(name)` yourself when rendering several."""
    key = (name, *parts)
    with _local_lock:
        html = _local.get(key)
        if html is not None:
            _local.move_to_end(key)
            return html
    html = render()
    with _local_lock:
        _local[key] = html
        while len(_local) > LOCAL_SIZE:
            _local.popitem(last=False)
    return html


def invalidate_on_change(name, *models):
    """Bump the fragments called `name` whenever a row of one of `models` (or one of their
    many-to-many links) is saved or deleted."""

    # Every page that shows such fragments reads their generation: read with the user.
    auth.read_with_session(_generation_key(name))

    def receiver(sender, **kwargs):
        bump(name)

    for model in models:
        uid = f"fragments:{name}:{model._meta.label}"
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                receiver,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}:{field.name}",
            )
