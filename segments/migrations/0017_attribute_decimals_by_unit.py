"""The decimal attributes' shown precision where their unit implies it: percentages to a
tenth (the data set's shares and growth are kept to a tenth) and turnover in M€ to the
thousand euros (three decimals: the founders' turnovers are tens of thousands of euros,
and their exit rule is 0,1 M€). Other attributes keep no setting: their values are shown
without trailing zeros. Each change is recorded as a history row of its own, with this
migration as its reason: the earlier rows stay as they were, and the history shows who
(no one: the deployment) changed what."""

from django.db import migrations
from django.utils import timezone

DECIMALS_BY_UNIT = {"%": 1, "M€": 3}
SET_REASON = "Näytettävät desimaalit yksikön mukaan (migraatio 0017)"
UNSET_REASON = "Migraatio 0017 peruttu"


def _record(apps, attributes, *, reason):
    """A history row per changed attribute, as simple-history writes one on a save."""
    Attribute = apps.get_model("segments", "Attribute")
    History = apps.get_model("segments", "HistoricalAttribute")
    now = timezone.now()
    fields = [field.attname for field in Attribute._meta.concrete_fields]
    History.objects.bulk_create(
        History(
            **{name: getattr(attribute, name) for name in fields},
            history_date=now,
            history_type="~",
            history_change_reason=reason,
        )
        for attribute in attributes
    )


def _change(apps, changes, *, reason):
    """Set `decimals` on the attributes each (filter, decimals) selects, with history."""
    Attribute = apps.get_model("segments", "Attribute")
    changed = []
    for lookup, decimals in changes:
        for attribute in Attribute.objects.filter(value_type="decimal", **lookup):
            attribute.decimals = decimals
            changed.append(attribute)
    Attribute.objects.bulk_update(changed, ["decimals"])
    _record(apps, changed, reason=reason)


def decimals_by_unit(apps, schema_editor):
    changes = [
        ({"unit_fi": unit, "decimals__isnull": True}, decimals)
        for unit, decimals in DECIMALS_BY_UNIT.items()
    ]
    _change(apps, changes, reason=SET_REASON)


def decimals_unset(apps, schema_editor):
    # Only what this migration set: a precision staff chose since stays.
    changes = [
        ({"unit_fi": unit, "decimals": decimals}, None)
        for unit, decimals in DECIMALS_BY_UNIT.items()
    ]
    _change(apps, changes, reason=UNSET_REASON)


class Migration(migrations.Migration):
    dependencies = [("segments", "0016_attribute_decimals")]

    operations = [migrations.RunPython(decimals_by_unit, decimals_unset)]
