"""Another organisation's customer data: a basis or nothing, and every view in the log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from offerings.models import Organisation
from responsibility import services
from responsibility.models import AccessLogEntry, DataSharingSetting
from responsibility.visibility import notes_for
from tests.factories import CompanyFactory, business_id, consent_given, notes_seen

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(strategy_data, agency_user, make_user):
    from governance import roles

    orgs = {code: Organisation.objects.get(code=code) for code in ["tekes", "finnvera", "finpro"]}
    company = CompanyFactory(business_id=business_id(77), name="Suostumus Oy")
    finpro_user = make_user("finpro", role=roles.AGENCY_CUSTOMER_STAFF, organisation="finpro")
    for code, text in [
        ("finnvera", "Takausneuvottelu: vakuudet riittävät."),
        ("tekes", "Tuotekehityshanke käynnissä."),
    ]:
        services.note_write(
            company=company,
            organisation=orgs[code],
            kind="contact_notes",
            text=text,
            by=agency_user,
        )
    return orgs, company, finpro_user


def _texts(view):
    return sorted(note.text for note, *_basis in view.visible)


def test_notes__without_a_basis_another_organisations_notes_stay_hidden_and_nothing_is_logged(
    world,
):
    orgs, company, finpro_user = world
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert view.visible == []
    assert {org.code for org, _scope, _reason in view.refused} == {"finnvera", "tekes"}
    assert any(
        "pankkisalaisuus" in reason for org, _s, reason in view.refused if org.code == "finnvera"
    )
    assert not AccessLogEntry.objects.exists()


def test_notes__a_consent_covering_the_organisation_opens_them_and_each_view_is_logged(
    world, agency_user
):
    orgs, company, finpro_user = world
    consent = consent_given(
        company,
        agency_user,
        organisations=[orgs["finpro"]],
        disclosers=[orgs["finnvera"], orgs["tekes"]],
        given_by="Toimitusjohtaja",
    )
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert _texts(view) == ["Takausneuvottelu: vakuudet riittävät.", "Tuotekehityshanke käynnissä."]
    assert {basis for _n, basis, _c in view.visible} == {"asiakkaan suostumus"}
    log = list(AccessLogEntry.objects.order_by("owner_organisation__code"))
    assert [(e.viewer, e.owner_organisation.code, e.basis, e.consent) for e in log] == [
        (finpro_user, "finnvera", "consent", consent),
        (finpro_user, "tekes", "consent", consent),
    ]
    notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert AccessLogEntry.objects.count() == 4  # every view, not only the first


def test_notes__a_consent_for_another_scope_or_organisation_does_not_count(world, agency_user):
    orgs, company, finpro_user = world
    disclosers = [orgs["finnvera"], orgs["tekes"]]
    consent_given(
        company,
        agency_user,
        scope="project_summaries",
        organisations=[orgs["finpro"]],
        disclosers=disclosers,
    )
    consent_given(company, agency_user, organisations=[orgs["tekes"]], disclosers=disclosers)
    assert notes_for(user=finpro_user, organisation=orgs["finpro"], company=company).visible == []


def test_notes__withdrawal_and_expiry_take_effect_at_once(world, agency_user):
    orgs, company, finpro_user = world
    today = timezone.localdate()
    given = {
        "organisations": [orgs["finpro"]],
        "disclosers": [orgs["finnvera"], orgs["tekes"]],
        "given_on": today - timedelta(days=10),
    }
    consent = consent_given(company, agency_user, **given)
    assert notes_for(user=finpro_user, organisation=orgs["finpro"], company=company).visible
    services.consent_withdraw(consent=consent, by=agency_user)
    assert notes_for(user=finpro_user, organisation=orgs["finpro"], company=company).visible == []
    consent_given(company, agency_user, **given, expires_on=today - timedelta(days=1))
    assert notes_for(user=finpro_user, organisation=orgs["finpro"], company=company).visible == []


def test_notes__shared_customers_open_other_agencies_but_finnvera_needs_consent(world):
    orgs, company, finpro_user = world
    DataSharingSetting.objects.filter(pk=1).update(strategy="shared")
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert _texts(view) == ["Tuotekehityshanke käynnissä."]
    assert [org.code for org, _s, _r in view.refused] == ["finnvera"]
    assert list(AccessLogEntry.objects.values_list("basis", flat=True)) == ["shared"]


def test_notes__own_organisations_notes_need_no_basis_and_are_not_logged(world, agency_user):
    orgs, company, _finpro_user = world
    view = notes_for(user=agency_user, organisation=orgs["finnvera"], company=company)
    assert [note.text for note, *_b in view.visible] == ["Takausneuvottelu: vakuudet riittävät."]
    assert not AccessLogEntry.objects.exists()


def test_access_log__rows_cannot_be_changed_or_deleted(world, agency_user):
    _orgs, company, finpro_user = world
    entry = notes_seen(company, finpro_user)
    entry.scope = "project_summaries"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    assert AccessLogEntry.objects.get().scope == "contact_notes"


def test_access_log__the_admin_only_reads(client, ministry_user, world):
    from django.urls import reverse

    client.force_login(ministry_user)
    assert client.get(reverse("admin:responsibility_accesslogentry_changelist")).status_code == 200
    assert client.get(reverse("admin:responsibility_accesslogentry_add")).status_code == 403


# --- whose data a consent releases (issue 11, part 4; Act 443/1998 § 5) -------------------


def _record(company, orgs, *, by, disclosers, recipients=("finpro", "vtt"), scope="contact_notes"):
    return consent_given(
        company,
        by,
        scope=scope,
        organisations=[Organisation.objects.get(code=code) for code in recipients],
        disclosers=[orgs[code] for code in disclosers],
        given_by="Toimitusjohtaja",
    )


def _owners(view):
    return sorted({note.organisation.code for note, _basis, _consent in view.visible})


def test_notes__a_consent_tekes_recorded_for_finpro_and_vtt_does_not_open_finnveras_notes(
    world, tekes_user
):
    """The reported case: Tekes's consent for Finpro and VTT opened Finnvera's notes."""
    orgs, company, finpro_user = world
    _record(company, orgs, by=tekes_user, disclosers=["tekes"])
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert _owners(view) == ["tekes"]
    assert [(org.code, reason.split(":")[0]) for org, _s, reason in view.refused] == [
        ("finnvera", "pankkisalaisuus")
    ]
    assert list(AccessLogEntry.objects.values_list("owner_organisation__code", flat=True)) == [
        "tekes"
    ]


def test_notes__naming_finnvera_as_discloser_is_not_enough_without_finnveras_own_word(
    world, tekes_user
):
    orgs, company, finpro_user = world
    _record(company, orgs, by=tekes_user, disclosers=["tekes", "finnvera"])
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert _owners(view) == ["tekes"]
    [(owner, _scope, reason)] = view.refused
    assert owner.code == "finnvera"
    assert reason == (
        "pankkisalaisuus: asiakkaan suostumus odottaa tietojen omistajan oman henkilöstön "
        "vahvistusta"
    )


def test_notes__finnveras_notes_open_once_finnvera_confirms_the_consent_tekes_recorded(
    world, tekes_user, agency_user
):
    orgs, company, finpro_user = world
    consent = _record(company, orgs, by=tekes_user, disclosers=["tekes", "finnvera"])
    services.consent_disclosure_confirm(
        disclosure=consent.disclosures.get(organisation=orgs["finnvera"]), by=agency_user
    )
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert _owners(view) == ["finnvera", "tekes"]
    assert view.refused == []
    assert {(o.owner.code, o.consent) for o in view.opened} == {
        ("finnvera", consent),
        ("tekes", consent),
    }


def test_notes__finnveras_notes_open_on_a_consent_finnvera_recorded_naming_itself(
    world, agency_user
):
    orgs, company, finpro_user = world
    consent = _record(company, orgs, by=agency_user, disclosers=["finnvera"])
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert _owners(view) == ["finnvera"]  # Tekes is not a discloser of this consent
    finnvera_note = next(v for v in view.visible if v[0].organisation.code == "finnvera")
    assert finnvera_note[1:] == ("asiakkaan suostumus", consent)
    assert [(o.code, reason.startswith("ei voimassa")) for o, _s, reason in view.refused] == [
        ("tekes", True)
    ]


def test_notes__a_consent_finnvera_recorded_naming_only_tekes_does_not_open_finnvera(
    world, agency_user
):
    """Recording a consent is not releasing one's own data: only the named disclosers'."""
    orgs, company, finpro_user = world
    _record(company, orgs, by=agency_user, disclosers=["tekes"])
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert _owners(view) == ["tekes"]


def test_notes__a_consent_naming_tekes_opens_tekes_notes_but_not_finnveras(
    world, tekes_user, agency_user
):
    orgs, company, finpro_user = world
    consent = _record(company, orgs, by=tekes_user, disclosers=["tekes"])
    # Finnvera's staff cannot confirm a part the consent does not give Finnvera.
    assert not consent.disclosures.filter(organisation=orgs["finnvera"]).exists()
    view = notes_for(user=finpro_user, organisation=orgs["finpro"], company=company)
    assert [note.text for note, *_ in view.visible] == ["Tuotekehityshanke käynnissä."]
    log = AccessLogEntry.objects.get()
    assert (log.owner_organisation.code, log.basis, log.consent) == ("tekes", "consent", consent)
