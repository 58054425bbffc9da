"""Saving with history: who (the acting user) and why (a reason) on every change."""

from decimal import Decimal
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from .refusals import refuse


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


# What changed: a history row against the one before it, field by field ------------------

# How a field's stored value reads, where the field alone cannot say (a rule tree in
# words): (model, field name) -> function(value, context) -> text, where `context` is a dict
# kept for one page (to read what the function needs once). Apps register theirs in ready().
_VALUE_DISPLAYS = {}
# Long texts are shown up to this many characters on either side of the arrow.
TEXT_SHOWN = 300


def display_value_with(model, field, function):
    """Show `model`'s `field` in history through `function(value, context)` (in ready())."""
    _VALUE_DISPLAYS[(model, field)] = function


class FieldChange(NamedTuple):
    """One field of one change: its label, the value before and after, as people read them."""

    name: str
    label: str
    before: str
    after: str
    # The language of the values where it is not the UI's: a translated text's column.
    language: str | None = None


def tracked_fields(model, history_model):
    """The fields of `model` its history keeps, leaving out a translated field's own column
    (its _fi/_sv/_en columns are compared) and the history's bookkeeping."""
    kept = {field.name for field in history_model._meta.fields}
    names = {field.name for field in model._meta.concrete_fields}
    return [
        field
        for field in model._meta.concrete_fields
        if field.name in kept and not field.primary_key and f"{field.name}_fi" not in names
    ]


def _empty(value):
    return value is None or value == "" or value == [] or value == {}


def field_changes(record, previous, *, related):
    """What `record` (a history row) changed against `previous` (the row before it, None for
    a creation): the fields whose values differ, as labels before → after. None and an empty
    text are the same "empty": a save that only turned one into the other changed nothing.
    `related` maps (model, pk) -> object for foreign keys (see related_objects); the value
    displays registered with display_value_with keep what they read in it too."""
    if previous is None:
        return []
    model = record.instance_type
    changes = []
    for field in tracked_fields(model, type(record)):
        old, new = getattr(previous, field.attname), getattr(record, field.attname)
        if old == new or (_empty(old) and _empty(new)):
            continue
        changes.append(
            FieldChange(
                field.attname,
                _field_label(field),
                _display(model, field, old, related),
                _display(model, field, new, related),
                getattr(field, "language", None),
            )
        )
    return changes


def _field_label(field):
    # A modeltranslation column's own verbose name ends in "[sv]": the original field's
    # name and the language in words read better.
    label = capfirst(str(getattr(field, "translated_field", field).verbose_name))
    language = getattr(field, "language", None)  # a modeltranslation column
    if language:
        names = {"fi": _("suomeksi"), "sv": _("ruotsiksi"), "en": _("englanniksi")}
        label = f"{label} ({names.get(language, language)})"
    return label


def _display(model, field, value, related):
    if _empty(value):
        return "–"
    display = _VALUE_DISPLAYS.get((model, field.name))
    if display is not None:
        return display(value, related)
    if field.is_relation:
        obj = related.get((field.related_model, value))
        return str(obj) if obj is not None else _("poistettu (%(id)s)") % {"id": value}
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("kyllä") if value else _("ei")
    if isinstance(value, (int, float, Decimal)):
        return formats.number_format(value, force_grouping=True)
    if hasattr(value, "isoformat"):
        return formats.localize(value)
    return Truncator(str(value)).chars(TEXT_SHOWN)


def related_objects(records):
    """The objects the rows' foreign keys name, {(model, pk): object}: one query per
    related model for any number of rows (a history page's query count stays constant)."""
    wanted = {}
    for record in records:
        for field in tracked_fields(record.instance_type, type(record)):
            if field.is_relation:
                value = getattr(record, field.attname)
                if value is not None:
                    wanted.setdefault(field.related_model, set()).add(value)
    return {
        (model, obj.pk): obj
        for model, pks in wanted.items()
        for obj in model._default_manager.filter(pk__in=pks)
    }


def with_previous(history):
    """A history queryset annotated with `previous_id`: the history id of the same object's
    row before each row (a subquery, so each page reads the rows before in one more query)."""
    pk_name = history.model.instance_type._meta.pk.attname
    before = history.model.objects.filter(
        **{pk_name: OuterRef(pk_name)}, history_date__lt=OuterRef("history_date")
    ).order_by("-history_date", "-history_id")
    return history.annotate(previous_id=Subquery(before.values("history_id")[:1]))


def previous_rows(records):
    """{(history model, history_id): row} of the rows before `records` (annotated by
    with_previous), read in one query per history model among them. Keyed by the model too:
    each history table numbers its rows from 1, so rows of two models share ids (see
    previous_row)."""
    by_model = {}
    for record in records:
        ids = by_model.setdefault(type(record), set())
        if record.previous_id is not None:
            ids.add(record.previous_id)
    # Each history model among the rows is read even when none of its rows has one before
    # (an id no row has): the count of queries does not change when the first change comes.
    return {
        (history_model, row.history_id): row
        for history_model, ids in by_model.items()
        for row in history_model.objects.filter(history_id__in=ids or [-1])
    }


def previous_row(previous, record):
    """The row before `record` among `previous` (previous_rows), None for a creation."""
    return previous.get((type(record), record.previous_id))


REASON_COLUMN_LENGTH = 100


def revert_change(record, *, by, reason, seen_history_id):
    """Put the fields `record` (a history row of a change) changed back to their values
    before it, with history: who reverted and why ("Palautettu muutos …: why"). Refused when
    the object was changed after the page was shown (`seen_history_id` is the newest history
    row the user saw: nothing is overwritten unseen), when a later change has changed those
    fields again, when it no longer exists, or when the change is no change. The caller (an app's service) runs it in a transaction."""
    model = record.instance_type
    # A history row's own pk is its history id; the object's is kept under the model's name.
    object_pk = getattr(record, model._meta.pk.attname)
    obj = model._default_manager.select_for_update().filter(pk=object_pk).first()
    if obj is None:
        refuse(_("Kohdetta ei enää ole; muutosta ei voi palauttaa."))
    newest = (
        type(record)
        .objects.filter(**{model._meta.pk.attname: object_pk})
        .order_by("-history_date", "-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    if newest != seen_history_id:
        refuse(
            _(
                "Joku muu on muuttanut kohdetta sillä välin. Lataa sivu uudelleen ja katso muutokset."
            )
        )
    previous = record.prev_record
    if record.history_type != "~" or previous is None:
        refuse(_("Vain muutoksen voi palauttaa (ei lisäystä tai poistoa)."))
    changes = field_changes(record, previous, related={})
    if not changes:
        refuse(_("Muutos ei muuttanut mitään; palautettavaa ei ole."))
    for change in changes:
        current, after = getattr(obj, change.name), getattr(record, change.name)
        if current != after and not (_empty(current) and _empty(after)):
            refuse(
                _("Kenttää %(field)s on muutettu myöhemmin; palauta ensin uudempi muutos."),
                field=change.label,
            )
    for change in changes:
        setattr(obj, change.name, getattr(previous, change.name))
    full_reason = _("Palautettu muutos %(at)s: %(reason)s") % {
        "at": _local_time(record.history_date),
        "reason": reason,
    }
    # Versioned models: the locked row is the one saved, so its version is the current one.
    # The history's reason column holds 100 characters.
    save_with_history(obj, by=by, reason=full_reason[:REASON_COLUMN_LENGTH])
    return obj


def _local_time(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
