"""Parts of pages rendered once and kept (the main navigation, the header tools, a filter
form's choice and empty fields, the front page's sections of the user's roles): the kept
copy is the same HTML the templates render, it follows the language, the user's rights, the
current page and the submitted values, and a change to a choice field's rows shows at once."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.template import Context, RequestContext, Template
from django.template.loader import get_template
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from core import fragments
from core.templatetags import navigation, page
from core.templatetags.people import person_name
from governance import roles
from governance.selectors import front_page_sections_for
from governance.selectors.front_page import SECTIONS
from offerings.forms import ServiceFilterForm
from offerings.models import Organisation
from segments.forms import CompanyFilterForm
from segments.models import Region

pytestmark = pytest.mark.django_db

NAV_PAGES = [
    "home",
    "segments:segment_list",
    "segments:company_list",
    "offerings:service_list",
    "responsibility:portfolio",
    "governance:body_list",
    "governance:regionaltask_list",
]


def _nav_both_ways(user, url_name, language):
    request = RequestFactory().get(reverse(url_name))
    request.user = user
    request.resolver_match = resolve(request.path)
    with translation.override(language):
        context = RequestContext(request, {"user": user})
        included = Template('{% include "includes/main_nav.html" %}').render(context)
        context = RequestContext(request, {"user": user})
        tagged = Template("{% load navigation %}{% main_nav %}").render(context)
    return included, tagged


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_main_nav__the_kept_copy_is_what_the_template_renders_for_each_role_and_page(
    role_users, make_user, language
):
    navigation._rendered.cache_clear()
    # Beside the roles, the two whose rights has_perm decides before the permission rows.
    superuser = make_user("paakayttaja-nav", is_superuser=True, is_staff=True)
    former = make_user("lahtenyt-nav", role=roles.MINISTRY_STAFF, is_active=False)
    for user in [*role_users.values(), superuser, former]:
        for url_name in NAV_PAGES:
            included, tagged = _nav_both_ways(user, url_name, language)
            assert tagged == included, (user.username, url_name)
            # The second time it comes from the kept copy, still the same.
            assert _nav_both_ways(user, url_name, language)[1] == included


def test_main_nav__a_user_without_a_right_never_gets_its_link_from_another_users_copy(
    ministry_user, make_user
):
    navigation._rendered.cache_clear()
    _, ministry_nav = _nav_both_ways(ministry_user, "home", "fi")
    reader = make_user("vain-segmentit-nav")
    reader.user_permissions.add(Permission.objects.get(codename="view_segment"))
    _, reader_nav = _nav_both_ways(reader, "home", "fi")
    assert reverse("offerings:service_list") in ministry_nav
    assert reverse("offerings:service_list") not in reader_nav
    assert reverse("segments:segment_list") in reader_nav
    assert "Ylläpito" in ministry_nav and "Ylläpito" not in reader_nav


def test_main_nav__reads_every_permission_its_template_checks():
    checked = navigation._checked_permissions()
    assert ("segments", "view_segment") in checked
    assert ("governance", "view_regionaltask") in checked
    assert len(checked) == len(set(checked)) >= 8


def _fields_both_ways(form, language="fi"):
    with translation.override(language):
        looped = Template(
            '{% for field in form %}{% include "includes/form_field.html" %}{% endfor %}'
        ).render(Context({"form": form}))
        tagged = Template("{% load form_fields %}{% form_fields form %}").render(
            Context({"form": form})
        )
    return looped, tagged


@pytest.mark.usefixtures("strategy_data")
@pytest.mark.parametrize(
    "form_class, data",
    [
        (CompanyFilterForm, None),
        (CompanyFilterForm, {"q": "Testi"}),
        (CompanyFilterForm, {"segment": "999999", "industry": "ZZZ"}),  # errors shown
        (ServiceFilterForm, None),
        (ServiceFilterForm, {"status": "current", "pricing": "<script>"}),
    ],
)
def test_form_fields__the_kept_copy_is_what_the_field_template_renders(form_class, data):
    looped, tagged = _fields_both_ways(form_class(data))
    assert tagged == looped
    assert _fields_both_ways(form_class(data))[1] == looped  # kept, still the same
    assert "<script>" not in tagged


def test_form_fields__each_language_and_each_chosen_value_has_its_own_copy(strategy_data):
    region = Region.objects.order_by("pk").first()
    _, finnish = _fields_both_ways(CompanyFilterForm(None))
    _, swedish = _fields_both_ways(CompanyFilterForm(None), "sv")
    assert finnish != swedish
    _, chosen = _fields_both_ways(CompanyFilterForm({"region": str(region.pk)}))
    assert f'value="{region.pk}" selected' in chosen
    assert f'value="{region.pk}" selected' not in finnish


def test_form_fields__an_empty_field_is_kept_and_a_typed_value_is_its_own(strategy_data):
    """Empty, a text field is the same for everyone and kept; a value typed in is rendered
    for its request, never served from the empty copy or kept for others."""
    fragments._local.clear()
    _, empty = _fields_both_ways(CompanyFilterForm(None))
    kept = set(fragments._local)
    assert any("q" in key for key in kept)
    looped, typed = _fields_both_ways(CompanyFilterForm({"q": "Oma haku <b>"}))
    assert typed == looped and 'value="Oma haku &lt;b&gt;"' in typed
    assert 'value="Oma haku' not in empty
    assert not any("Oma haku <b>" in map(str, key) for key in fragments._local)
    assert _fields_both_ways(CompanyFilterForm(None))[1] == empty


def test_form_fields__a_renamed_choice_shows_at_once(strategy_data):
    _fields_both_ways(ServiceFilterForm(None))  # kept
    organisation = Organisation.objects.filter(is_active=True).order_by("pk").first()
    organisation.name_fi = "Nimetty uudelleen välimuistin ohi"
    organisation.save()
    _, tagged = _fields_both_ways(ServiceFilterForm(None))
    assert "Nimetty uudelleen välimuistin ohi" in tagged


def test_form_fields__an_unregistered_form_is_rendered_every_time(strategy_data):
    # A form whose choices a view narrows per user must never be served from a copy.
    from django import forms

    class Narrowed(forms.Form):
        region = forms.ModelChoiceField(queryset=Region.objects.none())

    form = Narrowed()
    form.fields["region"].queryset = Region.objects.all()[:1]
    looped, tagged = _fields_both_ways(form)
    assert tagged == looped
    other = Narrowed()
    other.fields["region"].queryset = Region.objects.none()
    assert _fields_both_ways(other)[1] != tagged


def test_company_list__a_repeat_view_reads_no_choice_rows(client, ministry_user, count_queries):
    client.force_login(ministry_user)
    count_queries(client, reverse("segments:company_list"), warm=False)
    count_queries(client, reverse("segments:company_list"))
    # The list joins the regions to its rows; the region select's own query is gone.
    assert not count_queries.any_sql('FROM "segments_region"')


# --- The front page's sections of the user's roles ------------------------------------------


def _sections_both_ways(user, language):
    with translation.override(language):
        context = Context({"sections": front_page_sections_for(user)})
        included = Template('{% include "governance/includes/front_page_sections.html" %}').render(
            context
        )
        tagged = Template("{% load governance_tags %}{% front_page_sections sections %}").render(
            context
        )
    return included, tagged


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_front_page_sections__the_kept_copy_is_what_the_template_renders_for_each_role(
    role_users, no_role_user, language
):
    fragments._local.clear()
    for user in [*role_users.values(), no_role_user]:
        included, tagged = _sections_both_ways(user, language)
        assert tagged == included, user.username
        # The second time it comes from the kept copy, still the same.
        assert _sections_both_ways(user, language)[1] == included
    assert "Sinulla ei ole vielä roolia" in _sections_both_ways(no_role_user, "fi")[1]


def test_front_page_sections__a_right_taken_away_shows_at_once(client, translator_user):
    fragments._local.clear()
    client.force_login(translator_user)
    groups = f'href="{reverse("governance:body_list")}"'
    assert groups in client.get("/").content.decode()
    Group.objects.get(name=roles.TRANSLATOR).permissions.remove(
        Permission.objects.get(codename="view_body", content_type__app_label="governance")
    )
    assert groups not in client.get("/").content.decode()


def test_front_page_sections__each_role_and_each_link_page_names_one_of_them():
    """The kept copies are keyed by the sections' roles and the links' pages: each must name
    one section and one link, or a copy could show another's texts."""
    assert len({section.role for section in SECTIONS}) == len(SECTIONS)
    links = {id(link): link for section in SECTIONS for link in section.links}.values()
    assert len({link.url_name for link in links}) == len(links)


def _header_tools_both_ways(request, user, unread, language):
    """The header tools from {% header_tools %}, and from their template rendered with this
    request's values in place of the placeholders (a fixed CSRF token: Django masks it anew
    on every read)."""
    signed_in = user.is_authenticated
    with translation.override(language):
        tagged = Template("{% load page %}{% header_tools %}").render(
            Context(
                {
                    "request": request,
                    "user": user,
                    "csrf_token": "kiinteaTokeni",
                    "unread_notifications": unread,
                }
            )
        )
        badge = {
            ("fi", 1): ' <span class="badge">1 lukematon</span>',
            ("fi", 2): ' <span class="badge">2 lukematonta</span>',
            ("sv", 1): ' <span class="badge">1 oläst</span>',
            ("sv", 2): ' <span class="badge">2 olästa</span>',
        }.get((language, unread), "")
        rendered = get_template("includes/header_tools.html").render(
            {
                "csrf_token": "kiinteaTokeni",
                "next_path": request.get_full_path(),
                "person": person_name(user) if signed_in else "",
                "unread_badge": mark_safe(badge),  # noqa: S308 (the literal above)
                "signed_in": signed_in,
                "has_password": signed_in and user.has_usable_password(),
                "on_login_page": not signed_in and request.resolver_match.view_name == "login",
            }
        )
    return tagged, rendered


@pytest.mark.parametrize("language", ["fi", "sv"])
@pytest.mark.parametrize("unread", [0, 1, 2])
def test_header_tools__the_kept_copy_with_the_requests_values_is_what_the_template_renders(
    make_user, language, unread
):
    page._header_tools.cache_clear()
    # Hostile values: markup and quotes in the name and the address, and a placeholder in
    # the name, which must come out as the name's text, not as the unread count.
    with_password = make_user("salasanalla", first_name='<b>"Liisa"</b> & \ue000unread\ue000')
    without_password = make_user("tunnuksella")
    without_password.set_unusable_password()
    cases = [
        (with_password, "segments:company_list", "?q=<script>'\"&x=1"),
        (without_password, "home", ""),
        (AnonymousUser(), "login", ""),
        (AnonymousUser(), "governance:accessibility_statement", "?a=b"),
    ]
    for user, url_name, query in cases:
        request = RequestFactory().get(reverse(url_name) + query)
        request.resolver_match = resolve(request.path)
        for _ in range(2):  # the second time from the kept copy
            tagged, rendered = _header_tools_both_ways(
                request, user, unread if user.is_authenticated else None, language
            )
            assert tagged == rendered, (user, url_name)
    tagged, _rendered = _header_tools_both_ways(request, with_password, unread, language)
    assert "kiinteaTokeni" in tagged


def test_header_tools__one_users_values_never_reach_anothers_page(make_user):
    page._header_tools.cache_clear()
    request = RequestFactory().get(reverse("home"))
    request.resolver_match = resolve(request.path)
    first, _ = _header_tools_both_ways(request, make_user("eka", first_name="Eeva"), 3, "fi")
    second, _ = _header_tools_both_ways(request, make_user("toka", first_name="Topi"), 0, "fi")
    assert "Eeva" in first and "3 lukematonta" in first
    assert "Topi" in second and "Eeva" not in second and "badge" not in second


def test_header_tools__a_page_shows_the_signed_in_users_name_token_and_address(
    client, ministry_user
):
    client.force_login(ministry_user)
    response = client.get(reverse("segments:company_list") + "?q=Ab")
    html = response.content.decode()
    token = response.context["csrf_token"]
    assert f'name="csrfmiddlewaretoken" value="{token}"' in html
    assert html.count('name="csrfmiddlewaretoken"') == 2  # the language switcher and sign-out
    assert 'name="next" value="/segments/companies/?q=Ab"' in html
    assert f"<strong>{person_name(ministry_user)}</strong>" in html
    assert "\ue000" not in html
