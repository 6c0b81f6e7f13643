"""A full reporting round by two departments in Chromium, with axe-core on every page."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import BROWSER_DB, goto

pytestmark = BROWSER_DB


@pytest.fixture
def plan_site(site, settings):
    """The small test plan in the browser town, its planner and two department reporters."""
    from pathlib import Path

    from core.actor import Actor
    from core.models import Department, Role
    from core.services.organisations import set_membership
    from plan import importer
    from plan.services.actuals import assign_reporter
    from tests.factories import UserFactory

    settings.REQUIRE_2FA = False  # the TOTP flow has its own browser tests
    admin = Actor(user=site.editor)  # an administrator of site.org: the planning staff
    doc = importer.read_file(Path(__file__).resolve().parents[2] / "plan" / "tests" / "data"
                             / "small.yaml")
    plan = importer.load(actor=admin, doc=doc, organisation=site.org).plan
    users = {}
    for username, department in (("soumu-b", "総務課"), ("kikaku-b", "企画課")):
        user = UserFactory(username=username)
        set_membership(actor=admin, organisation=site.org, user=user, role=Role.EDITOR)
        assign_reporter(actor=admin, department=Department.objects.get(
            organisation=site.org, name=department), user=user)
        users[department] = user
    return plan, site.editor, users


def _as(browsing, user) -> None:
    """Log the browser context in as a user (the login form has its own tests)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    browsing.context.clear_cookies()
    browsing.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                   "url": browsing.base_url}])


def test_a_reporting_round_by_two_departments(browsing, plan_site, axe):
    from plan.models import Submission

    plan, planner, users = plan_site
    page = browsing.page
    _as(browsing, planner)
    goto(page, f"/staff/plan/{plan.pk}/rounds/")
    axe(page)
    page.get_by_label("名称").fill("令和4年度 報告")
    page.get_by_label("対象年度").select_option("2022")
    with page.expect_navigation():
        page.get_by_role("button", name="開始する").click()
    axe(page)
    round_url = page.url
    for department, value in (("総務課", "8"), ("企画課", None)):
        _as(browsing, users[department])
        goto(page, round_url)
        axe(page)
        with page.expect_navigation():
            page.get_by_role("link", name=f"{department}の報告を入力する").click()
        axe(page)
        if value:
            page.get_by_label("オンライン化手続数の実績値").fill(value)
        page.get_by_label("部署のコメント").fill(f"{department}の報告です")
        with page.expect_navigation():
            page.get_by_role("button", name="提出する").click()
    _as(browsing, planner)
    goto(page, round_url)
    axe(page)
    page.get_by_label("差戻しの理由（企画課）").fill("実績の根拠を追記してください")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("差し戻す.*企画課")).click()
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("承認する.*総務課")).click()
    _as(browsing, users["企画課"])
    goto(page, round_url)
    with page.expect_navigation():
        page.get_by_role("link", name="企画課の報告を入力する").click()
    axe(page)
    with page.expect_navigation():
        page.get_by_role("button", name="提出する").click()
    _as(browsing, planner)
    goto(page, round_url)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("承認する.*企画課")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="締め切る").click()
    axe(page)
    assert "報告書" in page.title()
    assert set(Submission.objects.values_list("state", flat=True)) == {"accepted"}
    goto(page, f"/staff/plan/{plan.pk}/")
    axe(page)
