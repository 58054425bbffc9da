"""Published versions of the strategy document (issue 15): frozen contents with their date,
approving decision and publisher, immutable, and compared section by section with the draft
or another version."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from governance.models import Decision, StrategyVersion
from governance.selectors.strategy_document import strategy_document
from governance.selectors.strategy_versions import document_comparison, version_document
from governance.services.strategy_versions import strategy_version_publish
from segments.models import Goal, Segment
from tests.factories.scenarios import (
    NEW_PROMISE_FI,
    approved,
    decide_at_meeting,
    promise_proposal,
    submitted,
)

LIST = reverse("governance:strategy_version_list")
COMPARE = reverse("governance:strategy_comparison")
NEW_GOAL = "Kansainvälistyvien yritysten määrä kaksinkertaistuu."


@pytest.fixture
def promise_decision(chair, decider):
    """The strategy group confirms working group (b)'s new promise: ASR 1/2009."""
    decide_at_meeting(submitted(promise_proposal(chair), chair), decider)
    return Decision.objects.get()


@pytest.fixture
def version(promise_decision, ministry_user):
    return strategy_version_publish(year=2026, decision=promise_decision, by=ministry_user)


def _goal_change(chair, decider):
    """A goal of the international segment reworded through a proposal the group approves."""
    return approved(
        chair,
        decider,
        target_kind="goals",
        perspective=Goal.Perspective.PUBLIC_ACTOR,
        content={"lines": [NEW_GOAL]},
    )


def test_publish__freezes_the_document_in_every_language(version, promise_decision, ministry_user):
    assert (version.year, version.number, version.label) == (2026, 1, "2026/1")
    assert version.decision == promise_decision
    assert version.published_by == ministry_user
    assert set(version.contents) == {"fi", "sv", "en"}
    assert version_document(version, "sv").title == "Kundstrategi 2026"
    assert (
        version_document(version, "fi").as_json()["sections"]
        == (strategy_document(year=2026).as_json()["sections"])
    )
    again = strategy_version_publish(year=2026, decision=promise_decision, by=ministry_user)
    assert again.number == 2


def test_publish__needs_an_approving_decision(strategy_data, ministry_user, chair, decider):
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider, outcome="rejected")
    with pytest.raises(ValidationError, match="hyväksytty"):
        strategy_version_publish(year=2026, decision=Decision.objects.get(), by=ministry_user)
    assert not StrategyVersion.objects.exists()


def test_version__unchanged_after_the_data_changes(version, chair, decider):
    before = version_document(version, "fi").as_json()
    _goal_change(chair, decider)
    Segment.objects.filter(code="perustajat").update(description_fi="Uusi kuvaus")
    version.refresh_from_db()
    assert version_document(version, "fi").as_json() == before
    assert NEW_GOAL not in str(before)


def test_version__the_database_refuses_changes_and_deletion(version):
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategyVersion.objects.filter(pk=version.pk).update(note="muutettu")
    with pytest.raises(IntegrityError), transaction.atomic():
        StrategyVersion.objects.filter(pk=version.pk).delete()
    version.refresh_from_db()
    assert version.note == ""


def test_comparison__finds_a_changed_goal(version, chair, decider):
    _goal_change(chair, decider)
    changes = document_comparison(version_document(version, "fi"), strategy_document(year=2026))
    by_number = {change.number: change for change in changes}
    segment = Segment.objects.get(code="kansainvalistyvat")
    index = list(Segment.objects.filter(is_active=True).order_by("number")).index(segment) + 1
    goals = by_number[f"5.1.{index}"]
    assert goals.status == "changed"
    added = [line.text for line in goals.lines if line.kind == "added"]
    removed = [line.text for line in goals.lines if line.kind == "removed"]
    assert any(NEW_GOAL in text for text in added)
    assert removed  # the old wording of the public actor's goals
    # The decision register gained the goal's decision.
    assert any("ASR 2/2009" in line.text for line in by_number["8.1"].lines if line.kind == "added")


def test_comparison__finds_a_confirmed_promise(strategy_data, ministry_user, chair, decider):
    segment = Segment.objects.get(code="perustajat")
    # A first version approved by some decision, before the promise is confirmed.
    first = approved(
        chair, decider, target_kind="goals", perspective="customer", content={"lines": ["x"]}
    )
    old = strategy_version_publish(year=2026, decision=first, by=ministry_user)
    decide_at_meeting(submitted(promise_proposal(chair), chair), decider)
    changes = document_comparison(version_document(old, "fi"), strategy_document(year=2026))
    added = [line.text for change in changes for line in change.lines if line.kind == "added"]
    assert f"Vahvistettu palvelulupaus: {NEW_PROMISE_FI}" in added
    assert segment  # the other segments' sections did not change
    assert not [c for c in changes if c.title == segment.name_fi and c.number.startswith("5.1.")]


def test_comparison__identical_documents_have_no_changes(version):
    assert (
        document_comparison(version_document(version, "fi"), version_document(version, "fi")) == []
    )


# Pages --------------------------------------------------------------------------------------


def test_version_pages__who_may_read(client, version, assert_closed_to_outsiders, role_users):
    pages = [
        LIST,
        version.get_absolute_url(),
        reverse("governance:strategy_version_pdf", args=[version.pk]),
        reverse("governance:strategy_version_docx", args=[version.pk]),
        COMPARE,
    ]
    assert_closed_to_outsiders(pages)
    for user in role_users.values():
        client.force_login(user)
        for page in (LIST, version.get_absolute_url(), COMPARE):
            assert client.get(page).status_code == 200, (user, page)


def test_version_list__constant_queries(
    client, version, promise_decision, ministry_user, count_queries
):
    client.force_login(ministry_user)
    few = count_queries(client, LIST, warm=True)
    for _n in range(3):
        strategy_version_publish(year=2026, decision=promise_decision, by=ministry_user)
    assert count_queries(client, LIST) == few


def test_publish_page__ministry_staff_publish(client, promise_decision, ministry_user):
    client.force_login(ministry_user)
    assert 'id="julkaise"' in client.get(LIST).content.decode()
    response = client.post(
        LIST, {"year": "2026", "decision": promise_decision.pk, "note": "Hyväksytty"}
    )
    version = StrategyVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    assert (version.note, version.published_by) == ("Hyväksytty", ministry_user)


def test_publish_page__others_may_not(client, promise_decision, working_group_user):
    client.force_login(working_group_user)
    assert 'id="julkaise"' not in client.get(LIST).content.decode()
    response = client.post(LIST, {"year": "2026", "decision": promise_decision.pk})
    assert response.status_code == 403
    assert not StrategyVersion.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2026"}, "Valitse päätös, jolla strategia on hyväksytty."),
        ({"year": "2026", "decision": "999999"}, "Valitse päätös luettelosta."),
        ({"year": "2026", "decision": "<script>"}, "Valitse päätös luettelosta."),
        ({"year": "", "decision": "D"}, "Anna vuosi."),
        ({"year": "kaksi", "decision": "D"}, "Anna vuosi numeroina"),
        ({"year": "99999999999999999999", "decision": "D"}, "Vuosi on enintään ensi vuosi."),
        ({"year": "1999", "decision": "D"}, "Vuosi on aikaisintaan 2008."),
        (
            {"year": "2026", "decision": "D", "note": "x" * 2001},
            "Huomautus on enintään 2 000 merkkiä.",
        ),
    ],
)
def test_publish_page__bad_input(client, promise_decision, ministry_user, data, message):
    client.force_login(ministry_user)
    if data.get("decision") == "D":
        data = {**data, "decision": promise_decision.pk}
    response = client.post(LIST, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StrategyVersion.objects.exists()


def test_comparison_page__shows_the_changed_goal(
    client, version, chair, decider, working_group_user
):
    _goal_change(chair, decider)
    client.force_login(working_group_user)
    html = client.get(COMPARE).content.decode()
    assert "2026/1 → luonnos" in html
    assert NEW_GOAL in html.split("<ins>", 1)[1]
    assert "<del>" in html
    # Another version against itself: no differences; an unknown version: 404.
    assert (
        "Versioissa ei ole eroja."
        in client.get(COMPARE, {"a": version.pk, "b": version.pk}).content.decode()
    )
    assert client.get(COMPARE, {"a": "x"}).status_code == 404
    assert client.get(COMPARE, {"b": "²"}).status_code == 404
    assert client.get(f"/governance/strategy/versions/{'9' * 20}/").status_code == 404
    assert client.get(COMPARE, {"a": "99999999999999999999"}).status_code == 404


def test_comparison_page__nothing_published_yet(client, working_group_user):
    client.force_login(working_group_user)
    response = client.get(COMPARE)
    assert response.status_code == 200
    assert "Strategiasta ei ole vielä julkaistu versiota" in response.content.decode()


def test_version_page__reads_the_frozen_contents(
    client, version, chair, decider, working_group_user
):
    _goal_change(chair, decider)
    client.force_login(working_group_user)
    html = client.get(version.get_absolute_url(), {"kieli": "sv"}).content.decode()
    assert "Kundstrategi 2026" in html
    assert NEW_GOAL not in html
    assert "ASR 1/2009" in html
    docx = client.get(reverse("governance:strategy_version_docx", args=[version.pk]))
    assert docx.status_code == 200
    assert docx["Content-Disposition"] == 'attachment; filename="asiakkuusstrategia-2026-fi.docx"'


def test_public_link__anyone_downloads_a_published_pdf(client, version):
    from pypdf import PdfReader

    url = reverse("governance:strategy_version_public_pdf", args=[version.pk, "sv"])
    response = client.get(url)  # not signed in
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    assert pdf.trailer["/Root"]["/Lang"] == "sv"
    assert "Godkänd genom beslut" in pdf.pages[0].extract_text()
    # Laid out once: the second answer comes from the cache, byte for byte.
    assert client.get(url).content == response.content
    assert client.get(f"/governance/strategy/public/{version.pk + 1}/sv.pdf").status_code == 404
    assert client.get(f"/governance/strategy/public/{version.pk}/de.pdf").status_code == 404
