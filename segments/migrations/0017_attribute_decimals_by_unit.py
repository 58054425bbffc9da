"""The decimal attributes' shown precision where their unit implies it: percentages to a
tenth (the data set's shares and growth are kept to a tenth) and turnover in M€ to the
thousand euros (three decimals: the founders' turnovers are tens of thousands of euros,
and their exit rule is 0,1 M€). Other attributes keep no setting: their values are shown
without trailing zeros. The history rows likewise, so that the history does not show a
change no one made."""

from django.db import migrations

DECIMALS_BY_UNIT = {"%": 1, "M€": 3}


def decimals_by_unit(apps, schema_editor):
    for name in ("Attribute", "HistoricalAttribute"):
        model = apps.get_model("segments", name)
        for unit, decimals in DECIMALS_BY_UNIT.items():
            model.objects.filter(value_type="decimal", unit_fi=unit, decimals__isnull=True).update(
                decimals=decimals
            )


def decimals_unset(apps, schema_editor):
    for name in ("Attribute", "HistoricalAttribute"):
        model = apps.get_model("segments", name)
        model.objects.filter(unit_fi__in=DECIMALS_BY_UNIT).update(decimals=None)


class Migration(migrations.Migration):
    dependencies = [("segments", "0016_attribute_decimals")]

    operations = [migrations.RunPython(decimals_by_unit, decimals_unset)]
