"""Background work of the segments app, run by the task worker (`manage.py db_worker`)."""

from django.contrib.auth import get_user_model
from django_tasks import task

from . import resegmentation
from .models import ResegmentationRun


@task()
def preview_run(run_id):
    """Evaluate every company for a run; the run's page shows the progress meanwhile."""
    resegmentation.run_preview(ResegmentationRun.objects.get(pk=run_id))


@task()
def apply_run(run_id, user_id):
    """Apply a reviewed run in one transaction."""
    user = get_user_model().objects.filter(pk=user_id).first()
    resegmentation.run_apply(ResegmentationRun.objects.get(pk=run_id), by=user)
