"""Tests for the 個人番号 (individual number) check digit."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jp import mynumber
from jp.errors import InvalidCode

firsts = st.text(alphabet="0123456789", min_size=11, max_size=11)


def test_published_test_vector_is_valid() -> None:
    assert mynumber.is_valid("621498320257")


def test_published_test_vector_with_wrong_last_digit_is_invalid() -> None:
    assert not mynumber.is_valid("621498320258")


def test_check_digit_of_published_vector_is_seven() -> None:
    assert mynumber.check_digit("62149832025") == 7


def test_small_remainders_give_check_digit_zero() -> None:
    # All zeros: Σ = 0, remainder 0 ≤ 1, so the check digit is 0.
    assert mynumber.check_digit("00000000000") == 0


@pytest.mark.parametrize(
    "value",
    ["6214983202", "621498320257", "６２１４９８３２０２５", "6214983202a", ""],
)
def test_check_digit_refuses_anything_but_eleven_ascii_digits(value: str) -> None:
    with pytest.raises(InvalidCode):
        mynumber.check_digit(value)


def test_check_digit_error_does_not_echo_the_input() -> None:
    with pytest.raises(InvalidCode) as info:
        mynumber.check_digit("6214983202")
    assert "6214983202" not in str(info.value)


@pytest.mark.parametrize(
    "value",
    ["62149832025", "6214983202570", "６２１４９８３２０２５７", "6214-9832-0257", None, 621498320257],
)
def test_is_valid_refuses_other_shapes(value: object) -> None:
    assert not mynumber.is_valid(value)  # type: ignore[arg-type]


@given(firsts)
def test_numbers_completed_with_check_digit_are_valid(first11: str) -> None:
    assert mynumber.is_valid(first11 + str(mynumber.check_digit(first11)))


def _change(number: str, position: int, shift: int) -> str:
    """Return `number` with the digit at `position` moved by `shift` (mod 10)."""
    digit = str((int(number[position]) + shift) % 10)
    return number[:position] + digit + number[position + 1 :]


@given(firsts, st.integers(min_value=0, max_value=11), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_fails_when_check_digit_is_not_zero(
    first11: str, position: int, shift: int
) -> None:
    # Remainders 0 and 1 both give check digit 0, so only there can one changed digit slip
    # through (see the next test); every other single-digit change is caught.
    check = mynumber.check_digit(first11)
    assume(check != 0)
    assert not mynumber.is_valid(_change(first11 + str(check), position, shift))


@given(firsts, st.integers(min_value=1, max_value=9))
def test_changing_the_check_digit_always_fails(first11: str, shift: int) -> None:
    number = first11 + str(mynumber.check_digit(first11))
    assert not mynumber.is_valid(_change(number, 11, shift))


def test_remainders_zero_and_one_share_check_digit_zero() -> None:
    # A documented weakness of the scheme: these two differ in one digit and both pass.
    assert mynumber.is_valid("466991207120")
    assert mynumber.is_valid("466931207120")
