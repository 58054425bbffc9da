"""Ministry staff edit organisations in the admin: who, when and why are kept; stale saves refused."""

import pytest
from django.urls import reverse

from offerings.models import Organisation

pytestmark = pytest.mark.django_db


def _form_data(organisation, **changes):
    data = {
        "code": organisation.code,
        "kind": organisation.kind,
        "name_fi": organisation.name_fi,
        "name_sv": organisation.name_sv,
        "name_en": organisation.name_en or "",
        "abbreviation": organisation.abbreviation,
        "parent": organisation.parent_id or "",
        "region": organisation.region_id or "",
        "report_reference": organisation.report_reference,
        "order": organisation.order,
        "is_active": "on" if organisation.is_active else "",
        "version": organisation.version,
        "change_reason": "Ruotsinkielinen nimi tarkistettu",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def _change_url(organisation):
    return reverse("admin:offerings_organisation_change", args=[organisation.pk])


def test_admin__ministry_staff_edit_and_history_records_who_and_why(client, ministry_user):
    finpro = Organisation.objects.get(code="finpro")
    client.force_login(ministry_user)
    response = client.post(_change_url(finpro), _form_data(finpro, name_sv="Finpro r.f."))
    assert response.status_code == 302, response.content.decode()[:3000]
    finpro.refresh_from_db()
    assert finpro.name_sv == "Finpro r.f."
    latest = finpro.history.first()
    assert latest.history_user == ministry_user
    assert latest.history_change_reason == "Ruotsinkielinen nimi tarkistettu"
    assert latest.name_sv == "Finpro r.f."
    history_page = client.get(reverse("admin:offerings_organisation_history", args=[finpro.pk]))
    assert "Ruotsinkielinen nimi tarkistettu" in history_page.content.decode()


def test_admin__a_change_needs_a_reason(client, ministry_user):
    finpro = Organisation.objects.get(code="finpro")
    client.force_login(ministry_user)
    response = client.post(_change_url(finpro), _form_data(finpro, name_sv="X", change_reason=""))
    assert response.status_code == 200
    assert "Tämä kenttä vaaditaan." in response.content.decode()
    finpro.refresh_from_db()
    assert finpro.name_sv == "Finpro rf"


def test_admin__a_stale_copy_cannot_overwrite_a_newer_save(client, ministry_user):
    finpro = Organisation.objects.get(code="finpro")
    stale = _form_data(finpro, name_sv="Vanhasta kopiosta")
    client.force_login(ministry_user)
    assert (
        client.post(
            _change_url(finpro), _form_data(finpro, name_sv="Ensin tallennettu")
        ).status_code
        == 302
    )

    response = client.post(_change_url(finpro), stale)

    assert response.status_code == 409
    assert "Joku muu on tallentanut tämän tiedon" in response.content.decode()
    finpro.refresh_from_db()
    assert finpro.name_sv == "Ensin tallennettu"
    assert finpro.history.count() == 2  # the load and the first save only


def test_admin__constraint_violation_is_a_finnish_message_not_a_500(client, ministry_user):
    tekes = Organisation.objects.get(code="tekes")
    client.force_login(ministry_user)
    response = client.post(_change_url(tekes), _form_data(tekes, kind="te_centre"))
    assert response.status_code == 200
    assert (
        "Alue annetaan vain TE-keskukselle, ja jokaisella TE-keskuksella on oltava alue."
        in response.content.decode()
    )


def test_admin__other_roles_cannot_open_the_admin(client, working_group_user, agency_user):
    for user in (working_group_user, agency_user):
        client.force_login(user)
        response = client.get(_change_url(Organisation.objects.get(code="tekes")))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_admin__ministry_staff_cannot_delete_organisations(client, ministry_user):
    tekes = Organisation.objects.get(code="tekes")
    client.force_login(ministry_user)
    response = client.post(
        reverse("admin:offerings_organisation_delete", args=[tekes.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Organisation.objects.filter(pk=tekes.pk).exists()


@pytest.mark.parametrize("version", ["", "abc", "1:väärennetty", "9" * 40])
def test_admin__a_missing_or_tampered_version_is_refused_without_a_500(
    client, ministry_user, version
):
    finpro = Organisation.objects.get(code="finpro")
    client.force_login(ministry_user)
    data = _form_data(finpro, name_sv="Muutettu")
    data["version"] = version
    response = client.post(_change_url(finpro), data)
    # Without the version it started from, the save cannot be told from a stale one.
    assert response.status_code == 409
    assert "Joku muu on tallentanut tämän tiedon" in response.content.decode()
    finpro.refresh_from_db()
    assert finpro.name_sv == "Finpro rf"
