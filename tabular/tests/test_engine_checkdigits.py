"""Tests of the vectorised check digits: they agree with jp.houjin / jp.lgcode exactly."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from jp import houjin, lgcode
from tabular.engine.checkdigits import invalid_values

_DIGITS = st.text(alphabet="0123456789", min_size=11, max_size=14)
_ODD = st.sampled_from(["", "１２３４５６７８９０１２３", " 1234567890123", "12345-678901", "abc"])


def _valid_houjin(base12: str) -> str:
    """A valid 法人番号 built from a 12-digit base."""
    return houjin.check_digit(base12) + base12


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_DIGITS, _ODD, st.none()), max_size=40))
def test_houjin_failures_are_exactly_what_jp_houjin_rejects(values):
    """Every distinct value jp.houjin.is_valid rejects is returned, and only those."""
    found = set(invalid_values(pa.array(values, pa.string()), "houjin"))
    assert found == {v for v in values if v is not None and not houjin.is_valid(v)}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=5, max_size=7), max_size=40))
def test_lgcode_failures_are_exactly_what_jp_lgcode_rejects(values):
    """Prefecture range and check digit are judged as jp.lgcode.is_valid judges them."""
    found = set(invalid_values(pa.array(values, pa.string()), "lgcode"))
    assert found == {v for v in values if not lgcode.is_valid(v)}


def test_valid_corporate_numbers_are_not_returned():
    """Well-formed numbers with the right check digit pass, one with a wrong digit fails."""
    good = [_valid_houjin(f"{n:012d}") for n in (1, 700150000000, 999999999999)]
    wrong = ("1" if good[0][0] != "1" else "2") + good[0][1:]
    assert invalid_values(pa.array([*good, wrong, None]), "houjin") == [wrong]


def test_every_prefecture_boundary_of_local_government_codes():
    """Codes of prefectures 00 and 48 fail even with a computed check digit; 01 and 47 pass."""
    codes = [p + "100" + lgcode._check_digit_unchecked(p + "100") for p in ("00", "01", "47", "48")]
    assert invalid_values(pa.array(codes), "lgcode") == [codes[0], codes[3]]
