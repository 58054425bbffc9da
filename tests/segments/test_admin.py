"""Ministry staff edit segments, goals and promises in the admin; history keeps who, when, why."""

import pytest
from django.urls import reverse

from segments.models import Criterion, Goal, Segment, ServicePromise
from tests.admin_forms import change_form_data
from tests.factories import CompanyFactory, ServicePromiseFactory, business_id

pytestmark = pytest.mark.django_db


def _segment_url(code):
    return reverse("admin:segments_segment_change", args=[Segment.objects.get(code=code).pk])


def _save_segment(client, user, changes, code="suuryritykset"):
    """Send the segment's admin change page as the user sees it, with `changes` (by input
    name) applied."""
    client.force_login(user)
    url = _segment_url(code)
    return client.post(url, change_form_data(client.get(url), **changes))


def test_segment_admin__change_page_shows_all_inlines(client, ministry_user):
    client.force_login(ministry_user)
    response = client.get(_segment_url("suuryritykset"))
    assert response.status_code == 200
    formsets = {
        f.formset.prefix: len(f.formset.forms) for f in response.context["inline_admin_formsets"]
    }
    assert formsets == {
        "aliases": 0,
        "criteria": 3,
        "goals": 11,
        "goals-2": 4,
        "strategy": 1,
        "promises": 1,
    }


def test_segment_admin__editing_a_promise_inline_records_who_and_why(client, ministry_user):
    response = _save_segment(
        client,
        ministry_user,
        {
            "promises-0-text_sv": "Vi erbjuder en konkurrenskraftig och nätverksbaserad innovationsmiljö.",
            "change_reason": "Ruotsinkielinen lupaus lisätty",
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    promise = ServicePromise.objects.get(segment__code="suuryritykset")
    assert promise.text_sv.startswith("Vi erbjuder")
    latest = promise.history.first()
    assert (latest.history_user, latest.history_change_reason) == (
        ministry_user,
        "Ruotsinkielinen lupaus lisätty",
    )


def test_segment_admin__confirming_without_swedish_text_is_refused_in_finnish(
    client, ministry_user
):
    response = _save_segment(
        client, ministry_user, {"promises-0-status": "confirmed", "change_reason": "Vahvistus"}
    )
    assert response.status_code == 200
    assert "ennen kuin sen ruotsinkielinen teksti on kirjoitettu" in response.content.decode()
    assert ServicePromise.objects.get(segment__code="suuryritykset").status == "proposed"


def test_segment_admin__a_second_confirmed_promise_is_refused_in_finnish(client, ministry_user):
    segment = Segment.objects.get(code="suuryritykset")
    ServicePromise.objects.filter(segment=segment).update(text_sv="Löfte", status="confirmed")
    ServicePromiseFactory(segment=segment, text_fi="Toinen", text_sv="Andra", order=2)
    response = _save_segment(
        client, ministry_user, {"promises-1-status": "confirmed", "change_reason": "x"}
    )
    assert response.status_code == 200
    assert "Segmentillä on jo vahvistettu palvelulupaus" in response.content.decode()


def test_segment_admin__a_goal_added_inline_gets_its_perspective(client, ministry_user):
    response = _save_segment(
        client,
        ministry_user,
        {
            "goals-2-TOTAL_FORMS": "5",
            "goals-2-4-order": "5",
            "goals-2-4-text_fi": "Uusi asiakasyrityksen tavoite",
            "goals-2-4-status": "draft",
            "goals-2-4-segment": Segment.objects.get(code="suuryritykset").pk,
            "change_reason": "Työryhmän lisäys",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get(text_fi="Uusi asiakasyrityksen tavoite")
    assert goal.perspective == "customer"
    assert goal.history.get().history_change_reason == "Työryhmän lisäys"


def test_segment_admin__a_stale_goal_edit_is_refused(client, ministry_user):
    client.force_login(ministry_user)
    url = _segment_url("suuryritykset")
    stale = change_form_data(
        client.get(url), **{"goals-0-text_fi": "vanhasta kopiosta", "change_reason": "x"}
    )
    goal = Goal.objects.get(segment__code="suuryritykset", perspective="public_actor", order=1)
    goal.text_fi = "toinen ehti ensin"
    goal.save()
    response = client.post(url, stale)
    assert response.status_code == 200
    assert "Joku muu on tallentanut tämän tiedon" in response.content.decode()
    goal.refresh_from_db()
    assert goal.text_fi == "toinen ehti ensin"


def test_segment_admin__a_new_segment_gets_its_three_criteria(client, ministry_user):
    client.force_login(ministry_user)
    response = client.post(
        reverse("admin:segments_segment_add"),
        {
            "number": "9",
            "priority": "9",
            "code": "klusterit",
            "kind": "candidate",
            "customer_group": "company",
            "name_fi": "Klusterit ja verkostot",
            "is_active": "on",
            "change_reason": "Työryhmä (c) ehdotti",
            **{
                f"{prefix}-{key}": value
                for prefix in ["aliases", "criteria", "goals", "goals-2", "strategy", "promises"]
                for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
            },
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    segment = Segment.objects.get(code="klusterit")
    assert sorted(segment.criteria.values_list("kind", flat=True)) == ["entry", "exit", "placement"]
    assert (
        Criterion.history.filter(segment_id=segment.pk).first().history_change_reason
        == "Työryhmä (c) ehdotti"
    )


def test_segment_admin__search_finds_a_segment_by_alias(client, ministry_user):
    client.force_login(ministry_user)
    response = client.get(reverse("admin:segments_segment_changelist"), {"q": "keskittyvät"})
    assert [s.code for s in response.context["cl"].result_list] == ["kotimarkkinat"]


def test_segment_admin__history_page_offers_revert(client, ministry_user):
    promise = ServicePromise.objects.get(segment__code="perustajat")
    client.force_login(ministry_user)
    response = client.get(reverse("admin:segments_servicepromise_history", args=[promise.pk]))
    assert response.status_code == 200
    history_id = promise.history.first().history_id
    revert = client.get(
        reverse("admin:segments_servicepromise_simple_history", args=[promise.pk, history_id])
    )
    assert revert.status_code == 200


def test_segment_admin__only_ministry_staff(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(_segment_url("suuryritykset"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_segment_admin__two_promises_confirmed_in_one_submission_are_refused(client, ministry_user):
    segment = Segment.objects.get(code="suuryritykset")
    ServicePromise.objects.filter(segment=segment).update(text_sv="Löfte")
    ServicePromiseFactory(segment=segment, text_fi="Toinen", text_sv="Andra", order=2)
    response = _save_segment(
        client,
        ministry_user,
        {
            "promises-0-status": "confirmed",
            "promises-1-status": "confirmed",
            "change_reason": "x",
        },
    )
    assert response.status_code == 200
    assert "Segmentillä on jo vahvistettu palvelulupaus" in response.content.decode()
    assert not ServicePromise.objects.filter(status="confirmed").exists()


def _csv(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("yritykset.csv", text.encode("utf-8"), content_type="text/csv")


def test_company_import__ministry_staff_import_a_file_in_the_admin(client, ministry_user):
    from segments.models import Company

    client.force_login(ministry_user)
    url = reverse("admin:segments_company_import")
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"file": _csv(f"y_tunnus;nimi;alue\n{business_id(1)};Testi Oy;uusimaa\n")}
    )
    assert response.status_code == 200
    assert Company.objects.get(business_id=business_id(1)).name == "Testi Oy"
    history = Company.history.get(business_id=business_id(1))
    assert (history.history_user, history.history_change_reason) == (
        ministry_user,
        "Tuonti tiedostosta yritykset.csv",
    )


def test_company_import__errors_listed_by_row_and_nothing_saved(client, ministry_user):
    from segments.models import Company

    client.force_login(ministry_user)
    response = client.post(
        reverse("admin:segments_company_import"),
        {"file": _csv("y_tunnus;nimi\n1234567-2;Väärä Oy\n")},
    )
    page = response.content.decode()
    assert "Mitään ei tallennettu." in page
    assert "tarkistusnumero on väärä" in page
    assert not Company.objects.filter(name="Väärä Oy").exists()


def test_company_import__needs_a_file_and_ministry_rights(
    client, ministry_user, working_group_user
):
    client.force_login(ministry_user)
    response = client.post(reverse("admin:segments_company_import"), {})
    assert "Valitse tuotava tiedosto." in response.content.decode()
    client.force_login(working_group_user)
    assert client.get(reverse("admin:segments_company_import")).status_code == 302  # not staff


@pytest.mark.parametrize("term", ["lopputesti", "LOPPU", "{bid}", "{bid_spaced}"])
def test_company_admin__search_by_y_tunnus_or_name_prefix(client, ministry_user, term):
    CompanyFactory(business_id=business_id(7), name="Lopputesti Oy")
    CompanyFactory(business_id=business_id(8), name="Muu Oy")
    client.force_login(ministry_user)
    term = term.format(bid=business_id(7), bid_spaced=business_id(7).replace("-", ""))
    response = client.get(reverse("admin:segments_company_changelist"), {"q": term})
    assert [c.name for c in response.context["cl"].result_list] == ["Lopputesti Oy"]
