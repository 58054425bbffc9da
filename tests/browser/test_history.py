"""History that shows what changed, in the browser: a segment's history with a rule change
before → after and the revert confirmation (with its refused, reason-less state), then the
revert itself; axe-core finds no WCAG A/AA violation in Finnish or Swedish."""

import pytest
from playwright.sync_api import expect

from core.history import save_with_history
from segments.models import Criterion, Goal

from .helpers import open_page, submit, submit_refused

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_history_diff_and_revert(
    page, audit, login, set_language, staff_rules, ministry_user, language
):
    criterion = Criterion.objects.get(segment__code="suuryritykset", kind="placement")
    for value in (10, 12):
        criterion.rules = {"attribute": "henkilosto", "op": "gte", "value": value}
        save_with_history(criterion, by=ministry_user, reason="Raja tarkennettu")
    login(ministry_user)
    set_language(language)
    words = {"fi": "vähintään", "sv": "minst"}[language]

    open_page(page, "/segments/suuryritykset/history/")
    first = page.locator("main table tbody tr").first
    expect(first.locator(".field-changes del")).to_contain_text(f"Henkilöstö {words} 10 hlö")
    expect(first.locator(".field-changes ins")).to_contain_text(f"Henkilöstö {words} 12 hlö")
    audit.check("history with a rule change before → after", language)

    first.locator("a[href*='/revert/']").click()
    form = page.locator("main form[method=post]")
    expect(form.locator("textarea[name=reason]")).to_be_visible()
    audit.check("revert confirmation", language)

    submit_refused(page, form, reason=" ")
    audit.check("revert confirmation without a reason", language)

    form.locator("textarea[name=reason]").fill("Raja palautettiin")
    submit(page, form)
    expect(page.locator("main table tbody tr").first.locator(".field-changes ins")).to_contain_text(
        f"Henkilöstö {words} 10 hlö"
    )
    audit.check("history after the revert", language)
    audit.assert_clean()
    criterion.refresh_from_db()
    assert criterion.rules["value"] == 10


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_admin_history_and_revert_pages(page, audit, login, set_language, ministry_user, language):
    goal = Goal.objects.filter(segment__code="suuryritykset").order_by("pk").first()
    goal.text_fi = "Uusi muotoilu"
    save_with_history(goal, by=ministry_user, reason="Muotoiltu")
    login(ministry_user)
    set_language(language)
    open_page(page, f"/admin/segments/goal/{goal.pk}/history/")
    expect(page.locator("#change-history .field-changes").first).to_contain_text("Uusi muotoilu")
    audit.check("admin history with before → after", language)
    first = goal.history.order_by("history_date", "history_id").first()
    open_page(page, f"/admin/segments/goal/{goal.pk}/history/{first.history_id}/")
    expect(page.locator("input[name=_save]").first).to_be_visible()
    audit.check("admin revert page", language)
    audit.assert_clean()
