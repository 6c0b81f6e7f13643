"""Resident pages: area choice, today/tomorrow, calendars, notices, search, languages."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from gomi import texts
from gomi.tests.residents_factory import make_town, tomorrow


@pytest.fixture
def town(db):
    """The resident test town."""
    return make_town()


def page(client, path: str, status: int = 200) -> str:
    """The HTML of a page, checking its status."""
    response = client.get(path)
    assert response.status_code == status, path
    return response.content.decode()


def area_path(town, suffix: str = "") -> str:
    """A page of 本町."""
    return f"/gomi/{town.lgcode}/areas/{town.honmachi.pk}/{suffix}"


@pytest.mark.django_db
def test_home_lists_every_area(client, town):
    html = page(client, f"/gomi/{town.lgcode}/")
    assert f'href="{area_path(town)}"' in html and "駅前" in html


@pytest.mark.django_db
def test_typed_address_tells_the_area(client, town):
    html = page(client, f"/gomi/{town.lgcode}/?address=本町1丁目")
    result = html.split('class="gomi-result"')[1].split("</div>")[0]
    assert "本町" in result and "駅前" not in result


@pytest.mark.django_db
def test_unknown_address_says_so(client, town):
    html = page(client, f"/gomi/{town.lgcode}/?address=存在しない町")
    assert texts.text("address_none", "ja") in html


@pytest.mark.django_db
def test_area_page_says_what_tomorrow_is(client, town):
    assert "明日は燃やすごみ・資源の日です" in page(client, area_path(town))


@pytest.mark.django_db
def test_area_page_in_english_marks_untranslated_data_as_japanese(client, town):
    html = page(client, area_path(town) + "?lang=en")
    assert 'Tomorrow is collection day for Burnable waste, <span lang="ja">資源</span>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("lang", texts.LANGS)
def test_every_language_sets_the_html_lang(client, town, lang):
    html = page(client, area_path(town) + f"?lang={lang}")
    assert f'<html lang="{texts.HTML_LANG[lang]}">' in html


@pytest.mark.django_db
def test_links_keep_the_chosen_language(client, town):
    html = page(client, area_path(town) + "?lang=vi")
    month = re.search(r'href="([^"]+/\d{4}/\d{1,2}/[^"]*)"', html).group(1)
    assert "lang=vi" in month


@pytest.mark.django_db
def test_unknown_language_falls_back_to_japanese(client, town):
    assert '<html lang="ja">' in page(client, area_path(town) + "?lang=xx")


@pytest.mark.django_db
def test_next_collection_of_each_category_is_listed(client, town):
    html = page(client, area_path(town))
    rows = html.split('class="table gomi-next"')[1].split("</table>")[0]
    assert rows.count('<tr><th scope="row">') == 2


@pytest.mark.django_db
def test_notice_is_shown_prominently(client, town):
    from gomi.models import ScheduleException

    ScheduleException.objects.create(municipality=town.org, area=town.honmachi,
                                     category=town.resources, date=tomorrow(), kind="cancel",
                                     notice="台風のため中止します", emergency=True)
    html = page(client, area_path(town))
    assert 'class="gomi-notices"' in html and "台風のため中止します" in html


@pytest.mark.django_db
def test_notice_of_another_area_is_not_shown(client, town):
    from gomi.models import ScheduleException

    ScheduleException.objects.create(municipality=town.org, area=town.ekimae,
                                     date=tomorrow(), kind="cancel", notice="駅前だけ中止")
    assert "駅前だけ中止" not in page(client, area_path(town))


@pytest.mark.django_db
def test_month_calendar_is_a_table_with_caption_and_headers(client, town):
    d = timezone.localdate()
    html = page(client, area_path(town, f"{d.year}/{d.month}/"))
    table = html.split('<table class="gomi-month">')[1].split("</table>")[0]
    assert "<caption>" in table and table.count('<th scope="col">') == 7


@pytest.mark.django_db
def test_month_calendar_links_previous_and_next_month(client, town):
    html = page(client, area_path(town, "2030/1/"))
    assert 'href="' + area_path(town, "2029/12/") + '"' in html and area_path(town, "2030/2/") in html


@pytest.mark.django_db
def test_month_calendar_marks_a_cancelled_collection(client, town):
    from gomi.models import ScheduleException

    d = tomorrow()
    ScheduleException.objects.create(municipality=town.org, area=town.honmachi,
                                     category=town.resources, date=d, kind="cancel")
    html = page(client, area_path(town, f"{d.year}/{d.month}/"))
    assert "<s>資源</s>" in html


@pytest.mark.django_db
def test_impossible_month_is_not_found(client, town):
    page(client, area_path(town, "2030/13/"), status=404)


@pytest.mark.django_db
def test_printable_calendar_has_the_twelve_months_of_the_fiscal_year(client, town):
    html = page(client, area_path(town, "print/2030/"))
    captions = re.findall(r"<caption>(.*?)</caption>", html)
    assert (len(captions), captions[0], captions[-1]) == (12, "2030年4月の収集日", "2031年3月の収集日")


def test_print_stylesheet_sets_a4_pages():
    from django.contrib.staticfiles import finders

    css = open(finders.find("gomi/gomi.css"), encoding="utf-8").read()
    assert "@page { size: A4" in css and "break-after: page" in css


@pytest.mark.django_db
def test_item_search_page_finds_by_romaji(client, town):
    html = page(client, f"/gomi/{town.lgcode}/items/?q=pettobotoru")
    assert "ペットボトル" in html and "キャップは外す" in html


@pytest.mark.django_db
def test_item_search_shows_the_translated_name(client, town):
    html = page(client, f"/gomi/{town.lgcode}/items/?q=pettobotoru&lang=en")
    assert "PET bottle" in html


@pytest.mark.django_db
def test_item_search_without_result_says_so_and_is_counted(client, town):
    from gomi.models import SearchMiss

    html = page(client, f"/gomi/{town.lgcode}/items/?q=ぴあの")
    assert texts.text("search_none", "ja") in html and SearchMiss.objects.get().count == 1


@pytest.mark.django_db
def test_category_colours_are_a_stylesheet(client, town):
    css = page(client, f"/gomi/{town.lgcode}/categories.css")
    assert f".gomi-cat-{town.burnable.pk} {{ --gomi-cat: #ea3b13; }}" in css


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, town):
    html = page(client, area_path(town))
    assert "<script>" not in html and "style=" not in html and "<style" not in html


@pytest.mark.django_db
def test_unknown_municipality_is_not_found(client, db):
    page(client, "/gomi/999999/", status=404)


@pytest.mark.django_db
def test_area_of_another_municipality_is_not_found(client, town):
    other = make_town()
    page(client, f"/gomi/{town.lgcode}/areas/{other.honmachi.pk}/", status=404)


@pytest.mark.django_db
def test_page_views_are_counted_per_page_and_language(client, town):
    from gomi.models import PageView

    page(client, area_path(town) + "?lang=ko")
    page(client, area_path(town) + "?lang=ko")
    assert PageView.objects.get(page="area", lang="ko").count == 2


@pytest.mark.django_db
def test_resident_metrics_count_views_searches_and_feeds(client, town):
    from core.metrics import current_values

    page(client, area_path(town))
    page(client, f"/gomi/{town.lgcode}/items/?q=ぴあの")
    page(client, area_path(town, "calendar.ics"))
    values = current_values(town.org)
    assert (values["gomi.page_views"], values["gomi.search_no_result"],
            values["gomi.ical_subscriptions"], values["gomi.reminder_subscribers"]) == (2, 1, 1, 0)


def test_every_message_exists_in_every_language():
    missing = [(k, lang) for k, v in texts.MESSAGES.items() for lang in texts.LANGS
               if not v.get(lang)]
    assert missing == []


def test_message_placeholders_agree_across_languages():
    def names(s):
        return sorted(set(re.findall(r"\{(\w+)\}", s)))

    wrong = [k for k, v in texts.MESSAGES.items()
             if len({tuple(names(s)) for s in v.values()}) != 1]
    assert wrong == []
