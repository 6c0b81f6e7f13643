"""Searching, filtering and switching language work with JavaScript turned off."""

import pytest

from tests.browser.conftest import BROWSER_DB, goto

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def page(open_context):
    """A page in a context with JavaScript disabled."""
    return open_context(java_script_enabled=False).page


def test_javascript_is_really_off_in_these_tests(page):
    page.set_content("<p id=p>off</p><script>document.getElementById('p').textContent='on'</script>")
    assert page.locator("#p").inner_text() == "off"


def test_a_search_typed_in_the_box_and_submitted_shows_matching_datasets(page, site):
    goto(page, "/")
    page.get_by_role("searchbox").fill("公園")
    with page.expect_navigation():
        page.get_by_role("button", name="検索", exact=True).click()
    assert "/dataset/" in page.url and "q=" in page.url
    assert "公園" in page.locator("h1").inner_text()
    titles = page.locator(".dataset-card h3").all_inner_texts()
    assert "市内の都市公園一覧" in titles and "公園トイレの位置" in titles
    assert "AED設置場所" not in titles


def test_a_facet_link_narrows_the_results_and_toggles_back(page, site):
    goto(page, "/dataset/?q=公園")
    before = page.locator(".dataset-card").count()
    assert before == 2
    facet = page.locator(".facets a", has_text="サンプル町")
    with page.expect_navigation():
        facet.click()
    assert "organization=sample-town" in page.url
    assert page.locator(".dataset-card h3").all_inner_texts() == ["公園トイレの位置"]
    selected = page.locator(".facets a[aria-current]")
    assert selected.count() == 1 and "サンプル町" in selected.inner_text()
    with page.expect_navigation():
        # Click on the visible text: the link's first box is its 1-pixel "選択中:" label for
        # screen readers, which sits just above the line, where Playwright would aim.
        box = selected.bounding_box()
        page.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] / 2)
    assert "organization=" not in page.url
    assert page.locator(".dataset-card").count() == before


def test_the_search_form_keeps_selected_facets_when_the_query_changes(page, site):
    goto(page, "/dataset/?q=公園&organization=browser-city")
    page.get_by_role("searchbox").fill("一覧")
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="検索", exact=True).click()
    assert "organization=browser-city" in page.url
    assert page.locator(".dataset-card h3").all_inner_texts() == ["市内の都市公園一覧"]


def test_the_language_button_switches_the_page_to_english(page, site):
    goto(page, f"/dataset/{site.parks.slug}/")
    assert page.locator("html").get_attribute("lang") == "ja"
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.url.endswith(f"/dataset/{site.parks.slug}/"), "the switch returns to the page"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "City parks"  # the dataset's English title
    assert page.get_by_role("button", name="日本語").count() == 1
    with page.expect_navigation():
        page.get_by_role("button", name="日本語").click()
    assert page.locator("html").get_attribute("lang") == "ja"


def test_after_switching_to_english_the_interface_text_is_english(page, site):
    goto(page, "/")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    nav = page.locator("header nav")
    assert nav.get_by_role("link", name="Datasets", exact=True).count() == 1
    assert "データセット" not in page.locator("header").inner_text()
