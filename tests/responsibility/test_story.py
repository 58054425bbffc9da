"""Issue 6's "done means", walked through the pages with the test client: a Tekes user hands
a company over to Finnvera, Finnvera accepts, the baton's path shows on the company page,
and Finpro reads Finnvera's note only once a consent covers it, each view in the log."""

import pytest
from django.urls import reverse
from django.utils import timezone

from responsibility.models import AccessLogEntry, Assignment, Handover

pytestmark = pytest.mark.django_db


def test_story__handover_to_finnvera_then_consent_opens_its_note_to_finpro(
    client, company, orgs, tekes_user, finnvera_user, finpro_user, ministry_user, tekes_lead
):
    company_url = reverse("responsibility:company_responsibility", args=[company.business_id])
    notes_url = reverse("responsibility:company_notes", args=[company.business_id])

    # 1. Tekes, the lead, asks Finnvera to take the customer over.
    client.force_login(tekes_user)
    assert reverse("responsibility:handover_create", args=[company.business_id]) in (
        client.get(company_url).content.decode()
    )
    response = client.post(
        reverse("responsibility:handover_create", args=[company.business_id]),
        {
            "to_organisation": orgs["finnvera"].pk,
            "to_person": finnvera_user.person.pk,
            "reason": "Kasvu vaatii takauksen: rahoitus on nyt pääasia.",
            "notes": "Toimitusjohtaja odottaa yhteydenottoa.",
            "open_matters": "Vakuudet",
        },
    )
    handover = Handover.objects.get(company=company)
    assert response.status_code == 302 and response["Location"] == handover.get_absolute_url()

    # 2. Finnvera sees it in its inbox and accepts.
    client.force_login(finnvera_user)
    inbox = client.get(reverse("responsibility:handover_list")).context["inbox"]
    assert inbox.incoming == [handover]
    response = client.post(
        reverse("responsibility:handover_accept", args=[handover.pk]),
        {"accept-reason": "Otetaan vastaan"},
    )
    assert response.status_code == 302

    # 3. The lead changed in one step, and the company page shows the baton's path.
    leads = Assignment.objects.filter(company=company, role="lead")
    assert [(a.organisation.code, a.ends_on) for a in leads.order_by("starts_on", "pk")] == [
        ("tekes", timezone.localdate()),
        ("finnvera", None),
    ]
    client.force_login(tekes_user)
    response = client.get(company_url)
    history = [
        (a.organisation.code, a.role, a.ends_on is None) for a in response.context["data"].history
    ]
    assert history == [
        ("tekes", "lead", False),  # Tekes's lead ended …
        ("finnvera", "lead", True),  # … Finnvera's started …
        ("tekes", "member", True),  # … and Tekes stays on as a member.
    ]
    assert response.context["data"].lead.organisation == orgs["finnvera"]
    assert "hyväksytty" in response.content.decode()

    # 4. Finnvera writes a note; Finpro cannot read it (bank secrecy), and nothing is logged.
    client.force_login(finnvera_user)
    client.post(notes_url, {"kind": "contact_notes", "text": "Takausneuvottelu käyty."})
    client.force_login(finpro_user)
    page = client.get(notes_url).content.decode()
    assert "Takausneuvottelu käyty." not in page
    assert "Finnvera Oyj, yhteydenpitomuistiinpanot: ei näytetä – pankkisalaisuus" in page
    assert not AccessLogEntry.objects.exists()

    # 5. Finnvera, now holding the customer, records the customer's consent that Finnvera's
    # contact notes go to Finpro.
    client.force_login(finnvera_user)
    response = client.post(
        reverse("responsibility:consent_create", args=[company.business_id]),
        {
            "scope": "contact_notes",
            "disclosers": [orgs["finnvera"].pk],
            "organisations": [orgs["finpro"].pk],
            "given_by": "Toimitusjohtaja",
            "given_on": timezone.localdate().strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 302

    # 6. Now Finpro reads the note, on the basis of the consent, and each view is logged.
    client.force_login(finpro_user)
    for views in (1, 2):
        page = client.get(notes_url).content.decode()
        assert "Takausneuvottelu käyty." in page and "asiakkaan suostumus" in page
        assert AccessLogEntry.objects.count() == views

    # 7. Ministry staff find those views in the access log.
    client.force_login(ministry_user)
    response = client.get(
        reverse("responsibility:access_log"),
        {"company": company.business_id, "viewer_organisation": orgs["finpro"].pk},
    )
    entries = response.context["entries"]
    assert len(entries) == 2
    assert {(e.viewer, e.owner_organisation.code, e.basis) for e in entries} == {
        (finpro_user, "finnvera", "consent")
    }
    assert "finpro-virkailija" in response.content.decode()
