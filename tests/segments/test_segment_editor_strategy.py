"""The segment editor's strategy and service promises (saved with the rest of the page, with
who and why, stale copies refused, one confirmed promise with its Swedish text), their
history before → after and revert, and the preview without scripts (the "Esikatsele"
button: counts on the page, nothing saved)."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from governance.roles import MINISTRY_STAFF, ROLE_PERMISSIONS
from segments.models import Criterion, Segment, SegmentAlias, ServicePromise, Strategy
from segments.views.editor import EDIT_PERMISSIONS
from tests.factories import UserFactory

from .test_segment_editor import CODE, EDIT, _form_data

pytestmark = pytest.mark.django_db

HISTORY = reverse("segments:segment_history", args=[CODE])


def _promise_prefix(response, promise):
    for form in response.context["editor"].promises.forms:
        if form.instance.pk == promise.pk:
            return form.prefix
    raise AssertionError(promise)


def _new_promise_prefix(response):
    return f"promises-{response.context['editor'].promises.total_form_count() - 1}"


def _promise():
    return ServicePromise.objects.filter(segment__code=CODE).order_by("order", "pk").first()


def _counts():
    """Every strategy's and promise's row and history row count: what a refused save leaves."""
    return (
        SegmentAlias.objects.count(),
        SegmentAlias.history.count(),
        Strategy.objects.count(),
        ServicePromise.objects.count(),
        Strategy.history.count(),
        ServicePromise.history.count(),
        Segment.history.count(),
        Criterion.history.count(),
    )


def _errors(response):
    return response.context["editor"].error_count()


# --- Who may ---------------------------------------------------------------------------


def test_editor_permissions__are_the_ministry_staff_roles_own():
    assert set(EDIT_PERMISSIONS) <= set(ROLE_PERMISSIONS[MINISTRY_STAFF])


def test_segment_editor__without_the_promise_and_strategy_rights_it_stays_closed(client):
    """A user who may change a segment, its criteria and goals but not its strategy and
    promises does not get the page that edits them."""
    user = UserFactory()
    for perm in EDIT_PERMISSIONS:
        if "strategy" in perm or "servicepromise" in perm:
            continue
        app, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="segments", codename="view_segment")
    )
    client.force_login(user)
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, {"preview": "1"}).status_code == 403
    # Nor does the segment's page link to it.
    page = client.get(reverse("segments:segment_detail", args=[CODE]))
    assert page.status_code == 200
    assert EDIT not in page.content.decode()


def test_segment_editor__shows_the_strategy_and_promises_in_three_languages(client, ministry_user):
    client.force_login(ministry_user)
    page = client.get(EDIT).content.decode()
    for name in [
        "strategy-text_sv",
        "strategy-points_en",
        "promises-0-text_sv",
        "promises-0-status",
    ]:
        assert f'name="{name}"' in page, name
    assert 'name="segment-has_open_promise_alternative"' in page
    assert 'name="preview"' in page and "Esikatsele" in page


def test_segment_editor__queries_do_not_grow_with_the_promises(
    client, ministry_user, count_queries
):
    client.force_login(ministry_user)
    few = count_queries(client, EDIT, warm=True)
    segment = Segment.objects.get(code=CODE)
    for number in range(15):
        ServicePromise.objects.create(segment=segment, text_fi=f"Lupaus {number}", order=number)
    assert count_queries(client, EDIT, most=few) == few


# --- Saving ------------------------------------------------------------------------------


def test_segment_editor__saves_strategy_and_promises_with_who_and_why(client, ministry_user):
    client.force_login(ministry_user)
    response = client.get(EDIT)
    promise = _promise()
    data = _form_data(response)
    data["strategy-text_sv"] = "Strategin på svenska"
    data["strategy-points_fi"] = "Ensimmäinen kohta\nToinen kohta"
    data["strategy-status"] = "confirmed"
    prefix = _promise_prefix(response, promise)
    data[f"{prefix}-text_sv"] = "Löftet på svenska"
    data[f"{prefix}-status"] = "confirmed"
    new = _new_promise_prefix(response)
    data[f"{new}-text_fi"] = "Toinen muotoilu"
    data[f"{new}-order"] = "5"
    data[f"{new}-status"] = "alternative"
    data["change-reason"] = "Työryhmän päätös"
    response = client.post(EDIT, data)
    assert response.status_code == 302, _errors(response)
    strategy = Strategy.objects.get(segment__code=CODE)
    assert (strategy.text_sv, strategy.status) == ("Strategin på svenska", "confirmed")
    assert Strategy.split_points(strategy.points_fi) == ["Ensimmäinen kohta", "Toinen kohta"]
    promise.refresh_from_db()
    assert (promise.text_sv, promise.status) == ("Löftet på svenska", "confirmed")
    added = ServicePromise.objects.get(text_fi="Toinen muotoilu")
    assert (added.segment.code, added.status, added.order) == (CODE, "alternative", 5)
    for record in [strategy, promise, added]:
        row = record.history.first()
        assert (row.history_user, row.history_change_reason) == (ministry_user, "Työryhmän päätös")
    # The history page shows them before → after.
    history = client.get(HISTORY).context["history"]
    changes = {(c.label, c.before, c.after) for row in history for c in row.changes}
    assert ("Palvelulupaus (ruotsiksi)", "–", "Löftet på svenska") in changes, changes
    assert ("Tila", "ehdotettu", "vahvistettu") in changes
    assert ("Segmenttikohtainen strategia (ruotsiksi)", "–", "Strategin på svenska") in changes


def test_segment_editor__untouched_strategy_and_promises_get_no_history_rows(client, ministry_user):
    client.force_login(ministry_user)
    data = _form_data(client.get(EDIT))
    data["segment-name_sv"] = "Nytt namn"
    data["change-reason"] = "Syy"
    before = (Strategy.history.count(), ServicePromise.history.count())
    assert client.post(EDIT, data).status_code == 302
    assert (Strategy.history.count(), ServicePromise.history.count()) == before


def test_segment_editor__a_segment_without_a_strategy_gets_one_only_when_written(
    client, ministry_user
):
    url = reverse("segments:segment_edit", args=["yhteisot"])
    client.force_login(ministry_user)
    response = client.get(url)
    assert "Segmentillä ei ole vielä strategiaa" in response.content.decode()
    data = _form_data(response)
    data["segment-name_sv"] = "Samfund"
    data["change-reason"] = "Syy"
    assert client.post(url, data).status_code == 302
    assert not Strategy.objects.filter(segment__code="yhteisot").exists()
    data = _form_data(client.get(url))
    data["strategy-text_sv"] = "Bara svenska"
    data["change-reason"] = "Syy"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kirjoita strategia suomeksi." in response.content.decode()
    data["strategy-text_fi"] = "Yhteisöjen strategia"
    assert client.post(url, data).status_code == 302
    strategy = Strategy.objects.get(segment__code="yhteisot")
    assert (strategy.text_fi, strategy.text_sv) == ("Yhteisöjen strategia", "Bara svenska")
    assert strategy.history.get().history_type == "+"


def test_segment_editor__the_confirmed_promise_can_change_in_one_save(client, ministry_user):
    """The old confirmed promise is archived and another confirmed in the same save: the one
    making room is saved first."""
    promise = _promise()
    promise.text_sv = "Löfte"
    promise.status = "confirmed"
    promise.save()
    other = ServicePromise.objects.create(
        segment=promise.segment, text_fi="Toinen", text_sv="Annat", order=9
    )
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_promise_prefix(response, promise)}-status"] = "archived"
    data[f"{_promise_prefix(response, other)}-status"] = "confirmed"
    data["change-reason"] = "Valittiin toinen"
    response = client.post(EDIT, data)
    assert response.status_code == 302, _errors(response)
    promise.refresh_from_db()
    other.refresh_from_db()
    assert (promise.status, other.status) == ("archived", "confirmed")


def test_segment_editor__two_confirmed_promises_or_one_without_swedish_are_refused(
    client, ministry_user
):
    promise = _promise()
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_promise_prefix(response, promise)}-status"] = "confirmed"
    data["change-reason"] = "Syy"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert "Vahvistettu palvelulupaus tarvitsee ruotsinkielisen tekstin." in (
        response.content.decode()
    )
    data[f"{_promise_prefix(response, promise)}-text_sv"] = "Löfte"
    new = _new_promise_prefix(response)
    data[f"{new}-text_fi"] = "Toinen"
    data[f"{new}-text_sv"] = "Annat"
    data[f"{new}-status"] = "confirmed"
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert "vahvistettuja lupauksia voi olla vain yksi" in response.content.decode()
    assert _counts() == before
    promise.refresh_from_db()
    assert promise.status == "proposed"


def test_segment_editor__a_promise_a_decision_refers_to_is_not_removed(client, ministry_user):
    promise = _promise()
    assert promise.question_alternatives.exists()
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_promise_prefix(response, promise)}-DELETE"] = "on"
    data["segment-name_sv"] = "Nytt namn"
    data["change-reason"] = "Vanhentunut"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code == 409
    assert "ei voi poistaa" in response.content.decode()
    assert ServicePromise.objects.filter(pk=promise.pk).exists()
    assert _counts() == before
    assert Segment.objects.get(code=CODE).name_sv != "Nytt namn"


def test_segment_editor__promises_can_be_removed(client, ministry_user):
    promise = ServicePromise.objects.create(
        segment=Segment.objects.get(code=CODE), text_fi="Poistettava", order=7
    )
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_promise_prefix(response, promise)}-DELETE"] = "on"
    data["change-reason"] = "Vanhentunut"
    assert client.post(EDIT, data).status_code == 302
    assert not ServicePromise.objects.filter(pk=promise.pk).exists()
    row = ServicePromise.history.filter(id=promise.pk).first()
    assert (row.history_type, row.history_change_reason) == ("-", "Vanhentunut")


@pytest.mark.parametrize("what", ["strategy", "promise"])
def test_segment_editor__a_stale_strategy_or_promise_refuses_the_whole_save(
    client, ministry_user, what
):
    client.force_login(ministry_user)
    response = client.get(EDIT)
    record = Strategy.objects.get(segment__code=CODE) if what == "strategy" else _promise()
    record.text_fi = "Joku muu ehti ensin"
    record.save()
    data = _form_data(response)
    field = "strategy" if what == "strategy" else _promise_prefix(response, record)
    data[f"{field}-text_fi"] = "Minun muutokseni"
    data["segment-name_sv"] = "Nytt namn"
    data["change-reason"] = "Syy"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code == 409
    assert "Joku muu on tallentanut" in response.content.decode()
    record.refresh_from_db()
    assert record.text_fi == "Joku muu ehti ensin"
    assert Segment.objects.get(code=CODE).name_sv != "Nytt namn"
    assert _counts() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("strategy-text_fi", "", "Kirjoita strategia suomeksi."),
        ("strategy-text_fi", "   ", "Kirjoita strategia suomeksi."),
        ("strategy-text_sv", "x" * 2001, "enintään 2000 merkkiä"),
        ("strategy-points_fi", "x" * 2001, "enintään 2000 merkkiä"),
        ("strategy-status", "hyväksytty-muka", "Valitse oikea vaihtoehto"),
        ("strategy-version", "abc", "Joku muu on tallentanut"),
        ("strategy-text_fi", "Teksti\x00nollalla", "Tyhjiä merkkejä (null) ei sallita."),
        ("PROMISE-text_fi", "", "Kirjoita palvelulupaus suomeksi."),
        ("PROMISE-text_en", "x" * 1001, "enintään 1000 merkkiä"),
        ("PROMISE-status", "<script>alert(1)</script>", "Valitse oikea vaihtoehto"),
        ("PROMISE-order", "-1", "Tämän luvun on oltava vähintään 0."),
        ("PROMISE-id", "999999", "Valitse oikea vaihtoehto"),
    ],
)
def test_segment_editor__bad_strategy_and_promise_input_in_finnish_nothing_saved(
    client, ministry_user, field, value, message
):
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[field.replace("PROMISE", _promise_prefix(response, _promise()))] = value
    data["segment-name_sv"] = "Nytt namn"
    data["change-reason"] = "Syy"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code in (200, 409)
    assert message in response.content.decode()
    assert "<script>alert(1)" not in response.content.decode()
    assert _counts() == before
    assert Segment.objects.get(code=CODE).name_sv != "Nytt namn"


# --- History and revert ------------------------------------------------------------------


def test_revert__a_promise_change_made_in_the_editor(client, ministry_user):
    promise = _promise()
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_promise_prefix(response, promise)}-text_fi"] = "Uusi sanamuoto"
    data["change-reason"] = "Sanamuoto"
    assert client.post(EDIT, data).status_code == 302
    row = next(row for row in client.get(HISTORY).context["history"] if row.kind == "promise")
    assert [(c.after) for c in row.changes] == ["Uusi sanamuoto"]
    url = reverse("segments:segment_change_revert", args=[CODE, "promise", row.history_id])
    page = client.get(url)
    assert "Uusi sanamuoto" in page.content.decode()
    seen = page.context["form"].initial["seen"]
    response = client.post(url, {"reason": "Palautetaan", "seen": seen})
    assert response.status_code == 302
    promise.refresh_from_db()
    assert promise.text_fi != "Uusi sanamuoto"
    newest = promise.history.first()
    assert newest.history_user == ministry_user
    assert "Palautetaan" in newest.history_change_reason


def test_revert__of_a_promise_confirmation_is_refused_while_another_is_confirmed(
    client, ministry_user
):
    """Reverting "confirmed → archived" of one promise while another is confirmed would make
    two confirmed: refused in Finnish, nothing changes."""
    promise = _promise()
    promise.text_sv = "Löfte"
    promise.status = "confirmed"
    promise.save()
    other = ServicePromise.objects.create(
        segment=promise.segment, text_fi="Toinen", text_sv="Annat", order=9
    )
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_promise_prefix(response, promise)}-status"] = "archived"
    data[f"{_promise_prefix(response, other)}-status"] = "confirmed"
    data["change-reason"] = "Valittiin toinen"
    assert client.post(EDIT, data).status_code == 302
    row = next(
        row
        for row in client.get(HISTORY).context["history"]
        if row.kind == "promise" and row.summary == promise.text_fi
    )
    url = reverse("segments:segment_change_revert", args=[CODE, "promise", row.history_id])
    seen = client.get(url).context["form"].initial["seen"]
    response = client.post(url, {"reason": "Takaisin", "seen": seen})
    assert response.status_code == 200
    assert "vahvistettuja lupauksia voi olla vain yksi" in response.content.decode()
    promise.refresh_from_db()
    assert promise.status == "archived"


# --- The preview without scripts ---------------------------------------------------------


def test_preview_button__shows_the_counts_keeps_the_input_and_saves_nothing(
    client, ministry_user, world
):
    client.force_login(ministry_user)
    data = _form_data(client.get(EDIT))
    data["criterion-placement-rules"] = json.dumps(
        {"attribute": "vienti", "op": "gte", "value": 25}
    )
    data["criterion-entry-rules"] = ""
    data["strategy-text_sv"] = "Inte sparad"
    data["segment-name_sv"] = "Inte sparat"
    data["preview-year"] = "2026"
    data["preview"] = "1"
    data.pop("change-reason", None)  # a preview needs no reason
    before = (*_counts(), Criterion.objects.get(segment__code=CODE, kind="placement").rules)
    response = client.post(EDIT, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Näillä säännöillä 3 yritystä sijoittuisi tähän segmenttiin vuonna 2026 "
        "(2 siirtyy tänne, 0 siirtyy pois)."
    ) in page
    assert "Inte sparad" in page and "Inte sparat" in page
    assert "&quot;vienti&quot;" in page  # the JSON as entered
    assert "Kirjoita muutoksen syy." not in page
    assert (*_counts(), Criterion.objects.get(segment__code=CODE, kind="placement").rules) == (
        before
    )
    assert Segment.objects.get(code=CODE).name_sv != "Inte sparat"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("criterion-placement-rules", '{"all": [', "Säännöt eivät ole kelvollista JSONia."),
        ("criterion-entry-rules", '{"attribute": "ei", "op": "eq", "value": 1}', "ominaisuutta"),
        ("preview-year", "20x6", "Vuosi on neljä numeroa"),
        ("preview-year", "3000", "enintään 2100"),
    ],
)
def test_preview_button__bad_rules_or_year_in_finnish_and_no_counts(
    client, ministry_user, world, field, value, message
):
    client.force_login(ministry_user)
    data = _form_data(client.get(EDIT))
    data[field] = value
    data["preview"] = "1"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Näillä säännöillä" not in page
    assert "Korjaa lomakkeen virheet" in page
    assert _counts() == before


def test_preview_button__one_at_a_time_per_user(client, ministry_user, world):
    from django.core.cache import cache

    client.force_login(ministry_user)
    data = {**_form_data(client.get(EDIT)), "preview": "1"}
    cache.add(f"rule-preview:{ministry_user.pk}", 1, 30)
    try:
        response = client.post(EDIT, data)
    finally:
        cache.delete(f"rule-preview:{ministry_user.pk}")
    assert response.status_code == 429
    assert "kesken" in response.content.decode()


def test_preview_button__an_error_outside_the_rules_does_not_stop_the_counts(
    client, ministry_user, world
):
    client.force_login(ministry_user)
    data = _form_data(client.get(EDIT))
    data["strategy-text_fi"] = ""
    data["criterion-entry-rules"] = ""
    data["preview-year"] = "2026"
    data["preview"] = "1"
    before = _counts()
    response = client.post(EDIT, data)
    page = response.content.decode()
    assert "Kirjoita strategia suomeksi." in page
    assert "Näillä säännöillä 3 yritystä sijoittuisi tähän segmenttiin vuonna 2026" in page
    assert _counts() == before


# --- Aliases -----------------------------------------------------------------------------


def _alias_prefix(response, alias):
    for form in response.context["editor"].aliases.forms:
        if form.instance.pk == alias.pk:
            return form.prefix
    raise AssertionError(alias)


def _new_alias_prefix(response):
    return f"aliases-{response.context['editor'].aliases.total_form_count() - 1}"


def _alias(name="Vientiyritykset"):
    return SegmentAlias.objects.create(segment=Segment.objects.get(code=CODE), name=name)


def test_segment_editor__aliases_added_renamed_and_removed_with_who_and_why(client, ministry_user):
    renamed, removed = _alias("Vanha nimi"), _alias("Poistuva nimi")
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_alias_prefix(response, renamed)}-name"] = "Uusi nimi"
    data[f"{_alias_prefix(response, removed)}-DELETE"] = "on"
    data[f"{_new_alias_prefix(response)}-name"] = "Lisätty nimi"
    data["change-reason"] = "Raportin nimet"
    response = client.post(EDIT, data)
    assert response.status_code == 302, _errors(response)
    names = set(SegmentAlias.objects.filter(segment__code=CODE).values_list("name", flat=True))
    assert names == {"Uusi nimi", "Lisätty nimi"}
    for row in [
        renamed.history.first(),
        SegmentAlias.history.filter(id=removed.pk).first(),
        SegmentAlias.objects.get(name="Lisätty nimi").history.first(),
    ]:
        assert (row.history_user, row.history_change_reason) == (ministry_user, "Raportin nimet")
    history = client.get(HISTORY).context["history"]
    assert ("Nimi", "Vanha nimi", "Uusi nimi") in {
        (c.label, c.before, c.after) for row in history for c in row.changes
    }


def test_segment_editor__an_alias_renamed_meanwhile_refuses_the_save(client, ministry_user):
    alias = _alias()
    client.force_login(ministry_user)
    response = client.get(EDIT)
    SegmentAlias.objects.filter(pk=alias.pk).update(name="Joku muu ehti")
    data = _form_data(response)
    data[f"{_alias_prefix(response, alias)}-name"] = "Minun nimeni"
    data["segment-name_sv"] = "Nytt namn"
    data["change-reason"] = "Syy"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code == 409
    assert "Joku muu on tallentanut" in response.content.decode()
    assert SegmentAlias.objects.get(pk=alias.pk).name == "Joku muu ehti"
    assert _counts() == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Kirjoita vaihtoehtoinen nimi."),
        ("x" * 201, "enintään 200 merkkiä"),
        ("Toinen", "Segmentillä on jo tämä vaihtoehtoinen nimi."),
    ],
)
def test_segment_editor__bad_alias_in_finnish_nothing_saved(client, ministry_user, value, message):
    alias = _alias()
    _alias("Toinen")
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_alias_prefix(response, alias)}-name"] = value
    data["segment-name_sv"] = "Nytt namn"
    data["change-reason"] = "Syy"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before
    assert SegmentAlias.objects.get(pk=alias.pk).name == "Vientiyritykset"


def test_segment_editor__a_new_alias_that_exists_is_refused_in_finnish(client, ministry_user):
    _alias()
    client.force_login(ministry_user)
    response = client.get(EDIT)
    data = _form_data(response)
    data[f"{_new_alias_prefix(response)}-name"] = "Vientiyritykset"
    data["change-reason"] = "Syy"
    before = _counts()
    response = client.post(EDIT, data)
    assert response.status_code == 200
    assert "Segmentillä on jo tämä vaihtoehtoinen nimi." in response.content.decode()
    assert _counts() == before


def test_segment_edit__a_unique_rule_broken_meanwhile_is_a_stale_copy(ministry_user, monkeypatch):
    """Two editors adding the segment's first strategy at once both pass validation; the
    database refuses the second, which is told its copy is stale (not an error page)."""
    from core.refusals import Refusal
    from segments import services

    segment = Segment.objects.get(code=CODE)
    monkeypatch.setattr(Strategy, "full_clean", lambda self, **kwargs: None)
    second = Strategy(segment=segment, text_fi="Toinen")
    with pytest.raises(Refusal):
        services.segment_edit(
            segment=segment, changed=[(second, None)], by=ministry_user, reason="Syy"
        )
    assert Strategy.objects.filter(segment=segment).count() == 1
