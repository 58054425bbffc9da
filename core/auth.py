"""Django's model permissions, cached across requests and invalidated by the writes that
change them.

Django's ModelBackend reads a user's permissions and their groups' permissions from the
database on every request (two queries, a few milliseconds of a page) and keeps them only
on that request's user object. `CachedModelBackend` keeps the two sets in the cache
(Redis in production) under a key naming the user and whether they are a superuser (a
superuser's sets are every permission), with the two generations they were read under: the
user's own and a global one. A write replaces a generation token (at once and again when
its transaction commits, as `core.fragments` does), so the next check reads the database
afresh:

- the user's generation: their groups or direct permissions change (`user.groups.add(g)`,
  `g.user_set.add(user)`, `user.user_permissions…`, `p.user_set…`);
- the global generation: a group's permissions change, a group, a permission or a content
  type (whose app label names the permission) is saved or deleted, a user is deleted, or a
  group's or permission's users are cleared (the signal does not say whose); and a row
  another app keeps with many users changes (`keep_with_user`: offerings renews it when an
  organisation is changed).

A user's own save does not invalidate the sets: it happens on every login (`last_login`),
and what it can change that matters, `is_active` and `is_superuser`, is checked outside
them (inactive: no permissions, as ModelBackend; superuser: a key of its own).

The session's user is cached too (`get_user`): their row with their sets and their groups'
names (`group_names`, the front page's sections) and the rows other apps keep with them
(`keep_with_user`: the user's person), in one entry read in one round trip with the
generations, and a third generation of the row itself that any save or deletion of the
user renews. `is_active`, the password (the session's hash) and `is_superuser` are thus
never older than the user's last save.

Only rows read in autocommit are stored, and only where every serving process sees the same
cache (`settings.AUTH_CACHE_SHARED`: Redis, or a single process); with each worker's own
local memory the backend is Django's ModelBackend.

A write and a read of a fresh user object in the same transaction: the read sees the
uncommitted change, so its sets are not stored, lest a rollback leave them cached under the
new generation. A write that sends no signal (a queryset `update()`, raw SQL, a row of the
link tables such as `User.groups.through` written on its own: Django sends no save or delete
signals for those, nor for a data migration's historical models or `loaddata`'s raw saves)
must call `bump_user`, `bump_user_row` or `bump_all` itself: a person written so renews the
row generation of the user it belonged to and of the one it belongs to, an organisation the
global one.
"""

import contextvars
import uuid

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

TIMEOUT = 24 * 60 * 60
# The session's user's entry (get_user): the row, their permission sets, their groups'
# names and the rows kept with them. A new shape takes a new name.
ENTRY_SHAPE = "v2"
GLOBAL_GENERATION = "permissions:generation"
# Set on a database connection: the transaction (its outermost atomic block) that changed
# permissions, whose reads are not stored.
_CHANGED_IN = "_permissions_changed_in"


def _user_generation_key(user_pk):
    return f"permissions:user:{user_pk}:generation"


def _generations(keys):
    """The current tokens of the generations `keys`; a missing one (first use, or evicted)
    gets a new token, never one that cached sets carry."""
    tokens = cache.get_many(keys)
    for key in keys:
        if key not in tokens:
            token = uuid.uuid4().hex
            if not cache.add(key, token, timeout=None):
                token = cache.get(key, token)
            tokens[key] = token
    return [tokens[key] for key in keys]


def _transaction(connection):
    """The outermost atomic block that is a real transaction, or None in autocommit. A test
    case's own blocks stand in for autocommit and do not count (as in Django's check of
    durable blocks)."""
    for block in connection.atomic_blocks:
        if not getattr(block, "_from_testcase", False):
            return block
    return None


def _bump(key, using):
    connection = connections[using or DEFAULT_DB_ALIAS]

    def renew():
        cache.set(key, uuid.uuid4().hex, None)

    renew()
    block = _transaction(connection)
    if block is not None:
        setattr(connection, _CHANGED_IN, block)
        transaction.on_commit(renew, using=connection.alias)
        transaction.on_commit(lambda: _forget_change(connection), using=connection.alias)


def _forget_change(connection):
    if hasattr(connection, _CHANGED_IN):
        delattr(connection, _CHANGED_IN)


def _may_store(using=DEFAULT_DB_ALIAS):
    """Whether rows read now may be cached: only what autocommit reads (inside a
    transaction they may be older than the tokens, from a REPEATABLE READ snapshot, or
    uncommitted), and not when this transaction changed permissions (a rollback would leave
    its uncommitted sets cached under the new generation)."""
    connection = connections[using]
    if _transaction(connection) is not None:
        return False
    block = getattr(connection, _CHANGED_IN, None)
    if block is None:
        return True
    if any(open_block is block for open_block in connection.atomic_blocks):
        return False
    _forget_change(connection)  # that transaction has ended
    return True


def bump_user(user_pk, using=None):
    """Invalidate one user's cached permissions: at once and when the transaction commits."""
    _bump(_user_generation_key(user_pk), using)


def _user_row_generation_key(user_pk):
    return f"auth:user:{user_pk}:generation"


def bump_user_row(user_pk, using=None):
    """Invalidate one user's cached row (the session's user): at once and at commit."""
    _bump(_user_row_generation_key(user_pk), using)


def bump_all(using=None):
    """Invalidate every user's cached permissions: at once and when the transaction commits."""
    _bump(GLOBAL_GENERATION, using)


# Cache entries of the session's user that nearly every page reads (the header's unread
# notifications count): read in get_user's one round trip instead of a round trip each.
_READ_WITH_USER = []
# Renewed by any write to such an entry in this process: a value read with the user before
# it is no longer served (a page that changes the count and then shows it in the same
# request reads the count afresh).
_read_with_user_epoch = 0


def read_with_user(key_of):
    """Have `key_of(user_pk)` read with the session's user (see `read_with_user_value`)."""
    if key_of not in _READ_WITH_USER:
        _READ_WITH_USER.append(key_of)


# Shared entries that nearly every page reads (the fragments' generations, core.fragments):
# read in the same round trip and kept for the rest of the request (`read_this_request`).
_READ_WITH_SESSION = []
_this_request = contextvars.ContextVar("read_with_the_session_user", default=None)


def read_with_session(key):
    """Have the shared entry `key` read with the session's user (see `read_this_request`)."""
    if key not in _READ_WITH_SESSION:
        _READ_WITH_SESSION.append(key)


def read_this_request(key):
    """The cache's value of `key` as read with the session's user in this request, or None:
    not read, missing from the cache, written since in this process, or no request."""
    values, epoch = _this_request.get() or ({}, None)
    return values.get(key) if epoch == _read_with_user_epoch else None


def forget_this_request(**kwargs):
    """At a request's start and end (signals): nothing read for one request serves another."""
    _this_request.set(None)


def read_with_user_value(user, key):
    """The cache's value of `key` as read with `user` in this request, or None: not read
    with them, missing from the cache, or written since."""
    values, epoch = getattr(user, "_read_with_user", ({}, None))
    return values.get(key) if epoch == _read_with_user_epoch else None


def read_with_user_changed():
    """Say that an entry read with the user has been written or dropped in this process."""
    global _read_with_user_epoch
    _read_with_user_epoch += 1


# Rows of other apps kept in the session's user's cached entry, as attributes of the user
# object (the attribute's name -> the function that reads the row for a user). The app that
# owns such a row renews a generation whenever it may change: the user's row generation
# (`bump_user_row`) for a row of one user, the global one (`bump_all`) for a row many share.
_KEPT_WITH_USER = {}


def keep_with_user(attribute, read):
    """Have `read(user)` kept as `user.<attribute>` in the session's user's cached entry
    (`CachedModelBackend.get_user`): read with the row, retired with it."""
    _KEPT_WITH_USER[attribute] = read


def _read_group_names(user):
    return frozenset(user.groups.values_list("name", flat=True))


def group_names(user):
    """The names of the user's groups (their roles). The session's user brings them in
    their cached entry (`CachedModelBackend.get_user`), which the generations retire when
    they can change: the user's own when their groups change, the global one when a group
    is saved or deleted. Any other user object: one query, kept on the object."""
    names = getattr(user, "_group_names", None)
    if names is None:
        names = user._group_names = _read_group_names(user)
    return names


def _names(queryset):
    return {f"{app_label}.{codename}" for app_label, codename in queryset}


class CachedModelBackend(ModelBackend):
    """ModelBackend whose permission sets come from the cache (see the module)."""

    def get_user(self, user_id):
        """The session's user, with their permission sets: on every request after the
        first, one cache round trip instead of a query for the row and a round trip for the
        sets. The entry carries the generations it was read under (the global one, the
        user's permissions' and the user's row's: any save of the user renews the last), so
        a change to any of them takes effect at the next request."""
        if not settings.AUTH_CACHE_SHARED:
            return super().get_user(user_id)
        user_model = get_user_model()
        try:
            pk = user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        generation_keys = [
            GLOBAL_GENERATION,
            _user_generation_key(pk),
            _user_row_generation_key(pk),
        ]
        # The key names the entry's shape: servers of an earlier release (a rolling
        # deploy, a rollback) read and write their own shape under their own key.
        key = f"auth:user:{ENTRY_SHAPE}:{pk}"
        companion_keys = [key_of(pk) for key_of in _READ_WITH_USER]
        epoch = _read_with_user_epoch
        found = cache.get_many([*generation_keys, key, *companion_keys, *_READ_WITH_SESSION])
        _this_request.set(({k: found[k] for k in _READ_WITH_SESSION if k in found}, epoch))
        tokens = [found.get(generation_key) for generation_key in generation_keys]
        cached = found.get(key)
        if (
            cached is not None
            and None not in tokens
            # Not the shape this code stores, or kept rows of another set: read afresh.
            and len(cached) == 9
            and cached[0] == pk
            and list(cached[1:4]) == tokens
            and cached[8].keys() == _KEPT_WITH_USER.keys()
        ):
            user, user_perms, group_perms, names, kept = cached[4:]
        else:
            # The tokens before the rows: what is stored is never older than its tokens.
            tokens = _generations(generation_keys)
            user = user_model._default_manager.filter(pk=pk).first()
            if user is None:
                return None
            user_perms, group_perms = self._permission_sets(user)
            names = _read_group_names(user)
            kept = {attribute: read(user) for attribute, read in _KEPT_WITH_USER.items()}
            if _may_store():
                entry = (pk, *tokens, user, user_perms, group_perms, names, kept)
                cache.set(key, entry, TIMEOUT)
        if not self.user_can_authenticate(user):
            return None
        user._group_names = names
        for attribute, value in kept.items():
            setattr(user, attribute, value)
        # As _get_permissions keeps them: no further cache read in this request.
        user._user_perm_cache, user._group_perm_cache = set(user_perms), set(group_perms)
        user._read_with_user = ({k: found[k] for k in companion_keys if k in found}, epoch)
        return user

    def _get_permissions(self, user_obj, obj, from_name):
        if not settings.AUTH_CACHE_SHARED:
            return super()._get_permissions(user_obj, obj, from_name)
        # ModelBackend's checks, before any cache: an inactive or anonymous user has no
        # permissions, and this backend has no object permissions.
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        perm_cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, perm_cache_name):
            user_perms, group_perms = self._permission_sets(user_obj)
            # Kept on the user object too, as ModelBackend does: one cache read a request.
            if not hasattr(user_obj, "_user_perm_cache"):
                user_obj._user_perm_cache = user_perms
            if not hasattr(user_obj, "_group_perm_cache"):
                user_obj._group_perm_cache = group_perms
        return getattr(user_obj, perm_cache_name)

    async def _aget_permissions(self, user_obj, obj, from_name):
        return await sync_to_async(self._get_permissions)(user_obj, obj, from_name)

    def _permission_sets(self, user_obj):
        """The user's direct and group permissions, from the cache or (one query) the
        database. One cache round trip when they are cached: the sets are read together
        with the two generations and carry the tokens they were read under."""
        kind = "superuser" if user_obj.is_superuser else "user"
        generation_keys = [GLOBAL_GENERATION, _user_generation_key(user_obj.pk)]
        key = f"permissions:{user_obj.pk}:{kind}"
        found = cache.get_many([*generation_keys, key])
        tokens = [found.get(generation_key) for generation_key in generation_keys]
        cached = found.get(key)
        # The key names the user; the value does too, so a set is never another's.
        if (
            cached is not None
            and None not in tokens
            and cached[0] == user_obj.pk
            and list(cached[1:3]) == tokens
        ):
            return set(cached[3]), set(cached[4])
        tokens = _generations(generation_keys)
        user_perms, group_perms = self._read_permission_sets(user_obj)
        if _may_store():
            cache.set(key, (user_obj.pk, *tokens, user_perms, group_perms), TIMEOUT)
        return set(user_perms), set(group_perms)

    def _read_permission_sets(self, user_obj):
        fields = ("content_type__app_label", "codename")
        if user_obj.is_superuser:
            every = _names(Permission.objects.values_list(*fields).order_by())
            return every, set(every)
        # Both of ModelBackend's queries in one, each row marked with the set it belongs to.
        rows = (
            self._get_user_permissions(user_obj)
            .values_list(*fields, models.Value(1, output_field=models.IntegerField()))
            .order_by()
            .union(
                self._get_group_permissions(user_obj)
                .values_list(*fields, models.Value(0, output_field=models.IntegerField()))
                .order_by(),
                all=True,
            )
        )
        user_perms, group_perms = set(), set()
        for app_label, codename, direct in rows:
            (user_perms if direct else group_perms).add(f"{app_label}.{codename}")
        return user_perms, group_perms


# --- Invalidation -------------------------------------------------------------------------


def _membership_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    """User.groups or User.user_permissions changed, from either side."""
    if not action.startswith("post_"):
        return
    if pk_set is not None and not pk_set:
        return  # nothing added or removed
    if not reverse:
        bump_user(instance.pk, using)  # the instance is the user
    elif pk_set is None:
        bump_all(using)  # a group's or permission's users cleared: whose is not said
    else:
        for user_pk in pk_set:
            bump_user(user_pk, using)


def _global_change(sender, instance=None, using=None, action="post_", pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    if pk_set is not None and not pk_set:
        return
    bump_all(using)


def _row_changed(sender, instance, using=None, **kwargs):
    bump_user_row(instance.pk, using)


def connect_invalidation():
    user_model = get_user_model()
    for field in (user_model.groups.field, user_model.user_permissions.field):
        through = field.remote_field.through
        uid = f"core.auth:{through._meta.label}"
        m2m_changed.connect(_membership_changed, sender=through, dispatch_uid=uid)
    group_permissions = Group.permissions.through
    uid = f"core.auth:{group_permissions._meta.label}"
    m2m_changed.connect(_global_change, sender=group_permissions, dispatch_uid=uid)
    for model in (Group, Permission, ContentType):
        uid = f"core.auth:{model._meta.label}"
        post_save.connect(_global_change, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_global_change, sender=model, dispatch_uid=uid + ":delete")
    # Not on a user's save (every login saves last_login): only on their deletion.
    post_delete.connect(_global_change, sender=user_model, dispatch_uid="core.auth:user:delete")
    # The session's user is cached with their sets (get_user): any save or deletion of the
    # row retires that entry.
    post_save.connect(_row_changed, sender=user_model, dispatch_uid="core.auth:user:row:save")
    post_delete.connect(_row_changed, sender=user_model, dispatch_uid="core.auth:user:row:delete")
