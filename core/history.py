"""Saving with history: who (the acting user) and why (a reason) on every change."""

from typing import NamedTuple

from django.db.models import Exists


class Change(NamedTuple):
    """One item a service changed (or deleted), with a line saying how: what a decision
    lists as its effects. Model and id rather than the object, which a delete empties."""

    model: type
    pk: int
    description: str

    @classmethod
    def of(cls, obj, description):
        return cls(type(obj), obj.pk, str(description))


def save_with_history(obj, *, by, reason, clean=True, update_fields=None):
    """Validate (unless `clean` is off), save, and record who and why in the history row.

    django-simple-history writes the history row in a post_save receiver; callers run in a
    transaction, so the change and its history commit together."""
    if clean:
        obj.full_clean()
    obj._history_user = by
    obj._change_reason = reason
    obj.save(update_fields=update_fields)
    return obj


def delete_with_history(obj, *, by, reason):
    """Delete, recording who and why in the history's deletion row."""
    obj._history_user = by
    obj._change_reason = reason
    obj.delete()


def save_changed(obj, description, *, by, reason):
    """save_with_history, returning the Change that says what happened."""
    save_with_history(obj, by=by, reason=reason)
    return Change.of(obj, description)


def delete_changed(obj, description, *, by, reason):
    """delete_with_history, returning the Change that says what happened."""
    change = Change.of(obj, description)
    delete_with_history(obj, by=by, reason=reason)
    return change


def text_set(obj, field, value):
    """Set a translated field's Finnish text; a changed text drops its Swedish and English
    versions, which no longer say the same thing. Returns whether the text changed."""
    if (getattr(obj, f"{field}_fi") or "") == value:
        return False
    setattr(obj, f"{field}_fi", value)
    setattr(obj, f"{field}_sv", "")
    setattr(obj, f"{field}_en", "")
    return True


def changed_since(moment, *histories):
    """A filter for "changed at or after `moment`": whether any of `histories` (history
    querysets already tied to the outer row with OuterRef, e.g. the item's own history and
    its parts' by their foreign key) has a row that new. The models keep no updated time of
    their own; their history rows are the record of every change."""
    condition = None
    for history in histories:
        exists = Exists(history.filter(history_date__gte=moment))
        condition = exists if condition is None else condition | exists
    return condition
