"""The outbox's sending as a task for the worker (`manage.py db_worker`)."""

from django_tasks import task

from .services import outbox_deliver_due


@task()
def outbox_send():
    """Send the e-mails that are due; those that fail wait for the worker's next sweep."""
    sent, failed = outbox_deliver_due()
    return {"sent": sent, "failed": failed}
