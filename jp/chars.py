"""Character classes shared by the text, variant and search modules."""

from __future__ import annotations

import re
from functools import cache

# CJK ideograph blocks (unified, extensions A–I, compatibility) plus the marks that behave
# like kanji inside words: 々 (iteration), 〆 (shime), 〇 (ideographic zero), 〻 (vertical).
_KANJI = "[\u3005-\u3007\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]"


@cache
def _kanji() -> re.Pattern[str]:
    """The kanji class, compiled at first use: 2.8–2.9 ms (Python's regex compiler walks the
    28,000 BMP ideographs one by one; docs/benchmarks.md), which every process importing jp
    would otherwise pay."""
    return re.compile(_KANJI)


def is_kanji(ch: str) -> bool:
    """Return True if the single character `ch` is a CJK ideograph or a kanji-like mark."""
    return len(ch) == 1 and _kanji().match(ch) is not None


def has_kanji(s: str) -> bool:
    """Return True if `s` contains at least one kanji."""
    return _kanji().search(s) is not None
