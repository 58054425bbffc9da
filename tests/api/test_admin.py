"""The API clients in the admin: ministry staff add a client and see its key once, rotate
and revoke keys and read the call log; other roles do not get in."""

import datetime
import re

import pytest
from django.utils import timezone

from offerings.models import Organisation
from responsibility.models import ApiCall, ApiClient, ApiKey
from tests.factories import CompanyFactory

from .conftest import bearer

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/responsibility/apiclient/add/"
KEY = re.compile(r'value="(ak_[0-9a-f]+\.[A-Za-z0-9_-]+)"')


def _add(client, **fields):
    data = {
        "organisation": Organisation.objects.get(code="finpro").pk,
        "name": "Asiakkuudenhallinta",
        "scopes": ["companies:read", "responsibility:read"],
        "rate_limit_per_minute": "",
        "is_active": "on",
        "change_reason": "CRM-integraatio",
        "keys-TOTAL_FORMS": "0",
        "keys-INITIAL_FORMS": "0",
        **fields,
    }
    return client.post(ADD_URL, data)


def test_add__the_key_is_shown_once_and_stored_only_as_a_hash(client, ministry_user):
    client.force_login(ministry_user)
    response = _add(client)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = KEY.search(response.content.decode()).group(1)
    api_client = ApiClient.objects.get()
    assert api_client.scopes == ["companies:read", "responsibility:read"]
    assert api_client.history.get().history_change_reason == "CRM-integraatio"
    row = ApiKey.objects.get()
    assert row.created_by == ministry_user
    assert row.matches(key) and key not in str(ApiKey.objects.values().get())
    # Never again: not on the client's page, not in its key list.
    for url in (
        f"/admin/responsibility/apiclient/{api_client.pk}/change/",
        "/admin/responsibility/apikey/",
    ):
        page = client.get(url).content.decode()
        assert row.prefix in page
        assert key not in page and key.split(".")[1] not in page
    # And it opens the API.
    company = CompanyFactory()
    assert client.get(f"/api/v1/companies/{company.business_id}/", **bearer(key)).status_code == 200


def test_add__an_unknown_scope_is_refused(client, ministry_user):
    client.force_login(ministry_user)
    response = _add(client, scopes=["companies:read", "kaikki:kaikki"])
    assert response.status_code == 200
    assert "kaikki:kaikki" in response.content.decode()  # the form's error names it
    assert not ApiClient.objects.exists()
    assert not ApiKey.objects.exists()


def test_rotate__a_new_key_shown_once_the_old_one_until_the_chosen_moment(
    client, ministry_user, api_key
):
    old_key = api_key()
    old_row = api_key.last
    client.force_login(ministry_user)
    url = f"/admin/responsibility/apiclient/{old_row.client.pk}/rotate/"
    assert client.get(url).status_code == 200
    until = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(url, {"old_valid_until": until.strftime("%d.%m.%Y %H.%M")})
    assert response.status_code == 200, response.content.decode()[:2000]
    new_key = KEY.search(response.content.decode()).group(1)
    assert new_key != old_key
    old_row.refresh_from_db()
    # The form takes Helsinki time to the minute (at 22–24 UTC the dates differ from UTC's).
    assert timezone.localtime(old_row.expires_at) == until.replace(second=0, microsecond=0)
    assert client.get("/api/v1/companies/", **bearer(new_key)).status_code == 200
    assert client.get("/api/v1/companies/", **bearer(old_key)).status_code == 200


def test_revoke__the_admin_action_stops_the_key(client, ministry_user, api_key):
    key = api_key()
    row = api_key.last
    client.force_login(ministry_user)
    response = client.post(
        "/admin/responsibility/apikey/",
        {"action": "revoke", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert row.history.latest().history_user == ministry_user
    assert client.get("/api/v1/companies/", **bearer(key)).status_code == 401


def test_call_log__ministry_staff_read_it_and_nobody_edits_it(client, ministry_user, api_key):
    key = api_key()
    client.get("/api/v1/companies/", **bearer(key))
    call = ApiCall.objects.get()
    client.force_login(ministry_user)
    listing = client.get("/admin/responsibility/apicall/")
    assert listing.status_code == 200
    assert "/api/v1/companies/" in listing.content.decode()
    assert client.get("/admin/responsibility/apicall/add/").status_code == 403
    page = client.get(f"/admin/responsibility/apicall/{call.pk}/change/")
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert (
        client.post(f"/admin/responsibility/apicall/{call.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/responsibility/apiclient/",
        ADD_URL,
        "/admin/responsibility/apikey/",
        "/admin/responsibility/apicall/",
    ],
)
def test_admin__other_roles_do_not_get_in(client, role_users, url):
    from governance import roles

    for role, user in role_users.items():
        if role == roles.MINISTRY_STAFF:
            continue
        user.is_staff = True
        user.save()
        client.force_login(user)
        assert client.get(url).status_code == 403, (role, url)


def test_rotate__other_roles_are_refused(client, agency_user, api_key):
    api_key()
    agency_user.is_staff = True
    agency_user.save()
    client.force_login(agency_user)
    url = f"/admin/responsibility/apiclient/{api_key.last.client.pk}/rotate/"
    assert client.post(url, {"old_valid_until": "1.1.2030 12.00"}).status_code == 403
    assert ApiKey.objects.count() == 1
