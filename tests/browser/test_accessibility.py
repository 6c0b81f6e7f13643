"""axe-core finds no WCAG 2.1 A/AA violation on the pages residents and editors use."""

import pytest

from tests.browser.conftest import BROWSER_DB, PAGES, PASSWORD, goto, log_in

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_axe_reports_zero_violations_on_the_home_page(page, site, axe):
    PAGES["home"](page, site)
    axe(page)


def test_axe_reports_zero_violations_on_search_results_for_a_japanese_query(page, site, axe):
    PAGES["search-japanese-query"](page, site)
    assert page.locator(".dataset-card").count() >= 2
    axe(page)


def test_axe_reports_zero_violations_on_search_results_with_facets_selected(page, site, axe):
    PAGES["search-with-facets"](page, site)
    assert page.locator(".facets a[aria-current]").count() == 2
    assert page.locator(".dataset-card").count() >= 1
    axe(page)


def test_axe_reports_zero_violations_on_a_dataset_page_with_versions_opened(page, site, axe):
    PAGES["dataset"](page, site)
    assert page.locator(".resource").count() == 2
    page.locator("details summary").first.click()  # the version history table is checked too
    assert page.locator("details table tbody tr").count() == 2
    axe(page)


def test_axe_reports_zero_violations_on_an_organisation_page(page, site, axe):
    PAGES["organisation"](page, site)
    axe(page)


def test_axe_reports_zero_violations_on_the_organisation_list(page, site, axe):
    PAGES["organisation-list"](page, site)
    axe(page)


def test_axe_reports_zero_violations_on_the_empty_login_page(page, site, axe):
    PAGES["login"](page, site)
    axe(page)


def test_axe_reports_zero_violations_on_the_login_page_after_a_failed_login(page, site, axe):
    PAGES["login-failed"](page, site)
    assert page.get_by_role("alert").count() >= 1
    axe(page)


def test_axe_reports_zero_violations_on_the_404_page(page, site, axe):
    PAGES["404"](page, site)
    axe(page)


def test_axe_reports_zero_violations_on_the_empty_staff_dataset_form(page, site, axe):
    PAGES["staff-dataset-form"](page, site)
    axe(page)


def test_axe_reports_zero_violations_on_the_staff_dataset_form_with_errors(page, site, axe):
    PAGES["staff-dataset-form-errors"](page, site)
    assert page.locator("#error-summary").is_visible()
    axe(page)


def test_the_axe_helper_fails_and_names_the_rule_on_a_page_with_a_known_violation(page, axe):
    page.set_content('<!doctype html><html lang="ja"><title>t</title><body><main>'
                     '<h1>見出し</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                     '</main></body></html>')
    with pytest.raises(AssertionError) as failure:
        axe(page)
    assert "image-alt" in str(failure.value)
    assert "img" in str(failure.value)


def switch_to_english(page) -> None:
    """Press the header's language button, as a visitor would."""
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"


def test_axe_reports_zero_violations_on_the_english_dataset_and_search_pages(page, site, axe):
    PAGES["dataset"](page, site)
    switch_to_english(page)
    axe(page)
    PAGES["search-with-facets"](page, site)
    axe(page)


def test_japanese_names_on_english_pages_are_marked_as_japanese(page, site):
    PAGES["search-japanese-query"](page, site)
    switch_to_english(page)
    # 公園トイレの位置 has no English title: screen readers must read it as Japanese.
    # The innermost element holding the text decides the language it is read in.
    text = page.locator(".dataset-card h3").get_by_text("公園トイレの位置", exact=True)
    assert text.evaluate("el => el.closest('[lang]').getAttribute('lang')") == "ja"


def test_axe_reports_zero_violations_on_the_other_staff_pages(page, site, axe):
    log_in(page, site)
    resource = site.parks.resources.order_by("position").first()
    edit = f"/staff/datasets/{site.parks.slug}/"
    for path in ("/staff/", edit, "/staff/tokens/", "/staff/jobs/"):
        goto(page, path)
        axe(page)
    for path in (f"{edit}resources/new/", f"{edit}resources/{resource.pk}/version/"):
        goto(page, path)
        axe(page)
        with page.expect_navigation():  # submitted empty: the form with its errors
            page.locator("main form.form button[type=submit]").last.click()
        assert page.locator("#error-summary").count() == 1, page.url
        axe(page)


def test_axe_reports_zero_violations_on_the_two_factor_setup_page(page, site, axe):
    from tests.factories import UserFactory, member

    newcomer = member(UserFactory(username="browser-newcomer"), site.org, "editor")
    goto(page, "/staff/login/")
    page.get_by_label("ユーザー名").fill(newcomer.username)
    page.get_by_label("パスワード").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="ログイン", exact=True).click()
    assert page.url.endswith("/staff/2fa/setup/"), "staff without an authenticator must set one up"
    assert page.get_by_role("img").count() >= 1  # the QR code
    axe(page)
