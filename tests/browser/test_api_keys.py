"""The API clients' admin pages as ministry staff use them: adding a client, the page that
shows its key once, and rotating the key; 0 axe-core violations on each."""

import re

import pytest

from offerings.models import Organisation
from responsibility.models import ApiClient, ApiKey

from .helpers import open_page

pytestmark = pytest.mark.browser


def test_api_client__add_see_the_key_once_and_rotate(page, audit, login, ministry_user):
    login(ministry_user)
    open_page(page, "/admin/responsibility/apiclient/add/")
    audit.check("API client add page", "fi")

    page.select_option("#id_organisation", str(Organisation.objects.get(code="finpro").pk))
    page.fill("#id_name", "Asiakkuudenhallinta")
    page.check("input[name=scopes][value='responsibility:read']")
    page.fill("#id_change_reason", "Portaalin integraatio")
    with page.expect_navigation() as navigation:
        page.click("input[name=_save]")
    assert navigation.value.status == 200
    key = page.input_value("#api-key")
    assert re.fullmatch(r"ak_[0-9a-f]+\.[A-Za-z0-9_-]+", key)
    assert ApiKey.objects.get().matches(key)
    audit.check("API key shown once", "fi")

    client = ApiClient.objects.get()
    open_page(page, f"/admin/responsibility/apiclient/{client.pk}/rotate/")
    audit.check("API key rotation form", "fi")
    with page.expect_navigation() as navigation:
        page.click("input[type=submit]")
    assert navigation.value.status == 200
    assert page.input_value("#api-key") != key
    assert ApiKey.objects.count() == 2
    audit.assert_clean()
