"""Sign-in with the organisation's account against a real OpenID Connect provider (npm
oidc-provider on Node.js, started once per test session on localhost: tests/oidc_provider).

The flows go through the live server with a real HTTP client and the provider's own login
page; the provider issues and signs the tokens. The token checks are run on tokens the
provider issued: altered, expired, or issued to another client."""

import base64
import json
import time
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation

from governance import roles
from offerings.models import OrganisationClaimRule, Person, RoleClaimRule, SignInIdentity
from offerings.oidc import OrganisationAccountBackend
from tests.factories import OrganisationFactory
from tests.oidc_provider import fixtures
from tests.oidc_provider.harness import (
    OTHER_CLIENT_ID,
    SHORT_CLIENT_ID,
    account,
    issue_id_token,
    provider_login,
)

pytestmark = pytest.mark.django_db(transaction=True)

# The provider's fixtures, shared with the browser tests.
oidc_provider = fixtures.oidc_provider
oidc_on = fixtures.oidc_on


@pytest.fixture
def mapping(db):
    """Tekes by its e-mail domain; Finnvera by a claim; two role groups by group claims."""
    tekes = OrganisationFactory(code="tekes", name_fi="Tekes", name_sv="Tekes")
    finnvera = OrganisationFactory(code="finnvera", name_fi="Finnvera", name_sv="Finnvera")
    OrganisationClaimRule.objects.create(match="email_domain", value="tekes.fi", organisation=tekes)
    OrganisationClaimRule.objects.create(
        match="claim_value", claim="groups", value="finnvera-henkilosto", organisation=finnvera
    )
    customer_staff, _ = Group.objects.get_or_create(name=roles.AGENCY_CUSTOMER_STAFF)
    member, _ = Group.objects.get_or_create(name=roles.WORKING_GROUP_MEMBER)
    RoleClaimRule.objects.create(claim="groups", value="asiakastyo", group=customer_staff)
    RoleClaimRule.objects.create(claim="groups", value="tyoryhma", group=member)
    return {
        "tekes": tekes,
        "finnvera": finnvera,
        "customer_staff": customer_staff,
        "member": member,
    }


def _sign_in(live_server, login, *, session=None):
    """Start at our button's URL, sign in at the provider's page, follow back; the last
    response and the session (cookies) the browser would have."""
    session = session or requests.Session()
    at_provider = session.get(f"{live_server.url}/accounts/oidc/authenticate/", timeout=10)
    assert urlparse(at_provider.url).path.startswith("/interaction/"), at_provider.url
    return provider_login(session, at_provider, login=login), session


def _signed_in_user(subject):
    return SignInIdentity.objects.select_related("user").get(subject=subject).user


def test_oidc__first_sign_in_creates_the_user_with_organisation_and_roles(
    live_server, oidc_on, mapping
):
    oidc_on.set_accounts(
        {
            "maija-1": account(
                "Maija.Meikalainen@tekes.fi",
                groups=["asiakastyo", "muu-ryhma"],
                given_name="Maija",
                family_name="Meikäläinen",
            )
        }
    )
    response, _session = _sign_in(live_server, "maija-1")
    assert response.status_code == 200
    assert response.url == f"{live_server.url}/"
    user = _signed_in_user("maija-1")
    assert user.username == "maija.meikalainen@tekes.fi"
    assert (user.first_name, user.last_name) == ("Maija", "Meikäläinen")
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser
    assert set(user.groups.all()) == {mapping["customer_staff"]}
    person = Person.objects.get(user=user)
    assert person.organisation == mapping["tekes"]
    assert person.history.first().history_change_reason == "Kirjautuminen organisaation tunnuksella"
    identity = SignInIdentity.objects.get(user=user)
    assert identity.issuer == oidc_on.issuer
    assert identity.history.count() == 1
    # The session is the user's: a page behind the login opens.
    assert "Maija" in response.text


def test_oidc__a_second_sign_in_applies_the_claims_anew(live_server, oidc_on, mapping):
    oidc_on.set_accounts({"matti-2": account("matti@tekes.fi", groups=["asiakastyo"])})
    _sign_in(live_server, "matti-2")
    user = _signed_in_user("matti-2")
    assert set(user.groups.all()) == {mapping["customer_staff"]}
    # At the provider: moved to Finnvera's staff group, customer work role removed, a
    # working-group role added.
    oidc_on.set_accounts(
        {
            "matti-2": account(
                "matti@tekes.fi", groups=["finnvera-henkilosto", "tyoryhma"], email_verified=False
            )
        }
    )
    response, _session = _sign_in(live_server, "matti-2")
    assert response.url == f"{live_server.url}/"
    user = _signed_in_user("matti-2")
    assert set(user.groups.all()) == {mapping["member"]}
    assert Person.objects.get(user=user).organisation == mapping["finnvera"]
    assert get_user_model().objects.filter(sign_in_identity__subject="matti-2").count() == 1


def test_oidc__claims_that_give_no_organisation_are_refused_with_a_reason(
    live_server, oidc_on, mapping
):
    oidc_on.set_accounts({"ulko-3": account("someone@example.com", groups=["asiakastyo"])})
    response, _session = _sign_in(live_server, "ulko-3")
    assert response.url == f"{live_server.url}/accounts/login/"
    assert "organisaatiotasi ei tunnistettu" in response.text
    assert not SignInIdentity.objects.exists()
    assert not get_user_model().objects.filter(email="someone@example.com").exists()


def test_oidc__an_account_removed_at_the_provider_can_no_longer_sign_in(
    live_server, oidc_on, mapping
):
    oidc_on.set_accounts({"poistuva-4": account("poistuva@tekes.fi")})
    _sign_in(live_server, "poistuva-4")
    assert _signed_in_user("poistuva-4").is_active
    # Disabled at the provider: its login page refuses, nothing comes back to us.
    oidc_on.set_accounts({"poistuva-4": account("poistuva@tekes.fi", disabled=True)})
    response, session = _sign_in(live_server, "poistuva-4")
    assert "tunnus on poistettu" in response.text
    assert urlparse(response.url).netloc == urlparse(oidc_on.issuer).netloc
    assert session.get(f"{live_server.url}/", allow_redirects=False).status_code == 302


def test_oidc__a_user_deactivated_here_is_refused(live_server, oidc_on, mapping):
    oidc_on.set_accounts({"pois-5": account("pois@tekes.fi", groups=["asiakastyo"])})
    _sign_in(live_server, "pois-5")
    user = _signed_in_user("pois-5")
    user.is_active = False
    user.save()
    response, session = _sign_in(live_server, "pois-5")
    assert response.url == f"{live_server.url}/accounts/login/"
    assert "Käyttäjätunnuksesi on poistettu käytöstä" in response.text
    user.refresh_from_db()
    assert not user.is_active
    assert session.get(f"{live_server.url}/", allow_redirects=False).status_code == 302


def test_oidc__a_state_this_browser_did_not_start_is_refused(live_server, oidc_on, mapping):
    oidc_on.set_accounts({"tila-6": account("tila@tekes.fi")})
    session = requests.Session()
    at_provider = session.get(f"{live_server.url}/accounts/oidc/authenticate/", timeout=10)
    back = provider_login(session, at_provider, login="tila-6", follow=False)
    # Follow the provider's redirects by hand up to our callback, then alter the state.
    while not back.headers["Location"].startswith(f"{live_server.url}/accounts/oidc/callback/"):
        back = session.get(
            requests.compat.urljoin(back.url, back.headers["Location"]), allow_redirects=False
        )
    callback = urlparse(back.headers["Location"])
    query = parse_qs(callback.query)
    assert query["code"] and query["state"]
    response = session.get(
        f"{live_server.url}{callback.path}",
        params={"code": query["code"][0], "state": "vaarennetty-tila"},
        timeout=10,
    )
    assert response.status_code == 200
    assert response.url == f"{live_server.url}/accounts/login/"
    assert "Kirjautumispyyntö oli vanhentunut" in response.text
    assert not SignInIdentity.objects.exists()


def test_oidc__sign_out_ends_the_providers_session_too(live_server, oidc_on, mapping):
    oidc_on.set_accounts({"ulos-7": account("ulos@tekes.fi")})
    _response, session = _sign_in(live_server, "ulos-7")
    home = session.get(f"{live_server.url}/", timeout=10)
    assert home.status_code == 200
    response = session.post(
        f"{live_server.url}/accounts/logout/",
        headers={"X-CSRFToken": session.cookies["csrftoken"]},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302
    location = urlparse(response.headers["Location"])
    assert (
        f"{location.scheme}://{location.netloc}{location.path}" == f"{oidc_on.issuer}/session/end"
    )
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == [f"{live_server.url}/accounts/login/"]
    hint = json.loads(base64.urlsafe_b64decode(query["id_token_hint"][0].split(".")[1] + "=="))
    assert hint["sub"] == "ulos-7"
    # Signed out here at once.
    assert session.get(f"{live_server.url}/", allow_redirects=False).status_code == 302
    # The provider asks to confirm, ends its session, and sends the browser to our login page.
    confirm = session.get(response.headers["Location"], timeout=10)
    form = confirm.text
    action = form.split('action="', 1)[1].split('"', 1)[0]
    fields = dict(
        (part.split('name="', 1)[1].split('"', 1)[0], part.split('value="', 1)[1].split('"', 1)[0])
        for part in form.split("<input")[1:]
        if 'name="' in part and 'value="' in part
    )
    done = session.post(
        requests.compat.urljoin(confirm.url, action), data={**fields, "logout": "yes"}, timeout=10
    )
    assert done.url == f"{live_server.url}/accounts/login/"
    # The provider's session is over: the next sign-in asks for the password again.
    again = session.get(f"{live_server.url}/accounts/oidc/authenticate/", timeout=10)
    assert urlparse(again.url).path.startswith("/interaction/")


def _backend():
    return OrganisationAccountBackend()


def _tampered(token):
    """The token with its payload changed (another subject) and the signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "joku-muu"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_oidc__a_genuine_id_token_passes_the_checks(oidc_on):
    oidc_on.set_accounts({"aito-8": account("aito@tekes.fi")})
    token = issue_id_token(oidc_on.issuer, login="aito-8", nonce="n1")
    claims = _backend().verify_token(token, nonce="n1")
    assert claims["sub"] == "aito-8"
    # The nonce of another sign-in does not do.
    with pytest.raises(SuspiciousOperation):
        _backend().verify_token(token, nonce="toinen")


def test_oidc__an_altered_id_token_is_refused(oidc_on):
    oidc_on.set_accounts({"muokattu-9": account("muokattu@tekes.fi")})
    token = issue_id_token(oidc_on.issuer, login="muokattu-9", nonce="n1")
    with pytest.raises(SuspiciousOperation, match="Signature verification failed"):
        _backend().verify_token(_tampered(token), nonce="n1")


def test_oidc__an_expired_id_token_is_refused(oidc_on, settings):
    oidc_on.set_accounts({"vanha-10": account("vanha@tekes.fi")})
    # The provider gives this client's ID tokens one second; the check allows no clock skew.
    token = issue_id_token(oidc_on.issuer, login="vanha-10", client_id=SHORT_CLIENT_ID, nonce="n1")
    settings.OIDC_RP_CLIENT_ID = SHORT_CLIENT_ID
    settings.OIDC_CLOCK_SKEW_SECONDS = 0
    assert _backend().verify_token(token, nonce="n1")["sub"] == "vanha-10"
    time.sleep(2.1)
    with pytest.raises(SuspiciousOperation, match="expired"):
        _backend().verify_token(token, nonce="n1")


def test_oidc__an_id_token_for_another_client_is_refused(oidc_on):
    oidc_on.set_accounts({"toinen-11": account("toinen@tekes.fi")})
    token = issue_id_token(oidc_on.issuer, login="toinen-11", client_id=OTHER_CLIENT_ID, nonce="n1")
    with pytest.raises(SuspiciousOperation, match="Audience"):
        _backend().verify_token(token, nonce="n1")
