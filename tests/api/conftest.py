"""Keys for the keyed part of /api/v1/: a client of an organisation with scopes, and its key."""

import pytest

from offerings.models import Organisation
from responsibility.models import ApiClient
from responsibility.services.api_clients import api_key_issue


@pytest.fixture
def api_key(strategy_data, django_user_model):
    """`api_key(scopes, organisation="finpro", **client_fields)`: a new client's key, the
    key itself (the client is `key.client`… of the returned ApiKey row: `api_key.last`)."""
    issued = []

    def make(scopes=("companies:read",), *, organisation="finpro", name=None, **fields):
        client = ApiClient.objects.create(
            organisation=Organisation.objects.get(code=organisation),
            name=name or f"Järjestelmä {len(issued) + 1}",
            scopes=list(scopes),
            **fields,
        )
        row, key = api_key_issue(client=client, by=None)
        issued.append(row)
        make.last = row
        return key

    return make


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
