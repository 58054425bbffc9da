"""Loading the report's content idempotently, without overwriting what users have edited."""

from dataclasses import dataclass, field

from django.db import models

from core.history import save_with_history

# The change reason of every row the loader writes, with no user; it also tells the loader
# which rows it still owns (last written by the loader) and which a user has edited since.
LOADER_REASON = "Alkutiedot: TEM, Asiakkuusstrategiatyön ohjaus – loppuraportti 15.12.2008"


@dataclass
class SeedReport:
    """What one load did: rows created, updated, left as they were, and kept user edits."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept_user_edits: list[str] = field(default_factory=list)

    @property
    def changed_anything(self):
        return bool(self.created or self.updated)

    def summary(self):
        return (
            f"luotu {len(self.created)}, päivitetty {len(self.updated)}, "
            f"ennallaan {self.unchanged}, käyttäjän muokkaamia säilytetty {len(self.kept_user_edits)}"
        )


def seed_object(model, *, lookup, values, report):
    """Create the row, or bring a loader-owned row up to date; never overwrite a user's edit.

    `lookup` identifies the row (a natural key such as a code); `values` are the report's
    content. A row whose latest history entry was written by someone else than the loader
    is a user's edit: it is reported, not overwritten.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        save_with_history(obj, by=None, reason=LOADER_REASON)
        report.created.append(f"{model._meta.verbose_name}: {obj}")
        return obj
    differing = {name: value for name, value in values.items() if not _same(obj, name, value)}
    if not differing:
        report.unchanged += 1
        return obj
    if not _owned_by_loader(obj):
        report.kept_user_edits.append(
            f"{model._meta.verbose_name}: {obj} (käyttäjä on muokannut; kentät "
            f"{', '.join(sorted(differing))} jätettiin ennalleen)"
        )
        return obj
    for name, value in differing.items():
        setattr(obj, name, value)
    save_with_history(obj, by=None, reason=LOADER_REASON)
    report.updated.append(f"{model._meta.verbose_name}: {obj}")
    return obj


def _same(obj, name, value):
    if isinstance(value, models.Model):
        return getattr(obj, f"{name}_id") == value.pk
    return getattr(obj, name) == value


def _owned_by_loader(obj):
    latest = obj.history.order_by("-history_date", "-history_id").first()
    return (
        latest is not None
        and latest.history_user_id is None
        and latest.history_change_reason == LOADER_REASON
    )
