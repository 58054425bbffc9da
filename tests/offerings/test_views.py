import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_organisation_list__anonymous_is_sent_to_login(client):
    response = client.get(reverse("offerings:organisation_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_organisation_list__user_without_role_is_refused(client, no_role_user):
    client.force_login(no_role_user)
    response = client.get(reverse("offerings:organisation_list"))
    assert response.status_code == 403
    assert "Ei käyttöoikeutta" in response.content.decode()


def test_organisation_list__every_role_sees_the_report_organisations(client, role_users):
    for user in role_users.values():
        client.force_login(user)
        response = client.get(reverse("offerings:organisation_list"))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Varsinais-Suomen TE-keskus" in page
        assert "Finnvera Oyj" in page
        assert "Konserniohjaus" in page


def test_organisation_list__query_count_does_not_grow_with_rows(
    client, working_group_user, count_queries
):
    url = reverse("offerings:organisation_list")
    OrganisationFactory.create_batch(5)
    client.force_login(working_group_user)
    few = count_queries(client, url, most=100, warm=True)
    OrganisationFactory.create_batch(50)
    client.force_login(working_group_user)
    many = count_queries(client, url, most=100, warm=True)
    assert few == many


def _organisation_page(client, user, code):
    """The organisation's page as the user gets it."""
    client.force_login(user)
    return client.get(reverse("offerings:organisation_detail", args=[code]))


def test_organisation_detail__shows_names_in_three_languages(client, working_group_user):
    response = _organisation_page(client, working_group_user, "te-varsinais-suomi")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<dd lang="fi">Varsinais-Suomen TE-keskus</dd>' in page
    assert '<dd lang="sv">TE-centralen i Egentliga Finland</dd>' in page
    assert "Muokkaa ylläpidossa" not in page  # only ministry staff edit


def test_organisation_detail__ministry_staff_get_the_edit_link(client, ministry_user):
    response = _organisation_page(client, ministry_user, "tem")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Muokkaa ylläpidossa" in page
    assert "Konserniohjaus" in page  # its units are listed


def test_organisation_detail__unknown_code_is_404(client, working_group_user):
    response = _organisation_page(client, working_group_user, "ei-ole")
    assert response.status_code == 404
    assert "Sivua ei löydy" in response.content.decode()


def test_organisation_detail__user_without_role_is_refused(client, no_role_user):
    response = _organisation_page(client, no_role_user, "tem")
    assert response.status_code == 403


def test_organisation_detail__query_count_is_constant(
    client, working_group_user, django_assert_num_queries
):
    client.force_login(working_group_user)
    client.get(reverse("offerings:organisation_detail", args=["tem"]))  # warm the session
    # session, organisation, its units (the user and their permissions are cached,
    # core.auth; no session write)
    with django_assert_num_queries(3):
        client.get(reverse("offerings:organisation_detail", args=["tem"]))
