"""Defects found in the browser walkthrough of the governance pages: what a decision
changed said plainly, the Swedish wording on a promise proposal, the proposal form's
honest lead text, the organisation chart's repeated names and the year filters."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import Body, Decision, StrategicQuestion
from segments.models import Segment
from tests.factories import (
    NEW_PROMISE_SV,
    SEGMENT,
    decide_at_meeting,
    promise_proposal,
    submitted,
)

pytestmark = pytest.mark.django_db


def _effect_lines(content):
    """The "Mitä päätös muutti" list as text lines, tags removed."""
    section = content.split('id="vaikutukset"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r"<li>(.*?)</li>", section, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


# --- 3. What the decision changed ------------------------------------------------------------


def test_decision_detail__effects_say_plainly_what_happened(client, chair, decider):
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider)
    decision = Decision.objects.get(proposal=proposal)
    segment = Segment.objects.get(code=SEGMENT)
    question = StrategicQuestion.objects.get(subject="service_promise", segment=segment)
    client.force_login(decider)
    content = client.get(decision.get_absolute_url()).content.decode()
    lines = _effect_lines(content)
    labels = [line.split(":", 1)[0] for line in lines]
    assert "Uusi vaihtoehto kirjattu ja vahvistettu palvelulupaukseksi" in labels
    assert "Palvelulupauksen vaihtoehto arkistoitu" in labels
    assert "Strategisen kysymyksen vaihtoehto kirjattu ja valittu" in labels
    assert "Strateginen kysymys ratkaistu" in labels
    assert len(lines) == len(set(lines))  # no line twice
    # Promises link to the segment's page at its promises; the slot to the question.
    assert f'href="{segment.get_absolute_url()}#lupaukset"' in content
    assert f'href="{question.get_absolute_url()}"' in content
    slot_line = next(line for line in lines if line.startswith("Strategisen kysymyksen"))
    assert slot_line.startswith(
        f"Strategisen kysymyksen vaihtoehto kirjattu ja valittu: {question.title}"
    )


def test_decision_detail__an_existing_promise_chosen_is_confirmed(client, chair, decider):
    proposal = submitted(promise_proposal(chair, choose_new=False), chair)
    decide_at_meeting(proposal, decider)
    decision = Decision.objects.get(proposal=proposal)
    client.force_login(decider)
    labels = [
        line.split(":", 1)[0]
        for line in _effect_lines(client.get(decision.get_absolute_url()).content.decode())
    ]
    assert labels.count("Palvelulupaus vahvistettu") == 1
    # The new wording was recorded and, not chosen, archived: one line says both.
    assert "Uusi vaihtoehto kirjattu; ei valittu, arkistoitu" in labels
    assert "Strategisen kysymyksen vaihtoehto kirjattu" in labels


def test_decision_list__effects_have_the_same_plain_labels(client, chair, decider):
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider)
    client.force_login(decider)
    content = client.get(reverse("governance:decision_list")).content.decode()
    assert "Uusi vaihtoehto kirjattu ja vahvistettu palvelulupaukseksi:" in content
    assert "Vaihtoehto valittu" not in content


# --- 4. The promise proposal shows its Swedish wording ---------------------------------------


def test_proposal_detail__shows_the_swedish_wording_marked_sv(client, chair, decider):
    proposal = submitted(promise_proposal(chair), chair)
    client.force_login(decider)
    content = client.get(proposal.get_absolute_url()).content.decode()
    assert f'<dd lang="sv">{NEW_PROMISE_SV}</dd>' in content
    assert "Ehdotettu muutos nykyiseen tekstiin" in content


def test_proposal_detail__swedish_of_a_chosen_existing_promise(client, chair, decider):
    proposal = submitted(promise_proposal(chair, choose_new=False), chair)
    client.force_login(decider)
    content = client.get(proposal.get_absolute_url()).content.decode()
    assert '<dd lang="sv">Vi lovar att hjälpa.</dd>' in content
    assert f'<dd lang="fi">{proposal.chosen_promise.text_fi}</dd>' in content


def test_proposal_detail__after_approval_the_diff_reads_as_history(client, chair, decider):
    proposal = submitted(promise_proposal(chair), chair)
    decide_at_meeting(proposal, decider)
    client.force_login(decider)
    content = client.get(proposal.get_absolute_url()).content.decode()
    assert "Ehdotettu muutos nykyiseen tekstiin" not in content
    assert "Ehdotettu muutos (tekstiin, joka oli voimassa ehdotusta laadittaessa)" in content
    assert "Teksti ehdotusta laadittaessa" in content
    assert "Vahvistettu palvelulupaus" in content


# --- 5. The proposal form's lead text is true for its kind -----------------------------------


def _proposal_form(client, chair, target_kind):
    """Working group (b)'s form for a proposal of the kind about the international segment."""
    client.force_login(chair)
    return client.get(
        reverse("governance:proposal_create"),
        {"body": "tyoryhma-b", "segment": SEGMENT, "target_kind": target_kind},
    )


def test_proposal_form__promise_form_does_not_claim_to_be_prefilled(client, chair):
    response = _proposal_form(client, chair, "service_promise")
    content = response.content.decode()
    assert response.context["form"] is not None
    assert "Lomake on esitäytetty nykyisellä tekstillä" not in content
    assert "nykyiset palvelulupaukset ovat valittavina" in content


def test_proposal_form__a_text_form_still_says_it_is_prefilled(client, chair):
    response = _proposal_form(client, chair, "strategy")
    assert "Lomake on esitäytetty nykyisellä tekstillä" in response.content.decode()


# --- 6. The organisation chart names a body's kind only when it adds something ---------------


def test_org_chart__no_kind_repeating_the_name(client, ministry_user):
    client.force_login(ministry_user)
    content = client.get(reverse("governance:org_chart")).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content))
    for body in Body.objects.filter(kind__in=("working_committee", "advisory_board")):
        assert body.name in text
        assert f"{body.name} {body.name}" not in text
        assert not body.kind_differs_from_name or body.get_kind_display().capitalize() in text


def test_body__kind_differs_from_name():
    assert not Body(name="Työvaliokunta", kind="working_committee").kind_differs_from_name
    assert Body(name="Neuvottelukunta X", kind="advisory_board").kind_differs_from_name


# --- 7. The year filters show the year shown -------------------------------------------------


@pytest.mark.parametrize("name", ["steering_dashboard", "clock"])
def test_year_filter__prefilled_with_the_year_shown(client, ministry_user, name):
    client.force_login(ministry_user)
    this_year = timezone.localdate().year
    response = client.get(reverse(f"governance:{name}"))
    assert response.context["form"]["year"].value() == this_year
    assert f'value="{this_year}"' in response.content.decode()
    response = client.get(reverse(f"governance:{name}"), {"year": ""})
    assert str(response.context["form"]["year"].value()) == str(this_year)
    response = client.get(reverse(f"governance:{name}"), {"year": "2027"})
    assert response.context["year"] == 2027
    assert str(response.context["form"]["year"].value()) == "2027"
