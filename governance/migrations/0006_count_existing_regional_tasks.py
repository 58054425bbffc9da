from django.db import migrations
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear


def count_tasks(apps, schema_editor):
    """The running counts start from the tasks already logged (the same recount as
    `manage.py regional_tallies --rebuild`, written out here against the migration's
    models)."""
    RegionalTask = apps.get_model("governance", "RegionalTask")
    RegionalTaskTally = apps.get_model("governance", "RegionalTaskTally")
    RegionalSegmentTally = apps.get_model("governance", "RegionalSegmentTally")
    tasks = (
        RegionalTask.objects.filter(is_archived=False)
        .annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .order_by()
    )
    RegionalTaskTally.objects.bulk_create(
        RegionalTaskTally(**row)
        for row in tasks.values("year", "month", "region_id", "kind").annotate(n=Count("pk"))
    )
    RegionalSegmentTally.objects.bulk_create(
        RegionalSegmentTally(
            year=row["year"],
            month=row["month"],
            segment_id=row["segments"],
            kind=row["kind"],
            n=row["n"],
        )
        for row in tasks.values("year", "month", "segments", "kind").annotate(
            n=Count("pk", distinct=True)
        )
    )


def forget_counts(apps, schema_editor):
    apps.get_model("governance", "RegionalTaskTally").objects.all().delete()
    apps.get_model("governance", "RegionalSegmentTally").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0005_add_regional_tallies"),
    ]

    operations = [migrations.RunPython(count_tasks, forget_counts)]
