"""The reminders the task worker runs in its periodic sweep (`manage.py db_worker`).

Each app registers its reminder services here in its AppConfig.ready(), so the worker
(which lives in the lowest app) runs them without importing the apps above it. Every
reminder is idempotent (each notice has its event key), so running them often, or twice at
once on two workers, tells each recipient once."""

import logging

from django.db import DatabaseError

logger = logging.getLogger(__name__)

_REMINDERS = {}


def reminder_register(name, function):
    """Add a reminder service (called without arguments; returns how many it reminded of)."""
    _REMINDERS[name] = function


def reminders():
    """The registered reminders, by name."""
    return dict(sorted(_REMINDERS.items()))


def reminders_run():
    """Run every registered reminder once; one failing (the database busy) does not stop
    the others, and the next sweep tries it again. Returns {name: count or None}."""
    results = {}
    for name, function in reminders().items():
        try:
            results[name] = function()
        except DatabaseError:
            logger.warning("Reminder %s failed this round.", name, exc_info=True)
            results[name] = None
    return results
