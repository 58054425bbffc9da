"""A task worker that hangs in the middle of a re-segmentation step, so that a test can kill
it there with SIGKILL, as a crash or `kill -9` would:

    python tests/segments/paused_worker.py preview|apply FLAG_FILE

It is `manage.py db_worker` itself, with one change: when the step has written its first
rows inside its transaction, it writes FLAG_FILE and sleeps."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from segments import resegmentation  # noqa: E402

STEP_TOTALS = {"preview": 3, "apply": 4}
step, flag = sys.argv[1], Path(sys.argv[2])
progress = resegmentation._progress


def pausing_progress(run, done, total, message, report=None):
    progress(run, done, total, message, report)
    if done == 1 and total == STEP_TOTALS[step]:
        flag.write_text(str(os.getpid()))
        time.sleep(3600)


resegmentation._progress = pausing_progress
call_command("db_worker", "--no-reload", "--interval", "0.1", "--no-startup-delay")
