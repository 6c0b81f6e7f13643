"""全国地方公共団体コード (local government code): check digit, validation and normalisation.

A code is 6 digits `PP CCC K`: prefecture 01–47, municipality part, check digit. The check
digit (総務省): S = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5, K = (11 − S mod 11) mod 10.
See ../shared/standards/lgcode.md. A valid code is well formed; it may still not exist:
``lookup`` says which prefecture or municipality a code belongs to (the list of 1,963 codes in
jp/data/lgcodes.csv, copied from the 総務省 list in ../shared/standards/).
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache

from jp.errors import InvalidCode

__all__ = ["InvalidCode", "LocalGovernment", "check_digit", "entries", "is_valid", "lookup",
           "normalize"]

_WEIGHTS = (6, 5, 4, 3, 2)
_NAME_JA = "全国地方公共団体コード"
_NAME_EN = "local government code"


def _is_ascii_digits(s: str, length: int) -> bool:
    """Return True if `s` is exactly `length` ASCII digits."""
    return len(s) == length and s.isascii() and s.isdigit()


def _check_digit_unchecked(code5: str) -> str:
    """Compute the check digit of five ASCII digits without validating them."""
    total = sum(int(d) * w for d, w in zip(code5, _WEIGHTS, strict=True))
    return str((11 - total % 11) % 10)


def _prefecture_ok(code: str) -> bool:
    """Return True if the first two digits are a prefecture code 01–47."""
    return 1 <= int(code[:2]) <= 47


def check_digit(code5: str) -> str:
    """Return the check digit for a 5-digit code ("13101" → "6"); raise InvalidCode otherwise."""
    if not isinstance(code5, str) or not _is_ascii_digits(code5, 5):
        raise InvalidCode(
            f"検査数字の計算には{_NAME_JA}の先頭5桁（半角数字）が必要です（入力: {code5!r}）",
            f"The check digit needs the first 5 digits of the {_NAME_EN} (got {code5!r})",
        )
    return _check_digit_unchecked(code5)


def is_valid(code: str) -> bool:
    """Return True if `code` is 6 ASCII digits, prefecture 01–47, with the right check digit."""
    return (
        isinstance(code, str)
        and _is_ascii_digits(code, 6)
        and _prefecture_ok(code)
        and code[5] == _check_digit_unchecked(code[:5])
    )


def normalize(code: str) -> str:
    """Return the 6-digit code from full-width digits, spaces or a 5-digit code; else raise."""
    if not isinstance(code, str):
        raise InvalidCode(
            f"{_NAME_JA}は文字列で指定してください（入力: {type(code).__name__}）",
            f"The {_NAME_EN} must be given as a string (got {type(code).__name__})",
        )
    s = unicodedata.normalize("NFKC", code).strip()
    if not s:
        raise InvalidCode(f"{_NAME_JA}が空です", f"The {_NAME_EN} is empty")
    if not (s.isascii() and s.isdigit()):
        raise InvalidCode(
            f"{_NAME_JA}は数字だけで指定してください（入力: {code!r}）",
            f"The {_NAME_EN} may contain digits only (got {code!r})",
        )
    if len(s) not in (5, 6):
        raise InvalidCode(
            f"{_NAME_JA}は6桁（検査数字を除くと5桁）です（入力: {len(s)}桁）",
            f"The {_NAME_EN} has 6 digits, or 5 without the check digit (got {len(s)})",
        )
    if not _prefecture_ok(s):
        raise InvalidCode(
            f"{_NAME_JA}の先頭2桁（都道府県コード）は01〜47です（入力: {s[:2]}）",
            f"The first two digits of the {_NAME_EN} (prefecture) must be 01–47 (got {s[:2]})",
        )
    expected = _check_digit_unchecked(s[:5])
    if len(s) == 5:
        return s + expected
    if s[5] != expected:
        raise InvalidCode(
            f"{_NAME_JA}の検査数字が正しくありません（期待値: {expected}）",
            f"The check digit of the {_NAME_EN} is wrong (expected {expected})",
        )
    return s


@dataclass(frozen=True)
class LocalGovernment:
    """One entry of the code list: a prefecture or a municipality."""

    lgcode: str
    prefecture: str
    name: str
    name_kana: str
    kind: str  # "prefecture" | "municipality"


@cache
def _code_list() -> dict[str, LocalGovernment]:
    """The shipped code list, by 6-digit code (read once)."""
    from importlib import resources  # ~9 ms to import in an ingest (docs/benchmarks.md)

    text = resources.files("jp").joinpath("data/lgcodes.csv").read_text("utf-8")
    return {row["lgcode"]: LocalGovernment(lgcode=row["lgcode"], prefecture=row["prefecture"],
                                           name=row["name"], name_kana=row["name_kana"],
                                           kind=row["kind"])
            for row in csv.DictReader(text.splitlines())}


def entries() -> list[LocalGovernment]:
    """Every listed prefecture and municipality, in code order."""
    return list(_code_list().values())


def lookup(code: str) -> LocalGovernment | None:
    """The prefecture or municipality a 6-digit code belongs to, or None when it is not listed."""
    return _code_list().get(code)
