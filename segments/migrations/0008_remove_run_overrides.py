# Manual placements replace the per-run overrides (0007 carried them over).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('segments', '0007_overrides_to_manual_placements'),
    ]

    operations = [
        migrations.DeleteModel(
            name='HistoricalRunOverride',
        ),
        migrations.DeleteModel(
            name='RunOverride',
        ),
    ]
