"""The plan's public transparency page, its document, and the planning staff's forms in
Chromium: axe-core finds no WCAG 2.1 A/AA violation, and everything works without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.conftest import BROWSER_DB, goto
from tests.browser.test_plan_round import _as, plan_site  # noqa: F401  (fixture)

pytestmark = BROWSER_DB


@pytest.fixture
def public_plan(plan_site):  # noqa: F811
    """The test plan made public with every measure but the last, and one actual entered."""
    from core.actor import Actor
    from plan.models import KPI
    from plan.services.actuals import record_actual
    from plan.services.plans import set_visibility

    plan, planner, users = plan_site
    who = Actor(user=planner)
    measures = list(plan.measures.order_by("order"))
    set_visibility(actor=who, plan=plan, is_public=True,
                   public_measure_ids=[m.pk for m in measures[:-1]], reason="公開")
    record_actual(actor=who, kpi=KPI.objects.get(name="オンライン化手続数"), value=8,
                  fiscal_year=2022)
    plan.refresh_from_db()
    return plan, planner, users


def test_the_public_page_has_no_violations_in_japanese_and_english(browsing, public_plan, axe):
    plan, _planner, _users = public_plan
    page = browsing.page
    goto(page, f"/plan/{plan.organisation.slug}/")
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    axe(page)


def test_the_public_document_page_has_no_violations(browsing, public_plan, axe):
    plan, _planner, _users = public_plan
    goto(browsing.page, f"/plan/{plan.organisation.slug}/{plan.pk}/document/")
    axe(browsing.page)


def test_the_public_page_loads_the_plan_stylesheet_without_csp_errors(browsing, public_plan):
    plan, _planner, _users = public_plan
    goto(browsing.page, f"/plan/{plan.organisation.slug}/")
    assert any(url.endswith("/plan/plan.css") for url in browsing.recorder.requests)
    assert browsing.recorder.console_errors == []


def _staff_pages(plan) -> list[str]:
    measure = plan.measures.get(order=1)
    kpi = measure.kpis.get()
    milestone = measure.milestones.first()
    base = f"/staff/plan/{plan.pk}"
    return [
        f"{base}/manage/", f"{base}/edit/", f"{base}/grading/", f"{base}/visibility/",
        f"{base}/reporters/", f"{base}/revisions/",
        f"{base}/revisions/{plan.revisions.first().number}/",
        f"{base}/measures/{measure.pk}/", f"{base}/measures/{measure.pk}/datasets/",
        f"{base}/measures/{measure.pk}/kpis/new/", f"{base}/measures/{measure.pk}/kpis/{kpi.pk}/",
        f"{base}/measures/{measure.pk}/milestones/new/",
        f"{base}/measures/{measure.pk}/milestones/{milestone.pk}/",
    ]


def test_the_staff_forms_have_no_violations(browsing, public_plan, axe):
    plan, planner, _users = public_plan
    _as(browsing, planner)
    for path in _staff_pages(plan):
        goto(browsing.page, path)
        axe(browsing.page)


def test_staff_forms_with_errors_have_no_violations(browsing, public_plan, axe):
    plan, planner, _users = public_plan
    page = browsing.page
    measure = plan.measures.get(order=1)
    _as(browsing, planner)
    goto(page, f"/staff/plan/{plan.pk}/measures/{measure.pk}/kpis/new/")
    page.get_by_label("令和6年度の目標値").fill("二十")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="保存する").click()
    assert navigation.value.status == 400
    assert page.locator(".error-summary").is_visible()
    axe(page)
    goto(page, f"/staff/plan/{plan.pk}/edit/")
    page.get_by_label("計画名", exact=False).first.fill("")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="保存する").click()
    assert navigation.value.status == 400
    axe(page)


@pytest.fixture
def no_js(open_context):
    """A browser context with JavaScript turned off."""
    return open_context(java_script_enabled=False)


def test_the_public_page_works_without_javascript(no_js, public_plan):
    plan, _planner, _users = public_plan
    page = no_js.page
    goto(page, f"/plan/{plan.organisation.slug}/")
    assert page.locator("h1").inner_text() == plan.title
    assert page.locator("figure.plan-chart svg").count() > 0
    assert "窓口業務に関するBPRの推進" in page.content()
    assert "官民データ活用施策の推進に向けた職員の研修・育成" not in page.content()  # not public
    with page.expect_navigation():
        page.get_by_role("link", name="計画書（HTML）").click()
    assert page.locator("h2").first.inner_text().startswith("1.")
    goto(page, f"/plan/{plan.organisation.slug}/")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == plan.title_en


def test_a_planner_edits_a_section_and_reads_the_diff_without_javascript(no_js, public_plan):
    plan, planner, _users = public_plan
    page = no_js.page
    _as(no_js, planner)
    goto(page, f"/staff/plan/{plan.pk}/edit/")
    page.get_by_label("2. 目的").fill("町民の暮らしを便利にする。")
    page.get_by_label("変更理由").fill("令和7年度の見直し")
    with page.expect_navigation():
        page.get_by_role("button", name="保存する").click()
    assert page.url.endswith(f"/staff/plan/{plan.pk}/manage/")
    goto(page, f"/staff/plan/{plan.pk}/revisions/")
    with page.expect_navigation():
        page.locator("tbody a").first.click()
    assert "町民の暮らしを便利にする。" in page.locator("ins").all_inner_texts()[0]
    assert "令和7年度の見直し" in page.locator(".plan-meta").inner_text()


@pytest.mark.parametrize("which", ["public", "document", "kpi-form"])
def test_plan_pages_fit_a_phone_screen(open_context, public_plan, which):
    plan, planner, _users = public_plan
    browsing = open_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    measure = plan.measures.get(order=1)
    paths = {"public": f"/plan/{plan.organisation.slug}/",
             "document": f"/plan/{plan.organisation.slug}/{plan.pk}/document/",
             "kpi-form": f"/staff/plan/{plan.pk}/measures/{measure.pk}/kpis/new/"}
    if which == "kpi-form":
        _as(browsing, planner)
    goto(browsing.page, paths[which])
    overflow = browsing.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{paths[which]} is {overflow}px wider than a 360px screen"
