"""Site-wide behaviour: login everywhere, front page per role, languages, health and outages."""

import datetime
import decimal
import re

import pytest
from django import forms
from django.conf import settings
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import formats, translation

from governance import roles

pytestmark = pytest.mark.django_db

# The only pages an anonymous visitor may open (issue: login, accessibility statement, health)
# and the integration API's open data, public by design (CC BY 4.0, no customer data; its
# own tests in tests/api/).
OPEN_DATA_API_VIEWS = {
    "api:schema",
    "api:docs",
    "api:segment_list",
    "api:segment_detail",
    "api:organisation_list",
    "api:organisation_detail",
    "api:service_list",
    "api:service_detail",
    "api:body_list",
    "api:body_detail",
    "api:decision_list",
    "api:decision_detail",
    "api:roadmap",
    "api:not_found",
}
# The keyed API: no login, since a system's key is the credential (each view asks for the
# key and its scope; tests/api/test_keys.py refuses every one without them).
KEYED_API_VIEWS = {
    "api:company_list",
    "api:company_detail",
    "api:company_responsibility",
    "api:company_notes",
    "api:value_upload_create",
    "api:value_upload_detail",
}
PUBLIC_VIEWS = {
    "login",
    "healthz",
    "set_language",
    "governance:accessibility_statement",
    # Asking for a new password and setting it with the e-mailed link (Django's own views).
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    # Sign-in with the organisation's account (OpenID Connect): 404 unless configured.
    "oidc_authentication_init",
    "oidc_authentication_callback",
    # A published strategy's PDF: the ministry's public download link (a frozen document).
    "governance:strategy_version_public_pdf",
    *OPEN_DATA_API_VIEWS,
    *KEYED_API_VIEWS,
}


def _named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_login_required__every_view_outside_the_admin_requires_login_unless_listed():
    public = set()
    for name, pattern in _named_patterns():
        if name.startswith("admin:"):
            continue  # the admin has its own staff-only login
        if not getattr(pattern.callback, "login_required", True):
            public.add(name)
    assert public == PUBLIC_VIEWS


@pytest.mark.parametrize("url", ["/", "/organisations/", "/organisations/tem/", "/admin/"])
def test_login_required__anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("url", ["/accounts/login/", "/accessibility/", "/healthz"])
def test_login_required__public_pages_open_without_login(client, url):
    assert client.get(url).status_code == 200


def test_home__each_role_sees_its_own_section(client, role_users):
    for role, user in role_users.items():
        client.force_login(user)
        page = client.get(reverse("home")).content.decode()
        for other in roles.ROLES:
            assert (f">{other}</h2>" in page) == (other == role), (role, other)


def test_home__ministry_staff_are_pointed_to_the_admin(client, ministry_user):
    client.force_login(ministry_user)
    page = client.get(reverse("home")).content.decode()
    assert reverse("admin:index") in page
    assert reverse("offerings:organisation_list") in page


def test_home__other_roles_get_no_admin_link(client, working_group_user):
    client.force_login(working_group_user)
    page = client.get(reverse("home")).content.decode()
    assert reverse("admin:index") not in page


def test_home__user_without_role_is_told_how_to_get_one(client, no_role_user):
    client.force_login(no_role_user)
    page = client.get(reverse("home")).content.decode()
    assert "Sinulla ei ole vielä roolia" in page


def test_home__query_count_is_constant(client, ministry_user, django_assert_num_queries):
    client.force_login(ministry_user)
    client.get(reverse("home"))
    # session; the user with their permissions, group names and person (with its
    # organisation) come from the cache (core.auth) and the session is not written on every
    # request (core.sessions); the waiting work: their seats, the handover counts (one
    # query) and the overdue feedback count (tests/governance/test_waiting_work.py: the
    # same whatever the rows)
    with django_assert_num_queries(4):
        client.get(reverse("home"))


def test_language__finnish_by_default_even_when_the_browser_asks_for_english(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="fi">' in page
    assert "Kirjaudu sisään" in page
    assert response["Content-Language"] == "fi"


@pytest.mark.parametrize(
    ("language", "title"), [("sv", "Logga in"), ("en", "Log in"), ("fi", "Kirjaudu sisään")]
)
def test_language__the_switcher_changes_the_language(client, language, title):
    response = client.post(
        reverse("set_language"), {"language": language, "next": "/accounts/login/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    page = client.get(reverse("login")).content.decode()
    assert f'<html lang="{language}">' in page
    assert title in page


def test_language__the_switcher_offers_each_language_in_its_own_language(client):
    page = client.get(reverse("login")).content.decode()
    assert 'lang="fi" aria-current="true">Suomeksi' in page
    assert 'lang="sv">På svenska' in page
    assert 'lang="en">In English' in page


def test_language__an_unknown_language_cookie_falls_back_to_finnish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert '<html lang="fi">' in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_formats__dates_are_day_month_year_in_every_language(language):
    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 3, 5), "SHORT_DATE_FORMAT") == "5.3.2026"


def test_formats__finland_swedish_date_input_accepts_day_month_year():
    with translation.override("sv"):
        assert forms.DateField().clean("5.3.2026") == datetime.date(2026, 3, 5)
        assert formats.date_format(datetime.date(2026, 3, 5)) == "5.3.2026"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_formats__decimal_comma_in_output_and_in_localized_inputs(language):
    with translation.override(language):
        assert (
            formats.number_format(1234.5, decimal_pos=1, use_l10n=True, force_grouping=True)
            == "1\xa0234,5"
        )
        assert forms.DecimalField(localize=True).clean("1234,5") == decimal.Decimal("1234.5")


def test_healthz__ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def _database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    monkeypatch.setattr(CursorWrapper, "executemany", refuse)


def test_healthz__503_when_the_database_is_down(client, monkeypatch):
    _database_down(monkeypatch)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["database"] == "unavailable"


@pytest.mark.parametrize("url", ["/", "/organisations/", "/organisations/tem/", "/accounts/login/"])
def test_database_down__pages_answer_a_static_503_with_retry_after(monkeypatch, ministry_user, url):
    client = Client(raise_request_exception=False)
    client.force_login(ministry_user)
    _database_down(monkeypatch)
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Palvelu ei ole juuri nyt käytettävissä" in page
    assert "Traceback" not in page


def test_errors__other_failures_are_a_friendly_500_page(monkeypatch, ministry_user):
    client = Client(raise_request_exception=False)
    client.force_login(ministry_user)

    def broken(*args, **kwargs):
        raise RuntimeError("vika")

    monkeypatch.setattr("governance.selectors.front_page_sections_for", broken)
    monkeypatch.setattr("config.views.front_page_sections_for", broken)
    response = client.get("/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Palvelussa tapahtui virhe" in page
    assert "vika" not in page


def test_errors__404_page_in_the_base_layout(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get("/ei-ole-olemassa/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sivua ei löydy" in page
    assert 'href="#main"' in page  # the skip link of the base layout


def test_security_headers__csp_and_friends_on_every_page(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    for directive in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]:
        assert directive in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_logout__needs_a_post_and_ends_the_session(client, working_group_user):
    client.force_login(working_group_user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_login__a_new_session_key_at_login(client, working_group_user):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    client.post(reverse("login"), {"username": "tyoryhma", "password": "testisalasana-123"})
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(working_group_user.pk)


@pytest.mark.parametrize(
    ("url", "current_link"),
    [
        ("/governance/groups/", ("Ryhmät ja päätökset", "page")),
        ("/governance/proposals/", ("Ryhmät ja päätökset", "true")),
        ("/governance/decisions/", ("Ryhmät ja päätökset", "true")),
        ("/governance/regional/", ("Alueellinen työ", "page")),
        ("/governance/regional/overview/", ("Alueellinen työ", "true")),
        ("/governance/steering/", ("Toiminnan ohjaus", "page")),
        ("/governance/steering/clock/", ("Toiminnan ohjaus", "true")),
    ],
)
def test_main_nav__marks_the_governance_area_of_the_page(client, ministry_user, url, current_link):
    client.force_login(ministry_user)
    page = client.get(url).content.decode()
    nav = page[
        page.index('class="main-nav"') : page.index("</nav>", page.index('class="main-nav"'))
    ]
    label, kind = current_link
    marked = re.findall(r'aria-current="(\w+)">([^<]+)</a>', nav)
    assert marked == [(kind, label)]


def test_front_page__links_each_role_to_its_governance_pages(client, role_users):
    expected = {
        "Ministeriön henkilöstö": "/governance/meetings/",
        "Työryhmän jäsen": "/governance/proposals/",
        "TE-keskuksen koordinaattori": "/governance/regional/",
        "Asiakastyön henkilöstö": "/responsibility/handovers/",
        "Kääntäjä": "/translations/",
    }
    for role, user in role_users.items():
        client.force_login(user)
        assert f'href="{expected[role]}"' in client.get("/").content.decode(), role


# Wrong, oversized and hostile values for the filter parameters the list pages read.
HOSTILE_QUERY = {
    name: value
    for name, value in [
        ("q", "<script>alert(1)</script>" + "x" * 5000),
        ("year", "kaksituhatta"),
        ("month", "13"),
        ("page", "-1"),
        ("cursor", "'; DROP TABLE x; --"),
        ("segment", "ei-ole"),
        ("body", "999999999999999999999"),
        ("organisation", "\x00"),
        ("region", "[]"),
        ("kind", "tuntematon"),
        ("level", "kaikki"),
        ("status", "%"),
        ("role", "pomo"),
        ("to", "x"),
        ("mine", "ehkä"),
        ("since", "31.2.2026"),
        ("until", "huomenna"),
    ]
}


def test_pages__hostile_filter_values_never_give_a_500(ministry_user):
    """Every page without path arguments, opened with nonsense in every filter it might
    read: a clear answer (the page, a form error, 404), never a server error."""
    client = Client(raise_request_exception=False)
    client.force_login(ministry_user)
    failures, visited = [], []
    for name, pattern in _named_patterns():
        if name.startswith("admin:") or pattern.pattern.regex.groups or name in PUBLIC_VIEWS:
            continue
        url = reverse(name)
        if url.endswith(("/logout/", "/setlang/")):
            continue
        status = client.get(url, HOSTILE_QUERY).status_code
        visited.append(url)
        if status >= 500:
            failures.append(f"{url}: {status}")
    assert failures == []
    # The list pages of every app were among them.
    for page in ("/segments/", "/services/", "/responsibility/customers/", "/governance/regional/"):
        assert page in visited, page
