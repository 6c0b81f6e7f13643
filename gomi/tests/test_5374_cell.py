"""The 5374 cell syntax: every token form, month limits, remarks and writing back."""

from __future__ import annotations

from datetime import date

import pytest

from gomi.engine.fivethree.cell import CellRule, format_cell, parse_cell, representable
from gomi.engine.fivethree.reader import parse_slash_date, read_files
from gomi.engine.fivethree.writer import safe


def test_weekday_tokens_are_weekly():
    assert parse_cell("月 木").weekdays == (0, 3)


def test_weekday_with_digit_is_nth():
    assert parse_cell("火1 火3 火5").nth == ((1, 1), (1, 3), (1, 5))


def test_remark_tokens_are_kept_apart():
    rule = parse_cell("火 木 *1")
    assert (rule.weekdays, rule.remarks) == ((1, 3), (1,))


def test_remark_only_cell_collects_nothing():
    assert parse_cell("*2").empty


def test_months_after_colon_limit_the_pattern():
    rule = parse_cell("火2 金4:4 6 8 10 12 2")
    assert (rule.nth, rule.months) == (((1, 2), (4, 4)), (2, 4, 6, 8, 10, 12))


def test_full_width_colon_and_digits_are_read():
    assert parse_cell("火２：４ ５").months == (4, 5)


def test_listed_dates():
    assert parse_cell("20190401 20190415").dates == (date(2019, 4, 1), date(2019, 4, 15))


def test_biweekly_token_gives_its_anchor():
    assert parse_cell("隔水20150114").biweekly == (date(2015, 1, 14),)


def test_biweekly_weekday_differing_from_its_date_is_reported():
    rule = parse_cell("隔火20150114")  # 2015-01-14 is a Wednesday
    assert [w.code for w in rule.warnings] == ["biweekly-weekday"]


def test_impossible_biweekly_date_rolls_over_like_javascript():
    # new Date(2015, 0, 98) is 8 April 2015.
    assert parse_cell("隔金20150198").biweekly == (date(2015, 4, 8),)


def test_short_token_in_a_date_list_is_read_like_5374():
    # substr(0,4)=2020, substr(4,2)=02, substr(6,2)=4 → 4 February 2020.
    assert parse_cell("20200121 2020024").dates == (date(2020, 1, 21), date(2020, 2, 4))


def test_dates_win_over_weekdays_in_a_mixed_cell():
    rule = parse_cell("月 20190401")
    assert (rule.weekdays, rule.dates) == ((), (date(2019, 4, 1),))


def test_unknown_token_is_reported_and_ignored():
    rule = parse_cell("公社")
    assert rule.empty and rule.warnings[0].code == "unknown-token"


@pytest.mark.parametrize("text", ["月 木", "火1 火3 火5", "火2 金4:4 6 8 10 12 2",
                                  "隔水20150114", "20190401 20190415", "水 *1", ""])
def test_format_gives_back_an_equivalent_cell(text):
    rule = parse_cell(text)
    assert parse_cell(format_cell(rule)) == rule


def test_mixed_rule_is_not_representable():
    assert not representable(CellRule(weekdays=(0,), dates=(date(2027, 1, 1),)))


def test_writer_leaves_no_comma_or_quote():
    assert safe('a,b "c"\nd') == "a、b ＂c＂ d"


def test_center_dates_without_zero_padding():
    assert parse_slash_date("2023/1/3") == date(2023, 1, 3)


def test_reader_accepts_mixed_encodings_in_one_folder():
    files = {
        "area_days.csv": "\ufeff地名,センター,燃やすごみ\n本町,,月 木\n".encode(),
        "target.csv": "label,name,notice,furigana\n燃やすごみ,髙島屋の紙袋,,た\n".encode("cp932"),
    }
    data = read_files(files)
    assert (data.areas[0].name, data.targets[0].name) == ("本町", "髙島屋の紙袋")
    assert data.encodings == {"area_days.csv": "utf-8-sig", "target.csv": "cp932"}
