"""Hypothesis strategies for cell values: Gregorian-era dates, width variants, messy numeric text."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

# 和暦 months and days are Gregorian from 明治6年1月1日; the property tests go to 2100.
gregorian_dates = st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31))

_FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_FULLWIDTH_ASCII = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}


def fullwidth_digits(s: str) -> str:
    """Return `s` with its ASCII digits written in full width (１２３)."""
    return s.translate(_FULLWIDTH_DIGITS)


def fullwidth_ascii(s: str) -> str:
    """Return `s` with every printable ASCII character in full width and spaces as U+3000."""
    return s.translate(_FULLWIDTH_ASCII).replace(" ", "\u3000")


# Characters municipal cells mix into numbers, dates, times and phone numbers.
CELL_ALPHABET = (
    "0123456789０１２３４５６７８９.,，．:：/／-－−‐―ーｰ~〜()（）〒#▲△+eE°度分秒'\"″′"
    "年月日時半午前後元令和平成昭大正明治RHSTMrhs曜木火祝現在点約人円件㎡"
    " \u3000\t\nｶﾞﾟｱ"
)
#: Text that looks like a cell value, and anything at all.
cell_text = st.one_of(
    st.text(alphabet=CELL_ALPHABET, max_size=24),
    st.text(max_size=40),
)

#: Integers and how a publisher might write them with thousands separators and padding.
integers = st.integers(min_value=-(10**15), max_value=10**15)


@st.composite
def formatted_integer(draw: st.DrawFn) -> tuple[int, str]:
    """Draw an integer and its text with separators, a ▲/−/- sign, full width and spaces."""
    n = draw(integers)
    text = f"{abs(n):,}" if draw(st.booleans()) else str(abs(n))
    if draw(st.booleans()):
        text = fullwidth_digits(text).replace(",", draw(st.sampled_from([",", "，"])))
    if n < 0:
        text = draw(st.sampled_from(["-", "−", "▲", "△", "－"])) + text
    pad = draw(st.sampled_from(["", " ", "\u3000"]))
    return n, pad + text + draw(st.sampled_from(["", " ", "\u3000"]))


#: Phone-number-like text: digits, dash variants, brackets and spaces.
phone_like = st.text(alphabet="0123456789０１２３４５６７８９-‐－−ーｰ()（） #", max_size=16)
