"""Users' permission sets are cached across requests (core.auth.CachedModelBackend), and
every write that changes them takes effect at the very next check."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse

from .factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
VIEW_GROUP = "auth.view_group"
CHANGE_GROUP = "auth.change_group"
DELETE_GROUP = "auth.delete_group"


def fresh(user):
    """The user as the next request loads them: a new object, no per-request memo."""
    return User.objects.get(pk=user.pk)


def can(user, name):
    return fresh(user).has_perm(name)


def permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def group():
    viewers = Group.objects.create(name="katselijat")
    viewers.permissions.add(permission(VIEW_GROUP))
    return viewers


@pytest.fixture
def user():
    return UserFactory(username="kayttaja")


def test_backend__replaces_model_backend_and_keeps_axes(settings):
    assert settings.AUTHENTICATION_BACKENDS == [
        "axes.backends.AxesStandaloneBackend",
        "core.auth.CachedModelBackend",
    ]


def test_cache__one_query_then_none_for_a_fresh_user_object(user, group, django_assert_num_queries):
    user.groups.add(group)
    user.user_permissions.add(permission(CHANGE_GROUP))
    first = fresh(user)
    with django_assert_num_queries(1):  # the direct and the group permissions in one query
        assert first.has_perm(VIEW_GROUP)
        assert first.has_perm(CHANGE_GROUP)
    later = fresh(user)
    with django_assert_num_queries(0):
        assert later.has_perm(VIEW_GROUP)
        assert not later.has_perm(DELETE_GROUP)
        assert later.get_user_permissions() == {CHANGE_GROUP}
        assert later.get_group_permissions() == {VIEW_GROUP}
        assert later.get_all_permissions() == {VIEW_GROUP, CHANGE_GROUP}
        assert later.has_module_perms("auth")


def test_cache__a_later_request_reads_no_permissions(client, user, group, count_queries):
    user.groups.add(group)
    client.force_login(user)
    url = reverse("admin:index")  # asks for the user's permissions
    user.is_staff = True
    user.save()
    cold = count_queries(client, url)
    assert count_queries.any_sql("auth_permission")
    warm = count_queries(client, url)
    assert not count_queries.any_sql("auth_permission")
    assert not count_queries.any_sql('FROM "auth_user"')  # the session's user, cached too
    assert warm == cold - 4  # the row, its permission sets, its group names, its person


# --- The session's user: cached with their sets, retired by any save of the row --------------


def test_session_user__a_deactivated_user_is_signed_out_at_the_next_request(client, user):
    client.force_login(user)
    page = reverse("notifications:notification_list")
    assert client.get(page).status_code == 200
    assert client.get(page).status_code == 200  # served from the cache
    user.is_active = False
    user.save()
    response = client.get(page)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_session_user__a_changed_password_ends_other_sessions(client, user):
    client.force_login(user)
    page = reverse("notifications:notification_list")
    assert client.get(page).status_code == 200
    user.set_password("uusi-salasana-2026")
    user.save()
    assert client.get(page).status_code == 302


def test_session_user__a_saved_row_is_read_afresh(user, django_assert_num_queries):
    from core.auth import CachedModelBackend

    backend = CachedModelBackend()
    backend.get_user(user.pk)
    with django_assert_num_queries(0):
        assert backend.get_user(user.pk).first_name == user.first_name
    user.first_name = "Uusinimi"
    user.save()
    assert backend.get_user(user.pk).first_name == "Uusinimi"


def test_session_user__group_change_takes_effect_at_the_next_request(client, user, group):
    user.is_staff = True
    user.save()
    client.force_login(user)
    page = reverse("admin:auth_group_changelist")
    assert client.get(page).status_code == 403
    user.groups.add(group)
    assert client.get(page).status_code == 200
    user.groups.remove(group)
    assert client.get(page).status_code == 403


def test_session_user__group_names_come_with_the_cached_row(user, group, django_assert_num_queries):
    """The front page's sections follow the user's groups: read with the cached row, not
    asked of the database on every front page."""
    from core.auth import CachedModelBackend, group_names

    backend = CachedModelBackend()
    user.groups.add(group)
    backend.get_user(user.pk)
    with django_assert_num_queries(0):
        assert group_names(backend.get_user(user.pk)) == {"katselijat"}


def test_session_user__group_names_follow_membership_renames_and_deletions(user, group):
    from core.auth import CachedModelBackend, group_names

    backend = CachedModelBackend()
    assert group_names(backend.get_user(user.pk)) == set()
    user.groups.add(group)
    assert group_names(backend.get_user(user.pk)) == {"katselijat"}
    group.name = "tarkastajat"
    group.save()
    assert group_names(backend.get_user(user.pk)) == {"tarkastajat"}
    Group.objects.create(name="muut").user_set.add(user)
    assert group_names(backend.get_user(user.pk)) == {"tarkastajat", "muut"}
    group.delete()
    assert group_names(backend.get_user(user.pk)) == {"muut"}
    user.groups.clear()
    assert group_names(backend.get_user(user.pk)) == set()


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(lambda entry: entry[:7], id="seven items, no group names"),
        pytest.param(lambda entry: entry[:8], id="eight items, no kept rows"),
        pytest.param(lambda entry: (*entry[:8], {"_muu": None}), id="other kept rows"),
    ],
)
def test_session_user__an_entry_of_another_shape_is_read_afresh(user, group, shape):
    """An entry of another shape under the key (kept rows registered differently, or a
    shape written by hand) is not unpacked as this code's: the user is read again and the
    entry stored in this code's shape."""
    from django.core.cache import cache

    from core.auth import ENTRY_SHAPE, CachedModelBackend, group_names

    backend = CachedModelBackend()
    user.groups.add(group)
    backend.get_user(user.pk)
    key = f"auth:user:{ENTRY_SHAPE}:{user.pk}"
    cache.set(key, shape(cache.get(key)))
    assert group_names(backend.get_user(user.pk)) == {"katselijat"}
    assert len(cache.get(key)) == 9
    assert cache.get(key)[8].keys() == {"_person"}


def test_session_user__an_earlier_releases_entry_is_under_another_key(user):
    """Servers of the earlier release (a rolling deploy, a rollback) keep their seven-item
    entries under `auth:user:<pk>`: this code neither reads nor overwrites them."""
    from django.core.cache import cache

    from core.auth import CachedModelBackend

    earlier = ("an entry of the earlier release",)
    cache.set(f"auth:user:{user.pk}", earlier)
    assert CachedModelBackend().get_user(user.pk) == user
    assert cache.get(f"auth:user:{user.pk}") == earlier


def test_session_user__the_front_page_asks_no_group_names_once_cached(
    client, user, group, count_queries
):
    user.groups.add(group)
    client.force_login(user)
    count_queries(client, reverse("home"))
    assert count_queries.any_sql('FROM "auth_group"')  # read once with the row
    count_queries(client, reverse("home"))
    assert not count_queries.any_sql('FROM "auth_group"')


def test_group_names__any_other_user_object_asks_once(user, group, django_assert_num_queries):
    from core.auth import group_names

    user.groups.add(group)
    other = fresh(user)
    with django_assert_num_queries(1):
        assert group_names(other) == {"katselijat"}
        assert group_names(other) == {"katselijat"}


def test_session_user__not_cached_inside_the_transaction_that_saved_it(user):
    """A rolled-back save must not leave its row cached."""
    from core.auth import CachedModelBackend

    backend = CachedModelBackend()
    assert backend.get_user(user.pk).first_name == user.first_name
    with pytest.raises(RuntimeError), transaction.atomic():
        user.first_name = "Peruttu"
        user.save()
        assert backend.get_user(user.pk).first_name == "Peruttu"
        raise RuntimeError("peruttu")
    assert backend.get_user(user.pk).first_name != "Peruttu"


def test_session_user__unknown_and_malformed_ids(user):
    from core.auth import CachedModelBackend

    backend = CachedModelBackend()
    assert backend.get_user(user.pk + 1000) is None
    assert backend.get_user("ei-numero") is None


# --- Invalidation: at the very next check --------------------------------------------------


def test_invalidation__user_added_to_and_removed_from_a_group(user, group):
    assert not can(user, VIEW_GROUP)
    user.groups.add(group)
    assert can(user, VIEW_GROUP)
    user.groups.remove(group)
    assert not can(user, VIEW_GROUP)
    user.groups.set([group])
    assert can(user, VIEW_GROUP)
    user.groups.clear()
    assert not can(user, VIEW_GROUP)


def test_invalidation__group_gains_and_loses_a_user(user, group):
    assert not can(user, VIEW_GROUP)
    group.user_set.add(user)
    assert can(user, VIEW_GROUP)
    group.user_set.remove(user)
    assert not can(user, VIEW_GROUP)
    group.user_set.add(user)
    assert can(user, VIEW_GROUP)
    group.user_set.clear()
    assert not can(user, VIEW_GROUP)


def test_invalidation__group_permissions_change(user, group):
    user.groups.add(group)
    assert not can(user, CHANGE_GROUP)
    group.permissions.add(permission(CHANGE_GROUP))
    assert can(user, CHANGE_GROUP)
    permission(VIEW_GROUP).group_set.remove(group)
    assert not can(user, VIEW_GROUP)
    group.permissions.clear()
    assert fresh(user).get_all_permissions() == set()


def test_invalidation__direct_permission_given_and_taken(user):
    assert not can(user, CHANGE_GROUP)
    user.user_permissions.add(permission(CHANGE_GROUP))
    assert can(user, CHANGE_GROUP)
    user.user_permissions.remove(permission(CHANGE_GROUP))
    assert not can(user, CHANGE_GROUP)
    permission(CHANGE_GROUP).user_set.add(user)
    assert can(user, CHANGE_GROUP)
    permission(CHANGE_GROUP).user_set.clear()
    assert not can(user, CHANGE_GROUP)


def test_invalidation__group_deleted(user, group):
    user.groups.add(group)
    assert can(user, VIEW_GROUP)
    group.delete()
    assert not can(user, VIEW_GROUP)


def test_invalidation__permission_deleted(user, group):
    user.groups.add(group)
    assert can(user, VIEW_GROUP)
    permission(VIEW_GROUP).delete()
    assert not can(user, VIEW_GROUP)


def test_invalidation__not_on_a_users_own_save(user, group, django_assert_num_queries):
    """A login saves last_login: the cached sets stay (is_active and is_superuser are
    checked outside them)."""
    user.groups.add(group)
    assert can(user, VIEW_GROUP)
    user.first_name = "Uusi"
    user.save()
    later = fresh(user)
    with django_assert_num_queries(0):
        assert later.has_perm(VIEW_GROUP)


def test_invalidation__one_users_change_leaves_anothers_sets_cached(
    user, group, django_assert_num_queries
):
    other = UserFactory(username="toinen")
    other.groups.add(group)
    assert can(other, VIEW_GROUP)
    user.groups.add(group)
    later = fresh(other)
    with django_assert_num_queries(0):
        assert later.has_perm(VIEW_GROUP)


def test_invalidation__at_commit_too(user, group, django_capture_on_commit_callbacks):
    """The generation is renewed again when the transaction commits, so a set a concurrent
    request read before the commit (and cached under the new token) is not served."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        user.groups.add(group)
    assert callbacks


# --- Rollback --------------------------------------------------------------------------------


def test_rollback__a_rolled_back_change_does_not_take_effect(user, group):
    assert not can(user, VIEW_GROUP)
    with pytest.raises(RuntimeError), transaction.atomic():
        user.groups.add(group)
        group.permissions.add(permission(CHANGE_GROUP))
        # The transaction sees its own change …
        assert can(user, VIEW_GROUP)
        assert can(user, CHANGE_GROUP)
        raise RuntimeError("peruttu")
    # … which is not left cached after the rollback.
    assert not can(user, VIEW_GROUP)
    assert not can(user, CHANGE_GROUP)


def test_rollback__sets_read_after_the_transaction_are_cached_again(
    user, group, django_assert_num_queries
):
    with transaction.atomic():
        user.groups.add(group)
        assert can(user, VIEW_GROUP)
    assert can(user, VIEW_GROUP)
    later = fresh(user)
    with django_assert_num_queries(0):
        assert later.has_perm(VIEW_GROUP)


# --- Whose sets -------------------------------------------------------------------------------


def test_users__two_users_never_share_sets(user, group):
    other = UserFactory(username="toinen")
    user.groups.add(group)
    other.user_permissions.add(permission(CHANGE_GROUP))
    assert fresh(user).get_all_permissions() == {VIEW_GROUP}
    assert fresh(other).get_all_permissions() == {CHANGE_GROUP}
    # Again, from the cache.
    assert fresh(user).get_all_permissions() == {VIEW_GROUP}
    assert fresh(other).get_all_permissions() == {CHANGE_GROUP}
    assert not can(other, VIEW_GROUP)
    assert not can(user, CHANGE_GROUP)


def test_users__an_inactive_user_has_none(user, group):
    user.groups.add(group)
    user.user_permissions.add(permission(CHANGE_GROUP))
    assert can(user, VIEW_GROUP)  # cached while active
    user.is_active = False
    user.save()
    inactive = fresh(user)
    assert not inactive.has_perm(VIEW_GROUP)
    assert not inactive.has_perm(CHANGE_GROUP)
    assert inactive.get_all_permissions() == set()
    assert not inactive.has_module_perms("auth")
    user.is_active = True
    user.save()
    assert can(user, VIEW_GROUP)


def test_users__a_superuser_has_all(user):
    assert fresh(user).get_all_permissions() == set()  # cached as an ordinary user
    user.is_superuser = True
    user.save()
    superuser = fresh(user)
    every = {f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.all()}
    assert superuser.get_all_permissions() == every
    assert superuser.has_perm(DELETE_GROUP)
    user.is_superuser = False
    user.save()
    assert fresh(user).get_all_permissions() == set()


def test_users__a_deleted_users_sets_are_not_served(user, group):
    user.groups.add(group)
    assert can(user, VIEW_GROUP)
    pk = user.pk
    user.delete()
    newcomer = UserFactory(username="uusi", id=pk)  # the same key, were it ever reused
    assert not can(newcomer, VIEW_GROUP)


def test_session_user__not_cached_where_each_process_has_its_own_cache(
    settings, user, group, django_assert_num_queries
):
    """Without a shared cache (several workers, each with its own local memory) a
    deactivation saved by one worker must reach the others: the row and the permissions are
    read from the database on every request."""
    from core.auth import CachedModelBackend

    settings.AUTH_CACHE_SHARED = False
    user.groups.add(group)
    backend = CachedModelBackend()
    backend.get_user(user.pk)
    with django_assert_num_queries(3):  # the row, and the two permission sets
        assert backend.get_user(user.pk).has_perm(VIEW_GROUP)
    User.objects.filter(pk=user.pk).update(is_active=False)  # as another process's save
    assert backend.get_user(user.pk) is None
