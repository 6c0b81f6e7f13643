"""An editor logs in with password and authenticator code in a real browser (2FA end to end)."""

import pytest
from django.conf import settings

from tests.browser.conftest import BROWSER_DB, PASSWORD, goto, log_in

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_an_editor_logs_in_with_password_and_totp_code_and_reaches_the_staff_pages(page, site):
    assert settings.REQUIRE_2FA, "the tests run as production does: staff need the code"
    log_in(page, site)
    assert page.url.endswith("/staff/"), page.url
    assert page.get_by_role("button", name="ログアウト").count() == 1
    goto(page, "/staff/datasets/new/")
    assert page.locator("h1").inner_text() == "データセットの作成"


def test_a_wrong_authenticator_code_is_refused(page, site):
    right = site.totp_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    log_in(page, site, code=wrong)
    assert page.url.split("?")[0].endswith("/staff/login/")
    assert page.get_by_role("alert").count() >= 1
    response = goto(page, "/staff/datasets/new/", status=200)
    assert "/staff/login/" in response.url, "an anonymous visitor is sent to the login page"


def test_staff_pages_ask_for_the_login_and_return_to_the_page_asked_for(page, site):
    goto(page, "/staff/datasets/new/")
    assert "/staff/login/" in page.url and "next=" in page.url
    page.get_by_label("ユーザー名").fill(site.editor.username)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_label("確認コード").fill(site.totp_code())
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン", exact=True).click()
    assert page.url.endswith("/staff/datasets/new/"), page.url


def test_creating_a_dataset_in_the_browser_shows_it_on_its_edit_page(page, site):
    log_in(page, site)
    goto(page, "/staff/datasets/new/")
    page.get_by_label("タイトル", exact=False).first.fill("避難所一覧")
    page.get_by_label("識別名").fill("shelters")
    with page.expect_navigation():
        page.locator("main form.form").get_by_role("button", name="作成する").click()
    assert page.url.endswith("/staff/datasets/shelters/"), page.url
    assert "避難所一覧" in page.locator("h1").inner_text()
    assert page.get_by_role("status").count() >= 1  # the "created" message
