# Per-run overrides become manual placements that apply to every later run (issue 11): the
# newest override of each company is in force from its run's year; older ones are kept as
# removed placements, replaced by the newer.

from django.db import migrations

ACTION = {"exclude": "exclude", "override": "move"}


def overrides_to_placements(apps, schema_editor):
    RunOverride = apps.get_model("segments", "RunOverride")
    ManualPlacement = apps.get_model("segments", "ManualPlacement")
    newer_of = {}
    for override in RunOverride.objects.select_related("run").order_by("-created_at", "-pk"):
        newer = newer_of.get(override.company_id)
        placement = ManualPlacement.objects.create(
            company_id=override.company_id,
            action=ACTION[override.action],
            segment_id=override.segment_id if override.action == "override" else None,
            reason=override.reason,
            first_year=override.run.year,
            created_by_id=override.created_by_id,
            removed_at=newer.created_at if newer else None,
            removed_by_id=newer.created_by_id if newer else None,
            removal_reason="Korvattu uudemmalla poikkeuksella." if newer else "",
        )
        # auto_now_add stamped the migration's time; the decision was made earlier.
        ManualPlacement.objects.filter(pk=placement.pk).update(created_at=override.created_at)
        newer_of[override.company_id] = override


def placements_to_overrides(apps, schema_editor):
    RunOverride = apps.get_model("segments", "RunOverride")
    ManualPlacement = apps.get_model("segments", "ManualPlacement")
    ResegmentationRun = apps.get_model("segments", "ResegmentationRun")
    for placement in ManualPlacement.objects.filter(removed_at__isnull=True):
        run = (
            ResegmentationRun.objects.filter(year=placement.first_year)
            .order_by("-created_at")
            .first()
        )
        if run is None:
            continue
        RunOverride.objects.get_or_create(
            run=run,
            company_id=placement.company_id,
            defaults={
                "action": "exclude" if placement.action == "exclude" else "override",
                "segment_id": None if placement.action == "exclude" else placement.segment_id,
                "reason": placement.reason,
                "created_by_id": placement.created_by_id,
            },
        )


class Migration(migrations.Migration):

    dependencies = [
        ("segments", "0006_manual_placements_and_lost_workers"),
    ]

    operations = [
        migrations.RunPython(overrides_to_placements, placements_to_overrides),
    ]
