"""The strategy document in the browser: axe-core finds no WCAG A/AA violation on the page
in Finnish, Swedish and English (and a Swedish document in the Finnish interface), with the
year's transitions as a picture; printed, only the document shows (no site navigation)."""

from importlib import import_module

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from governance.services.strategy_versions import strategy_version_publish
from segments.models import Segment, SegmentTransition
from tests.factories import CompanyFactory, DecisionFactory, MeetingFactory

from .helpers import LANGUAGES, open_page

pytestmark = pytest.mark.browser

PAGE = reverse("governance:strategy_document")
YEAR = 2026


@pytest.fixture
def transitions(strategy_data):
    """Three companies that moved between segments this year (the Sankey picture)."""
    local, domestic, international = (
        Segment.objects.get(code=code)
        for code in ("paikalliset", "kotimarkkinat", "kansainvalistyvat")
    )
    for from_segment, to_segment in (
        (local, domestic),
        (local, domestic),
        (domestic, international),
    ):
        SegmentTransition.objects.create(
            company=CompanyFactory(segment=to_segment),
            year=YEAR,
            from_segment=from_segment,
            to_segment=to_segment,
            cause=SegmentTransition.Cause.RULE,
            created_at=timezone.now(),
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_strategy_document_page(
    page, audit, login, set_language, working_group_user, transitions, language
):
    login(working_group_user)
    set_language(language)
    audit.check_pages([("strategy document", f"{PAGE}?year={YEAR}&kieli={language}")], language)
    expect(page.locator("main h1")).to_have_count(1)
    expect(page.locator("main svg.sankey")).to_have_count(1)
    expect(page.locator("main nav.document-toc li").first).to_be_visible()
    # A Swedish document inside the interface's language: axe checks its lang too.
    if language == "fi":
        open_page(page, f"{PAGE}?year={YEAR}&kieli=sv")
        expect(page.locator("main div[lang=sv] h1")).to_have_text("Kundstrategi 2026")
        audit.check("Swedish document, Finnish interface", language)
    audit.assert_clean()


def test_strategy_document_page__printed_without_navigation(
    page, login, working_group_user, transitions
):
    login(working_group_user)
    open_page(page, f"{PAGE}?year={YEAR}")
    expect(page.locator(".main-nav")).to_be_visible()
    page.emulate_media(media="print")
    for frame in (".site-header", ".main-nav", ".breadcrumb", ".site-footer", ".document-tools"):
        expect(page.locator(frame)).to_be_hidden()
    expect(page.locator("main h1")).to_be_visible()
    expect(page.locator("nav.document-toc")).to_be_visible()
    # Each main section starts on a new page when printed.
    breaks = page.locator("section.document-section--1").evaluate_all(
        "els => els.map(el => getComputedStyle(el).breakBefore)"
    )
    assert breaks and set(breaks) == {"page"}
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.fixture
def versions_purged_after(transactional_db):
    """Afterwards the published versions are removed, so that Django's flush can empty the
    other tables: their triggers refuse DELETE (migration 0008), so in one transaction the
    triggers are dropped, the rows deleted and the triggers created again. Only tests do so."""
    yield
    migration = import_module("governance.migrations.0008_strategy_versions_immutable")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in migration.DROP[connection.vendor]:
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {migration.TABLE}")  # noqa: S608
        for statement in migration.CREATE[connection.vendor]:
            cursor.execute(statement)


@pytest.mark.parametrize("language", LANGUAGES)
def test_strategy_version_pages(
    page, audit, login, set_language, ministry_user, strategy_data, versions_purged_after, language
):
    """The versions list with the publish form (also with errors), a published version, and
    its comparison with the draft after a goal was reworded."""
    decision = DecisionFactory(number=1, meeting=MeetingFactory(title="1"), outcome="decided")
    version = strategy_version_publish(year=YEAR, decision=decision, by=ministry_user)
    goal = Segment.objects.get(code="kansainvalistyvat").goals.first()
    goal.text_fi = "Uusi sanamuoto tavoitteelle."
    goal.save()
    login(ministry_user)
    set_language(language)
    pages = [
        ("versions", reverse("governance:strategy_version_list")),
        ("version", f"{version.get_absolute_url()}?kieli={language}"),
        ("comparison", f"{reverse('governance:strategy_comparison')}?kieli={language}"),
    ]
    audit.check_pages(pages, language)
    expect(page.locator("main ins")).to_contain_text(["Uusi sanamuoto tavoitteelle."])
    open_page(page, reverse("governance:strategy_version_list"))
    page.locator("main form button[type=submit]").click()  # no decision chosen
    expect(page.locator("main .errorlist")).to_have_count(1)
    audit.check("publish form with an error", language)
    audit.assert_clean()
