"""Retiring the person kept with the session's user (core.auth.keep_with_user,
selectors.read_person) whenever it may have changed."""

from django.db.models.signals import post_delete, post_save, pre_save

from core import auth
from core.db import single_row

from .models import Organisation, Person


def person_changed(sender, instance, using=None, **kwargs):
    """A person saved or deleted: their user's entry is read afresh."""
    auth.bump_user_row(instance.user_id, using)


def person_moving(sender, instance, using=None, raw=False, **kwargs):
    """A person given to another user: the previous user's entry loses them."""
    if raw or instance.pk is None:
        return
    # single_row: no ORDER BY (a person's default ordering joins two tables).
    previous = single_row(
        Person.objects.using(using).filter(pk=instance.pk).values_list("user_id", flat=True)
    )
    if previous is not None and previous != instance.user_id:
        auth.bump_user_row(previous, using)


def organisation_changed(sender, instance, using=None, created=False, **kwargs):
    """An organisation changed: every kept person may show it (its name, whether it is
    active), so every entry is read afresh; organisations change a few times a year. A new
    one is no one's yet, and one that people work for cannot be deleted (PROTECT): those
    leave the entries be."""
    if not created:
        auth.bump_all(using)


def connect():
    uid = "offerings.signals"
    pre_save.connect(person_moving, sender=Person, dispatch_uid=f"{uid}:person:moving")
    post_save.connect(person_changed, sender=Person, dispatch_uid=f"{uid}:person:save")
    post_delete.connect(person_changed, sender=Person, dispatch_uid=f"{uid}:person:delete")
    post_save.connect(
        organisation_changed, sender=Organisation, dispatch_uid=f"{uid}:organisation:save"
    )
