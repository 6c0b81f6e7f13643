"""gomi staff screens in Chromium: axe-core finds nothing, and the notice works without JS."""

import pytest

from tests.browser.conftest import BROWSER_DB, goto, log_in

pytestmark = [pytest.mark.browser, BROWSER_DB]

PAGES = ["", "areas/", "areas/new/", "categories/", "closures/", "closures/policy/", "items/",
         "preview/", "preview/?fy=2026", "notices/", "misses/"]


@pytest.fixture
def gomi(site):
    """An area, a category with a rule, an item and a closure in the editor's municipality."""
    from datetime import date

    from gomi.models import Area, Category, Closure, Item, Rule

    area = Area.objects.create(municipality=site.org, name="中央地区")
    category = Category.objects.create(municipality=site.org, name="燃やすごみ")
    Rule.objects.create(area=area, category=category, weekdays=[0, 3])
    Item.objects.create(municipality=site.org, name="乾電池", category=category)
    Closure.objects.create(municipality=site.org, start=date(2026, 12, 31),
                           end=date(2027, 1, 3))
    return {"area": area, "category": category, "base": f"/staff/gomi/{site.org.lgcode}/"}


def test_every_gomi_staff_screen_has_no_axe_violation(page, site, gomi, axe):
    log_in(page, site)
    area, category, base = gomi["area"], gomi["category"], gomi["base"]
    extra = [f"areas/{area.pk}/", f"areas/{area.pk}/rules/{category.pk}/",
             f"categories/{category.pk}/", f"translations/category/{category.pk}/"]
    for rest in PAGES + extra:
        goto(page, base + rest)
        axe(page)


def test_an_emergency_notice_is_announced_without_javascript(open_context, site, gomi):
    from gomi.models import ScheduleException

    browsing = open_context(java_script_enabled=False)
    page = browsing.page
    log_in(page, site)
    goto(page, gomi["base"] + "notices/")
    page.get_by_label("中央地区").check()
    page.get_by_label("対象の収集日").fill("2030-09-02")
    page.get_by_label("お知らせ（日本語）").fill("台風のため収集を中止します")
    with page.expect_navigation():
        page.get_by_role("button", name="お知らせを出す").click()
    assert page.get_by_role("status").count() >= 1
    row = ScheduleException.objects.get()
    assert (row.area_id, row.notice) == (gomi["area"].pk, "台風のため収集を中止します")
