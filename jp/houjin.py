"""法人番号 (13-digit corporate number): check digit and validation.

The FIRST digit is the check digit of the 12-digit base number that follows it:
check = 9 − (Σ_{n=1..12} P_n·Q_n mod 9), where P_n is the n-th digit counted from the
rightmost digit of the base and Q_n is 1 for odd n, 2 for even n (法人番号の指定等に関する省令).
"""

from __future__ import annotations

from jp.errors import InvalidCode

__all__ = ["InvalidCode", "check_digit", "is_valid"]


def _check_digit_unchecked(base12: str) -> str:
    """Compute the check digit of twelve ASCII digits without validating them."""
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base12), start=1))
    return str(9 - total % 9)


def check_digit(base12: str) -> str:
    """Return the check digit (1–9) for the 12-digit base number; raise InvalidCode otherwise."""
    if not (
        isinstance(base12, str) and len(base12) == 12 and base12.isascii() and base12.isdigit()
    ):
        raise InvalidCode(
            f"法人番号の検査用数字には12桁の基礎番号（半角数字）が必要です（入力: {base12!r}）",
            f"The corporate number check digit needs the 12-digit base number (got {base12!r})",
        )
    return _check_digit_unchecked(base12)


def is_valid(number: str) -> bool:
    """Return True if `number` is 13 ASCII digits led by the check digit of the other 12."""
    return (
        isinstance(number, str)
        and len(number) == 13
        and number.isascii()
        and number.isdigit()
        and number[0] == _check_digit_unchecked(number[1:])
    )
