"""The units written before they were translated are the Finnish ones (the Swedish and
English stay empty until someone translates them); their history rows likewise, so that
the history does not show an empty → unit change no one made."""

from django.db import migrations
from django.db.models import F


def units_to_finnish(apps, schema_editor):
    for name in ("Attribute", "HistoricalAttribute"):
        model = apps.get_model("segments", name)
        model.objects.filter(unit_fi__isnull=True).update(unit_fi=F("unit"))


def units_from_finnish(apps, schema_editor):
    for name in ("Attribute", "HistoricalAttribute"):
        model = apps.get_model("segments", name)
        model.objects.exclude(unit_fi__isnull=True).update(unit=F("unit_fi"))


class Migration(migrations.Migration):
    dependencies = [("segments", "0013_attribute_unit_translations")]

    operations = [migrations.RunPython(units_to_finnish, units_from_finnish)]
