"""The service model of each segment (5.3): shown to every role, edited by ministry staff."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.refusals import STALE_EDIT_MESSAGE
from offerings import services
from offerings.models import ServiceChannel, ServiceModel
from tests.factories import ServiceChannelFactory

pytestmark = pytest.mark.django_db

STALE = str(STALE_EDIT_MESSAGE)


def _detail(code="perustajat"):
    return reverse("offerings:service_model_detail", args=[code])


def _edit(code="perustajat"):
    return reverse("offerings:service_model_update", args=[code])


@pytest.fixture
def service_model(strategy_data):
    return ServiceModel.objects.get(segment__code="perustajat")


def _post(service_model, **fields):
    """A valid edit of the service model, from the version it has now."""
    channels = ServiceChannel.objects.filter(code__in=["puhelin", "kasvokkain"])
    return {
        "who_does_what_fi": "TE-keskus neuvoo, Finnvera rahoittaa.",
        "how_fi": "Yhden luukun periaatteella.",
        "with_whom_fi": "Uusyrityskeskukset",
        "initiative": "customer",
        "service_channels": [c.pk for c in channels],
        "distribution_channels_fi": "Yritys-Suomi",
        "in_house_fi": "Neuvonta",
        "partners_fi": "Koulutus",
        "marketing_principles_fi": "Selkeä kieli",
        "lifecycle_stages": ["growth", "start"],
        "change_reason": "Työryhmän linjaus",
        "version": service_model.version,
        **fields,
    }


# Reading -----------------------------------------------------------------------------------


def test_service_model_detail__anonymous_is_sent_to_login(client, service_model):
    response = client.get(_detail())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_service_model_detail__user_without_role_is_refused(client, no_role_user):
    client.force_login(no_role_user)
    assert client.get(_detail()).status_code == 403
    assert client.get(_detail("ei-ole")).status_code == 403  # existence is not told


def test_service_model_detail__every_role_reads(client, role_users, service_model):
    for user in role_users.values():
        client.force_login(user)
        response = client.get(_detail())
        assert response.status_code == 200
        assert "Yrityksen perustajat ja keksintöasiakkaat" in response.content.decode()


def test_service_model_detail__unknown_segment_is_404(client, working_group_user):
    client.force_login(working_group_user)
    assert client.get(_detail("ei-ole")).status_code == 404


def test_service_model_detail__empty_fields_say_not_yet_defined(
    client, working_group_user, service_model
):
    client.force_login(working_group_user)
    page = client.get(_detail()).content.decode()
    assert page.count("ei vielä määritelty") == 10
    assert "Muokkaa palvelumallia" not in page  # only those who may edit


def test_service_model_detail__shows_every_field(client, ministry_user, service_model):
    services.service_model_update(
        service_model=service_model,
        **{k: v for k, v in _post(service_model).items() if k.endswith("_fi")},
        initiative="proactive",
        service_channels=list(ServiceChannel.objects.filter(code="puhelin")),
        lifecycle_stages=["end", "awareness"],
        version=service_model.version,
        by=ministry_user,
        reason="Testi",
    )
    client.force_login(ministry_user)
    page = client.get(_detail()).content.decode()
    for text in [
        "TE-keskus neuvoo, Finnvera rahoittaa.",
        "Yhden luukun periaatteella.",
        "Uusyrityskeskukset",
        "Ennakoiva yhteydenotto",
        "Puhelinpalvelu",
        "Yritys-Suomi",
        "Neuvonta",
        "Koulutus",
        "Selkeä kieli",
    ]:
        assert text in page, text
    assert page.index("Tunnistaminen ja tavoittaminen") < page.index("Asiakkuuden päättyminen")
    assert "ei vielä määritelty" not in page
    assert _edit() in page


def test_service_model_detail__markup_in_stored_text_is_escaped(
    client, working_group_user, service_model
):
    service_model.how_fi = "<script>alert(1)</script>"
    service_model.save()
    client.force_login(working_group_user)
    page = client.get(_detail()).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_service_model_detail__swedish_falls_back_to_finnish_marked(
    client, working_group_user, service_model
):
    service_model.how_fi = "Yhden luukun periaatteella."
    service_model.save()
    client.force_login(working_group_user)
    client.cookies["kieli"] = "sv"
    page = client.get(_detail()).content.decode()
    assert '<div lang="fi"><p>Yhden luukun periaatteella.</p></div>' in page


def test_service_model_detail__query_count_does_not_grow_with_channels(
    client, working_group_user, service_model, count_queries
):
    client.force_login(working_group_user)
    client.get(_detail())
    service_model.service_channels.set(ServiceChannel.objects.all()[:1])
    few = count_queries(client, _detail(), most=30)
    for n in range(20):
        ServiceChannelFactory(code=f"kanava-{n}", name_fi=f"Kanava {n}", order=50 + n)
    service_model.service_channels.set(ServiceChannel.objects.all())
    assert count_queries(client, _detail(), most=30) == few


# Editing -----------------------------------------------------------------------------------


def test_service_model_update__anonymous_is_sent_to_login(client, service_model):
    response = client.get(_edit())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "user", ["no_role_user", "working_group_user", "coordinator_user", "agency_user"]
)
def test_service_model_update__only_ministry_staff(client, request, service_model, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(_edit()).status_code == 403
    assert client.post(_edit(), _post(service_model)).status_code == 403
    service_model.refresh_from_db()
    assert service_model.how_fi in ("", None)
    assert service_model.history.count() == 1  # the row the report's loading wrote


def test_service_model_update__unknown_segment_is_404(client, ministry_user):
    client.force_login(ministry_user)
    assert client.get(_edit("ei-ole")).status_code == 404
    assert client.post(_edit("ei-ole"), {}).status_code == 404


def test_service_model_update__form_has_the_finnish_fields(client, ministry_user, service_model):
    client.force_login(ministry_user)
    response = client.get(_edit())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="who_does_what_fi"' in page and 'name="how_sv"' not in page
    assert 'type="radio" name="initiative"' in page
    assert 'type="checkbox" name="service_channels"' in page
    assert 'type="checkbox" name="lifecycle_stages"' in page
    assert f'type="hidden" name="version" value="{service_model.version}"' in page
    assert 'name="change_reason"' in page


def test_service_model_update__saves_with_history_user_and_reason(
    client, ministry_user, service_model
):
    client.force_login(ministry_user)
    response = client.post(_edit(), _post(service_model))
    assert response.status_code == 302 and response["Location"] == _detail()
    service_model.refresh_from_db()
    assert service_model.who_does_what_fi == "TE-keskus neuvoo, Finnvera rahoittaa."
    assert service_model.initiative == "customer"
    assert service_model.lifecycle_stages == ["start", "growth"]  # in the life cycle's order
    assert sorted(c.code for c in service_model.service_channels.all()) == [
        "kasvokkain",
        "puhelin",
    ]
    latest = service_model.history.latest()
    assert service_model.history.count() == 2  # one edit, one history row
    assert (latest.history_user, latest.history_change_reason) == (
        ministry_user,
        "Työryhmän linjaus",
    )
    assert latest.how_fi == "Yhden luukun periaatteella."
    assert sorted(c.servicechannel.code for c in latest.service_channels.all()) == [
        "kasvokkain",
        "puhelin",
    ]
    assert "Palvelumalli tallennettiin." in client.get(_detail()).content.decode()


def test_service_model_update__stale_edit_is_refused(client, ministry_user, service_model):
    started_from = service_model.version
    client.force_login(ministry_user)
    assert client.post(_edit(), _post(service_model, how_fi="Ensimmäinen")).status_code == 302
    response = client.post(_edit(), _post(service_model, how_fi="Toinen", version=started_from))
    assert response.status_code == 409 and STALE in response.content.decode()
    service_model.refresh_from_db()
    assert service_model.how_fi == "Ensimmäinen"
    assert service_model.history.count() == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"how_fi": "x" * 5001}, "Miten on liian pitkä: enintään 5000 merkkiä (nyt 5001)."),
        (
            {"distribution_channels_fi": "x" * 2001},
            "Jakelukanavat on liian pitkä: enintään 2000 merkkiä (nyt 2001).",
        ),
        ({"service_channels": ["999999"]}, "Tuntematon palvelukanava (999999)."),
        ({"service_channels": ["abc"]}, "Tuntematon palvelukanava (abc)."),
        ({"lifecycle_stages": ["hack"]}, "Tuntematon elinkaaren vaihe (hack)."),
        ({"initiative": "hack"}, "Valitse aloitteentekijä annetuista vaihtoehdoista."),
        ({"who_does_what_fi": "<script>alert(1)</script>"}, "Kirjoita pelkkää tekstiä"),
        ({"partners_fi": '<img src=x onerror="alert(1)">'}, "Kirjoita pelkkää tekstiä"),
        ({"change_reason": ""}, "Kirjoita muutoksen syy"),
        ({"change_reason": "x" * 501}, "enintään 500 merkkiä"),
        ({"version": "abc"}, STALE),
        ({"version": ""}, STALE),
    ],
)
def test_service_model_update__bad_input_is_a_finnish_message_and_saves_nothing(
    client, ministry_user, service_model, fields, message
):
    client.force_login(ministry_user)
    response = client.post(_edit(), _post(service_model, **fields))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "Lomakkeessa on virheitä" in page
    service_model.refresh_from_db()
    assert service_model.who_does_what_fi in ("", None)
    assert not service_model.service_channels.exists()
    assert service_model.history.count() == 1


def test_service_model_update__comparisons_in_text_are_not_markup(
    client, ministry_user, service_model
):
    client.force_login(ministry_user)
    text = "Alle < 10 hengen yritykset; liikevaihto > 2 M€"
    assert client.post(_edit(), _post(service_model, how_fi=text)).status_code == 302
    service_model.refresh_from_db()
    assert service_model.how_fi == text


# The service -------------------------------------------------------------------------------


def _arguments(service_model, **overrides):
    return {
        "service_model": service_model,
        "who_does_what_fi": "Tekes",
        "initiative": "",
        "service_channels": [],
        "lifecycle_stages": [],
        "version": service_model.version,
        **overrides,
    }


def test_service_model_update__service_refuses_a_stale_version(ministry_user, service_model):
    with pytest.raises(ValidationError) as error:
        services.service_model_update(
            **_arguments(service_model, version=service_model.version - 1),
            by=ministry_user,
            reason="x",
        )
    assert error.value.code == "stale"
    service_model.refresh_from_db()
    assert service_model.who_does_what_fi in ("", None)


def test_service_model_update__service_refuses_unknown_stages(ministry_user, service_model):
    with pytest.raises(ValidationError, match="Tuntematon elinkaaren vaihe"):
        services.service_model_update(
            **_arguments(service_model, lifecycle_stages=["hack"]), by=ministry_user, reason="x"
        )
    assert service_model.history.count() == 1


def test_service_model_update__service_writes_history(ministry_user, service_model):
    services.service_model_update(**_arguments(service_model), by=ministry_user, reason="Syy")
    latest = service_model.history.latest()
    assert (latest.who_does_what_fi, latest.history_user, latest.history_change_reason) == (
        "Tekes",
        ministry_user,
        "Syy",
    )


def _swedish(post):
    """The edit's texts as the Swedish ones (the editor writes in Swedish)."""
    return {
        (name.removesuffix("_fi") + "_sv" if name.endswith("_fi") else name): value
        for name, value in post.items()
    }


def test_service_model_update__written_in_swedish_leaves_the_finnish_as_is(
    client, ministry_user, service_model
):
    finnish = service_model.who_does_what_fi
    client.force_login(ministry_user)
    page = client.get(_edit() + "?language=sv").content.decode()
    assert 'name="who_does_what_sv"' in page and 'name="who_does_what_fi"' not in page
    assert 'lang="sv"' in page
    data = _swedish(_post(service_model, who_does_what_fi="TE-centret ger råd."))
    response = client.post(_edit() + "?language=sv", data)
    assert response.status_code == 302
    service_model.refresh_from_db()
    assert service_model.who_does_what_sv == "TE-centret ger råd."
    assert service_model.who_does_what_fi == finnish  # not copied, not emptied
    assert service_model.history.latest().who_does_what_sv == "TE-centret ger råd."


def test_service_model_update__the_ui_language_is_the_default(client, ministry_user, service_model):
    client.force_login(ministry_user)
    client.cookies["kieli"] = "en"
    assert 'name="how_en"' in client.get(_edit()).content.decode()
    # An unknown language asked for is the UI language too.
    client.cookies["kieli"] = "fi"
    page = client.get(_edit() + "?language=<script>").content.decode()
    assert 'name="how_fi"' in page and "<script>" not in page.split("<main", 1)[1]


def test_service_model_update__service_refuses_unknown_text_fields(ministry_user, service_model):
    with pytest.raises(TypeError):
        services.service_model_update(
            service_model=service_model,
            version=service_model.version,
            initiative="",
            service_channels=[],
            lifecycle_stages=[],
            who_does_what_de="x",
            by=ministry_user,
            reason="Syy",
        )
