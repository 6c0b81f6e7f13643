"""Tests for the 全国地方公共団体コード helpers (worked examples from lgcode.md)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jp import lgcode
from jp.lgcode import InvalidCode

SHARED = Path(__file__).resolve().parents[3] / "shared"
CODE_LIST = SHARED / "standards" / "lgcodes.csv"

WORKED_EXAMPLES = [
    ("13101", "6", "131016"),  # 東京都千代田区
    ("01100", "2", "011002"),  # 北海道札幌市
    ("01000", "6", "010006"),  # 北海道
    ("22212", "7", "222127"),  # 静岡県焼津市
    ("47201", "8", "472018"),  # 沖縄県那覇市
]

prefecture = st.integers(min_value=1, max_value=47).map(lambda p: f"{p:02d}")
municipality = st.integers(min_value=0, max_value=999).map(lambda c: f"{c:03d}")
five_digit_codes = st.builds(lambda p, c: p + c, prefecture, municipality)


@pytest.mark.parametrize(("code5", "digit", "code6"), WORKED_EXAMPLES)
def test_check_digit_matches_the_worked_examples(code5: str, digit: str, code6: str) -> None:
    assert lgcode.check_digit(code5) == digit
    assert lgcode.is_valid(code6)
    assert lgcode.normalize(code5) == code6
    assert lgcode.normalize(code6) == code6


def test_normalize_accepts_full_width_digits_and_surrounding_spaces() -> None:
    assert lgcode.normalize("\u3000１３１０１６ ") == "131016"
    assert lgcode.normalize(" ０１１００") == "011002"


def test_wrong_check_digit_gives_a_japanese_and_an_english_message() -> None:
    with pytest.raises(InvalidCode) as info:
        lgcode.normalize("131017")
    exc = info.value
    assert exc.message_ja == "全国地方公共団体コードの検査数字が正しくありません（期待値: 6）"
    assert exc.message_en == "The check digit of the local government code is wrong (expected 6)"
    assert str(exc) == f"{exc.message_ja} / {exc.message_en}"
    assert isinstance(exc, ValueError)


@pytest.mark.parametrize(
    ("raw", "fragment_en"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("13-101", "digits only"),
        ("abcdef", "digits only"),
        ("1310", "got 4"),
        ("1310166", "got 7"),
        ("481015", "01–47"),
        ("00000", "01–47"),
    ],
)
def test_normalize_rejects_malformed_codes_with_a_clear_reason(raw: str, fragment_en: str) -> None:
    with pytest.raises(InvalidCode) as info:
        lgcode.normalize(raw)
    assert fragment_en in info.value.message_en
    assert info.value.message_ja


def test_normalize_rejects_a_number_instead_of_a_string() -> None:
    with pytest.raises(InvalidCode):
        lgcode.normalize(131016)  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", ["1310", "131016", "1310a", "１３１０１", "", " 13101"])
def test_check_digit_rejects_anything_but_five_ascii_digits(raw: str) -> None:
    with pytest.raises(InvalidCode):
        lgcode.check_digit(raw)


@pytest.mark.parametrize(
    "raw", ["131017", "13101", "１３１０１６", " 131016", "481015", "000000", "1310166", None]
)
def test_is_valid_rejects_codes_that_are_not_strict_six_digit_codes(raw: object) -> None:
    assert not lgcode.is_valid(raw)  # type: ignore[arg-type]


@given(five_digit_codes)
def test_check_digit_makes_every_five_digit_code_valid(code5: str) -> None:
    assert lgcode.is_valid(code5 + lgcode.check_digit(code5))


@given(five_digit_codes, st.integers(min_value=1, max_value=9))
def test_changing_the_check_digit_makes_a_code_invalid(code5: str, shift: int) -> None:
    wrong = str((int(lgcode.check_digit(code5)) + shift) % 10)
    assert not lgcode.is_valid(code5 + wrong)
    with pytest.raises(InvalidCode):
        lgcode.normalize(code5 + wrong)


def test_every_code_in_the_shared_code_list_passes() -> None:
    if not CODE_LIST.exists():
        pytest.skip(f"{CODE_LIST} is absent (../shared is not checked out here)")
    with CODE_LIST.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 1900
    for row in rows:
        assert lgcode.is_valid(row["lgcode"]), row
        assert lgcode.normalize(row["code5"]) == row["lgcode"], row


def test_lookup_names_the_municipality_of_a_listed_code():
    from jp.lgcode import lookup

    mikawa = lookup("064262")
    assert (mikawa.name, mikawa.prefecture, mikawa.kind) == ("三川町", "山形県", "municipality")
    assert lookup("130001").kind == "prefecture"
    assert lookup("139904") is None  # well formed (the demo city's code) but not listed


def test_the_shipped_list_matches_the_standards_list():
    if not CODE_LIST.is_file():
        pytest.skip(f"../shared is absent: {CODE_LIST}")
    from jp.lgcode import _code_list

    with CODE_LIST.open(encoding="utf-8") as fh:
        codes = {row["lgcode"] for row in csv.DictReader(fh)}
    assert set(_code_list()) == codes
