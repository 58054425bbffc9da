"""Migration 0005: consents recorded before disclosers existed release the data of the
organisation that recorded them, and no other; the migration reverses cleanly."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from offerings.models import Organisation
from responsibility.models import ConsentDisclosure
from tests.factories import CompanyFactory, ConsentFactory, UserFactory, business_id

BEFORE = [("responsibility", "0004_consent_disclosers")]
AFTER = [("responsibility", "0005_consent_disclosers_from_recorder")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def before_0005(transactional_db, strategy_data):
    """The database as it was before 0005; migrated to the latest again afterwards."""
    _migrate(BEFORE)
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_migration_0005__old_consents_release_their_recorders_organisations_data(
    before_0005, tekes_user, agency_user
):
    company = CompanyFactory(business_id=business_id(4800), name="Vanha Oy")
    finpro = Organisation.objects.get(code="finpro")
    superuser = UserFactory(username="paakayttaja", is_superuser=True)  # no organisation

    def old_consent(user):
        # A consent as 0004 knew it: whom it lets see, not whose data.
        consent = ConsentFactory(
            company=company,
            scope="contact_notes",
            given_by="Toimitusjohtaja",
            given_on=timezone.localdate(),
            recorded_by=user,
        )
        consent.organisations.set([finpro])
        return consent

    by_tekes, by_finnvera, by_superuser = map(old_consent, (tekes_user, agency_user, superuser))

    _migrate(AFTER)

    rows = {
        d.consent_id: (d.organisation.code, d.confirmed_by, d.confirmed_at)
        for d in ConsentDisclosure.objects.select_related("organisation")
    }
    assert rows == {
        by_tekes.pk: ("tekes", tekes_user, by_tekes.recorded_at),
        by_finnvera.pk: ("finnvera", agency_user, by_finnvera.recorded_at),
    }
    assert by_superuser.pk not in rows  # no organisation: releases nothing
    finnvera_part = ConsentDisclosure.objects.get(consent=by_finnvera)
    assert finnvera_part.opens  # recorded by Finnvera's own staff
    [history] = finnvera_part.history.all()
    assert (history.history_type, history.history_change_reason) == (
        "+",
        "Aiempi suostumus: kirjaajan organisaatio luovuttajaksi",
    )

    _migrate(BEFORE)
    assert not ConsentDisclosure.objects.exists()
    assert not ConsentDisclosure.history.exists()
