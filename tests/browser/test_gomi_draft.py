"""The gomi schedule draft in Chromium: stage through the screens, preview, publish, axe."""

import pytest
from django.utils import timezone

from tests.browser.conftest import BROWSER_DB, goto, log_in

pytestmark = [pytest.mark.browser, BROWSER_DB]

WEEKDAYS = ("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日")


@pytest.fixture
def gomi(site):
    """An area with 燃やすごみ on Mondays and Thursdays, and 資源ごみ not yet collected."""
    from gomi.models import Area, Category, Rule

    area = Area.objects.create(municipality=site.org, name="中央地区")
    burnable = Category.objects.create(municipality=site.org, name="燃やすごみ", position=0)
    resources = Category.objects.create(municipality=site.org, name="資源ごみ", position=1)
    Rule.objects.create(area=area, category=burnable, weekdays=[0, 3])
    return {"area": area, "resources": resources,
            "base": f"/staff/gomi/{site.org.lgcode}/",
            "resident": f"/gomi/{site.org.lgcode}/areas/{area.pk}/"}


def stage_every_day(page, gomi) -> None:
    """Stage 資源ごみ in 中央地区 on every day of the week through the rule screen."""
    goto(page, f"{gomi['base']}areas/{gomi['area'].pk}/rules/{gomi['resources'].pk}/")
    for name in WEEKDAYS:
        page.get_by_label(name, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="下書きに保存する").click()
    assert "下書きに保存しました" in page.locator("main").inner_text()


def preview_path(gomi) -> str:
    """This month's preview of 中央地区."""
    today = timezone.localdate()
    return f"{gomi['base']}preview/?area={gomi['area'].pk}&month={today:%Y-%m}"


def test_a_staged_rule_is_marked_in_the_preview_and_reaches_residents_once_published(
        page, site, gomi):
    log_in(page, site)
    stage_every_day(page, gomi)
    goto(page, gomi["resident"])
    assert "資源ごみ" not in page.locator("main").inner_text()
    goto(page, preview_path(gomi))
    main = page.locator("main").inner_text()
    assert "未公開の変更が1件あります" in main and "資源ごみ （未公開で追加）" in main
    goto(page, gomi["base"] + "draft/")
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert "1件の変更を公開しました" in page.locator("main").inner_text()
    goto(page, gomi["resident"])
    assert "資源ごみ" in page.locator("main").inner_text()


def test_the_draft_and_preview_pages_have_no_axe_violation(page, site, gomi, axe):
    log_in(page, site)
    stage_every_day(page, gomi)
    for path in (gomi["base"] + "draft/", preview_path(gomi), preview_path(gomi) + "&view=live",
                 f"{gomi['base']}preview/?area={gomi['area'].pk}&fy=2026",
                 f"{gomi['base']}areas/", f"{gomi['base']}closures/"):
        goto(page, path)
        axe(page)


def test_the_empty_draft_page_has_no_axe_violation(page, site, gomi, axe):
    log_in(page, site)
    goto(page, gomi["base"] + "draft/")
    axe(page)


def test_a_closure_policy_is_staged_and_published_without_javascript(open_context, site, gomi):
    from gomi.models import GomiSettings

    page = open_context(java_script_enabled=False).page
    log_in(page, site)
    goto(page, gomi["base"] + "closures/policy/")
    page.get_by_label("休止期間を考慮しない").check()
    with page.expect_navigation():
        page.get_by_role("button", name="下書きに保存する").click()
    assert not GomiSettings.objects.filter(municipality=site.org).exists()
    goto(page, gomi["base"] + "draft/")
    with page.expect_navigation():
        page.get_by_role("button", name="公開する").click()
    assert GomiSettings.objects.get(municipality=site.org).closure_policy == "none"
