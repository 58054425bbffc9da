"""The segment page's content and its offering panel are cached (they change a few times a
year) and rendered anew as soon as something they show changes, per language and per what
the user may read: never one user's or one language's view served to another."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from offerings.models import Service
from segments import services
from segments.models import Goal, Segment
from tests.factories import SegmentOfferingFactory, ServiceFactory

pytestmark = pytest.mark.django_db

SEGMENT = "suuryritykset"


def _content(page):
    """The page's main content (the head has a per-request token)."""
    page = page.decode()
    return page[page.index("<h1") : page.index("Muutoshistoria")]


@pytest.fixture
def url():
    return reverse("segments:segment_detail", args=[SEGMENT])


def test_segment_page__a_second_view_is_served_from_the_cache(
    client, working_group_user, count_queries, url
):
    client.force_login(working_group_user)
    rendered = count_queries(client, url, warm=False)
    first = _content(count_queries.content)
    cached = count_queries(client, url)
    assert cached < rendered
    assert not count_queries.any_sql("segments_goal")  # the goals were not read again
    assert not count_queries.any_sql("segments_segment")  # nor the segment itself
    assert _content(count_queries.content) == first


def test_segment_page__a_renamed_segment_shows_at_once_and_an_unknown_one_is_404(
    client, working_group_user, url
):
    client.force_login(working_group_user)
    client.get(url)
    segment = Segment.objects.get(code=SEGMENT)
    segment.name_fi = "Uusi nimi välimuistin ohi"
    segment.save()
    assert "<h1>Uusi nimi välimuistin ohi</h1>" in client.get(url).content.decode()
    for code in ("ei-ole", "x" * 300):
        missing = reverse("segments:segment_detail", args=[code])
        assert client.get(missing).status_code == 404
        assert client.get(missing).status_code == 404  # not cached as found


def test_segment_page__a_changed_goal_shows_at_once(client, working_group_user, url):
    client.force_login(working_group_user)
    client.get(url)
    goal = Goal.objects.filter(segment__code=SEGMENT).first()
    goal.text_fi = "Uusi tavoite välimuistin ohi"
    goal.save()
    assert "Uusi tavoite välimuistin ohi" in client.get(url).content.decode()


def test_segment_page__a_change_through_a_service_shows_at_once(client, ministry_user, url):
    client.force_login(ministry_user)
    client.get(url)
    segment = Segment.objects.get(code=SEGMENT)
    services.strategy_set(
        segment=segment, text="Strategia välimuistin ohi", points="", by=ministry_user, reason="x"
    )
    assert "Strategia välimuistin ohi" in client.get(url).content.decode()


def test_segment_page__each_language_has_its_own_copy(client, working_group_user, url):
    client.force_login(working_group_user)
    finnish = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    swedish = client.get(url).content.decode()
    assert "Tavoitteet" in finnish and "Tavoitteet" not in swedish
    assert "Mål" in swedish


def test_offering_panel__hidden_from_a_user_who_may_not_read_it_after_another_cached_it(
    client, working_group_user, make_user, url
):
    client.force_login(working_group_user)
    assert 'id="tarjooma"' in client.get(url).content.decode()
    reader = make_user("vain-segmentit")
    reader.user_permissions.add(Permission.objects.get(codename="view_segment"))
    client.force_login(reader)
    assert 'id="tarjooma"' not in client.get(url).content.decode()


def test_offering_panel__a_renamed_service_shows_at_once(client, working_group_user, url):
    service = ServiceFactory(name_fi="Vanha palvelunimi")
    SegmentOfferingFactory(service=service, segment=Segment.objects.get(code=SEGMENT))
    client.force_login(working_group_user)
    assert "Vanha palvelunimi" in client.get(url).content.decode()
    service = Service.objects.get(pk=service.pk)
    service.name_fi = "Uusi palvelunimi"
    service.save()
    page = client.get(url).content.decode()
    assert "Uusi palvelunimi" in page and "Vanha palvelunimi" not in page


def test_offering_panel__the_cached_copy_is_html_not_escaped_text(client, working_group_user, url):
    client.force_login(working_group_user)
    client.get(url)
    page = client.get(url).content.decode()
    assert '<section class="panel" aria-labelledby="tarjooma">' in page
    assert "&lt;section" not in page


def test_segment_list__the_table_is_cached_and_a_renamed_segment_shows_at_once(
    client, working_group_user, count_queries
):
    client.force_login(working_group_user)
    url = reverse("segments:segment_list")
    count_queries(client, url, warm=True)
    assert not count_queries.any_sql("segments_goal")  # the counts came from the cache
    segment = Segment.objects.get(code=SEGMENT)
    segment.name_fi = "Uusi nimi välimuistin ohi"
    segment.save()
    assert "Uusi nimi välimuistin ohi" in client.get(url).content.decode()
    # A search is not cached: it always reads the rows.
    count_queries(client, url, {"q": "Uusi nimi"})
    assert count_queries.any_sql("segments_goal")
    assert "Uusi nimi välimuistin ohi" in count_queries.content.decode()
