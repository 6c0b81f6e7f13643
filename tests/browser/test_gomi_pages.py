"""Gomi resident pages in a real Chromium: axe in every language, no JavaScript, PDF printing."""

from __future__ import annotations

import re
import zlib

import pytest
from django.utils import timezone

from gomi import texts
from tests.browser.conftest import BROWSER_DB, goto

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def town(transactional_db):
    """The resident test town, committed so that the live server sees it."""
    from gomi.tests.residents_factory import make_town

    return make_town()


def _with_lang(path: str, lang: str) -> str:
    sep = "&" if "?" in path else "?"
    return path if lang == "ja" else f"{path}{sep}lang={lang}"


def resident_paths(town) -> dict[str, str]:
    """Every resident page (GET) by name."""
    base = f"/gomi/{town.lgcode}/"
    area = f"{base}areas/{town.honmachi.pk}/"
    today = timezone.localdate()
    return {
        "home": base,
        "home-address-found": f"{base}?address=本町1丁目",
        "home-address-none": f"{base}?address=どこにもない町",
        "area": area,
        "month": f"{area}{today.year}/{today.month}/",
        "print": f"{area}print/{today.year if today.month >= 4 else today.year - 1}/",
        "items-found": f"{base}items/?q=pettobotoru",
        "items-none": f"{base}items/?q=ぴあの",
        "reminders": f"{base}reminders/?area={town.honmachi.pk}",
    }


def _notice(town) -> None:
    """A cancellation notice, so the notice box and the struck-out day are checked too."""
    from gomi.models import ScheduleException
    from gomi.tests.residents_factory import tomorrow

    ScheduleException.objects.create(municipality=town.org, area=town.honmachi,
                                     category=town.resources, date=tomorrow(), kind="cancel",
                                     notice="台風のため中止します", emergency=True)


@pytest.mark.parametrize("lang", texts.LANGS)
def test_axe_reports_zero_violations_on_every_resident_page(open_context, axe, town, lang):
    _notice(town)
    page = open_context().page
    for name, path in resident_paths(town).items():
        goto(page, _with_lang(path, lang))
        assert page.locator("html").get_attribute("lang") == texts.HTML_LANG[lang], name
        axe(page)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_axe_reports_zero_violations_on_the_sign_up_errors(open_context, axe, town, lang):
    page = open_context().page
    goto(page, _with_lang(resident_paths(town)["reminders"], lang))
    page.locator("#field-email").fill("not-an-address")
    for box in page.locator("input[name=categories]").all():
        box.uncheck()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".error-summary li").count() == 2
    axe(page)


@pytest.fixture
def no_js_page(open_context):
    """A page in a context with JavaScript disabled."""
    return open_context(java_script_enabled=False).page


def test_without_javascript_an_address_leads_to_the_area_and_its_month(no_js_page, town):
    page = no_js_page
    goto(page, f"/gomi/{town.lgcode}/")
    page.locator("#address").fill("本町1丁目")
    with page.expect_navigation():
        page.get_by_role("button", name=texts.text("find_area", "ja")).click()
    with page.expect_navigation():
        page.locator(".gomi-result a", has_text="本町").click()
    assert "明日は燃やすごみ・資源の日です" in page.locator(".gomi-day-tomorrow").inner_text()
    with page.expect_navigation():
        page.locator(".gomi-links a").first.click()
    assert page.locator("table.gomi-month caption").count() == 1


def test_without_javascript_the_item_search_form_works(no_js_page, town):
    page = no_js_page
    goto(page, f"/gomi/{town.lgcode}/?lang=en")
    page.locator("#q").fill("pettobotoru")
    with page.expect_navigation():
        page.locator(".gomi-search button").click()
    assert "lang=en" in page.url and "PET bottle" in page.locator("table.gomi-items").inner_text()


def test_without_javascript_the_sign_up_form_sends_a_confirmation(no_js_page, town, mailoutbox):
    page = no_js_page
    goto(page, resident_paths(town)["reminders"])
    page.locator("#field-email").fill("resident@example.jp")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert texts.text("signup_sent", "ja") in page.locator(".gomi-result").inner_text()


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def _streams(pdf: bytes) -> list[bytes]:
    """Every Flate stream of the PDF, decompressed (undecodable ones skipped)."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return out


def test_the_printable_calendar_renders_to_a_pdf_with_pages_and_text(browsing, town):
    page = browsing.page
    goto(page, resident_paths(town)["print"])
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    streams = _streams(pdf)
    # Chromium embeds a ToUnicode map per font: the Japanese text of the caption is in it.
    unicode_maps = b"".join(s for s in streams if b"beginbfchar" in s or b"beginbfrange" in s)
    shows_text = any(b"BT" in s and (b"Tj" in s or b"TJ" in s) for s in streams)
    assert (pdf[:5], _pdf_pages(pdf) >= 6, shows_text, b"<53CE>" in unicode_maps.upper()) == (
        b"%PDF-", True, True, True)


def _subscription(town, lang: str):
    """A sign-up of the town in a language, as the confirmation mail left it."""
    from gomi.models import Subscription

    row = Subscription.objects.create(
        municipality=town.org, area=town.honmachi, email=f"{lang}@example.jp", lang=lang,
        remind_at="19:00", secret=lang.replace("-", "").ljust(32, "0")[:32])
    row.categories.set([town.resources])
    return row


def _path(url: str) -> str:
    """The path of an absolute link from a mail."""
    from urllib.parse import urlsplit

    return urlsplit(url).path


@pytest.mark.parametrize("lang", texts.LANGS)
def test_axe_reports_zero_violations_on_the_confirm_and_unsubscribe_pages(
        open_context, axe, town, lang):
    from gomi.services.reminders import confirm_url, unsubscribe_url

    row = _subscription(town, lang)
    page = open_context().page
    for path in (_path(confirm_url(row)), _path(unsubscribe_url(row))):
        goto(page, path)
        assert page.locator("html").get_attribute("lang") == texts.HTML_LANG[lang], path
        axe(page)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.locator(".gomi-result[role=status]").count() == 1, path
        assert page.locator("html").get_attribute("lang") == texts.HTML_LANG[lang], path
        axe(page)


@pytest.mark.parametrize("lang", texts.LANGS)
def test_axe_reports_zero_violations_on_an_invalid_reminder_link(open_context, axe, town,
                                                                 lang):
    page = open_context().page
    goto(page, _with_lang("/gomi/reminders/unsubscribe/not-a-token/", lang), status=404)
    assert page.locator("[role=alert]").inner_text() == texts.text("link_invalid", lang)
    axe(page)


@pytest.mark.parametrize("lang", [lang for lang in texts.LANGS if lang != "ja"])
def test_the_site_header_and_footer_say_which_language_they_are_in(open_context, town, lang):
    page = open_context().page
    goto(page, _with_lang(f"/gomi/{town.lgcode}/", lang))
    chrome = "ja" if lang == "ja-easy" else "en"
    found = [page.locator(sel).first.get_attribute("lang")
             for sel in ("header.site-header", "footer.site-footer", "a.skip-link")]
    assert found == [chrome, chrome, chrome]


def test_without_javascript_an_area_is_chosen_from_the_list(no_js_page, town):
    page = no_js_page
    goto(page, f"/gomi/{town.lgcode}/?lang=vi")
    with page.expect_navigation():
        page.locator(".gomi-area-list a").first.click()
    assert f"/areas/{town.honmachi.pk}/" in page.url and "lang=vi" in page.url
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator(".gomi-day-tomorrow").count() == 1


def test_without_javascript_the_item_page_searches_again_and_switches_language(
        no_js_page, town):
    page = no_js_page
    goto(page, f"/gomi/{town.lgcode}/items/?q=pettobotoru")
    page.locator("#q").fill("ぺっとぼとる")
    with page.expect_navigation():
        page.locator(".gomi-search button").click()
    assert "ペットボトル" in page.locator("table.gomi-items").inner_text()
    with page.expect_navigation():
        page.locator(".gomi-langs a[hreflang=en]").click()
    assert "PET bottle" in page.locator("table.gomi-items").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
