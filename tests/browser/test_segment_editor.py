"""The segment editor in the browser: it fits 1366 px and reflows at 320 px, the rule builder
writes the JSON field (conditions added, groups nested, by keyboard too), the live preview
follows the rules being edited, the strategy and service promises are on screen, the
preview works without scripts (the "Esikatsele" button over the JSON field), and axe-core
finds nothing in fi/sv/en."""

import json

import pytest
from playwright.sync_api import TimeoutError, expect

from segments.models import Criterion, Segment, SegmentAlias, ServicePromise, Strategy
from tests.segments.conftest import build_world

from .helpers import LANGUAGES, open_page

pytestmark = pytest.mark.browser

EDITOR = "/segments/kansainvalistyvat/edit/"
PLACEMENT = "[data-kind=placement]"
FITS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
# The elements that reach past the window's right edge, for the failure message.
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth
    || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'
        && e.clientWidth > 0))
  .slice(0, 8).map(e => document.documentElement.scrollWidth + ' ' + e.tagName + '.' + e.className + '#' + e.id + ' '
    + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture
def world(strategy_data):
    world = build_world()
    SegmentAlias.objects.create(
        segment=Segment.objects.get(code="kansainvalistyvat"), name="Vientiä aloittavat"
    )
    return world


def fits_when_laid_out(page):
    """No horizontal scroll once the page is laid out again for the new width."""
    try:
        page.wait_for_function(FITS, timeout=3000)
    except TimeoutError:
        pytest.fail(f"horizontal scroll: {page.evaluate(WIDE)}", pytrace=False)


def placement_json(page):
    return json.loads(page.locator(f"{PLACEMENT} textarea.rules-json").input_value())


def preview(page):
    return page.locator("#esikatselu-tulos")


def test_segment_editor__fits_1366_and_320_without_horizontal_scroll(
    page, audit, login, set_language, ministry_user, world
):
    login(ministry_user)
    for language in LANGUAGES:
        set_language(language)
        page.set_viewport_size({"width": 1366, "height": 900})
        open_page(page, EDITOR)
        expect(preview(page)).to_contain_text("2")
        assert page.evaluate(FITS), page.evaluate(WIDE)
        # Every goal's and promise's Swedish and English texts, status and remove box, the
        # strategy's three languages and the aliases are on screen.
        for selector in [
            ".goal-row textarea[name$=text_en]",
            ".goal-row select[name$=status]",
            ".goal-row input[name$=DELETE]",
            ".promise-rows textarea[name$=text_en]",
            ".promise-rows select[name$=status]",
            "textarea[name=strategy-text_en]",
            "textarea[name=strategy-points_en]",
            "select[name=strategy-status]",
            "button[name=preview]",
            ".alias-rows input[name$=-name]",
        ]:
            boxes = page.locator(selector).evaluate_all(
                "els => els.map(e => e.getBoundingClientRect().right)"
            )
            assert boxes and max(boxes) <= 1366, (selector, boxes)
        # One-line goals get one-line inputs, not 160 px boxes.
        heights = page.locator(
            ".goal-rows:not(.promise-rows) textarea[name$=text_fi]"
        ).evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
        assert heights and max(heights) < 100, heights
        audit.check("segment editor at 1366 px", language)
        page.set_viewport_size({"width": 320, "height": 800})
        fits_when_laid_out(page)
        audit.check("segment editor at 320 px", language)
    audit.assert_clean()


def test_rule_builder__add_a_condition_nest_a_group_and_the_preview_follows(
    page, audit, login, ministry_user, world
):
    login(ministry_user)
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, EDITOR)
    result = preview(page)
    # Stored: export share at least 25 % (entry 30 %): Kansainvälinen stays, Viejä moves in.
    expect(result).to_have_text(
        "Näillä säännöillä 2 yritystä sijoittuisi tähän segmenttiin vuonna 2026 "
        "(1 siirtyy tänne, 0 siirtyy pois)."
    )
    builder = page.locator(f"{PLACEMENT} .rule-builder")
    # Add a condition with the keyboard: the new condition's attribute gets the focus.
    builder.get_by_role("button", name="Lisää ehto: Säännöt").focus()
    page.keyboard.press("Enter")
    conditions = builder.locator(".rule-condition")
    expect(conditions).to_have_count(2)
    attribute = conditions.nth(1).get_by_label("Ominaisuus")
    expect(attribute).to_be_focused()
    attribute.select_option("henkilosto")
    conditions.nth(1).get_by_label("Vertailu").select_option("lt")
    conditions.nth(1).get_by_label("Arvo").fill("100")
    assert placement_json(page) == {
        "all": [
            {"attribute": "vienti", "op": "gte", "value": 25},
            {"attribute": "henkilosto", "op": "lt", "value": 100},
        ]
    }
    # Kansainvälinen (220 staff) now goes to the local companies.
    expect(result).to_have_text(
        "Näillä säännöillä 1 yritys sijoittuisi tähän segmenttiin vuonna 2026 "
        "(1 siirtyy tänne, 1 siirtyy pois)."
    )
    # Nest an "any" group and give its condition a value with a decimal comma.
    builder.get_by_role("button", name="Lisää ryhmä: Säännöt").click()
    nested = builder.locator(".rule-group .rule-group")
    expect(nested).to_have_count(1)
    nested.get_by_label("Ominaisuus").select_option("vienti")
    nested.get_by_label("Vertailu").select_option("gte")
    nested.get_by_label("Arvo").fill("30,5")
    data = placement_json(page)
    assert data["all"][2] == {"any": [{"attribute": "vienti", "op": "gte", "value": 30.5}]}
    expect(result).to_contain_text("1 yritys")
    audit.check("segment editor with a nested group", "fi")
    # A bad value: the Finnish validation message, not a number.
    nested.get_by_label("Arvo").fill("paljon")
    expect(result).to_contain_text("paljon ei ole luku.")
    expect(result).to_have_class("preview-result is-error")
    # Remove the nested group's only condition: the empty group goes with it.
    nested.get_by_role("button", name="Poista ehto: Vientiosuus").click()
    expect(nested).to_have_count(0)
    expect(builder.get_by_role("button", name="Lisää ehto: Säännöt")).to_be_focused()
    assert len(placement_json(page)["all"]) == 2
    # Saved with a reason, the rules are what the builder wrote.
    page.get_by_label("Muutoksen syy").fill("Henkilöstöraja kokeiluun")
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna muutokset").click()
    expect(page.locator(".message--success")).to_be_visible()
    criterion = Criterion.objects.get(segment__code="kansainvalistyvat", kind="placement")
    assert criterion.rules["all"][1] == {"attribute": "henkilosto", "op": "lt", "value": 100}
    assert criterion.history.first().history_change_reason == "Henkilöstöraja kokeiluun"
    audit.check("segment editor after saving", "fi")
    audit.assert_clean()


def test_preview_button__without_scripts_counts_over_the_json_field_and_saves_nothing(
    page, audit, login, set_language, ministry_user, world
):
    """The editor's script not loaded (blocked, as a browser without scripts or a failed
    download leaves it): the rules are written as JSON, "Esikatsele" posts the form and the
    page comes back with the counts and what was typed; nothing is saved. fi/sv/en at
    1366 px and 320 px, axe-core clean. (A context with scripts off altogether cannot run
    axe-core, which is itself a script.)"""
    page.route("**/rule_builder.js", lambda route: route.abort())
    login(ministry_user)
    rules = json.dumps({"attribute": "vienti", "op": "gte", "value": 25})
    before = (
        Criterion.objects.get(segment__code="kansainvalistyvat", kind="placement").rules,
        Strategy.history.count(),
        ServicePromise.history.count(),
        Segment.history.count(),
    )
    expected = {
        "fi": "Näillä säännöillä 3 yritystä sijoittuisi tähän segmenttiin vuonna 2026 "
        "(2 siirtyy tänne, 0 siirtyy pois).",
        "sv": "Med dessa regler skulle 3 företag placeras i detta segment år 2026 "
        "(2 flyttar hit, 0 flyttar bort).",
        "en": "With these rules 3 companies would be placed in this segment in 2026 "
        "(2 move in, 0 move out).",
    }
    for language in LANGUAGES:
        set_language(language)
        for width in (1366, 320):
            page.set_viewport_size({"width": width, "height": 900})
            open_page(page, EDITOR)
            # No builder without the script: the JSON field is the input.
            expect(page.locator(".rule-builder")).to_have_count(0)
            page.locator(f"{PLACEMENT} textarea.rules-json").fill(rules)
            # Without the entry rule (export share 30 %) one more company moves in.
            page.locator("[data-kind=entry] textarea.rules-json").fill("")
            page.locator("textarea[name=strategy-text_sv]").fill("Inte sparad")
            page.locator("input[name=preview-year]").fill("2026")
            with page.expect_navigation():
                page.locator("button[name=preview]").click()
            expect(page.locator("#esikatselu-tulos")).to_have_text(expected[language])
            expect(page.locator("textarea[name=strategy-text_sv]")).to_have_value("Inte sparad")
            placement = page.locator(f"{PLACEMENT} textarea.rules-json").input_value()
            assert json.loads(placement) == json.loads(rules)
            fits_when_laid_out(page)
            audit.check(f"segment editor's preview without scripts at {width} px", language)
    audit.assert_clean()
    after = (
        Criterion.objects.get(segment__code="kansainvalistyvat", kind="placement").rules,
        Strategy.history.count(),
        ServicePromise.history.count(),
        Segment.history.count(),
    )
    assert after == before
