"""Starts the test OpenID Connect provider (server.mjs, npm oidc-provider on Node.js) and
speaks to it as a browser would: its login page, then back to the relying party.

The provider is a real one: it signs ID tokens with its own RSA key (RS256, published at its
JWKS endpoint), checks PKCE, state and redirect URIs, and ends its own session at the
end-session endpoint. Accounts live in a JSON file the test may change while it runs.
"""

import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests

HERE = Path(__file__).resolve().parent
CLIENT_ID = "asiakkuusstrategia"
CLIENT_SECRET = "testisalaisuus-ei-tuotantoon"
# A second client of the same provider: its ID tokens name another audience.
OTHER_CLIENT_ID = "toinen-palvelu"
# A client whose ID tokens expire after one second.
SHORT_CLIENT_ID = "lyhyt-palvelu"
TEST_REDIRECT_URI = "http://127.0.0.1:9/callback"
# Node starts it in about a second; a CI machine under load took more than 20 s once. The
# wait ends as soon as it is ready.
STARTUP_SECONDS = 60
# Every test account's password at the provider, unless a test gives another.
PASSWORD = "salasana"


class Provider:
    """A running provider: its issuer URL, its account file, and a way to stop it."""

    def __init__(self, process, issuer, accounts_file):
        self.process = process
        self.issuer = issuer
        self.accounts_file = accounts_file

    def set_accounts(self, accounts):
        """Replace the provider's accounts ({sub: {"password", "disabled", "claims"}})."""
        self.accounts_file.write_text(json.dumps(accounts))

    def settings(self):
        """The relying party's settings for this provider (as config/settings.py builds them
        from OIDC_RP_CLIENT_ID, OIDC_RP_CLIENT_SECRET and OIDC_OP_ISSUER)."""
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": "",
            "OIDC_OP_TOKEN_ENDPOINT": "",
            "OIDC_OP_USER_ENDPOINT": "",
            "OIDC_OP_JWKS_ENDPOINT": "",
            "OIDC_OP_LOGOUT_ENDPOINT": "",
        }

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _node_modules_ready():
    return (HERE / "node_modules" / "oidc-provider" / "package.json").exists()


def start_provider(tmp_dir, *, redirect_uris, post_logout_redirect_uris):
    """Start the provider on a free port of 127.0.0.1; skip (fail on CI) if Node.js or the
    npm packages are missing (`make test` installs them: `npm ci` in tests/oidc_provider)."""
    node = shutil.which("node")
    if node is None or not _node_modules_ready():
        reason = (
            "Node.js is missing (apt-get install nodejs npm)"
            if node is None
            else "tests/oidc_provider/node_modules is missing (make test runs npm ci there)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"The OIDC provider cannot start on CI: {reason}", pytrace=False)
        pytest.skip(f"OIDC provider tests skipped: {reason}")
    accounts_file = Path(tmp_dir) / "accounts.json"
    accounts_file.write_text("{}")
    client = {
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [*redirect_uris, TEST_REDIRECT_URI],
        "post_logout_redirect_uris": post_logout_redirect_uris,
    }
    clients = [
        {"client_id": CLIENT_ID, **client},
        {"client_id": OTHER_CLIENT_ID, **client},
        {"client_id": SHORT_CLIENT_ID, **client, "id_token_ttl": 1},
    ]
    environment = {
        **os.environ,
        "ACCOUNTS_FILE": str(accounts_file),
        "CLIENTS": json.dumps(clients),
        "NODE_ENV": "test",
    }
    process = subprocess.Popen(
        [node, str(HERE / "server.mjs")],
        cwd=HERE,
        env=environment,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    ready = {}

    def read_until_ready():
        # Warnings (such as Node.js 20 being older than the package's preferred LTS) may
        # come first.
        seen = []
        for line in process.stdout:
            if line.startswith("READY "):
                ready["line"] = line
                return
            seen.append(line)
            ready["seen"] = "".join(seen)

    reader = threading.Thread(target=read_until_ready, daemon=True)
    reader.start()
    reader.join(STARTUP_SECONDS)
    line = ready.get("line", "")
    if not line:
        process.kill()
        raise RuntimeError(f"The OIDC provider did not start: {ready.get('seen', '')}")
    # Keep reading its output (warnings), so that a full pipe never blocks it.
    threading.Thread(target=lambda: process.stdout.read(), daemon=True).start()
    return Provider(process, line.split()[1].strip(), accounts_file)


def account(email, *, groups=(), password=PASSWORD, disabled=False, **claims):
    """One account of the provider's file."""
    return {
        "password": password,
        "disabled": disabled,
        "claims": {"email": email, "email_verified": True, "groups": list(groups), **claims},
    }


def provider_login(session, response, *, login, password=PASSWORD, follow=True):
    """At the provider's login page (`response`, reached by following redirects), sign in
    and follow the redirects back; returns the last response."""
    assert response.status_code == 200, response.text
    action = re.search(r'action="([^"]+)"', response.text)
    assert action, f"no login form at {response.url}: {response.text[:500]}"
    url = urlparse(response.url)
    return session.post(
        f"{url.scheme}://{url.netloc}{action.group(1)}",
        data={"login": login, "password": password},
        allow_redirects=follow,
        timeout=10,
    )


def issue_id_token(issuer, *, login, client_id=CLIENT_ID, password=PASSWORD, nonce="n-0S6"):
    """Run the code flow (with PKCE) against the provider as a client would, without Django,
    and return the ID token it issues: for tests of the relying party's token checks."""
    import base64
    import hashlib
    import secrets

    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    session = requests.Session()
    query = urlencode(
        {
            "client_id": client_id,
            "response_type": "code",
            "scope": "openid email profile",
            "redirect_uri": TEST_REDIRECT_URI,
            "state": "tila",
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    response = session.get(f"{issuer}/auth?{query}", timeout=10)
    # The provider's last redirect goes to the client's (unreachable) callback: stop there.
    response = provider_login(session, response, login=login, password=password, follow=False)
    location = _redirect_to(session, response, TEST_REDIRECT_URI)
    code = parse_qs(urlparse(location).query)["code"][0]
    tokens = requests.post(
        f"{issuer}/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": TEST_REDIRECT_URI,
            "client_id": client_id,
            "client_secret": CLIENT_SECRET,
            "code_verifier": verifier,
        },
        timeout=10,
    )
    tokens.raise_for_status()
    return tokens.json()["id_token"]


def _redirect_to(session, response, prefix):
    """Follow redirects by hand until one leads to `prefix`; return that location."""
    for _ in range(10):
        location = response.headers.get("Location")
        if location is None:
            break
        if location.startswith(prefix):
            return location
        response = session.get(
            requests.compat.urljoin(response.url, location), allow_redirects=False, timeout=10
        )
    raise AssertionError(f"no redirect to {prefix}: {response.status_code} {response.text[:300]}")
