"""The app servers' gunicorn settings (config/gunicorn.py): what each worker does once it
has loaded the app. That gunicorn starts and serves with them: test_database_outage."""

import gc

import pytest

from config import gunicorn as server_config


@pytest.fixture
def collector_restored():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_worker_init__the_loaded_app_is_left_out_of_collections(collector_restored):
    gc.unfreeze()
    assert gc.get_freeze_count() == 0

    server_config.post_worker_init(worker=None)

    assert gc.get_freeze_count() > 1000
    assert gc.get_threshold() == server_config.GC_THRESHOLDS
    assert server_config.GC_THRESHOLDS[0] > 700  # above Python's default: fewer collections
