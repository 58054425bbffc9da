"""gunicorn's settings for the app servers: `gunicorn config.wsgi -c python:config.gunicorn`.

Chosen by measurement (bench/load.py, bench/README.md): two sync workers per two cores;
more spend the cores switching, threads served less.
"""

import gc

workers = 2
# The workers' heartbeat files in memory, as gunicorn's documentation advises: on disk each
# heartbeat is a metadata write for the kernel to flush.
worker_tmp_dir = "/dev/shm"  # noqa: S108 (gunicorn makes its own files there, mkstemp)

# Python's cyclic garbage collector, set for a server whose requests allocate tens of
# thousands of short-lived objects over a heap of long-lived ones (the loaded app): at the
# default threshold a collection ran every 700 allocations and the full ones walked the
# whole app each time. Frozen, the app's objects are left out of every collection; the
# higher thresholds collect the young objects a few times a request rather than dozens.
# Measured alternately against Python's default (bench/load.py --mix-only [--default-gc]):
# the mix 294–325 → 299–331 req/s, p95 351–471 → 330–386 ms, p99 559–629 → 433–565 ms.
GC_THRESHOLDS = (10_000, 20, 100)


def post_worker_init(worker):
    """Once the worker has loaded the app: set the loaded objects aside for the collector."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
