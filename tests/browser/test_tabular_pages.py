"""The tabular pages in a real browser: axe-core finds nothing on the table page with its map,
the report and the check page; the table works without JavaScript; the map is no keyboard trap;
the progress region updates by itself."""

import pytest

from tests.browser.conftest import (
    BROWSER_DB,
    PAGES,
    goto,
    tabular_resource,
    tabular_url,
)

pytestmark = [pytest.mark.browser, BROWSER_DB]


def wait_for_map(page) -> None:
    """Wait until map.js has drawn the points and said how many there are."""
    page.locator("#map.map-ready .leaflet-marker-icon").first.wait_for()
    page.locator("#map-count").filter(has_text="60").wait_for()


def test_axe_reports_zero_violations_on_the_table_page_with_its_map(page, site, axe):
    PAGES["table"](page, site)
    wait_for_map(page)
    assert page.locator("#data-table tbody tr").count() == 50
    axe(page)


def test_axe_reports_zero_violations_on_the_english_table_page(page, site, axe):
    PAGES["table"](page, site)
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    wait_for_map(page)
    axe(page)


def test_axe_reports_zero_violations_on_the_report_page(page, site, axe):
    PAGES["table-report"](page, site)
    assert page.locator("h1").inner_text().endswith("の検証結果")
    axe(page)


def test_axe_reports_zero_violations_on_the_empty_check_page(page, site, axe):
    PAGES["staff-check"](page, site)
    axe(page)


def test_axe_reports_zero_violations_on_the_check_page_with_a_result(page, site, axe):
    PAGES["staff-check-result"](page, site)
    assert page.get_by_role("heading", name="「aed.csv」の確認結果").count() == 1
    axe(page)


def test_axe_reports_zero_violations_on_the_check_page_with_an_error(page, site, axe):
    PAGES["staff-check"](page, site)
    page.locator("input[name=file]").set_input_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"0" * 64})
    with page.expect_navigation():
        page.locator("main form.form button[type=submit]").click()
    assert page.locator("#error-summary").is_visible()
    axe(page)


def test_the_map_is_not_a_keyboard_trap(page, site):
    PAGES["table"](page, site)
    wait_for_map(page)
    page.locator("#map").focus()
    for _ in range(80):  # zoom buttons and 60 markers at most, then out of the map
        page.keyboard.press("Tab")
        if not page.evaluate("document.getElementById('map').contains(document.activeElement)"):
            break
    else:
        pytest.fail("Tab never left the map")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.getElementById('map').contains(document.activeElement)")


def test_a_skip_link_jumps_over_the_map_to_the_data(page, site):
    PAGES["table"](page, site)
    page.get_by_role("link", name="地図を飛ばして表へ移動").click()
    assert page.evaluate("document.activeElement.id") == "data-heading"


def test_the_table_works_when_map_tiles_cannot_load(page, site, settings, live_server):
    settings.MAP_TILE_URL = live_server.url + "/no-such-tiles/{z}/{x}/{y}.png"
    PAGES["table"](page, site)
    wait_for_map(page)
    assert page.locator("#map").get_attribute("data-tile-url").endswith("{y}.png")
    page.locator("#map.map-no-tiles").wait_for()  # the failed tiles leave a plain background
    assert page.locator("#data-table tbody tr").count() == 50


def test_the_progress_region_updates_and_the_page_reloads_when_ready(page, site):
    from tabular.models import Ingestion
    from tabular.services import run_ingestion

    resource = tabular_resource(site)
    ingestion = Ingestion.objects.get(version=resource.current_version)
    ingestion.tables.all().delete()
    Ingestion.objects.filter(pk=ingestion.pk).update(state="analysing", step="validating",
                                                     rows_done=10, error_count=0)
    goto(page, tabular_url(site))
    assert page.locator("#data-table").count() == 0
    Ingestion.objects.filter(pk=ingestion.pk).update(rows_done=30, error_count=2)
    page.locator("#progress-live").filter(has_text="30").wait_for()
    run_ingestion(Ingestion.objects.get(pk=ingestion.pk))
    page.locator("#data-table").wait_for()  # reloaded by progress.js
    assert page.locator("#progress").count() == 0


class TestWithoutJavaScript:
    """The table page with JavaScript turned off."""

    @pytest.fixture
    def page(self, open_context):
        """A page in a context with JavaScript disabled."""
        return open_context(java_script_enabled=False).page

    def test_rows_headers_and_counts_are_there_and_the_map_box_is_hidden(self, page, site):
        PAGES["table"](page, site)
        headers = page.locator("#data-table thead th a")
        names = [h.evaluate("a => a.firstChild.textContent") for h in headers.all()]
        assert names == ["名称", "住所", "緯度", "経度", "設置位置"]
        assert "全 60 件中 1–50 件" in page.locator("#table-count").inner_text()
        assert not page.locator("#map").is_visible()
        assert page.locator("#map-summary").is_visible()  # the text alternative

    def test_a_header_link_sorts_and_the_next_page_link_pages(self, page, site):
        PAGES["table"](page, site)
        with page.expect_navigation():
            page.locator("#data-table thead th a").first.click()
        with page.expect_navigation():
            page.locator("#data-table thead th a").first.click()
        assert "sort=-1" in page.url
        assert page.locator("#data-table tbody tr td").first.inner_text() == "施設60"
        assert page.locator("th[aria-sort=descending]").count() == 1
        with page.expect_navigation():
            page.get_by_role("link", name="次のページ").click()
        assert "全 60 件中 51–60 件" in page.locator("#table-count").inner_text()

    def test_the_filter_form_narrows_to_an_exact_value_and_can_be_cleared(self, page, site):
        PAGES["table"](page, site)
        page.get_by_label("絞り込む列").select_option(label="名称")
        page.get_by_label("列の値（完全一致）").fill("施設07")
        with page.expect_navigation():
            page.get_by_role("button", name="絞り込む").click()
        assert page.locator("#data-table tbody tr").count() == 1
        assert "全 1 件中 1–1 件" in page.locator("#table-count").inner_text()
        with page.expect_navigation():
            page.get_by_role("link", name="条件をすべて解除").click()
        assert page.locator("#data-table tbody tr").count() == 50
