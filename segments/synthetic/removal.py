"""Removing the synthetic data set: every invented company with what hangs on it in this
app; real companies are untouched."""

from django.db import connection, transaction

from segments.models import AttributeValue, Company, ManualPlacement, RunEntry, SegmentTransition

from .prerequisites import SyntheticDataError

# The tables of this app that synthetic_delete empties itself.
_DELETED_WITH_COMPANIES = {ManualPlacement, RunEntry, SegmentTransition, AttributeValue}


@transaction.atomic
def synthetic_delete():
    """Remove every synthetic company with its values, run results, manual placements,
    transitions and history. Returns the number of rows removed by kind."""
    synthetic = Company.objects.filter(is_synthetic=True).values("pk")
    _refuse_if_referred_to_elsewhere(synthetic)
    counts = {}
    # Manual placements are few and historised: deleted through the ORM.
    counts["käsin sijoitukset"] = ManualPlacement.objects.filter(company__in=synthetic).delete()[0]
    # The rest in one statement each (none of these tables has signals or history).
    counts["ajon tulokset"] = RunEntry.objects.filter(company__in=synthetic).delete()[0]
    counts["siirtymät"] = SegmentTransition.objects.filter(company__in=synthetic).delete()[0]
    values = AttributeValue.objects.filter(company__in=synthetic)
    counts["ominaisuuksien arvot"] = values.delete()[0]
    # The history of invented companies (edits made while trying the app) is test data too;
    # the DELETE below records no deletion, so left behind it would explain nothing.
    ManualPlacement.history.filter(company_id__in=synthetic).delete()
    Company.history.filter(id__in=synthetic).delete()
    counts["yritykset"] = _companies_delete()
    return counts


def _refuse_if_referred_to_elsewhere(synthetic):
    """Apps above this one (customer responsibility, its append-only access log) may refer
    to synthetic companies; their rows are not this command's to remove, so say which
    they are instead of failing on the database's foreign key."""
    referring = [
        rel.related_model._meta.verbose_name_plural
        for rel in Company._meta.related_objects
        if rel.related_model not in _DELETED_WITH_COMPANIES
        and rel.related_model._default_manager.filter(
            **{f"{rel.field.name}__in": synthetic}
        ).exists()
    ]
    if referring:
        raise SyntheticDataError(
            "Synteettisiin yrityksiin viittaavat vielä muut tiedot ("
            + ", ".join(sorted(str(name) for name in referring))
            + "), joita tämä komento ei poista. Kokeiluympäristössä aloita tyhjästä "
            "tietokannasta; mitään ei poistettu."
        )


def _companies_delete():
    """One DELETE without per-row signals (the ORM would write a history row per company).
    A table added later that refers to companies makes this fail, and roll back, rather
    than leave rows pointing nowhere."""
    quote = connection.ops.quote_name
    table = quote(Company._meta.db_table)
    column = quote(Company._meta.get_field("is_synthetic").column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [True])  # noqa: S608
        return cursor.rowcount
