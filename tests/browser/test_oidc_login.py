"""The login page with the organisation account's button (OpenID Connect on, against the
real test provider of tests/oidc_provider): no axe-core violations in fi/sv/en, and a
sign-in through the provider's own page that lands on the front page with the
organisation and role the claims give."""

from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group

from governance import roles
from offerings.models import OrganisationClaimRule, Person, RoleClaimRule, SignInIdentity
from tests.factories import OrganisationFactory
from tests.oidc_provider import fixtures
from tests.oidc_provider.harness import PASSWORD, account

from .helpers import LANGUAGES, open_page

pytestmark = pytest.mark.browser

oidc_provider = fixtures.oidc_provider
oidc_on = fixtures.oidc_on

BUTTON = {
    "fi": "Kirjaudu organisaation tunnuksella",
    "sv": "Logga in med organisationens konto",
    "en": "Sign in with your organisation's account",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_login_page_with_the_organisation_account_button(
    page, audit, set_language, oidc_on, language
):
    set_language(language)
    open_page(page, "/accounts/login/?next=/segments/")
    button = page.get_by_role("link", name=BUTTON[language])
    assert button.is_visible()
    assert button.get_attribute("href") == "/accounts/oidc/authenticate/?next=/segments/"
    audit.check("login page with the organisation account's button", language)

    # Refused at the callback (a state this browser did not start): back with the message.
    open_page(page, "/accounts/oidc/callback/?code=x&state=vieras")
    assert urlparse(page.url).path == "/accounts/login/"
    assert page.locator("main .message--error").is_visible()
    audit.check("login page with a refused sign-in", language)
    audit.assert_clean()


def test_sign_in_through_the_provider_lands_with_organisation_and_role(page, oidc_on):
    tekes = OrganisationFactory(code="tekes", name_fi="Tekes", name_sv="Tekes")
    OrganisationClaimRule.objects.create(match="email_domain", value="tekes.fi", organisation=tekes)
    customer_staff, _ = Group.objects.get_or_create(name=roles.AGENCY_CUSTOMER_STAFF)
    RoleClaimRule.objects.create(claim="groups", value="asiakastyo", group=customer_staff)
    oidc_on.set_accounts(
        {
            "selain-1": account(
                "liisa@tekes.fi", groups=["asiakastyo"], given_name="Liisa", family_name="Laine"
            )
        }
    )
    open_page(page, "/accounts/login/")
    page.get_by_role("link", name=BUTTON["fi"]).click()
    page.wait_for_url(f"{oidc_on.issuer}/interaction/**")
    page.get_by_label("Käyttäjä").fill("selain-1")
    page.get_by_label("Salasana").fill(PASSWORD)
    with page.expect_navigation(url=lambda url: urlparse(url).path == "/"):
        page.get_by_role("button", name="Kirjaudu").click()
    assert "Liisa Laine" in page.locator(".user-menu").inner_text()
    user = SignInIdentity.objects.get(subject="selain-1").user
    assert Person.objects.get(user=user).organisation == tekes
    assert list(user.groups.all()) == [customer_staff]
