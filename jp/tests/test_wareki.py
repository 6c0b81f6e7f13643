"""Tests for the 和暦 converter: era table, both directions, the cell parser and its boundaries."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jp.tests.strategies_values import cell_text, fullwidth_ascii, fullwidth_digits, gregorian_dates
from jp.values import parse_date
from jp.wareki import (
    ERAS,
    GREGORIAN_START,
    InvalidWareki,
    ParsedDate,
    date_to_wareki,
    era_for,
    parse_wareki,
    wareki_to_date,
    weekday_consistent,
)

REPO = Path(__file__).resolve().parents[2]


# --- era table -------------------------------------------------------------------------------


def test_eras_are_in_order_and_each_starts_where_the_previous_one_ends() -> None:
    for older, newer in pairwise(ERAS):
        assert older.end is not None
        # Before 1989 the day of the change belongs to both eras; 平成 began the next day.
        assert newer.start - older.end in (timedelta(0), timedelta(days=1))
    assert ERAS[-1].end is None


def test_era_abbreviations_are_the_usual_letters() -> None:
    assert [(e.name, e.abbr) for e in ERAS] == [
        ("明治", "M"),
        ("大正", "T"),
        ("昭和", "S"),
        ("平成", "H"),
        ("令和", "R"),
    ]


@pytest.mark.parametrize("key", ["令和", "R", "r", "Ｒ", "ｒ", "令"])
def test_wareki_to_date_accepts_the_name_and_every_abbreviation(key: str) -> None:
    assert wareki_to_date(key, 3, 4, 1) == date(2021, 4, 1)


# --- boundaries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("era", "year", "month", "day", "expected"),
    [
        ("平成", 31, 4, 30, date(2019, 4, 30)),
        ("令和", 1, 5, 1, date(2019, 5, 1)),
        ("昭和", 64, 1, 7, date(1989, 1, 7)),
        ("平成", 1, 1, 8, date(1989, 1, 8)),
        ("大正", 15, 12, 24, date(1926, 12, 24)),
        ("大正", 15, 12, 25, date(1926, 12, 25)),
        ("昭和", 1, 12, 25, date(1926, 12, 25)),
        ("明治", 45, 7, 30, date(1912, 7, 30)),
        ("大正", 1, 7, 30, date(1912, 7, 30)),
        ("明治", 6, 1, 1, date(1873, 1, 1)),
    ],
)
def test_last_and_first_days_of_eras_are_valid(
    era: str, year: int, month: int, day: int, expected: date
) -> None:
    assert wareki_to_date(era, year, month, day) == expected


@pytest.mark.parametrize(
    ("era", "year", "month", "day"),
    [
        ("平成", 31, 5, 1),
        ("令和", 1, 4, 30),
        ("昭和", 64, 1, 8),
        ("平成", 1, 1, 7),
        ("大正", 15, 12, 26),
        ("昭和", 1, 12, 24),
        ("明治", 45, 7, 31),
        ("平成", 32, 1, 1),
    ],
)
def test_days_outside_their_era_raise_a_bilingual_error(
    era: str, year: int, month: int, day: int
) -> None:
    with pytest.raises(ValueError, match="存在しません") as info:
        wareki_to_date(era, year, month, day)
    assert isinstance(info.value, InvalidWareki)
    assert "does not exist" in info.value.message_en


@pytest.mark.parametrize(
    "text",
    ["平成31年4月30日", "令和元年5月1日", "昭和64年1月7日", "大正15年12月24日", "昭和元年12月25日"],
)
def test_parse_wareki_accepts_the_boundary_days(text: str) -> None:
    parsed = parse_wareki(text)
    assert parsed is not None and parsed.precision == "day"


@pytest.mark.parametrize("text", ["平成31年5月1日", "令和元年4月30日", "昭和64年1月8日", "H31.5.1"])
def test_parse_wareki_refuses_days_outside_their_era(text: str) -> None:
    assert parse_wareki(text) is None


def test_a_day_of_change_is_written_in_the_newer_era() -> None:
    assert date_to_wareki(date(1926, 12, 25)) == "昭和元年12月25日"
    assert era_for(date(1912, 7, 30)).name == "大正"


# --- before the Gregorian calendar -----------------------------------------------------------


def test_meiji_months_and_days_before_1873_are_refused_as_lunisolar() -> None:
    with pytest.raises(InvalidWareki) as info:
        wareki_to_date("明治", 5, 12, 2)
    assert "旧暦" in info.value.message_ja and "lunisolar" in info.value.message_en
    assert parse_wareki("明治5年12月2日") is None
    assert parse_wareki("明治5年3月") is None


def test_a_bare_meiji_year_before_1873_is_still_converted() -> None:
    assert parse_wareki("明治元年") == ParsedDate("1868", "year", True)


def test_date_to_wareki_refuses_dates_before_the_calendar_reform() -> None:
    with pytest.raises(InvalidWareki):
        date_to_wareki(GREGORIAN_START - timedelta(days=1))


def test_unknown_era_and_year_zero_raise_bilingual_errors() -> None:
    with pytest.raises(InvalidWareki, match="元号"):
        wareki_to_date("慶応", 3, 1, 1)
    with pytest.raises(InvalidWareki, match="元年"):
        wareki_to_date("令和", 0, 1, 1)


def test_an_impossible_calendar_day_raises() -> None:
    with pytest.raises(InvalidWareki, match="not a calendar date"):
        wareki_to_date("令和", 3, 2, 30)


# --- formats ---------------------------------------------------------------------------------


def test_date_to_wareki_writes_gannen_in_kanji_and_1_in_the_abbreviation() -> None:
    d = date(2019, 5, 1)
    assert date_to_wareki(d) == "令和元年5月1日"
    assert date_to_wareki(d, style="abbr") == "R1.5.1"


@pytest.mark.parametrize(
    "text",
    [
        "令和3年4月1日",
        "R3.4.1",
        "R3/4/1",
        "R3-4-1",
        "r3.4.1",
        "Ｒ３．４．１",
        "令和３年４月１日",
        "令和 3年 4月 1日",
        "\u3000令和3年4月1日 ",
        "令3年4月1日",
        "R3年4月1日",
        "令和3年4月1日(木)",
        "令和3年4月1日（木曜日）",
        "令和3年04月01日",
    ],
)
def test_parse_wareki_reads_the_common_ways_of_writing_a_day(text: str) -> None:
    assert parse_wareki(text) == ParsedDate("2021-04-01", "day", True)


def test_gannen_is_year_one() -> None:
    assert parse_wareki("令和元年5月1日") == parse_wareki("令和1年5月1日")


def test_year_and_month_only_have_month_precision() -> None:
    assert parse_wareki("平成25年01月") == ParsedDate("2013-01", "month", True)
    assert parse_wareki("R6.12") == ParsedDate("2024-12", "month", True)


def test_year_only_has_year_precision() -> None:
    assert parse_wareki("昭和45年") == ParsedDate("1970", "year", True)
    assert parse_wareki("令和元年") == ParsedDate("2019", "year", True)


def test_a_month_is_valid_when_part_of_it_lies_in_the_era() -> None:
    assert parse_wareki("平成31年4月") is not None
    assert parse_wareki("令和元年5月") is not None
    assert parse_wareki("平成31年5月") is None
    assert parse_wareki("令和元年4月") is None
    assert parse_wareki("昭和64年1月") is not None


def test_a_letter_era_needs_a_month_or_the_year_kanji() -> None:
    assert parse_wareki("R3") is None
    assert parse_wareki("H1") is None
    assert parse_wareki("R3年") == ParsedDate("2021", "year", True)


def test_a_weekday_must_be_the_days_own() -> None:
    assert parse_wareki("令和3年4月1日(金)") is None
    assert parse_wareki("R3.4.1(木)") == ParsedDate("2021-04-01", "day", True)


def test_a_fiscal_year_is_not_read_as_a_date() -> None:
    assert parse_wareki("令和6年度") is None


def test_a_year_after_the_end_of_its_era_is_refused() -> None:
    assert parse_wareki("平成31年") is not None
    assert parse_wareki("平成32年") is None


def test_genzai_and_jiten_suffixes_are_accepted() -> None:
    assert parse_wareki("令和6年12月　現在") == ParsedDate("2024-12", "month", True)
    assert parse_wareki("令和6年4月1日時点") == ParsedDate("2024-04-01", "day", True)


def test_squared_era_signs_are_read() -> None:
    assert parse_wareki("㍻元年1月8日") == ParsedDate("1989-01-08", "day", True)


@pytest.mark.parametrize(
    "text",
    ["", "令和", "令和年4月1日", "令和3年13月", "令和3年4月31日", "R3.4-1", "令和7年1月時点の情報"],
)
def test_parse_wareki_returns_none_for_what_it_cannot_read(text: str) -> None:
    assert parse_wareki(text) is None


# --- properties ------------------------------------------------------------------------------


@given(gregorian_dates)
def test_kanji_wareki_round_trips_through_parse_wareki(d: date) -> None:
    assert parse_wareki(date_to_wareki(d)) == ParsedDate(d.isoformat(), "day", True)


@given(gregorian_dates)
def test_abbreviated_wareki_round_trips_through_parse_wareki(d: date) -> None:
    assert parse_wareki(date_to_wareki(d, style="abbr")) == ParsedDate(d.isoformat(), "day", True)


@given(gregorian_dates, st.sampled_from(["kanji", "abbr"]))
def test_wareki_round_trips_through_parse_date(d: date, style: str) -> None:
    parsed = parse_date(date_to_wareki(d, style=style))  # type: ignore[arg-type]
    assert parsed is not None and parsed.iso == d.isoformat()


@given(gregorian_dates)
def test_wareki_to_date_inverts_date_to_wareki(d: date) -> None:
    e = era_for(d)
    assert wareki_to_date(e.name, d.year - e.start.year + 1, d.month, d.day) == d


@given(gregorian_dates, st.sampled_from(["kanji", "abbr"]))
def test_full_width_variants_parse_like_half_width(d: date, style: str) -> None:
    text = date_to_wareki(d, style=style)  # type: ignore[arg-type]
    assert parse_wareki(fullwidth_digits(text)) == parse_wareki(text)
    assert parse_wareki(fullwidth_ascii(text)) == parse_wareki(text)


@given(cell_text)
def test_parse_wareki_never_raises(text: str) -> None:
    result = parse_wareki(text)
    assert result is None or isinstance(result, ParsedDate)


def test_importing_wareki_and_values_loads_no_django() -> None:
    code = "import sys, jp.wareki, jp.values\nprint('django' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "False"


@given(gregorian_dates, st.integers(0, 6))
def test_weekday_consistent_accepts_only_the_days_own_weekday(d: date, weekday: int) -> None:
    suffix = f"({'月火水木金土日'[weekday]})"
    assert weekday_consistent(suffix, d) == (weekday == d.weekday())
    text = f"{date_to_wareki(d)}{suffix}"
    assert (parse_wareki(text) is not None) == (weekday == d.weekday())
