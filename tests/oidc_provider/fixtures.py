"""pytest fixtures around the test OpenID Connect provider (harness.py): one provider per
test session (a worker's), started once the live server's address is known, and the
relying party's settings pointed at it for one test."""

import pytest

from .harness import start_provider

BACKEND = "offerings.oidc.OrganisationAccountBackend"


@pytest.fixture(scope="session")
def oidc_provider(live_server, tmp_path_factory):
    """The provider, its client registered with the live server's callback and login page."""
    provider = start_provider(
        tmp_path_factory.mktemp("oidc-provider"),
        redirect_uris=[f"{live_server.url}/accounts/oidc/callback/"],
        post_logout_redirect_uris=[f"{live_server.url}/accounts/login/"],
    )
    yield provider
    provider.stop()


@pytest.fixture
def oidc_on(oidc_provider, settings):
    """Sign-in with the organisation's account configured against the test provider, as
    config/settings.py does from OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET and OIDC_OP_ISSUER;
    the provider starts with no accounts."""
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    if BACKEND not in settings.AUTHENTICATION_BACKENDS:
        settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    oidc_provider.set_accounts({})
    return oidc_provider
