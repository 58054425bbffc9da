"""The segment page's panel "Asiakasvastuu" (issue 17, item 6): the segment's
customer-responsibility policy (5.4: model, object, lead organisation) and the group's
data-sharing choice (5.5), shown where the segment is read, not only in the admin and on the
coverage page."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from governance import roles
from responsibility import services
from responsibility.models import DataSharingSetting, ResponsibilityPolicy
from segments.models import Segment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEGMENT = "kansainvalistyvat"


def _url(code=SEGMENT):
    return reverse("segments:segment_detail", args=[code])


def _panel(page):
    start = page.index('aria-labelledby="asiakasvastuu"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def decided(ministry_user):
    """Long-term responsibility in the segment by Finpro for a target group, with customer
    teams led by Tekes; shared customers for the whole group."""
    segment = Segment.objects.get(code=SEGMENT)
    services.policy_set(
        segment=segment,
        values={
            "mode": "long_term",
            "scope": "target_group",
            "target_group": "Kasvuyritykset <b>vientiin</b>",
            "lead_organisation": "finpro",
            "forms_customer_teams": True,
            "team_lead_organisation": "tekes",
            "emphasis": "proactive",
        },
        decision_reference="ASR 1/2009",
        by=ministry_user,
        reason="Päätetty",
    )
    services.data_sharing_set(
        strategy="shared", decision_reference="ASR 2/2009", by=ministry_user, reason="Päätetty"
    )
    return segment


@pytest.mark.parametrize("role", roles.ROLES)
def test_segment_policy_panel__every_role_reads_the_decided_policy(
    client, role_users, decided, role
):
    client.force_login(role_users[role])
    panel = _panel(client.get(_url()).content.decode())
    assert "A) pitkäjänteinen asiakasvastuu" in panel
    # The target group is written in Finnish only: marked so in every language.
    assert (
        'Segmentin kohderyhmä: <span lang="fi">Kasvuyritykset &lt;b&gt;vientiin&lt;/b&gt;</span>'
        in panel
    )
    assert 'href="/organisations/finpro/"' in panel
    assert "muodostetaan, johtaa" in panel and "Proaktiivinen" in panel
    assert "ASR 1/2009" in panel
    assert "Yhteiset asiakkaat (päätös ASR 2/2009)" in panel


def test_segment_policy_panel__undecided_says_so_and_writes_nothing(client, working_group_user):
    DataSharingSetting.objects.all().delete()
    client.force_login(working_group_user)
    panel = _panel(client.get(_url("invest-in-finland")).content.decode())
    assert panel.count("ei vielä päätetty") == 1
    assert "ei vielä nimetty" in panel
    assert "Ei vielä päätetty (tiedot vaihtuvat suostumuksella)" in panel
    assert not DataSharingSetting.objects.exists()  # a read made no row


def test_segment_policy_panel__a_decision_shows_at_once(client, working_group_user, decided):
    client.force_login(working_group_user)
    assert "A) pitkäjänteinen" in _panel(client.get(_url()).content.decode())  # now cached
    policy = ResponsibilityPolicy.objects.get(segment=decided)
    policy.mode = "handover"
    policy.save()
    services.data_sharing_set(
        strategy="consent", decision_reference="ASR 3/2009", by=None, reason="Muutettu"
    )
    panel = _panel(client.get(_url()).content.decode())
    assert "B) vaihtuva asiakasvastuu" in panel
    assert "Suostumukseen perustuva tiedonvaihto (päätös ASR 3/2009)" in panel


def test_segment_policy_panel__not_for_a_reader_without_the_policy_permission(client):
    """The segment page asks only for the segment's permission; the panel for its own."""
    user = UserFactory(username="vain-segmentit")
    user.user_permissions.add(Permission.objects.get(codename="view_segment"))
    client.force_login(user)
    page = client.get(_url()).content.decode()
    assert 'aria-labelledby="asiakasvastuu"' not in page


def test_segment_policy_panel__in_swedish(client, working_group_user, decided):
    client.force_login(working_group_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    panel = _panel(client.get(_url()).content.decode())
    assert "Asiakasvastuun malli" not in panel
    assert "ASR 1/2009" in panel


def test_segment_policy_panel__cached_it_costs_no_query(
    client, working_group_user, decided, count_queries
):
    client.force_login(working_group_user)
    url = _url()
    client.get(url)
    count_queries(client, url)
    assert not count_queries.any_sql("responsibility_responsibilitypolicy")
    assert not count_queries.any_sql("responsibility_datasharingsetting")
