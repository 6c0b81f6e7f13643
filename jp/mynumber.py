"""個人番号 (My Number, 12-digit individual number): check digit and validation (pure Python).

The LAST digit is the check digit of the first eleven: with P_n the n-th digit counted from
the right of those eleven and Q_n = n + 1 for 1 ≤ n ≤ 6, n − 5 for 7 ≤ n ≤ 11,
r = Σ P_n·Q_n mod 11 and the check digit is 0 when r ≤ 1, else 11 − r
(行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条).
This module never logs or keeps the numbers it is given.
"""

from __future__ import annotations

from jp.errors import InvalidCode

__all__ = ["InvalidCode", "check_digit", "is_valid"]


def _check_digit_unchecked(first11: str) -> int:
    """Compute the check digit of eleven ASCII digits without validating them."""
    total = sum(
        int(d) * (n + 1 if n <= 6 else n - 5)
        for n, d in enumerate(reversed(first11), start=1)
    )
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def _is_ascii_digits(s: object, length: int) -> bool:
    """Tell whether `s` is a str of exactly `length` ASCII digits."""
    return isinstance(s, str) and len(s) == length and s.isascii() and s.isdigit()


def check_digit(first11: str) -> int:
    """Return the check digit (0–9) for the first eleven digits; raise InvalidCode otherwise."""
    if not _is_ascii_digits(first11, 11):
        # The input is not echoed: it may be most of a real 個人番号.
        raise InvalidCode(
            "個人番号の検査用数字には11桁の半角数字が必要です。",
            "The individual number check digit needs eleven ASCII digits.",
        )
    return _check_digit_unchecked(first11)


def is_valid(s: str) -> bool:
    """Return True if `s` is 12 ASCII digits whose last digit is the check digit of the rest."""
    return _is_ascii_digits(s, 12) and int(s[11]) == _check_digit_unchecked(s[:11])
