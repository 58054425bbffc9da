"""Sign-in with the organisation's account, without the provider: off unless configured,
the login page's button, the start of the flow, the claim mapping (selectors and the
service) and its admin. The flows against a real provider are in test_oidc.py."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from core.refusals import Refusal
from governance import roles
from offerings import selectors, services
from offerings.models import OrganisationClaimRule, Person, RoleClaimRule, SignInIdentity
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BACKEND = "offerings.oidc.OrganisationAccountBackend"
ISSUER = "https://login.example.fi/tenant/v2.0"
START = "/accounts/oidc/authenticate/"
CALLBACK = "/accounts/oidc/callback/"


@pytest.fixture
def oidc_endpoints(settings):
    """OIDC on with the endpoints given one by one (no discovery, no provider needed)."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "asiakkuusstrategia"
    settings.OIDC_RP_CLIENT_SECRET = "salaisuus"
    settings.OIDC_OP_ISSUER = ISSUER
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.fi/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example.fi/token"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example.fi/keys"
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.example.fi/logout"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    return settings


@pytest.fixture
def rules(strategy_data):
    """Tekes by e-mail domain, Finnvera by a tenant claim; roles by group claims."""
    roles.sync_roles()
    tekes = OrganisationClaimRule.objects.create(
        match="email_domain", value="tekes.fi", organisation_id=_org("tekes").pk
    )
    OrganisationClaimRule.objects.create(
        match="claim_value", claim="tid", value="finnvera-tenant", organisation=_org("finnvera")
    )
    customer_staff = Group.objects.get(name=roles.AGENCY_CUSTOMER_STAFF)
    ministry = Group.objects.get(name=roles.MINISTRY_STAFF)
    RoleClaimRule.objects.create(claim="groups", value="asiakastyo", group=customer_staff)
    RoleClaimRule.objects.create(
        claim="roles", value="Konserniohjaus", group=ministry, gives_admin_access=True
    )
    return {"tekes": tekes, "customer_staff": customer_staff, "ministry": ministry}


def _org(code):
    from offerings.models import Organisation

    return Organisation.objects.get(code=code)


def _claims(sub="s-1", email="maija@tekes.fi", **more):
    return {"sub": sub, "email": email, "email_verified": True, **more}


# --- Off unless configured ------------------------------------------------------------------


def test_sign_in__off_by_default_no_button_no_urls_no_backend(client):
    assert django_settings.OIDC_ENABLED is False
    assert BACKEND not in django_settings.AUTHENTICATION_BACKENDS
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert "Kirjaudu organisaation tunnuksella" not in page.content.decode()
    assert client.get(START).status_code == 404
    assert client.get(CALLBACK, {"code": "x", "state": "y"}).status_code == 404


SHOW_SETTINGS = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
from django.conf import settings
print(settings.OIDC_ENABLED, settings.AUTHENTICATION_BACKENDS[-1], settings.OIDC_OP_ISSUER or "-")
"""


def test_sign_in__the_environment_turns_it_on_with_a_client_and_a_provider():
    from tests.test_settings import PRODUCTION_ENV, _run

    provider = {"OIDC_OP_ISSUER": "https://login.example.fi/tenant/v2.0/"}
    on = _run(SHOW_SETTINGS, {**PRODUCTION_ENV, **provider, "OIDC_RP_CLIENT_ID": "x"})
    assert on.stdout.split() == ["True", BACKEND, "https://login.example.fi/tenant/v2.0"], on.stderr
    without_client = _run(SHOW_SETTINGS, {**PRODUCTION_ENV, **provider})
    assert without_client.stdout.split()[:2] == ["False", "core.auth.CachedModelBackend"]
    endpoints = {
        "OIDC_RP_CLIENT_ID": "x",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example.fi/authorize",
        "OIDC_OP_TOKEN_ENDPOINT": "https://login.example.fi/token",
    }
    assert _run(SHOW_SETTINGS, {**PRODUCTION_ENV, **endpoints}).stdout.split()[0] == "True"


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("fi", "Kirjaudu organisaation tunnuksella"),
        ("sv", "Logga in med organisationens konto"),
        ("en", "Sign in with your organisation's account"),
    ],
)
def test_sign_in__the_login_page_shows_the_button_when_on(
    client, oidc_endpoints, language, label, django_assert_max_num_queries
):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    with django_assert_max_num_queries(0):
        page = client.get(reverse("login"), {"next": "/segments/"})
    html = page.content.decode()
    assert label in html
    assert f'href="{START}?next=/segments/"' in html


def test_sign_in__the_start_sends_the_browser_to_the_provider_with_pkce_state_and_nonce(
    client, oidc_endpoints
):
    response = client.get(START, {"next": "/segments/"})
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == (
        "https://login.example.fi/authorize"
    )
    query = {key: values[0] for key, values in parse_qs(location.query).items()}
    assert query["client_id"] == "asiakkuusstrategia"
    assert query["response_type"] == "code"
    assert query["redirect_uri"] == f"http://testserver{CALLBACK}"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert query["ui_locales"] == "fi"
    stored = client.session["oidc_states"][query["state"]]
    assert stored["nonce"] == query["nonce"]
    assert stored["code_verifier"] and stored["code_verifier"] != query["code_challenge"]
    assert client.session["oidc_login_next"] == "/segments/"


def test_sign_in__a_provider_that_does_not_answer_gives_a_message_not_an_error(
    client, oidc_endpoints
):
    # Only the issuer, at a port where nothing listens: its discovery document cannot be read.
    oidc_endpoints.OIDC_OP_ISSUER = "http://127.0.0.1:9"
    oidc_endpoints.OIDC_OP_AUTHORIZATION_ENDPOINT = ""
    response = client.get(START, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Organisaation tunnistuspalvelu ei vastannut" in response.content.decode()


def test_sign_in__the_providers_refusal_returns_to_the_login_page_with_a_message(
    client, oidc_endpoints
):
    response = client.get(CALLBACK, {"error": "access_denied", "state": "x"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Kirjautuminen organisaation tunnuksella keskeytettiin." in response.content.decode()


def test_sign_in__a_local_users_sign_out_stays_local(client, oidc_endpoints, no_role_user):
    client.force_login(no_role_user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


# --- The mapping ----------------------------------------------------------------------------


def test_selectors__claims_to_organisation_by_rule_order(rules):
    assert selectors.organisation_for_claims(_claims()).code == "tekes"
    assert selectors.organisation_for_claims(_claims(email="x@TEKES.FI")).code == "tekes"
    assert selectors.organisation_for_claims(_claims(email="x@ala.tekes.fi")) is None
    # An unverified address does not place anyone by its domain.
    assert selectors.organisation_for_claims(_claims(email_verified=False)) is None
    both = _claims(tid="finnvera-tenant")
    assert selectors.organisation_for_claims(both).code == "tekes"
    OrganisationClaimRule.objects.filter(claim="tid").update(order=1)
    assert selectors.organisation_for_claims(both).code == "finnvera"
    OrganisationClaimRule.objects.filter(claim="tid").update(is_active=False)
    assert selectors.organisation_for_claims(both).code == "tekes"


def test_selectors__role_rules_match_a_value_or_a_list(rules):
    matched = selectors.role_rules_for_claims(
        _claims(groups=["muu", "asiakastyo"], roles="Konserniohjaus")
    )
    assert {rule.group for rule in matched} == {rules["customer_staff"], rules["ministry"]}
    assert selectors.role_rules_for_claims(_claims(groups="asiakastyö")) == []


def test_services__first_sign_in_creates_user_person_and_identity(rules):
    user = services.organisation_account_sign_in(
        issuer=ISSUER,
        claims=_claims(groups=["asiakastyo"], roles=["Konserniohjaus"], given_name="Maija"),
    )
    assert user.username == "maija@tekes.fi"
    assert user.first_name == "Maija"
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert set(user.groups.all()) == {rules["customer_staff"], rules["ministry"]}
    assert Person.objects.get(user=user).organisation.code == "tekes"
    identity = SignInIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (ISSUER, "s-1")
    assert identity.history.get().history_user == user
    assert user.has_perm("offerings.change_organisationclaimrule")


def test_services__roles_and_admin_access_follow_the_claims_each_time(rules):
    services.organisation_account_sign_in(
        issuer=ISSUER, claims=_claims(roles=["Konserniohjaus"], groups=["asiakastyo"])
    )
    user = services.organisation_account_sign_in(issuer=ISSUER, claims=_claims(groups=[]))
    assert list(user.groups.all()) == []
    assert not user.is_staff
    assert not user.has_perm("offerings.change_organisationclaimrule")
    assert get_user_model().objects.filter(sign_in_identity__isnull=False).count() == 1


def test_services__no_organisation_refused_and_nothing_written(rules):
    users = get_user_model().objects.count()
    with pytest.raises(Refusal, match="organisaatiotasi ei tunnistettu"):
        services.organisation_account_sign_in(
            issuer=ISSUER, claims=_claims(email="x@example.com", groups=["asiakastyo"])
        )
    assert get_user_model().objects.count() == users
    assert not SignInIdentity.objects.exists()


def test_services__a_known_user_whose_organisation_is_no_longer_mapped_is_refused(rules):
    user = services.organisation_account_sign_in(issuer=ISSUER, claims=_claims())
    OrganisationClaimRule.objects.filter(value="tekes.fi").update(is_active=False)
    with pytest.raises(Refusal):
        services.organisation_account_sign_in(issuer=ISSUER, claims=_claims())
    assert Person.objects.get(user=user).organisation.code == "tekes"


def test_services__a_deactivated_user_is_refused_and_stays_deactivated(rules):
    user = services.organisation_account_sign_in(issuer=ISSUER, claims=_claims())
    user.is_active = False
    user.save()
    with pytest.raises(Refusal, match="poistettu käytöstä"):
        services.organisation_account_sign_in(issuer=ISSUER, claims=_claims())
    user.refresh_from_db()
    assert not user.is_active


def test_services__a_local_user_with_the_same_address_is_not_taken_over(rules):
    local = UserFactory(username="maija@tekes.fi", email="maija@tekes.fi", is_staff=True)
    user = services.organisation_account_sign_in(issuer=ISSUER, claims=_claims())
    assert user.pk != local.pk
    assert user.username.startswith("oidc-")
    local.refresh_from_db()
    assert local.is_staff and local.has_usable_password()


def test_services__the_same_subject_at_another_issuer_is_another_user(rules):
    first = services.organisation_account_sign_in(issuer=ISSUER, claims=_claims())
    other = services.organisation_account_sign_in(issuer="https://muu.example.fi", claims=_claims())
    assert first.pk != other.pk


def test_services__claims_without_a_subject_are_refused(rules):
    with pytest.raises(Refusal):
        services.organisation_account_sign_in(issuer=ISSUER, claims=_claims(sub=""))


# --- The mapping's admin --------------------------------------------------------------------


def test_admin__ministry_staff_keep_the_rules_with_history(client, ministry_user, rules):
    client.force_login(ministry_user)
    assert (
        client.get(reverse("admin:offerings_organisationclaimrule_changelist")).status_code == 200
    )
    response = client.post(
        reverse("admin:offerings_organisationclaimrule_add"),
        {
            "match": "email_domain",
            "claim": "",
            "value": "@Finpro.FI",
            "organisation": _org("finpro").pk,
            "order": 100,
            "is_active": "on",
            "note": "",
            "change_reason": "Finpron henkilöstö organisaation tunnuksella",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = OrganisationClaimRule.objects.get(organisation__code="finpro")
    assert rule.value == "finpro.fi"
    latest = rule.history.get()
    assert latest.history_user == ministry_user
    assert latest.history_change_reason == "Finpron henkilöstö organisaation tunnuksella"
    role_page = client.get(reverse("admin:offerings_roleclaimrule_changelist"))
    assert role_page.status_code == 200
    assert client.get(reverse("admin:offerings_signinidentity_changelist")).status_code == 200


def test_admin__a_rule_without_a_claim_name_for_a_claim_value_is_refused(
    client, ministry_user, rules
):
    client.force_login(ministry_user)
    response = client.post(
        reverse("admin:offerings_organisationclaimrule_add"),
        {
            "match": "claim_value",
            "claim": "",
            "value": "x",
            "organisation": _org("finpro").pk,
            "order": 100,
            "change_reason": "Kokeilu",
        },
    )
    assert response.status_code == 200
    assert "Väitteen nimi annetaan vain" in response.content.decode()
    assert not OrganisationClaimRule.objects.filter(organisation__code="finpro").exists()


def test_admin__others_cannot_see_the_rules(client, agency_user, rules):
    agency_user.is_staff = True
    agency_user.save()
    client.force_login(agency_user)
    url = reverse("admin:offerings_organisationclaimrule_changelist")
    assert client.get(url).status_code == 403
