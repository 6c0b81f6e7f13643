"""Tests for the 法人番号 (corporate number) check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jp import houjin
from jp.errors import InvalidCode

bases = st.text(alphabet="0123456789", min_size=12, max_size=12)


@pytest.mark.parametrize(
    "number",
    [
        "7000012050002",  # 国税庁
        "1000011000005",  # 国会
    ],
)
def test_real_corporate_numbers_are_valid(number: str) -> None:
    assert houjin.is_valid(number)
    assert houjin.check_digit(number[1:]) == number[0]


def test_check_digit_weights_digits_from_the_right() -> None:
    # 000012050002 from the right: 2·1 + 0·2 + 0·1 + 0·2 + 5·1 + 0·2 + 2·1 + 1·2 = 11
    # and 9 − (11 mod 9) = 7
    assert houjin.check_digit("000012050002") == "7"


@pytest.mark.parametrize(
    "number",
    [
        "8000012050002",
        "7000012050003",
        "700001205000",
        "70000120500021",
        "７000012050002",
        "",
        None,
    ],
)
def test_is_valid_rejects_wrong_or_malformed_numbers(number: object) -> None:
    assert not houjin.is_valid(number)  # type: ignore[arg-type]


@pytest.mark.parametrize("base", ["00001205000", "0000120500021", "00001205000a"])
def test_check_digit_rejects_anything_but_twelve_digits(base: str) -> None:
    with pytest.raises(InvalidCode):
        houjin.check_digit(base)


@given(bases)
def test_check_digit_makes_every_base_number_valid_and_is_never_zero(base: str) -> None:
    digit = houjin.check_digit(base)
    assert digit != "0"
    assert houjin.is_valid(digit + base)


@given(bases, st.integers(min_value=1, max_value=9))
def test_any_other_leading_digit_is_invalid(base: str, shift: int) -> None:
    wrong = str((int(houjin.check_digit(base)) + shift) % 10)
    assert not houjin.is_valid(wrong + base)
