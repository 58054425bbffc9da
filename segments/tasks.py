"""Background work of the segments app, run by the task worker (`manage.py db_worker`)."""

import logging

from django.contrib.auth import get_user_model
from django_tasks import task

from core.refusals import Refusal

from . import resegmentation
from .models import ResegmentationRun

logger = logging.getLogger(__name__)


@task()
def preview_run(run_id):
    """Evaluate every company for a run; the run's page shows the progress meanwhile."""
    try:
        resegmentation.run_preview(ResegmentationRun.objects.get(pk=run_id))
    except Refusal as error:
        # Cancelled or judged lost before or while this task ran: nothing to do.
        logger.warning("Preview of run %s not made: %s", run_id, error)
        return str(error)
    return None


@task()
def apply_run(run_id, user_id):
    """Apply a reviewed run in one transaction."""
    user = get_user_model().objects.filter(pk=user_id).first()
    try:
        resegmentation.run_apply(ResegmentationRun.objects.get(pk=run_id), by=user)
    except Refusal as error:
        logger.warning("Run %s not applied: %s", run_id, error)
        return str(error)
    return None


@task()
def process_value_upload(upload_id):
    """Import a large upload of attribute values sent through the integration API."""
    from .value_uploads import value_upload_process

    value_upload_process(upload_id)
