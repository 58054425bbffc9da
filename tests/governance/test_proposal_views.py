"""Proposal pages (6.2): drafting in two steps, the diff, the steps of the state machine,
who may do what, hostile input, and the whole "Done means" story over HTTP ending on the
segment page's link to the decision."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from governance import roles
from governance.models import Decision, Proposal, ProposalComment
from segments.models import ServicePromise
from tests.factories import (
    NEW_PROMISE_FI,
    NEW_PROMISE_SV,
    SEGMENT,
    ProposalCommentFactory,
    approved,
    decide_at_meeting,
    promise_proposal,
    seat,
    submitted,
)

pytestmark = pytest.mark.django_db

STEP_1 = {"body": "tyoryhma-b", "segment": SEGMENT, "target_kind": "service_promise"}


def create_url(**params):
    query = "&".join(f"{k}={v}" for k, v in {**STEP_1, **params}.items())
    return reverse("governance:proposal_create") + "?" + query


@pytest.fixture
def proposal(chair):
    return promise_proposal(chair)


# --- Who may --------------------------------------------------------------------------


def _read_pages(proposal):
    return [
        reverse("governance:proposal_list"),
        reverse("governance:proposal_detail", args=[proposal.pk]),
    ]


def test_proposal_pages__anonymous_and_no_role(proposal, assert_closed_to_outsiders):
    assert_closed_to_outsiders([*_read_pages(proposal), reverse("governance:proposal_create")])


@pytest.mark.parametrize("role", roles.ROLES)
def test_proposal_pages__every_role_reads(client, role_users, proposal, role):
    client.force_login(role_users[role])
    for url in _read_pages(proposal):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", roles.ROLES)
def test_proposal_create__without_a_seat_is_forbidden(client, make_user, role):
    user = make_user(f"ilman-{role}", role=role, organisation="tekes")
    client.force_login(user)
    assert client.get(reverse("governance:proposal_create")).status_code == 403


@pytest.mark.parametrize("role", roles.ROLES)
def test_proposal_actions__outsiders_cannot_act(client, make_user, proposal, role):
    """Nobody outside working group (b) edits, submits, withdraws or comments."""
    client.force_login(make_user(f"ulkopuolinen-{len(role)}", role=role, organisation="vtt"))
    for name in ("proposal_submit", "proposal_withdraw", "proposal_archive", "proposal_comment"):
        response = client.post(reverse(f"governance:{name}", args=[proposal.pk]), {"text": "x"})
        assert response.status_code == 403, name
    assert client.get(reverse("governance:proposal_edit", args=[proposal.pk])).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    assert not ProposalComment.objects.exists()


def test_proposal_detail__non_numeric_and_unknown_ids(client, ministry_user):
    client.force_login(ministry_user)
    assert client.get("/governance/proposals/abc/").status_code == 404
    assert client.get(reverse("governance:proposal_detail", args=[99999])).status_code == 404


def test_proposal_action__get_is_not_allowed(client, chair, proposal):
    client.force_login(chair)
    assert client.get(reverse("governance:proposal_submit", args=[proposal.pk])).status_code == 405


# --- Drafting -------------------------------------------------------------------------


def test_proposal_create__step_1_errors_in_finnish(client, chair):
    client.force_login(chair)
    response = client.get(create_url(segment="kotimarkkinat"))
    assert response.status_code == 200
    assert "Segmentti ei kuulu työryhmän vastuusegmentteihin" in response.content.decode()
    response = client.get(create_url(segment="ei-ole", target_kind="<script>"))
    content = response.content.decode()
    assert "Tuntematon segmentti." in content
    assert "<script>" not in content.split("<main", 1)[1]


def test_proposal_create__content_prefilled_with_current_text(client, chair):
    client.force_login(chair)
    response = client.get(create_url(target_kind="goals", perspective="customer"))
    form = response.context["form"]
    assert form.initial["lines"]
    assert form.initial["lines"].splitlines()[0]


def test_proposal_create__invalid_content_changes_nothing(client, chair):
    client.force_login(chair)
    response = client.post(
        create_url(),
        {"title": "", "rationale": "", "choice": "new", "new_text_fi": "<script>x</script>"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "Anna ehdotukselle otsikko." in content
    assert "<script>x</script>" not in content
    response = client.post(
        create_url(),
        {"title": "T", "rationale": "R", "choice": "new", "new_text_fi": "Uusi", "new_text_sv": ""},
    )
    assert "ruotsinkielinen teksti" in response.content.decode()
    response = client.post(create_url(), {"title": "x" * 300, "rationale": "R", "choice": "999"})
    assert "Otsikko on liian pitkä" in response.content.decode()
    assert not Proposal.objects.exists()


def test_proposal_edit__stale_version_shows_a_message(client, chair, proposal):
    client.force_login(chair)
    url = reverse("governance:proposal_edit", args=[proposal.pk])
    data = {
        "title": "Muutettu",
        "rationale": "R",
        "choice": "new",
        "new_text_fi": NEW_PROMISE_FI,
        "new_text_sv": NEW_PROMISE_SV,
        "version": proposal.version,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "title": "Toinen"})
    assert "Joku muu on tallentanut" in response.content.decode()
    response = client.post(url, {**data, "version": "abc"})
    assert "Lomake on vanhentunut" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Muutettu"


def test_proposal_detail__diff_says_in_words_what_changes(client, chair, proposal):
    client.force_login(chair)
    response = client.get(reverse("governance:proposal_detail", args=[proposal.pk]))
    content = response.content.decode()
    assert "<ins>" in content and "lisätty:" in content
    assert "<del>" in content and "poistettu:" in content
    assert NEW_PROMISE_FI in content


def test_proposal_submit__member_who_is_not_chair_gets_a_message(client, make_user, proposal):
    member = make_user("jasen", role=roles.WORKING_GROUP_MEMBER, organisation="finpro")
    seat(member, "tyoryhma-b")
    client.force_login(member)
    response = client.post(reverse("governance:proposal_submit", args=[proposal.pk]), follow=True)
    assert "Vain valmistelevan toimielimen puheenjohtaja" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_proposal_comment__empty_is_refused_with_message(client, chair, proposal):
    client.force_login(chair)
    url = reverse("governance:proposal_comment", args=[proposal.pk])
    response = client.post(url, {"text": "   "})
    assert "Kirjoita kommentti." in response.content.decode()
    response = client.post(url, {"text": "<b>Hyvä</b>"})
    assert response.status_code == 302
    page = client.get(reverse("governance:proposal_detail", args=[proposal.pk])).content.decode()
    assert "&lt;b&gt;Hyvä&lt;/b&gt;" in page


def test_proposal_list__filters_and_pagination(client, chair, proposal):
    client.force_login(chair)
    url = reverse("governance:proposal_list")
    assert proposal in client.get(url, {"status": "draft"}).context["proposals"]
    assert proposal not in client.get(url, {"status": "approved"}).context["proposals"]
    assert client.get(url, {"status": "<script>", "body": "x", "segment": "y"}).status_code == 200
    assert client.get(url, {"page": "999"}).status_code == 404


def test_proposal_pages__queries_do_not_grow(client, chair, count_queries):
    """The list and a detail page cost the same with 2 and with 12 proposals and comments."""
    client.force_login(chair)
    first = promise_proposal(chair)
    urls = [
        reverse("governance:proposal_list"),
        reverse("governance:proposal_detail", args=[first.pk]),
    ]

    def measure():
        return [count_queries(client, url, warm=True) for url in urls]

    promise_proposal(chair)
    ProposalCommentFactory(proposal=first, author=chair, text="a")
    small = measure()
    for number in range(10):
        promise_proposal(chair)
        ProposalCommentFactory(proposal=first, author=chair, text=f"k{number}")
    assert measure() == small


# --- The whole story over HTTP --------------------------------------------------------


def test_story__from_draft_to_the_segment_page_link(client, chair, decider):
    client.force_login(chair)
    response = client.post(
        create_url(),
        {
            "title": "Kansainvälistyvien palvelulupaus",
            "rationale": "Toinen vaihtoehto on nyt muotoiltu.",
            "choice": "new",
            "new_text_fi": NEW_PROMISE_FI,
            "new_text_sv": NEW_PROMISE_SV,
        },
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == proposal.get_absolute_url()
    client.post(reverse("governance:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == "submitted"

    client.force_login(decider)
    response = client.post(
        reverse("governance:meeting_create"),
        {
            "body": "asiakkuusstrategiaryhma",
            "date": "12.3.2009",
            "title": "Strategiaryhmän kokous",
        },
    )
    meeting_url = response["Location"]
    meeting_pk = int(meeting_url.rstrip("/").split("/")[-1])
    client.post(
        reverse("governance:meeting_agenda_proposal", args=[meeting_pk]),
        {"proposal": proposal.pk},
    )
    item = proposal.agenda_items.get()
    client.post(
        reverse("governance:agenda_item_decide", args=[meeting_pk, item.pk]),
        {f"kohta-{item.pk}-outcome": "approved", f"kohta-{item.pk}-rationale": "Hyväksytään."},
    )
    page = client.get(meeting_url)
    version = page.context["meeting"].version
    response = client.post(
        reverse("governance:meeting_close", args=[meeting_pk]), {"version": version}
    )
    assert response.status_code == 302

    decision = Decision.objects.get(proposal=proposal)
    assert decision.reference == "ASR 1/2009"
    confirmed = ServicePromise.objects.get(segment__code=SEGMENT, status="confirmed")
    assert confirmed.text_fi == NEW_PROMISE_FI
    page = client.get(confirmed.segment.get_absolute_url()).content.decode()
    assert "Vahvistettu päätöksellä ASR 1/2009" in page
    assert f'href="{decision.get_absolute_url()}"' in page
    assert "Arkistoitu päätöksellä ASR 1/2009" in page


def test_segment_page__decision_links_cost_constant_queries(client, chair, decider, count_queries):
    """One query for all the decisions behind a segment's items, however many there are
    (each count of the page rendered anew, not from the cache)."""
    client.force_login(decider)
    url = reverse("segments:segment_detail", args=[SEGMENT])
    client.get(url)
    cache.clear()
    before = count_queries(client, url)
    approved(
        chair,
        decider,
        target_kind="goals",
        perspective="customer",
        content={"lines": ["A", "B", "C", "D"]},
    )
    approved(chair, decider, target_kind="strategy", content={"text": "S", "points": ["x"]})
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider)
    cache.clear()
    after = count_queries(client, url)
    assert count_queries.content.decode().count("päätöksellä ASR") >= 4
    assert after == before


# --- Withdrawing is confirmed first ----------------------------------------------------


def test_proposal_withdraw__confirmed_on_its_own_page_first(client, chair, proposal):
    client.force_login(chair)
    ProposalCommentFactory(proposal=proposal, text="Kannatan", author=chair)
    detail = client.get(reverse("governance:proposal_detail", args=[proposal.pk])).content
    url = reverse("governance:proposal_withdraw", args=[proposal.pk])
    # The proposal's page links to the confirmation; nothing there withdraws on one click.
    assert f'href="{url}"'.encode() in detail and f'action="{url}"'.encode() not in detail
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ehdotuksen 1 kommentti ja sen historia säilyvät." in text
    assert "Ehdotusta ei esitetä asiakkuusstrategiaryhmälle." in text
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    response = client.post(url, {"reason": "Tilanne muuttui"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"
    assert proposal.history.first().history_change_reason == "Tilanne muuttui"


def test_proposal_withdraw__outsiders_cannot_open_the_confirmation(client, make_user, proposal):
    client.force_login(
        make_user("ulkopuolinen", role=roles.WORKING_GROUP_MEMBER, organisation="vtt")
    )
    url = reverse("governance:proposal_withdraw", args=[proposal.pk])
    assert client.get(url).status_code == 403


def test_proposal_withdraw__twice_is_a_409_conflict_with_the_message(client, chair, proposal):
    client.force_login(chair)
    url = reverse("governance:proposal_withdraw", args=[proposal.pk])
    assert client.post(url).status_code == 302
    response = client.post(url)
    assert response.status_code == 409
    assert "Ehdotusta ei voi perua, koska sen tila on ”peruttu”." in response.content.decode()
